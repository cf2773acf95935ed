/// Text-level content: what a paragraph, heading or table cell holds.
public indirect enum Inline: Sendable, Hashable {
    case text(InlineString)
    case emphasis([Inline])
    case strong([Inline])
    /// The name of an organisation (DocBook `orgname`).
    case organization([Inline])
    /// The name of a place.
    case place([Inline])
    /// A phrase in another language, with its BCP 47 tag.
    case foreign(language: String, [Inline])
    /// A link; the URL was checked when it was read (http, https, mailto only).
    case link(url: String, [Inline])
    /// A date or period, with its ISO 8601 form (`2018-04`) for machines.
    case date(iso: String, [Inline])
    /// Text that stands in for a missing translation, in its real language.
    case fallback(language: String, [Inline])
    /// A translation made from an earlier source text than the current one, shown in a
    /// draft (marked as out of date).
    case outdated([Inline])
    /// Text in another language of a side-by-side edition (not a foreign phrase).
    case span(language: String, [Inline])
}

extension Inline {
    /// Text held as a string (`.text(InlineString(string))`).
    public static func text(_ string: String) -> Inline { .text(InlineString(string)) }

    /// The plain text of inline content, without markup.
    public static func plainText(_ inlines: [Inline]) -> String {
        inlines.map(\.plainText).joined()
    }

    public var plainText: String {
        switch self {
        case .text(let text): text.string
        case .emphasis(let c), .strong(let c), .organization(let c), .place(let c): Inline.plainText(c)
        case .foreign(_, let c), .link(_, let c), .date(_, let c), .fallback(_, let c), .span(_, let c): Inline.plainText(c)
        case .outdated(let c): Inline.plainText(c)
        }
    }
}
