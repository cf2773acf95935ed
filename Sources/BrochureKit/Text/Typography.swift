public import BrochureDocument

/// Language-specific typography applied to formatted text.
///
/// Polish: a one-letter word (a, i, o, u, w, z) is bound to the next word with a no-break
/// space, and so is a number to the abbreviation "r." that follows it, so neither is left
/// alone at the end of a line. The rules look across markup: `w <place>Astanie</place>`,
/// `<time>2018</time> r.`.
public enum Typography {
    static let nbsp: Unicode.Scalar = "\u{00A0}"

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
        defer {
            var tail = Array(text.unicodeScalars.suffix(2))
            if tail.count < 2 { tail = Array((context + tail).suffix(2)) }
            context = tail
        }
        // Only a space can become a no-break space.
        guard text.utf8.contains(0x20) else { return text }
        let scalars = Array(text.unicodeScalars)
        let before = context
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
            let singleLetter = "aiouwzAIOUWZ".unicodeScalars.contains(previous) && !isWordCharacter(scalar(index - 2))
            let yearAbbreviation = isNumeric(previous)
                && scalar(index + 1) == "r" && scalar(index + 2) == "."
                && !isWordCharacter(scalar(index + 3))
            if singleLetter || yearAbbreviation { bound.append(index) }
        }
        guard !bound.isEmpty else { return text }
        var out = String.UnicodeScalarView()
        var next = 0
        for (index, s) in scalars.enumerated() {
            if next < bound.count && bound[next] == index { out.append(nbsp); next += 1 } else { out.append(s) }
        }
        return String(out)
    }
}
