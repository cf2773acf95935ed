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
    ///
    /// Read on the UTF-8 bytes: only an ASCII space can bind, and the scalars around it are
    /// decoded where a rule needs them.
    static func polish(_ text: String, context: inout [Unicode.Scalar]) -> String {
        let before = context
        return text.withUTF8Bytes { bytes -> String in
            guard !bytes.isEmpty else { return text }
            // The last two scalars written, this text's last.
            let last = bytes.scalar(endingAt: bytes.count)
            let previous = last.start > 0 ? bytes.scalar(endingAt: last.start).scalar : before.last
            context = previous.map { [$0, last.scalar] } ?? [last.scalar]
            guard mayBind(bytes, after: before.last) else { return text }
            /// The scalar before the one that ends at byte `end` (from the context before the text).
            func scalarBefore(_ end: Int, back: Int) -> Unicode.Scalar? {
                var end = end
                for step in 1...back {
                    if end == 0 {
                        let fromContext = before.count - (back - step) - 1
                        return fromContext >= 0 ? before[fromContext] : nil
                    }
                    let found = bytes.scalar(endingAt: end)
                    if step == back { return found.scalar }
                    end = found.start
                }
                return nil
            }
            var bound: [Int] = []
            for index in 0..<bytes.count where bytes[index] == 0x20 {
                guard let previous = scalarBefore(index, back: 1) else { continue }
                let singleLetter = isBindingLetter(previous) && !isWordCharacter(scalarBefore(index, back: 2))
                let yearAbbreviation = isNumeric(previous)
                    && index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "r") && bytes[index + 2] == UInt8(ascii: ".")
                    && !isWordCharacter(index + 3 < bytes.count ? bytes.scalar(startingAt: index + 3).scalar : nil)
                if singleLetter || yearAbbreviation { bound.append(index) }
            }
            guard !bound.isEmpty else { return text }
            // The bound spaces (ASCII) become U+00A0.
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bound.count)
            var from = 0
            for index in bound {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
                out.append(0xC2)
                out.append(0xA0)
                from = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func isWordCharacter(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return TextChecks.isLetterOrNumber(s) || (s.value >= 0x80 && (s.properties.isAlphabetic || s.properties.numericType != nil))
    }

    private static func isNumeric(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (s.value >= 0x80 && s.properties.numericType != nil)
    }

    /// False when no space of the text can become a no-break space: none follows one of the
    /// letters a i o u w z or a digit. Answered on the UTF-8 bytes; a space after a non-ASCII
    /// character counts only when that character is numeric.
    static func mayBind(_ text: String, after previous: Unicode.Scalar?) -> Bool {
        text.withUTF8Bytes { mayBind($0, after: previous) }
    }

    static func mayBind(_ utf8: UnsafeBufferPointer<UInt8>, after previous: Unicode.Scalar?) -> Bool {
        func candidate(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x30...0x39: return true
            case 0x80...: return scalar.properties.numericType != nil
            default: return isBindingLetter(scalar)
            }
        }
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
            if candidate(utf8.scalar(endingAt: index).scalar) { return true }
        }
        return false
    }

    /// a i o u w z, either case: the one-letter words bound to the next word.
    static func isBindingLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61, 0x69, 0x6F, 0x75, 0x77, 0x7A, 0x41, 0x49, 0x4F, 0x55, 0x57, 0x5A: true
        default: false
        }
    }
}
