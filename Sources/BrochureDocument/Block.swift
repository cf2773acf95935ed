/// Block-level content of a document.
public indirect enum Block: Sendable, Hashable {
    case section(Section)
    case paragraph([Inline])
    case list(List)
    case table(Table)
    case timeline(Timeline)
    /// A small print note: sources, as-of dates, remarks.
    case note([Inline])
    /// Two languages side by side, unit facing unit.
    case parallel(Parallel)
    /// A picture drawn from the profile, with its caption and a text alternative.
    case figure(Figure)
}

/// A picture made from facts: the writers draw it (SVG) from this description.
public struct Figure: Sendable, Hashable {
    public var id: String
    public var caption: [Inline]
    /// What the picture shows, in words, for readers who cannot see it.
    public var alternative: String
    public var graphic: Graphic

    public init(id: String, caption: [Inline], alternative: String, graphic: Graphic) {
        self.id = id
        self.caption = caption
        self.alternative = alternative
        self.graphic = graphic
    }
}

public enum Graphic: Sendable, Hashable {
    /// Events on a time axis: ISO date, the date as the reader reads it, a short label.
    case timeline([TimePoint])
    /// Key figures as large numbers with their labels.
    case figures([Figure.Value])
}

public struct TimePoint: Sendable, Hashable {
    public var iso: String
    public var when: String
    public var label: String

    public init(iso: String, when: String, label: String) {
        self.iso = iso
        self.when = when
        self.label = label
    }
}

extension Figure {
    public struct Value: Sendable, Hashable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }
}

/// A titled part of a document.
public struct Section: Sendable, Hashable {
    public var id: String
    public var title: [Inline]
    public var blocks: [Block]
    /// The title in the other language(s) of a side-by-side edition.
    public var translations: [Translation]

    public init(id: String, title: [Inline], blocks: [Block], translations: [Translation] = []) {
        self.id = id
        self.title = title
        self.blocks = blocks
        self.translations = translations
    }
}

/// A title (and subtitle or body) in another language of a side-by-side edition.
public struct Translation: Sendable, Hashable {
    public var language: String
    public var title: [Inline]
    public var subtitle: [Inline]
    public var body: [[Inline]]

    public init(language: String, title: [Inline], subtitle: [Inline] = [], body: [[Inline]] = []) {
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.body = body
    }
}

/// A bulleted or numbered list.
public struct List: Sendable, Hashable {
    public var ordered: Bool
    public var items: [[Inline]]

    public init(ordered: Bool = false, items: [[Inline]]) {
        self.ordered = ordered
        self.items = items
    }
}

/// A table with a caption, column headings and rows whose first cell heads the row.
public struct Table: Sendable, Hashable {
    public var id: String
    public var caption: [Inline]
    public var columns: [[Inline]]
    public var rows: [TableRow]
    /// What the table is for (`key-figures`, `timeline`…), for styling.
    public var role: String?

    public init(id: String, caption: [Inline], columns: [[Inline]], rows: [TableRow], role: String? = nil) {
        self.id = id
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.role = role
    }
}

/// One row: a heading cell and data cells.
public struct TableRow: Sendable, Hashable {
    public var header: [Inline]
    public var cells: [[Inline]]

    public init(header: [Inline], cells: [[Inline]]) {
        self.header = header
        self.cells = cells
    }
}

/// Events in time order, each with its date and what happened.
public struct Timeline: Sendable, Hashable {
    public var id: String
    public var caption: [Inline]
    public var events: [TimelineEvent]

    public init(id: String, caption: [Inline], events: [TimelineEvent]) {
        self.id = id
        self.caption = caption
        self.events = events
    }
}

public struct TimelineEvent: Sendable, Hashable {
    /// ISO 8601 date or period, e.g. `2018-04`.
    public var iso: String
    public var when: [Inline]
    public var title: [Inline]
    public var body: [[Inline]]
    /// Title and body in the other language(s) of a side-by-side edition.
    public var translations: [Translation]

    public init(iso: String, when: [Inline], title: [Inline], body: [[Inline]], translations: [Translation] = []) {
        self.iso = iso
        self.when = when
        self.title = title
        self.body = body
        self.translations = translations
    }
}

/// One unit (a paragraph, a note, a list) in two languages, side by side: `sides[i]` is in `languages[i]`.
public struct Parallel: Sendable, Hashable {
    public var languages: [String]
    public var sides: [[Block]]

    public init(languages: [String], sides: [[Block]]) {
        self.languages = languages
        self.sides = sides
    }
}
