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
        var context = Context()
        return polish(inlines, context: &context) ?? inlines
    }

    /// The last two scalars written before a text (nil where there were fewer).
    struct Context: Equatable {
        var previous: Unicode.Scalar?
        var last: Unicode.Scalar?

        init(previous: Unicode.Scalar? = nil, last: Unicode.Scalar? = nil) {
            (self.previous, self.last) = (previous, last)
        }

        /// The last two of `scalars`.
        init(_ scalars: [Unicode.Scalar]) {
            self.init(previous: scalars.count > 1 ? scalars[scalars.count - 2] : nil, last: scalars.last)
        }

        var scalars: [Unicode.Scalar] { [previous, last].compactMap { $0 } }
    }

    /// The inlines with their texts polished; nil when no text changed (most messages: then
    /// nothing is rebuilt).
    private static func polish(_ inlines: [Inline], context: inout Context) -> [Inline]? {
        var changed: [Inline]?
        for index in inlines.indices {
            let inline = inlines[index]
            let replacement: Inline?
            if case .text(let text) = inline {
                replacement = polished(text, context: &context).map { .text($0) }
            } else {
                replacement = polish(inline.children, context: &context).map { inline.with(children: $0) }
            }
            if let replacement {
                if changed == nil { changed = inlines }
                changed![index] = replacement
            }
        }
        return changed
    }

    /// `context` holds the last two scalars written before this text, and is updated.
    static func polish(_ text: String, context: inout Context) -> String {
        polished(text, context: &context) ?? text
    }

    /// The text with its bound spaces made no-break; nil when none binds (the text stays).
    ///
    /// Read on the UTF-8 bytes: only an ASCII space can bind, and the scalars around it are
    /// decoded where a rule needs them.
    static func polished(_ text: String, context: inout Context) -> String? {
        let before = context
        return text.withUTF8Bytes { bytes -> String? in
            guard !bytes.isEmpty else { return nil }
            // The last two scalars written, this text's last.
            let last = bytes.scalar(endingAt: bytes.count)
            let previous = last.start > 0 ? bytes.scalar(endingAt: last.start).scalar : before.last
            context = Context(previous: previous, last: last.scalar)
            guard mayBind(bytes, after: before.last) else { return nil }
            /// The scalar `back` scalars before byte `end` (1: the one that ends there), from
            /// the context before the text where the text has too few.
            func scalarBefore(_ end: Int, back: Int) -> Unicode.Scalar? {
                var end = end
                for step in 1...back {
                    if end == 0 {
                        switch back - step {
                        case 0: return before.last
                        case 1: return before.previous
                        default: return nil
                        }
                    }
                    let found = bytes.scalar(endingAt: end)
                    if step == back { return found.scalar }
                    end = found.start
                }
                return nil
            }
            var out: [UInt8] = []
            var from = 0
            for index in 0..<bytes.count where bytes[index] == 0x20 {
                guard let previous = scalarBefore(index, back: 1) else { continue }
                let singleLetter = isBindingLetter(previous) && !isWordCharacter(scalarBefore(index, back: 2))
                let yearAbbreviation = isNumeric(previous)
                    && index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "r") && bytes[index + 2] == UInt8(ascii: ".")
                    && !isWordCharacter(index + 3 < bytes.count ? bytes.scalar(startingAt: index + 3).scalar : nil)
                guard singleLetter || yearAbbreviation else { continue }
                // The bound space (ASCII) becomes U+00A0.
                if out.isEmpty { out.reserveCapacity(bytes.count + 8) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
                out.append(0xC2)
                out.append(0xA0)
                from = index + 1
            }
            guard from > 0 else { return nil }
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

    /// False when no space of the text can become a no-break space: none follows a one-letter
    /// word a i o u w z, and none follows a digit and comes before "r.". Answered on the UTF-8
    /// bytes where that is plain; wherever it is not (a non-ASCII character around the space,
    /// the text's start), the space counts as one that may bind and `polished` decides.
    static func mayBind(_ text: String, after previous: Unicode.Scalar?) -> Bool {
        text.withUTF8Bytes { mayBind($0, after: previous) }
    }

    static func mayBind(_ utf8: UnsafeBufferPointer<UInt8>, after previous: Unicode.Scalar?) -> Bool {
        func isASCIIWordByte(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        for index in utf8.indices where utf8[index] == 0x20 {
            let before: Unicode.Scalar
            if index == 0 {
                guard let previous else { continue }
                before = previous
            } else if utf8[index - 1] < 0x80 {
                before = Unicode.Scalar(utf8[index - 1])
            } else {
                before = utf8.scalar(endingAt: index).scalar
            }
            if isBindingLetter(before) {
                // A letter after an ASCII letter or digit ends a longer word: it binds nothing.
                if index >= 2 && isASCIIWordByte(utf8[index - 2]) { continue }
                return true
            }
            if (0x30...0x39).contains(before.value) || (before.value >= 0x80 && before.properties.numericType != nil) {
                // A number binds only to the "r." right after the space.
                if index + 2 < utf8.count && utf8[index + 1] == UInt8(ascii: "r") && utf8[index + 2] == UInt8(ascii: ".") { return true }
            }
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
