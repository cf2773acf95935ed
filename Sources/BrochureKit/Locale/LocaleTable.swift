public import BrochureDiagnostics
public import BrochureXML

/// One language's messages and terms (`Locales/<lang>.xml`).
public struct LocaleTable: Sendable {
    public var language: String
    public var path: String
    /// The language this table translates from; nil for the source table (Polish).
    public var sourceLanguage: String?
    public let messages: [String: LocaleEntry]
    /// Proper names with their grammatical forms, referenced by profile name facts.
    public let terms: [String: LocaleEntry]
    /// Messages and terms together, in file order (computed once: the checks walk it often).
    public let allEntries: [LocaleEntry]
    public let location: SourceLocation
    /// Keys of entries that could not be read (their errors are reported on their own).
    public var brokenKeys: Set<String> = []

    public var isSource: Bool { sourceLanguage == nil }

    /// `inFileOrder`: the entries of `messages` and `terms`, as the file has them.
    public init(language: String, path: String, sourceLanguage: String?, messages: [String: LocaleEntry],
                terms: [String: LocaleEntry], inFileOrder: [LocaleEntry], location: SourceLocation) {
        precondition(inFileOrder.count == messages.count + terms.count, "every entry once, in file order")
        self.language = language
        self.path = path
        self.sourceLanguage = sourceLanguage
        self.messages = messages
        self.terms = terms
        self.location = location
        allEntries = inFileOrder
    }

    /// The message or term `key`, looked for first where a walk through another table in the
    /// same order expects it: at `cursor` (an index in `allEntries`, moved past the entry
    /// found) and the few entries after it. Tables mostly list their entries in the source's
    /// order, so the dictionary is asked (and the key hashed) only where they do not. The
    /// answer is the dictionary's: `allEntries` holds exactly its entries.
    public func entry(_ kind: LocaleEntry.Kind, _ key: String, cursor: inout Int) -> LocaleEntry? {
        let end = min(allEntries.count, cursor + 4)
        var index = cursor
        // The candidates are compared where they stand (`forEachBorrowed`); only the one found
        // is counted, as the answer.
        let found: Int? = allEntries.withUnsafeBufferPointer { entries in
            while index < end {
                let matches = Unmanaged.passUnretained(entries[index])._withUnsafeGuaranteedRef { $0.kind == kind && $0.key == key }
                if matches { return index }
                index += 1
            }
            return nil
        }
        if let found {
            cursor = found + 1
            return allEntries[found]
        }
        return kind == .message ? messages[key] : terms[key]
    }

    /// The message or term `key`, found as `entry(_:_:cursor:)` finds it, without a reference
    /// counted for it: the table keeps it, and the caller reads it while the table is alive
    /// (`Unmanaged._withUnsafeGuaranteedRef`). Several editions look up the same source
    /// entries at once, and a count is an atomic operation on the entry, which the cores then
    /// pass back and forth.
    public func lentEntry(_ kind: LocaleEntry.Kind, _ key: String, cursor: inout Int) -> Unmanaged<LocaleEntry>? {
        let end = min(allEntries.count, cursor + 4)
        let start = cursor
        let found: Unmanaged<LocaleEntry>? = allEntries.withUnsafeBufferPointer { entries in
            for index in start..<max(start, end) {
                let candidate = Unmanaged.passUnretained(entries[index])
                if candidate._withUnsafeGuaranteedRef({ $0.kind == kind && $0.key == key }) {
                    cursor = index + 1
                    return candidate
                }
            }
            return nil
        }
        if let found { return found }
        return (kind == .message ? messages[key] : terms[key]).map { Unmanaged.passUnretained($0) }
    }

    /// Calls `body` with the message or term `key` (found as `entry(_:_:cursor:)` finds it),
    /// lent without a reference counted for it; false when there is none.
    @discardableResult
    public func withEntry(_ kind: LocaleEntry.Kind, _ key: String, cursor: inout Int,
                          _ body: (LocaleEntry) throws -> Void) rethrows -> Bool {
        let end = min(allEntries.count, cursor + 4)
        let start = cursor
        let found: Bool = try allEntries.withUnsafeBufferPointer { entries in
            for index in start..<max(start, end) {
                let lent: Bool = try Unmanaged.passUnretained(entries[index])._withUnsafeGuaranteedRef { candidate in
                    guard candidate.kind == kind && candidate.key == key else { return false }
                    try body(candidate)
                    return true
                }
                if lent {
                    cursor = index + 1
                    return true
                }
            }
            return false
        }
        if found { return true }
        guard let entry = kind == .message ? messages[key] : terms[key] else { return false }
        try body(entry)
        return true
    }

    /// The messages in file order.
    public var orderedMessages: some Sequence<LocaleEntry> { allEntries.lazy.filter { $0.kind == .message } }
    /// The terms in file order.
    public var orderedTerms: some Sequence<LocaleEntry> { allEntries.lazy.filter { $0.kind == .term } }
}

/// The state of a translated entry, as CAT tools know it.
public enum TranslationState: String, Sendable, CaseIterable {
    case new
    case translated
    case needsReview = "needs-review"
    case reviewed
}

/// One message or term of a locale table. A class: entries are read once, never changed,
/// and handed around a great deal by the checks.
public final class LocaleEntry: Sendable {
    public enum Kind: String, Sendable { case message, term }

    public let kind: Kind
    public let key: String
    public let message: Message
    /// The content in canonical form (markup kept, white space folded): what fingerprints hash.
    /// Kept as UTF-8 bytes: the text is wanted only for findings and translators' files.
    /// Empty for a translation read without its text (`LocaleReader.read(_:translationTexts:)`).
    public let canonicalBytes: [UInt8]
    public var canonicalText: String {
        precondition(hasCanonicalText, "the canonical text of a translation read without translation texts")
        return String(decoding: canonicalBytes, as: UTF8.self)
    }
    /// False for a translation read without its text: `validate` and `build` never show a
    /// translation's own text in canonical form (only the source's), so they do not make it.
    public let hasCanonicalText: Bool
    /// True when the canonical text is empty (no text but white space, no element).
    public let isEmpty: Bool
    /// For translations: the fingerprint of the source text this translation was made from
    /// (kept as its 64-bit value; the text form is made when asked for).
    public let sourceFingerprintValue: UInt64?
    public var sourceFingerprint: String? { sourceFingerprintValue.map(Fingerprint.hex) }
    public let state: TranslationState?
    /// A note for translators.
    public let note: String?
    /// Where the entry's start tag stands.
    public let location: SourceLocation
    /// What the character checks found in the content (control, invisible and bidi
    /// characters, NFC). Found once, when the entry is read: the XML content itself is not
    /// kept, so a large table's trees are freed as soon as it is read.
    public let characterFindings: [Diagnostic]

    public convenience init(kind: Kind, key: String, message: Message, canonicalText: String, sourceFingerprint: UInt64?,
                            state: TranslationState?, note: String?, location: SourceLocation, content: FlatContent) {
        self.init(kind: kind, key: key, message: message, canonicalBytes: Array(canonicalText.utf8), sourceFingerprint: sourceFingerprint,
                  state: state, note: note, location: location, content: content)
    }

    /// `isSourceText`: the entry is in the source table, so translations will record its
    /// fingerprint: it is worked out now. A translation's own fingerprint is wanted by nothing
    /// the tool does with a table; it is worked out only if asked for.
    ///
    /// `canonicalBytes` nil: the text is not kept (a translation read for `validate` or
    /// `build`); whether it is empty is read from `content`.
    public init(kind: Kind, key: String, message: Message, canonicalBytes: [UInt8]?, sourceFingerprint: UInt64?,
                state: TranslationState?, note: String?, location: SourceLocation, content: FlatContent, isSourceText: Bool = true) {
        precondition(canonicalBytes != nil || !isSourceText, "a source entry keeps its text: translations record its fingerprint")
        self.kind = kind
        self.key = key
        self.message = message
        self.canonicalBytes = canonicalBytes ?? []
        hasCanonicalText = canonicalBytes != nil
        isEmpty = canonicalBytes?.isEmpty ?? Fingerprint.isEmpty(content)
        sourceFingerprintValue = sourceFingerprint
        self.state = state
        self.note = note
        self.location = location
        characterFindings = TextChecks.characterFindings(content)
        storedFingerprint = isSourceText ? self.canonicalBytes.withUnsafeBufferPointer(Fingerprint.value(ofBytes:)) : nil
    }

    private let storedFingerprint: UInt64?

    /// The fingerprint of this entry's own text (what a translation of it records).
    public var fingerprintValue: UInt64 {
        if let storedFingerprint { return storedFingerprint }
        precondition(hasCanonicalText, "the fingerprint of a translation read without translation texts")
        return canonicalBytes.withUnsafeBufferPointer(Fingerprint.value(ofBytes:))
    }
    public var fingerprint: String { Fingerprint.hex(fingerprintValue) }
}
