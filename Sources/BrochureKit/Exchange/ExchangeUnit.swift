public import BrochureDiagnostics
public import BrochureXML

/// One translatable entry as it travels to a CAT tool and back (XLIFF 2.0 or gettext PO).
public struct ExchangeUnit: Sendable {
    public var kind: LocaleEntry.Kind
    public var key: String
    /// The Polish text in canonical form (markup as our inline elements).
    public var source: String
    /// The translation in canonical form; nil when there is none.
    public var target: String?
    public var state: TranslationState
    /// The fingerprint of the Polish text the unit carries: a changed source is a conflict.
    public var fingerprint: String
    public var note: String?
    /// For a stale translation: the Polish it was made from (from the source archive).
    public var previousSource: String?
    /// Where the unit stands in the exchange file (for import diagnostics).
    public var location: SourceLocation
    /// What made the unit unreadable (its target is then nil): refused on import.
    public var problems: [Diagnostic] = []

    /// `message.KEY` or `term.KEY`: unique across both kinds.
    public var id: String { "\(kind.rawValue).\(key)" }
}

/// The exchange formats.
public enum ExchangeFormat: String, Sendable, CaseIterable {
    case xliff, po

    public var fileExtension: String { self == .xliff ? "xlf" : "po" }
}

/// Canonical inline text ↔ XML nodes of a message, shared by both formats.
enum InlineText {
    /// Parses canonical text (text with our inline elements) into nodes, with libxml2.
    static func nodes(_ text: String, path: String) throws(DiagnosticError) -> [XMLNode] {
        let wrapped = "<message xmlns=\"\(LocaleReader.namespace)\">\(text)</message>"
        return try XMLReader.parse(Array(wrapped.utf8), path: path).children
    }
}
