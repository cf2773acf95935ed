public import BrochureDocument

/// Language-specific typography applied to formatted text.
///
/// Polish: a one-letter word (a, i, o, u, w, z) is bound to the next word with a no-break
/// space, and so is a number to the abbreviation "r." that follows it, so neither is left
/// alone at the end of a line. The rules look across markup: `w <place>Astanie</place>`,
/// `<time>2018</time> r.`.
public enum Typography {

    public static func apply(to inlines: [Inline], language: String) -> [Inline] {
        guard language == "pl" || language.hasPrefix("pl-") else { return inlines }
        var context: [Unicode.Scalar] = []
        return polish(inlines, context: &context)
    }

    private static func polish(_ inlines: [Inline], context: inout [Unicode.Scalar]) -> [Inline] {
        inlines.map { inline in
            if case .text(let text) = inline { return .text(polish(text, context: &context)) }
            return inline.with(children: polish(inline.children, context: &context))
        }
    }

    /// `context` holds the last two scalars written before this text, and is updated.
    static func polish(_ text: String, context: inout [Unicode.Scalar]) -> String {
        let before = context
        // The last two scalars written, this text's last.
        var reversed = text.unicodeScalars.reversed().makeIterator()
        if let last = reversed.next() {
            let previous = reversed.next() ?? before.last
            context = previous.map { [$0, last] } ?? [last]
        }
        guard mayBind(text, after: before.last) else { return text }
        let scalars = Array(text.unicodeScalars)
        func scalar(_ index: Int) -> Unicode.Scalar? {
            if index >= 0 { return index < scalars.count ? scalars[index] : nil }
            let fromContext = before.count + index
            return fromContext >= 0 ? before[fromContext] : nil
        }
        func isWordCharacter(_ s: Unicode.Scalar?) -> Bool {
            guard let s else { return false }
            return TextChecks.isLetterOrNumber(s) || (s.value >= 0x80 && (s.properties.isAlphabetic || s.properties.numericType != nil))
        }
        func isNumeric(_ s: Unicode.Scalar) -> Bool {
            (0x30...0x39).contains(s.value) || (s.value >= 0x80 && s.properties.numericType != nil)
        }
        var bound: [Int] = []
        for index in scalars.indices where scalars[index] == " " {
            guard let previous = scalar(index - 1) else { continue }
            let singleLetter = isBindingLetter(previous) && !isWordCharacter(scalar(index - 2))
            let yearAbbreviation = isNumeric(previous)
                && scalar(index + 1) == "r" && scalar(index + 2) == "."
                && !isWordCharacter(scalar(index + 3))
            if singleLetter || yearAbbreviation { bound.append(index) }
        }
        guard !bound.isEmpty else { return text }
        // The bound spaces (ASCII) become U+00A0 in the UTF-8, scalar by scalar.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + bound.count)
        var next = 0
        var index = -1
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 { index += 1 }
            if next < bound.count && bound[next] == index {
                out.append(0xC2)
                out.append(0xA0)
                next += 1
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// False when no space of the text can become a no-break space: none follows one of the
    /// letters a i o u w z or a digit. Answered on the UTF-8 bytes; a space after a non-ASCII
    /// character counts only when that character is numeric.
    static func mayBind(_ text: String, after previous: Unicode.Scalar?) -> Bool {
        func candidate(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x30...0x39: return true
            case 0x80...: return scalar.properties.numericType != nil
            default: return isBindingLetter(scalar)
            }
        }
        return text.withUTF8Bytes { utf8 -> Bool in
        for index in utf8.indices where utf8[index] == 0x20 {
            if index == 0 {
                if let previous, candidate(previous) { return true }
                continue
            }
            let byte = utf8[index - 1]
            if byte < 0x80 {
                if candidate(Unicode.Scalar(byte)) { return true }
                continue
            }
            // The character before the space: walk back to its lead byte.
            var start = index - 1
            while start > 0 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
            var value = UInt32(utf8[start]) & (utf8[start] >= 0xF0 ? 0x07 : utf8[start] >= 0xE0 ? 0x0F : 0x1F)
            for byte in utf8[(start + 1)..<index] { value = value << 6 | UInt32(byte & 0x3F) }
            if let scalar = Unicode.Scalar(value), candidate(scalar) { return true }
        }
        return false
        }
    }

    /// a i o u w z, either case: the one-letter words bound to the next word.
    static func isBindingLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61, 0x69, 0x6F, 0x75, 0x77, 0x7A, 0x41, 0x49, 0x4F, 0x55, 0x57, 0x5A: true
        default: false
        }
    }
}
