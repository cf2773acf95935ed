#include "brochure_icu.h"

#include <string.h>
#include <unicode/uversion.h>
#include <unicode/ustring.h>
#include <unicode/unumberformatter.h>
#include <unicode/upluralrules.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ucal.h>
#include <unicode/uscript.h>
#include <unicode/ulocdata.h>
#include <unicode/uenum.h>

enum { kUnits = 512 };

static int32_t to_utf8(const UChar *src, int32_t len, char *out, int32_t cap) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8(out, cap, &written, src, len, &status);
    if (U_FAILURE(status)) return status;
    if (written >= cap) return U_BUFFER_OVERFLOW_ERROR;
    out[written] = 0;
    return 0;
}

static int32_t from_utf8(const char *src, UChar *out, int32_t cap, int32_t *len) {
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(out, cap, len, src, -1, &status);
    if (U_FAILURE(status)) return status;
    if (*len >= cap) return U_BUFFER_OVERFLOW_ERROR;
    out[*len] = 0;
    return 0;
}

static int32_t select_category(const char *locale, const UFormattedNumber *number,
                               char *category, int32_t categoryCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &status);
    if (U_FAILURE(status)) return status;
    UChar keyword[32];
    int32_t len = uplrules_selectFormatted(rules, number, keyword, 32, &status);
    uplrules_close(rules);
    if (U_FAILURE(status)) return status;
    return to_utf8(keyword, len, category, categoryCapacity);
}

int32_t brochure_icu_format_number(const char *locale, const char *skeleton,
                                   const char *decimal,
                                   char *out, int32_t outCapacity,
                                   char *category, int32_t categoryCapacity,
                                   int32_t *skeletonErrorOffset) {
    UChar skel[kUnits];
    int32_t skelLen = 0;
    int32_t rc = from_utf8(skeleton, skel, kUnits, &skelLen);
    if (rc) return rc;
    UErrorCode status = U_ZERO_ERROR;
    UParseError perr;
    memset(&perr, 0, sizeof perr);
    UNumberFormatter *fmt = unumf_openForSkeletonAndLocaleWithError(skel, skelLen, locale, &perr, &status);
    if (U_FAILURE(status)) {
        if (skeletonErrorOffset) *skeletonErrorOffset = perr.offset;
        return status;
    }
    UFormattedNumber *result = unumf_openResult(&status);
    unumf_formatDecimal(fmt, decimal, (int32_t)strlen(decimal), result, &status);
    UChar text[kUnits];
    int32_t len = unumf_resultToString(result, text, kUnits, &status);
    if (U_SUCCESS(status)) {
        rc = to_utf8(text, len, out, outCapacity);
        if (!rc && category) rc = select_category(locale, result, category, categoryCapacity);
    } else {
        rc = status;
    }
    unumf_closeResult(result);
    unumf_close(fmt);
    return rc;
}

int32_t brochure_icu_plural_category(const char *locale, const char *skeleton,
                                     const char *decimal,
                                     char *category, int32_t categoryCapacity) {
    char ignored[kUnits];
    return brochure_icu_format_number(locale, skeleton, decimal, ignored, kUnits,
                                      category, categoryCapacity, 0);
}

int32_t brochure_icu_plural_keywords(const char *locale, char *out, int32_t outCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &status);
    if (U_FAILURE(status)) return status;
    UEnumeration *keywords = uplrules_getKeywords(rules, &status);
    int32_t used = 0;
    out[0] = 0;
    if (U_SUCCESS(status)) {
        const char *kw;
        int32_t kwLen;
        while ((kw = uenum_next(keywords, &kwLen, &status)) != NULL && U_SUCCESS(status)) {
            if (used + kwLen + 2 > outCapacity) { status = U_BUFFER_OVERFLOW_ERROR; break; }
            if (used) out[used++] = ' ';
            memcpy(out + used, kw, (size_t)kwLen);
            used += kwLen;
            out[used] = 0;
        }
        uenum_close(keywords);
    }
    uplrules_close(rules);
    return U_FAILURE(status) ? status : 0;
}

int32_t brochure_icu_format_date(const char *locale, const char *patternOrSkeleton,
                                 int32_t isSkeleton,
                                 int32_t year, int32_t month, int32_t day,
                                 char *out, int32_t outCapacity) {
    UChar input[kUnits];
    int32_t inputLen = 0;
    int32_t rc = from_utf8(patternOrSkeleton, input, kUnits, &inputLen);
    if (rc) return rc;
    UErrorCode status = U_ZERO_ERROR;
    UChar pattern[kUnits];
    int32_t patternLen = inputLen;
    if (isSkeleton) {
        UDateTimePatternGenerator *gen = udatpg_open(locale, &status);
        if (U_FAILURE(status)) return status;
        patternLen = udatpg_getBestPattern(gen, input, inputLen, pattern, kUnits, &status);
        udatpg_close(gen);
        if (U_FAILURE(status)) return status;
    } else {
        memcpy(pattern, input, sizeof(UChar) * (size_t)(inputLen + 1));
    }
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UDateFormat *fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, utc, -1, pattern, patternLen, &status);
    if (U_FAILURE(status)) return status;
    UCalendar *cal = ucal_open(utc, -1, locale, UCAL_GREGORIAN, &status);
    if (U_FAILURE(status)) { udat_close(fmt); return status; }
    ucal_clear(cal);
    ucal_setDateTime(cal, year, month - 1, day, 12, 0, 0, &status);
    UDate when = ucal_getMillis(cal, &status);
    UChar text[kUnits];
    int32_t len = udat_format(fmt, when, text, kUnits, NULL, &status);
    ucal_close(cal);
    udat_close(fmt);
    if (U_FAILURE(status)) return status;
    return to_utf8(text, len, out, outCapacity);
}

int32_t brochure_icu_script(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)codePoint, &status);
    return U_FAILURE(status) ? -1 : (int32_t)code;
}

void brochure_icu_version(char *out, int32_t outCapacity) {
    UVersionInfo v;
    u_getVersion(v);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, text);
    strncpy(out, text, (size_t)outCapacity - 1);
    out[outCapacity - 1] = 0;
}

void brochure_icu_cldr_version(char *out, int32_t outCapacity) {
    UVersionInfo v;
    UErrorCode status = U_ZERO_ERROR;
    ulocdata_getCLDRVersion(v, &status);
    char text[U_MAX_VERSION_STRING_LENGTH] = "unknown";
    if (U_SUCCESS(status)) u_versionToString(v, text);
    strncpy(out, text, (size_t)outCapacity - 1);
    out[outCapacity - 1] = 0;
}
