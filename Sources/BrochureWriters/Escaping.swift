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
        value.withUTF8Bytes { bytes in
            for byte in bytes where byte <= 0x3E {
                switch byte {
                case 0x26, 0x3C, 0x3E, 0x0D: return true
                case 0x22, 0x27, 0x00..<0x20: if attribute { return true }
                default: break
                }
            }
            return false
        }
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
