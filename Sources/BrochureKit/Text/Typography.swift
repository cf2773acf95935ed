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
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        func isWordCharacter(_ s: Unicode.Scalar?) -> Bool {
            guard let s else { return false }
            return s.properties.isAlphabetic || s.properties.numericType != nil
        }
        for (index, scalar) in scalars.enumerated() {
            defer {
                context.append(scalar)
                if context.count > 2 { context.removeFirst() }
            }
            guard scalar == " ", let previous = context.last else { out.append(scalar); continue }
            let beforePrevious: Unicode.Scalar? = context.count > 1 ? context[context.count - 2] : nil
            let singleLetter = "aiouwzAIOUWZ".unicodeScalars.contains(previous) && !isWordCharacter(beforePrevious)
            let yearAbbreviation = previous.properties.numericType != nil
                && index + 2 < scalars.count && scalars[index + 1] == "r" && scalars[index + 2] == "."
                && !isWordCharacter(index + 3 < scalars.count ? scalars[index + 3] : nil)
            out.append(singleLetter || yearAbbreviation ? nbsp : scalar)
        }
        return String(out)
    }
}
