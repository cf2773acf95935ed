#define _GNU_SOURCE
#include "brochure_bytes.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline int is_stop(uint8_t b, int pound) {
    return b >= 0xFE || b == '\'' || b == '{' || b == '}' || (pound && b == '#');
}

size_t brochure_first_stop(const uint8_t *bytes, size_t count, int pound) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i mark = _mm_set1_epi8((char)0xFE), quote = _mm_set1_epi8('\''),
                  open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}'),
                  hash = _mm_set1_epi8(pound ? '#' : '\''); // without `pound`: a quote again
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        // v >= 0xFE: max(v, 0xFE) == v.
        __m128i stop = _mm_cmpeq_epi8(_mm_max_epu8(v, mark), v);
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, quote));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, open));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, close));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, hash));
        int found = _mm_movemask_epi8(stop);
        if (found) return i + (size_t)__builtin_ctz((unsigned)found);
    }
#endif
    for (; i < count; i++) if (is_stop(bytes[i], pound)) return i;
    return count;
}

enum { DIGIT = 1, HYPHEN = 2, SPACE = 4, AFTER_SPACE = 8, CYRILLIC = 16, LATIN = 32, CONTINUATION = 64, MARK = 128 };


// The flags of each byte value, as `LiteralHints.table` gives them (the enum above; the tests
// compare every answer with the Swift table's).
static const uint8_t flag_table[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    12, 136, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 136, 2, 136, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 136, 136, 0, 0, 0, 136,
    0, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 0, 0, 0, 0, 0,
    0, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 0, 0, 0, 0, 0,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    16, 16, 16, 16, 48, 48, 48, 48, 48, 49, 48, 49, 48, 48, 48, 49,
    49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49,
    49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49, 49,
};

brochure_hint_scan brochure_scan_hints(const uint8_t *bytes, size_t count) {
    uint8_t found = 0, pairs = 0, previous = 0;
    size_t continuations = 0, i = 0;
#if defined(__SSE2__)
    if (count >= 17) {
        // The first byte alone: each block after it reads the byte before it too.
        previous = flag_table[bytes[0]];
        found = previous;
        continuations = (previous >> 6) & 1;
        i = 1;
        int digit = 0, hyphen = 0, cyrillic = 0, latin = 0, pair = 0, mark = 0;
        const __m128i c20 = _mm_set1_epi8(0x20);
        for (;;) {
            // The last block ends at the end, over bytes a block before it read: those lanes
            // (`seen`) are left out of the count (the flags are the same read twice).
            int seen = 0;
            if (i + 16 > count) {
                if (i == count) break;
                seen = (int)(i + 16 - count);
                i = count - 16;
            }
            __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
            __m128i before = _mm_loadu_si128((const __m128i *)(bytes + i - 1));
#define GE(x, k) _mm_cmpeq_epi8(_mm_max_epu8((x), _mm_set1_epi8((char)(k))), (x))
#define LE(x, k) _mm_cmpeq_epi8(_mm_min_epu8((x), _mm_set1_epi8((char)(k))), (x))
#define EQ(x, k) _mm_cmpeq_epi8((x), _mm_set1_epi8((char)(k)))
            __m128i d = _mm_or_si128(_mm_and_si128(GE(v, 0x30), LE(v, 0x39)),
                        _mm_or_si128(_mm_or_si128(EQ(v, 0xD9), EQ(v, 0xDB)), _mm_or_si128(EQ(v, 0xDF), GE(v, 0xE0))));
            digit |= _mm_movemask_epi8(d);
            hyphen |= _mm_movemask_epi8(EQ(v, 0x2D));
            __m128i high = GE(v, 0xD0);
            cyrillic |= _mm_movemask_epi8(high);
            __m128i folded = _mm_or_si128(v, c20);
            __m128i letter = _mm_and_si128(GE(folded, 0x61), LE(folded, 0x7A));
            __m128i beyond = _mm_andnot_si128(_mm_and_si128(high, LE(v, 0xD3)), GE(v, 0xC0));
            latin |= _mm_movemask_epi8(_mm_or_si128(letter, beyond));
            __m128i space = EQ(v, 0x20), paren = EQ(v, 0x29);
            __m128i marks = _mm_or_si128(_mm_or_si128(_mm_or_si128(EQ(v, 0x2C), EQ(v, 0x2E)), _mm_or_si128(EQ(v, 0x3B), EQ(v, 0x3A))),
                            _mm_or_si128(EQ(v, 0x21), EQ(v, 0x3F)));
            __m128i after = _mm_or_si128(_mm_or_si128(space, paren), marks);
            pair |= _mm_movemask_epi8(_mm_and_si128(EQ(before, 0x20), after));
            // A mark of `, . ; : ! ?` before an ASCII letter or a lead byte at or above 0xC0:
            // this block's marks moved one lane on, and for its first lane the byte before it,
            // told by the table.
            int letterish = _mm_movemask_epi8(_mm_or_si128(letter, GE(v, 0xC0)));
            mark |= _mm_movemask_epi8(_mm_slli_si128(marks, 1)) & letterish;
            mark |= (flag_table[bytes[i - 1]] & MARK) ? (letterish & 1) : 0;
            unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
            continuations += (size_t)__builtin_popcount(cont >> seen);
#undef GE
#undef LE
#undef EQ
            i += 16;
        }
        if (digit) found |= DIGIT;
        if (hyphen) found |= HYPHEN;
        if (cyrillic) found |= CYRILLIC;
        if (latin) found |= LATIN;
        if (pair) pairs |= AFTER_SPACE;
        if (mark) pairs |= MARK;
    }
#endif
    for (; i < count; i++) {
        uint8_t f = flag_table[bytes[i]];
        found |= f;
        pairs |= (uint8_t)(((previous & SPACE) << 1) & f);
        // A mark before a byte that may begin a letter (LATIN or CYRILLIC: an ASCII letter or 0xC0 and above).
        pairs |= (uint8_t)(previous & MARK & -(uint8_t)((f & (LATIN | CYRILLIC)) != 0));
        previous = f;
        continuations += (f >> 6) & 1;
    }
    brochure_hint_scan scan = { count - continuations, (uint8_t)((found & (DIGIT | HYPHEN | CYRILLIC | LATIN)) | (pairs & (AFTER_SPACE | MARK))) };
    return scan;
}

long brochure_last_byte(const uint8_t *bytes, size_t count, uint8_t byte) {
    const uint8_t *found = memrchr(bytes, byte, count);
    return found ? (long)(found - bytes) : -1;
}
