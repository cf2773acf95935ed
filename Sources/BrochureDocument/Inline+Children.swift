extension Inline {
    /// The inline content of a markup inline; empty for text.
    public var children: [Inline] {
        switch self {
        case .text: []
        case .emphasis(let c), .strong(let c), .organization(let c), .place(let c), .outdated(let c): c
        case .foreign(_, let c), .link(_, let c), .date(_, let c), .fallback(_, let c), .span(_, let c): c
        }
    }
}
