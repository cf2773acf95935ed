/// The few path and text operations the package took from Foundation's NSString, written out
/// with the same results, so that the tool needs only FoundationEssentials (a smaller binary
/// that starts faster: docs/DECISIONS.md #22). `PlainTextTests` holds them to NSString's answers.
public enum PathName {
    /// `directory` and `name` joined by one slash (none added after a trailing slash); either
    /// alone when the other is empty.
    public static func join(_ directory: String, _ name: String) -> String {
        if name.isEmpty { return directory }
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The last component: `a/b.xml` → `b.xml`, `a/b/` → `b`, `/` → `/`.
    public static func lastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf8.count > 1, let slash = fixed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return fixed }
        return String(fixed[fixed.utf8.index(after: slash)...])
    }

    /// The path without its last component: `a/b.xml` → `a`, `/x` → `/`, `b.xml` → ``.
    public static func parent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf8.count > 1, let slash = fixed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return fixed == "/" ? "/" : "" }
        return slash == fixed.utf8.startIndex ? "/" : String(fixed[..<slash])
    }

    /// Runs of slashes made one, and a trailing slash dropped (but from `/` itself).
    private static func fixingSlashes(_ path: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for byte in path.utf8 where !(byte == UInt8(ascii: "/") && bytes.last == UInt8(ascii: "/")) { bytes.append(byte) }
        if bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// The text without the white space at its ends, scalar by scalar: space, tab, no-break
    /// space, U+1680, U+2000–U+200B, U+202F, U+205F and U+3000, and with `newlines` also
    /// U+000A–U+000D, U+0085, U+2028 and U+2029 (what Foundation's `whitespaces` and
    /// `whitespacesAndNewlines` hold: the space separators, the tab and the zero-width space).
    public func trimmingWhitespace(newlines: Bool) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
            default: return false
            }
        }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// The text cut or filled with spaces to `length` UTF-16 units (NSString's `padding`).
    func padded(toUTF16Length length: Int) -> String {
        let count = utf16.count
        if count <= length { return self + String(repeating: " ", count: length - count) }
        return String(decoding: Array(utf16.prefix(length)), as: UTF16.self)
    }
}
