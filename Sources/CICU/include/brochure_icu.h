// A narrow C face of the system ICU (libicu-dev) for Brochure.
// ICU renames its C symbols per version (uplrules_select_72, ...); these wrappers
// give Swift stable names. All strings are UTF-8; results are written to `out`
// (NUL-terminated). Each function returns 0 on success or an ICU UErrorCode.
#ifndef BROCHURE_ICU_H
#define BROCHURE_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Formats a decimal number string with an ICU number skeleton and gives the
/// CLDR plural category of the formatted result (so "1,9 mln" selects on 1.9).
int32_t brochure_icu_format_number(const char *locale, const char *skeleton,
                                   const char *decimal,
                                   char *out, int32_t outCapacity,
                                   char *category, int32_t categoryCapacity,
                                   int32_t *skeletonErrorOffset);

/// The CLDR plural category of a decimal number string formatted with `skeleton`
/// (empty skeleton: ICU's default number format for the locale).
int32_t brochure_icu_plural_category(const char *locale, const char *skeleton,
                                     const char *decimal,
                                     char *category, int32_t categoryCapacity);

/// The plural categories the locale uses (cardinal), space-separated.
int32_t brochure_icu_plural_keywords(const char *locale, char *out, int32_t outCapacity);

/// Formats a calendar date (Gregorian, UTC) with an ICU date pattern, or with a
/// skeleton when `isSkeleton` is non-zero (best pattern for the locale).
int32_t brochure_icu_format_date(const char *locale, const char *patternOrSkeleton,
                                 int32_t isSkeleton,
                                 int32_t year, int32_t month, int32_t day,
                                 char *out, int32_t outCapacity);

/// The Unicode NFC form of UTF-8 text (`length` bytes), written to `out` (NUL-terminated).
/// Returns 0, an ICU error code, or BROCHURE_ICU_BUFFER_OVERFLOW when `outCapacity` is too small.
#define BROCHURE_ICU_BUFFER_OVERFLOW 15 /* U_BUFFER_OVERFLOW_ERROR */
int32_t brochure_icu_nfc(const char *text, int32_t length, char *out, int32_t outCapacity);

/// The ICU script code (UScriptCode) of a code point: 25 Latin, 8 Cyrillic, 0 Common, 1 Inherited.
int32_t brochure_icu_script(uint32_t codePoint);

/// The version of the ICU library, e.g. "72.1".
void brochure_icu_version(char *out, int32_t outCapacity);

/// The CLDR version of ICU's data, e.g. "42.0".
void brochure_icu_cldr_version(char *out, int32_t outCapacity);

#ifdef __cplusplus
}
#endif

#endif
