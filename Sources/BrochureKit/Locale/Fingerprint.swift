import BrochureXML

/// The fingerprint of a source text: 64-bit FNV-1a over its canonical UTF-8, as 16 hex digits.
/// It detects change, not tampering; see docs/DECISIONS.md.
public enum Fingerprint {
    public static func of(_ text: String) -> String { hex(value(of: text)) }

    /// The fingerprint as its 64-bit value.
    public static func value(of text: String) -> UInt64 {
        text.withUTF8Bytes(value(ofBytes:))
    }

    /// The fingerprint of UTF-8 bytes, as its 64-bit value.
    static func value(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The value of a fingerprint written as 16 lower-case hex digits; nil for anything else.
    public static func value(hex text: String) -> UInt64? {
        text.withUTF8Bytes { bytes -> UInt64? in
            guard bytes.count == 16 else { return nil }
            var value: UInt64 = 0
            for byte in bytes {
                switch byte {
                case 0x30...0x39: value = value << 4 | UInt64(byte - 0x30)
                case 0x61...0x66: value = value << 4 | UInt64(byte - 0x57)
                default: return nil
                }
            }
            return value
        }
    }

    /// 16 lower-case hex digits, leading zeros kept.
    static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0x0F
                buffer[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }

    /// Message content in canonical form: well-formed XML content — text with XML white space
    /// folded to one space and trimmed, `& < >` escaped; elements as `<name attr="value">…</name>`
    /// with attributes sorted.
    static func canonical(_ content: [XMLNode]) -> String {
        canonical(FlatContent(content))
    }

    static func canonical(_ content: FlatContent) -> String {
        var out: [UInt8] = []
        canonical(content, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical form of `content` as UTF-8 bytes, written into `out` (emptied first; a
    /// reader lends one buffer to all its entries).
    static func canonical(_ content: FlatContent, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        content.units.withUnsafeBufferPointer { units in
            // Most messages are one run of text that is canonical already.
            if content.isPlainText && isCanonical(units) {
                out.append(contentsOf: units)
            } else {
                folded(content, into: &out)
            }
        }
    }

    /// True when the canonical form of `content` is empty: no element, and no text but XML
    /// white space (what folding and trimming leave nothing of).
    static func isEmpty(_ content: FlatContent) -> Bool {
        content.elements.isEmpty && content.units.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// True when text is its own canonical form: no white space but single spaces inside,
    /// nothing to escape.
    static func isCanonical(_ text: String) -> Bool {
        text.withUTF8Bytes(isCanonical)
    }

    static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0x20 // a leading space is not canonical
        for byte in bytes {
            switch byte {
            case 0x09, 0x0A, 0x0D, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return false
            case 0x20 where previous == 0x20: return false
            default: previous = byte
            }
        }
        return previous != 0x20
    }

    /// The canonical form, built byte by byte.
    static func folded(_ content: [XMLNode]) -> String {
        folded(FlatContent(content))
    }

    static func folded(_ content: FlatContent) -> String {
        var out: [UInt8] = []
        folded(content, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical form of `content`, built byte by byte, to `out` (empty).
    private static func folded(_ content: FlatContent, into out: inout [UInt8]) {
        out.reserveCapacity(content.units.count + 32)
        // How many elements have started: an end mark closes the last of them that ends there.
        // The elements are read where they stand (a copy counts a reference to each part).
        var started = 0
        content.elements.withUnsafeBufferPointer { elements in
            content.units.withUnsafeBufferPointer { bytes in
                // Runs of ordinary bytes are copied whole.
                var run = 0
                // The bytes that matter below 64, as bits: tab, LF, CR, space, & < >. Above 64 only
                // the element marks do (most bytes of text are letters: one comparison each).
                let special: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    if byte >= 64 {
                        guard byte >= FlatContent.startMark else { continue }
                    } else {
                        guard special >> UInt64(byte) & 1 != 0 else { continue }
                    }
                    // A single space after a letter stays in the run: it is canonical already.
                    if byte == 0x20 && run < index && bytes[index - 1] != 0x20 { continue }
                    if run < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                    run = index + 1
                    switch byte {
                    case FlatContent.startMark:
                        guard started < elements.count else { continue }
                        appendStartTag(elements[started], to: &out)
                        started += 1
                    case FlatContent.endMark:
                        out.append(contentsOf: "</".utf8)
                        // Back from the last element started, past those already closed (inside
                        // this one): each element is passed over at most once per enclosing element.
                        var closing = started - 1
                        while closing >= 0 && elements[closing].end != index { closing -= 1 }
                        if closing >= 0 { out.append(contentsOf: elements[closing].name.utf8) }
                        out.append(UInt8(ascii: ">"))
                    case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                    case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                    case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                    default:
                        if let last = out.last, last != 0x20 { out.append(0x20) }
                    }
                }
                if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
            }
        }
        while out.last == 0x20 { out.removeLast() }
    }

    /// `<name a="…" b="…">`, attributes sorted by name.
    private static func appendStartTag(_ element: FlatContent.Element, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: element.name.utf8)
        let attributes = element.attributes.count > 1 ? element.attributes.sorted(by: { $0.name < $1.name }) : element.attributes
        for attribute in attributes {
            let prefix = attribute.namespace == MessageParser.xmlNamespace ? "xml:" : ""
            out.append(contentsOf: " \(prefix)\(attribute.name)=\"".utf8)
            // Escaped byte by byte (each of & < " is one byte and one scalar, whatever follows it).
            for byte in attribute.value.utf8 {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
    }
}
