/// The one place where text becomes markup. Every writer escapes through here, once, at output.
public enum Escaping {
    /// Text content of HTML or XML: `& < >`, and CR as a reference so it survives a re-parse.
    public static func text(_ value: String) -> String {
        // Most text has nothing to escape: then it is returned as it is, without a copy.
        if !needsEscaping(value, attribute: false) { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An attribute value, always written in double quotes: also `" '` and white-space controls.
    public static func attribute(_ value: String) -> String {
        if !needsEscaping(value, attribute: true) { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether any byte must be escaped: a loop over the contiguous UTF-8 (all that matter are ASCII).
    static func needsEscaping(_ value: String, attribute: Bool) -> Bool {
        value.withUTF8Bytes { needsEscaping($0, attribute: attribute) }
    }

    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool) -> Bool {
        // Text content is read eight bytes at a time: each word is tested for the four
        // bytes that need escaping at once. Every text of every edition passes here.
        var start = 0
        if !attribute, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while start + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                // `<` and `>` differ in one bit only: with it set in every byte, both read as `>`.
            if Self.holds(word, 0x26) || Self.holds(word | 0x0202_0202_0202_0202, 0x3E) || Self.holds(word, 0x0D) { return true }
                start += 8
            }
        }
        for byte in bytes[start...] where byte <= 0x3E {
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x0D: return true
            case 0x22, 0x27, 0x00..<0x20: if attribute { return true }
            default: break
            }
        }
        return false
    }

    /// The escaped form of a byte of text content (`text(_:)`), nil for a byte written as it is.
    static func textReplacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x0D: "&#13;"
        default: nil
        }
    }

    /// Whether one of the eight bytes of `word` is `byte`: the bytes equal to it become zero,
    /// and a zero byte is the one whose high bit survives `(x - 0x01…) & ~x` (exact for the
    /// question whether there is one).
    @inline(__always)
    static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}

extension String {
    /// Calls `body` with the text's UTF-8 bytes, borrowed through the UTF-8 view: a `var` copy
    /// of the string and `withUTF8` would cost a retain and a release (atomic) on every call.
    /// (BrochureKit has the same helper for its own use.)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return try text.withUTF8(body)
    }
}
