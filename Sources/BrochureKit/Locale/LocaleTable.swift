public import BrochureDiagnostics
public import BrochureXML

/// One language's messages and terms (`Locales/<lang>.xml`).
public struct LocaleTable: Sendable {
    public var language: String
    public var path: String
    /// The language this table translates from; nil for the source table (Polish).
    public var sourceLanguage: String?
    public var messages: [String: LocaleEntry]
    /// Proper names with their grammatical forms, referenced by profile name facts.
    public var terms: [String: LocaleEntry]
    public var location: SourceLocation
    /// Keys of entries that could not be read (their errors are reported on their own).
    public var brokenKeys: Set<String> = []

    public var isSource: Bool { sourceLanguage == nil }

    /// Messages and terms together, in file order.
    public var allEntries: [LocaleEntry] {
        (Array(messages.values) + Array(terms.values)).sorted { $0.location < $1.location }
    }
}

/// The state of a translated entry, as CAT tools know it.
public enum TranslationState: String, Sendable, CaseIterable {
    case new
    case translated
    case needsReview = "needs-review"
    case reviewed
}

/// One message or term of a locale table.
public struct LocaleEntry: Sendable {
    public enum Kind: String, Sendable { case message, term }

    public var kind: Kind
    public var key: String
    public var message: Message
    /// The content in canonical form (markup kept, white space folded): what fingerprints hash.
    public var canonicalText: String
    /// For translations: the fingerprint of the source text this translation was made from.
    public var sourceFingerprint: String?
    public var state: TranslationState?
    /// A note for translators.
    public var note: String?
    /// Where the entry's start tag stands.
    public var location: SourceLocation
    public var content: [XMLNode]

    /// The fingerprint of this entry's own text (what a translation of it records).
    public var fingerprint: String { Fingerprint.of(canonicalText) }
}
