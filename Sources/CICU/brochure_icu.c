#include "brochure_icu.h"

#include <stdio.h>
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
#include <unicode/unorm2.h>

#include <pthread.h>
#include <stdlib.h>

enum { kUnits = 512 };

/* ---- A small cache of ICU objects: opening them costs far more than using them. ----
 * Keys are "kind|locale|text"; the cache holds at most kCacheSize objects and is never
 * emptied (a build uses a handful of locales, skeletons and patterns). Number formatters and
 * plural rules are immutable and may be used from several threads; date formatters and
 * calendars are not, so their use is serialized by `format_lock`. */
enum { kCacheSize = 512 };
typedef struct { unsigned long hash; char *key; void *value; } CacheEntry;
static CacheEntry cache[kCacheSize];
static int cacheCount = 0;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t format_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long hash_key(const char *key) {
    unsigned long h = 1469598103934665603UL;
    for (; *key; key++) { h ^= (unsigned char)*key; h *= 1099511628211UL; }
    return h;
}

static void *cache_get(const char *key) {
    unsigned long h = hash_key(key);
    void *found = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < cacheCount; i++) {
        if (cache[i].hash == h && strcmp(cache[i].key, key) == 0) { found = cache[i].value; break; }
    }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/* Stores `value` unless the cache is full or the key is taken; returns 1 when stored. */
static int cache_put(const char *key, void *value) {
    unsigned long h = hash_key(key);
    int stored = 0;
    pthread_mutex_lock(&cache_lock);
    int taken = 0;
    for (int i = 0; i < cacheCount; i++) {
        if (cache[i].hash == h && strcmp(cache[i].key, key) == 0) { taken = 1; break; }
    }
    if (!taken && cacheCount < kCacheSize) {
        cache[cacheCount].hash = h;
        cache[cacheCount].key = strdup(key);
        cache[cacheCount].value = value;
        cacheCount++;
        stored = 1;
    }
    pthread_mutex_unlock(&cache_lock);
    return stored;
}

static void make_key(char *out, size_t cap, const char *kind, const char *locale, const char *text) {
    snprintf(out, cap, "%s|%s|%s", kind, locale, text);
}

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

static UPluralRules *plural_rules(const char *locale, UErrorCode *status) {
    char key[600];
    make_key(key, sizeof key, "plural", locale, "");
    UPluralRules *rules = cache_get(key);
    if (rules) return rules;
    rules = uplrules_open(locale, status);
    if (U_FAILURE(*status)) return NULL;
    if (!cache_put(key, rules)) { uplrules_close(rules); return plural_rules(locale, status); }
    return rules;
}

static int32_t select_category(const char *locale, const UFormattedNumber *number,
                               char *category, int32_t categoryCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = plural_rules(locale, &status);
    if (U_FAILURE(status)) return status;
    UChar keyword[32];
    int32_t len = uplrules_selectFormatted(rules, number, keyword, 32, &status);
    if (U_FAILURE(status)) return status;
    return to_utf8(keyword, len, category, categoryCapacity);
}

int32_t brochure_icu_format_number(const char *locale, const char *skeleton,
                                   const char *decimal,
                                   char *out, int32_t outCapacity,
                                   char *category, int32_t categoryCapacity,
                                   int32_t *skeletonErrorOffset) {
    char key[600];
    make_key(key, sizeof key, "number", locale, skeleton);
    UNumberFormatter *fmt = cache_get(key);
    UErrorCode status = U_ZERO_ERROR;
    int32_t rc = 0;
    if (!fmt) {
        UChar skel[kUnits];
        int32_t skelLen = 0;
        rc = from_utf8(skeleton, skel, kUnits, &skelLen);
        if (rc) return rc;
        UParseError perr;
        memset(&perr, 0, sizeof perr);
        fmt = unumf_openForSkeletonAndLocaleWithError(skel, skelLen, locale, &perr, &status);
        if (U_FAILURE(status)) {
            /* ICU hands back an object even when the skeleton is bad: it must be closed. */
            if (fmt) unumf_close(fmt);
            if (skeletonErrorOffset) *skeletonErrorOffset = perr.offset;
            return status;
        }
        if (!cache_put(key, fmt)) { unumf_close(fmt); fmt = cache_get(key); if (!fmt) return U_MEMORY_ALLOCATION_ERROR; }
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
    UPluralRules *rules = plural_rules(locale, &status);
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
    return U_FAILURE(status) ? status : 0;
}

int32_t brochure_icu_format_date(const char *locale, const char *patternOrSkeleton,
                                 int32_t isSkeleton,
                                 int32_t year, int32_t month, int32_t day,
                                 char *out, int32_t outCapacity) {
    char key[600];
    make_key(key, sizeof key, isSkeleton ? "date-skeleton" : "date-pattern", locale, patternOrSkeleton);
    UDateFormat *fmt = cache_get(key);
    UErrorCode status = U_ZERO_ERROR;
    static const UChar utc[] = {'U', 'T', 'C', 0};
    if (!fmt) {
        UChar input[kUnits];
        int32_t inputLen = 0;
        int32_t rc = from_utf8(patternOrSkeleton, input, kUnits, &inputLen);
        if (rc) return rc;
        UChar pattern[kUnits];
        int32_t patternLen = inputLen;
        if (isSkeleton) {
            /* One pattern generator per locale: opening one loads the locale's calendar data
               and costs far more than a formatter. A generator is not thread-safe: its use is
               serialized by `format_lock`. */
            char genKey[600];
            make_key(genKey, sizeof genKey, "date-pattern-generator", locale, "");
            UDateTimePatternGenerator *gen = cache_get(genKey);
            if (!gen) {
                gen = udatpg_open(locale, &status);
                if (U_FAILURE(status)) { if (gen) udatpg_close(gen); return status; }
                if (!cache_put(genKey, gen)) { udatpg_close(gen); gen = cache_get(genKey); if (!gen) return U_MEMORY_ALLOCATION_ERROR; }
            }
            pthread_mutex_lock(&format_lock);
            patternLen = udatpg_getBestPattern(gen, input, inputLen, pattern, kUnits, &status);
            pthread_mutex_unlock(&format_lock);
            if (U_FAILURE(status)) return status;
        } else {
            memcpy(pattern, input, sizeof(UChar) * (size_t)(inputLen + 1));
        }
        fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, utc, -1, pattern, patternLen, &status);
        if (U_FAILURE(status)) { if (fmt) udat_close(fmt); return status; }
        if (!cache_put(key, fmt)) { udat_close(fmt); fmt = cache_get(key); if (!fmt) return U_MEMORY_ALLOCATION_ERROR; }
    }
    pthread_mutex_lock(&format_lock);
    /* The formatter's own calendar (Gregorian, UTC) turns the date into a UDate. */
    UCalendar *cal = (UCalendar *)udat_getCalendar(fmt);
    UCalendar *work = ucal_clone(cal, &status);
    UChar text[kUnits];
    int32_t len = 0;
    if (U_SUCCESS(status)) {
        ucal_clear(work);
        ucal_setDateTime(work, year, month - 1, day, 12, 0, 0, &status);
        UDate when = ucal_getMillis(work, &status);
        len = udat_format(fmt, when, text, kUnits, NULL, &status);
        ucal_close(work);
    }
    pthread_mutex_unlock(&format_lock);
    if (U_FAILURE(status)) return status;
    return to_utf8(text, len, out, outCapacity);
}

_Static_assert(BROCHURE_ICU_BUFFER_OVERFLOW == U_BUFFER_OVERFLOW_ERROR, "the header names ICU's code");

int32_t brochure_icu_nfc(const char *text, int32_t length, char *out, int32_t outCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return status;
    int32_t units = 0;
    u_strFromUTF8(NULL, 0, &units, text, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return status;
    status = U_ZERO_ERROR;
    /* NFC never more than triples the length of a text (Unicode's stated bound). */
    int32_t capacity = units * 3 + 1;
    UChar *source = malloc(sizeof(UChar) * (size_t)(units + 1));
    UChar *normal = malloc(sizeof(UChar) * (size_t)capacity);
    if (!source || !normal) { free(source); free(normal); return U_MEMORY_ALLOCATION_ERROR; }
    u_strFromUTF8(source, units + 1, NULL, text, length, &status);
    int32_t normalLength = U_SUCCESS(status) ? unorm2_normalize(nfc, source, units, normal, capacity, &status) : 0;
    if (U_SUCCESS(status)) u_strToUTF8(out, outCapacity, NULL, normal, normalLength, &status);
    if (status == U_STRING_NOT_TERMINATED_WARNING) status = U_BUFFER_OVERFLOW_ERROR;
    free(source);
    free(normal);
    return U_FAILURE(status) ? status : 0;
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
