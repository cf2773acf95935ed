// Byte scans over UTF-8 text, sixteen bytes at a time (SSE2 on x86-64, byte by byte
// elsewhere). Each answers exactly as its byte-by-byte reading in Swift does; the tests
// hold them to it (`ByteScanTests`).
#ifndef BROCHURE_BYTES_H
#define BROCHURE_BYTES_H

#include <stddef.h>
#include <stdint.h>

/// The index of the first byte of `bytes[0..<count]` that ends a run of message text: 0xFE
/// or above (an element mark), `'`, `{`, `}`, and `#` when `pound` is not 0. `count` if none.
size_t brochure_first_stop(const uint8_t *bytes, size_t count, int pound);

/// What one pass over a literal's bytes tells the text checks (`LiteralHints`).
typedef struct {
    /// Bytes that begin a scalar (all but continuation bytes 10xxxxxx).
    size_t scalars;
    /// LiteralHints' bits: 1 a byte that may begin a digit, 2 a hyphen-minus, 8 a space
    /// followed by a space or one of `, . ; : ! ? )`, 16 a byte at or above 0xD0, 32 an ASCII
    /// letter or a byte at or above 0xC0 that is not 0xD0–0xD3, 128 one of `, . ; : ! ?`
    /// followed by an ASCII letter or a byte at or above 0xC0.
    uint8_t bits;
} brochure_hint_scan;

brochure_hint_scan brochure_scan_hints(const uint8_t *bytes, size_t count);

/// The last `byte` at or before `bytes[count - 1]` (glibc's memrchr, which <string.h>
/// declares only with _GNU_SOURCE): its index, or -1.
long brochure_last_byte(const uint8_t *bytes, size_t count, uint8_t byte);

#endif
