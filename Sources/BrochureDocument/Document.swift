/// One edition of a document in one language (or two, side by side): the writers' input.
public struct Document: Sendable, Hashable {
    /// The template's id, e.g. `brochure`.
    public var id: String
    /// The main language (BCP 47), e.g. `pl`.
    public var language: String
    /// All languages of the edition, main first.
    public var languages: [String]
    public var title: [Inline]
    public var subtitle: [Inline]
    public var blocks: [Block]
    /// Generated words in the document's language(s): "Contents", "Source"…
    public var labels: Labels
    /// Title and subtitle in the other language(s) of a side-by-side edition.
    public var translations: [Translation]
    /// A draft (`build --allow-incomplete`) that shows text in place of a missing translation
    /// or a translation out of date: the writers mark the whole document so.
    public var isDraft = false

    public init(id: String, language: String, languages: [String]? = nil, title: [Inline], subtitle: [Inline] = [],
                blocks: [Block], labels: Labels = Labels(), translations: [Translation] = []) {
        self.id = id
        self.language = language
        self.languages = languages ?? [language]
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
        self.labels = labels
        self.translations = translations
    }
}

/// Words the writers put in on their own, from the locale tables.
public struct Labels: Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(_ key: String) -> String? { values[key] }
}
