/// The inline elements a message may carry. Anything else in a message is an error.
public enum InlineMarkup: Sendable, Hashable {
    case emphasis
    case strong
    case organization
    case place
    case foreign(language: String)
    case link(url: String)

    /// The element names as written in locale tables.
    public static let elementNames = ["em", "strong", "org", "place", "foreign", "link"]

    public var elementName: String {
        switch self {
        case .emphasis: "em"
        case .strong: "strong"
        case .organization: "org"
        case .place: "place"
        case .foreign: "foreign"
        case .link: "link"
        }
    }

    /// The attribute that must stay as it is across translations, if any.
    public var attributeSignature: String {
        switch self {
        case .foreign(let language): "\(elementName)[\(language)]"
        case .link(let url): "\(elementName)[\(url)]"
        default: elementName
        }
    }
}
