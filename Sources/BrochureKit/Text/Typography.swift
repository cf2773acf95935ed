public import BrochureDocument

/// Language-specific typography applied to formatted text.
///
/// Polish: a one-letter word (a, i, o, u, w, z) is bound to the next word with a no-break
/// space, and so is a number to the abbreviation "r." that follows it, so neither is left
/// alone at the end of a line.
public enum Typography {
    static let nbsp: Unicode.Scalar = "\u{00A0}"

    public static func apply(to inlines: [Inline], language: String) -> [Inline] {
        guard language == "pl" || language.hasPrefix("pl-") else { return inlines }
        return inlines.map { inline in
            if case .text(let text) = inline { return .text(polish(text)) }
            return inline.with(children: apply(to: Whitespace.children(of: inline), language: language))
        }
    }

    static func polish(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            guard scalar == " ", index > 0 else { out.append(scalar); continue }
            let previous = scalars[index - 1]
            let beforePrevious: Unicode.Scalar? = index > 1 ? scalars[index - 2] : nil
            let singleLetter = "aiouwzAIOUWZ".unicodeScalars.contains(previous)
                && (beforePrevious == nil || !(beforePrevious!.properties.isAlphabetic || beforePrevious!.properties.numericType != nil))
            let yearAbbreviation = previous.properties.numericType != nil && index + 1 < scalars.count && scalars[index + 1] == "r"
                && (index + 2 < scalars.count && scalars[index + 2] == ".")
            out.append(singleLetter || yearAbbreviation ? nbsp : scalar)
        }
        return String(out)
    }
}
