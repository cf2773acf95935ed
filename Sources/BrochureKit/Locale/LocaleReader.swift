public import BrochureDiagnostics
public import BrochureXML
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a locale table (`Locales/<lang>.xml`, namespace `urn:brochure:locale:1`).
///
/// Every entry is parsed; all syntax and markup errors are reported, not only the first.
public enum LocaleReader {
    public static let namespace = "urn:brochure:locale:1"

    /// Reads `path`. Entries are read while the file is parsed, each as soon as its element
    /// ends, so the file's tree is never held whole (a large table stays small in memory).
    ///
    /// `translationTexts: false`: a translation's entries do not keep their text in canonical
    /// form (`LocaleEntry.hasCanonicalText`); `validate` and `build` show only the source's.
    ///
    /// `messageTexts`: what the text parts of messages hold (`MessageParser.PartTexts`; terms
    /// keep their texts as strings, which formatting a term's case reads): `.none` for
    /// `validate`, which checks every message and formats none; `.bytes` for a build.
    public static func read(_ path: String, translationTexts: Bool = true,
                            messageTexts: MessageParser.PartTexts = .strings) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        try read(path, contents: try InputFile.contents(path), translationTexts: translationTexts, messageTexts: messageTexts)
    }

    /// Reads the table whose file `path` holds `bytes`.
    public static func read(_ path: String, bytes: [UInt8], translationTexts: Bool = true,
                            messageTexts: MessageParser.PartTexts = .strings) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        try read(path, contents: FileBytes(bytes), translationTexts: translationTexts, messageTexts: messageTexts)
    }

    /// Reads the table whose file `path` holds `contents`.
    public static func read(_ path: String, contents: FileBytes, translationTexts: Bool = true,
                            messageTexts: MessageParser.PartTexts = .strings) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        if let refusal = XMLReader.refusal(contents, path: path) { throw refusal }
        return try read(SourceFile(path: path, contents: contents), translationTexts: translationTexts, messageTexts: messageTexts)
    }

    private static func read(_ file: SourceFile, translationTexts: Bool,
                             messageTexts: MessageParser.PartTexts) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        let reader = TableReader(translationTexts: translationTexts, messageTexts: messageTexts)
        let root = try InputFile.element(file, root: "locale", namespace: namespace, knownNames: knownNames,
                                         rootStarted: { reader.start($0) }) { child, content in
            reader.add(child, content: content)
        }
        return try reader.finish(root, path: file.path)
    }

    /// Names the reader expects besides the namespace (`XMLReader.parse`).
    private static let knownNames = ["source-fingerprint"]

    /// A large table read in parts at once, each part on a core of its own, and joined in
    /// file order (DECISIONS 34): three tables on two cores would leave one core idle while
    /// the last is read, and every check waits for the source table, which is read fastest
    /// by all cores. Made by `plan`; `read(part:)` reads one part, and the call that reads
    /// the last part to finish returns the table, as `read(_:bytes:)` would have read it. A
    /// part whose parse finds anything, or a root that is not the first part's, has the file
    /// read again whole (its findings in their places).
    public final class PartedTable: @unchecked Sendable {
        public let path: String
        public var partCount: Int { parts.count }
        private let file: SourceFile
        private let parts: [DocumentPart]
        private let translationTexts: Bool
        private let messageTexts: MessageParser.PartTexts
        /// What each part read (the root nil when its parse failed), and how many are left.
        private let state: Mutex<(reads: [PartRead?], left: Int)>
        /// Whether the parts were not joined and the file was read again whole (for tests).
        private let readWhole = Mutex<Bool?>(nil)
        var wasReadWhole: Bool? { readWhole.withLock { $0 } }

        /// A part's reader is handed from the thread that read it to the one that joins the
        /// parts, under the lock: it is never used by two threads at once.
        private struct PartRead: @unchecked Sendable {
            var root: XMLElement?
            var reader: TableReader
        }

        private init(file: SourceFile, parts: [DocumentPart], translationTexts: Bool, messageTexts: MessageParser.PartTexts) {
            path = file.path
            self.file = file
            self.parts = parts
            self.translationTexts = translationTexts
            self.messageTexts = messageTexts
            state = Mutex((Array(repeating: nil, count: parts.count), parts.count))
        }

        /// The table in `bytes` cut into at most `parts` parts of at least `minimumSize` bytes;
        /// nil when it is read whole (small, or not cut: `DocumentPart.split`; or refused).
        public static func plan(_ path: String, bytes: [UInt8], parts: Int, minimumSize: Int = PartedTable.minimumSize,
                                translationTexts: Bool = true, messageTexts: MessageParser.PartTexts = .strings) -> PartedTable? {
            plan(path, contents: FileBytes(bytes), parts: parts, minimumSize: minimumSize, translationTexts: translationTexts,
                 messageTexts: messageTexts)
        }

        /// `plan(_:bytes:parts:…)` of a file's contents.
        public static func plan(_ path: String, contents: FileBytes, parts: Int, minimumSize: Int = PartedTable.minimumSize,
                                translationTexts: Bool = true, messageTexts: MessageParser.PartTexts = .strings) -> PartedTable? {
            guard XMLReader.refusal(contents, path: path) == nil,
                  let split = DocumentPart.split(contents, into: parts, minimumSize: minimumSize) else { return nil }
            return PartedTable(file: SourceFile(path: path, contents: contents), parts: split, translationTexts: translationTexts,
                               messageTexts: messageTexts)
        }

        /// The smallest part worth a core of its own: some thousand entries.
        public static let minimumSize = 256 * 1024

        /// Reads part `index` (once, from any thread); the table when this was the last part
        /// to finish, nil otherwise.
        public func read(part index: Int) -> Result<(table: LocaleTable, diagnostics: [Diagnostic]), DiagnosticError>? {
            let reader = TableReader(translationTexts: translationTexts, messageTexts: messageTexts)
            let root = try? XMLReader.parse(part: parts[index], of: file, knownNames: [namespace] + knownNames,
                                            rootStarted: { reader.start($0) }) { child, content in
                reader.add(child, content: content)
            }
            let read = PartRead(root: root, reader: reader)
            let finished = state.withLock { state -> [PartRead]? in
                state.reads[index] = read
                state.left -= 1
                return state.left == 0 ? state.reads.map { $0! } : nil
            }
            guard let finished else { return nil }
            return Result { () throws(DiagnosticError) in try join(finished) }
        }

        private func join(_ reads: [PartRead]) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
            if let first = reads[0].root, first.name == "locale", first.namespace == namespace,
               reads.dropFirst().allSatisfy({ $0.root.map { Self.isCopy($0, of: first) } ?? false }) {
                readWhole.withLock { $0 = false }
                let reader = reads[0].reader
                for read in reads.dropFirst() { reader.append(read.reader) }
                return try reader.finish(first, path: path)
            }
            readWhole.withLock { $0 = true }
            return try LocaleReader.read(file, translationTexts: translationTexts, messageTexts: messageTexts)
        }

        /// The root of a later part is the first part's (read from the same start tag), and
        /// holds no text of its own.
        private static func isCopy(_ root: XMLElement, of first: XMLElement) -> Bool {
            root.name == first.name && root.namespace == first.namespace && root.location == first.location && root.children.isEmpty
                && root.attributes.count == first.attributes.count
                && zip(root.attributes, first.attributes).allSatisfy {
                    $0.name == $1.name && $0.namespace == $1.namespace && $0.value == $1.value && $0.location == $1.location
                }
        }
    }

    /// A guess, from the first bytes of the file, that it holds the source table: its root start
    /// tag has no `source-lang`. Only for ordering work (every check waits for the source
    /// table, so it is read first); the table's reader decides.
    public static func looksLikeSource(_ path: String) -> Bool {
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 4096)
        let count = fread(&head, 1, head.count, file)
        let text = head[..<count]
        guard let root = text.firstRange(of: Array("<locale".utf8)) else { return false }
        let tag = text[root.upperBound...].prefix { $0 != UInt8(ascii: ">") }
        return tag.firstRange(of: Array("source-lang".utf8)) == nil
    }

    /// Reads a table already parsed (its root checked to be `<locale>`).
    public static func read(_ root: XMLElement, path: String) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        let reader = TableReader(translationTexts: true, messageTexts: .strings)
        reader.start(root)
        for element in root.elements { reader.add(element, content: FlatContent(element.children)) }
        return try reader.finish(root, path: path)
    }

    /// Collects the entries of one table in file order, then checks them as a whole.
    private final class TableReader {
        /// An entry read, or an element that is not one. Only what a finding needs is kept
        /// beside the entry: tens of thousands of items are let go after `finish`, and fields
        /// that hold no reference cost nothing then. The entry and the error stand apart, not
        /// as a `Result`: an entry is moved out of its item as a plain reference, where a
        /// result's payload was copied (counted) and the result let go (counted again).
        struct Item {
            /// The element's name when it is not a `<message>` or `<term>` (nil otherwise).
            var refusedName: String?
            /// The key of an entry that could not be read (nil otherwise).
            var key: String?
            var location: SourceLocation
            /// The entry read; nil for an element that is not one, or an entry with errors.
            var entry: LocaleEntry?
            /// What is wrong with a `<message>` or `<term>` that could not be read.
            var error: DiagnosticError?
        }
        // One reader serves one parse on one thread: the run-time exclusivity checks are left
        // out of the per-entry work.
        @exclusivity(unchecked) private var items: [Item] = []
        /// Set when the root's start tag is read (`start`).
        @exclusivity(unchecked) private var translated = false
        @exclusivity(unchecked) private var scratch = MessageParser.Scratch()
        /// The canonical form of the entry being read (lent to each entry in turn).
        @exclusivity(unchecked) private var canonical: [UInt8] = []
        private let translationTexts: Bool
        private let messageTexts: MessageParser.PartTexts

        init(translationTexts: Bool, messageTexts: MessageParser.PartTexts) {
            self.translationTexts = translationTexts
            self.messageTexts = messageTexts
        }

        /// The table's root, its start tag read: whether the table is a translation.
        func start(_ root: XMLElement) {
            translated = root.attribute("source-lang") != nil
        }

        func add(_ element: XMLElement, content: FlatContent) {
            let translated = self.translated
            var item = Item(refusedName: nil, key: nil, location: element.location, entry: nil, error: nil)
            if element.namespace == namespace, element.name == "message" || element.name == "term" {
                do throws(DiagnosticError) {
                    item.entry = try entry(element, content: content, translated: translated, keepsText: !translated || translationTexts,
                                       messageTexts: messageTexts, scratch: &scratch, canonical: &canonical)
                } catch {
                    item.error = error
                    item.key = element[attribute: "key"]
                }
            } else {
                item.refusedName = element.name
            }
            items.append(item)
        }

        /// The readers of the parts of the file after this reader's, in order (`append`).
        private var following: [TableReader] = []

        /// Takes the entries `other` read after this reader's (the next part of the file). Its
        /// items stay where they are, and `finish` moves each result out of them as it moves
        /// this reader's: copied here, every entry would be counted once more, and again when
        /// the other reader is let go.
        func append(_ other: TableReader) {
            following.append(other)
        }

        func finish(_ root: XMLElement, path: String) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
            try root.checkAttributes(["lang", "source-lang"])
            try root.checkNoText()
            guard let langAttribute = root.attribute("lang", namespace: MessageParser.xmlNamespace) else {
                throw root.schemaError("<locale> needs xml:lang, the language of the table (e.g. xml:lang=\"kk\")")
            }
            guard LanguageTag.isWellFormed(langAttribute.value) else {
                throw root.schemaError("xml:lang=\"\(langAttribute.value)\" is not a language tag", at: langAttribute.location)
            }
            let sourceLanguage = root.attribute("source-lang")?.value
            var log = DiagnosticLog()
            var messages: [String: LocaleEntry] = [:]
            var terms: [String: LocaleEntry] = [:]
            var brokenKeys: Set<String> = []
            var inFileOrder: [LocaleEntry] = []
            let count = following.reduce(items.count) { $0 + $1.items.count }
            messages.reserveCapacity(count)
            inFileOrder.reserveCapacity(count)
            // Read where they stand: an item taken out whole is copied (its entry counted) and
            // let go, tens of thousands of times. Each entry is moved out (the items are not read
            // again), so it is not counted once more, and nothing is left in the items to let go
            // when the readers are.
            func take(_ items: inout [Item]) {
                for index in items.indices {
                    var taken: LocaleEntry?
                    swap(&taken, &items[index].entry)
                    if let entry = consume taken {
                        // One lookup when the key is new; the first definition stays.
                        if let earlier = entry.kind == .message ? messages.updateValue(entry, forKey: entry.key) : terms.updateValue(entry, forKey: entry.key) {
                            if entry.kind == .message { messages[entry.key] = earlier } else { terms[entry.key] = earlier }
                            log.error("duplicate", at: items[index].location, "\(entry.kind.rawValue) \"\(entry.key)\" is defined twice", notes: ["first defined at \(earlier.location)"])
                        } else {
                            // The reference taken from the item goes to the list (the
                            // dictionary counted one of its own).
                            inFileOrder.append(consume entry)
                        }
                    } else if let error = items[index].error {
                        log.add(contentsOf: error.diagnostics)
                        if let key = items[index].key { brokenKeys.insert(key) }
                    } else {
                        log.add(Diagnostic(.error, "schema", at: items[index].location,
                                           "<\(items[index].refusedName ?? "")> is not allowed in a locale table; expected <message> or <term>"))
                    }
                }
            }
            take(&items)
            for reader in following { take(&reader.items) }
            var table = LocaleTable(language: langAttribute.value, path: path, sourceLanguage: sourceLanguage,
                                    messages: messages, terms: terms, inFileOrder: inFileOrder, location: root.location)
            table.brokenKeys = brokenKeys
            return (table, log.sorted)
        }
    }

    /// Where an entry's attributes stand in its element (-1: absent).
    private struct EntryAttributes {
        var key = -1, state = -1, fingerprint = -1, note = -1
        /// The first attribute not allowed.
        var refused = -1
    }

    /// What `XMLElement.identifier` accepts: ASCII letters, digits, `-`, `_`, `.`, starting with
    /// a letter (it reports what is wrong).
    private static func isIdentifier(_ value: String) -> Bool {
        value.withUTF8Bytes { bytes in
            func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
            guard let first = bytes.first, isLetter(first) else { return false }
            return bytes.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }
    }

    private static let sourceAttributes = ["key", "note"]
    private static let translationAttributes = ["key", "note", "source-fingerprint", "state"]

    private static func entry(_ element: XMLElement, content: FlatContent, translated: Bool, keepsText: Bool, messageTexts: MessageParser.PartTexts,
                              scratch: inout MessageParser.Scratch, canonical: inout [UInt8]) throws(DiagnosticError) -> LocaleEntry {
        let isTerm = element.name == "term"
        let allowed = translated ? translationAttributes : sourceAttributes
        // The attributes are read in one pass, in place (a lookup by name would copy each
        // attribute it passes). What is wrong is reported by the same functions as before, in
        // the same order: an attribute not allowed, the key, the state, the fingerprint.
        var found = EntryAttributes()
        element.attributes.withUnsafeBufferPointer { attributes in
            for index in attributes.indices {
                let namespace = attributes[index].namespace
                // Told by length first: a name compared with a literal of another length is a
                // call into the string library each time.
                let name = attributes[index].name
                var known = true
                switch name.utf8.count {
                case 3 where name == "key": if namespace == nil && found.key < 0 { found.key = index }
                case 5 where name == "state": if namespace == nil && found.state < 0 { found.state = index }
                case 18 where name == "source-fingerprint": if namespace == nil && found.fingerprint < 0 { found.fingerprint = index }
                case 4 where name == "note": if namespace == nil && found.note < 0 { found.note = index }
                default: known = false
                }
                // The known names are all the allowed ones: only those of a translation's
                // entry are allowed in one of the source.
                let isAllowed = known && (translated || name.utf8.count == 3 || name.utf8.count == 4)
                assert(isAllowed == allowed.contains(name), "the allowed names are the known ones")
                if found.refused < 0 && (!isAllowed || (namespace != nil && namespace != MessageParser.xmlNamespace)) {
                    found.refused = index
                }
            }
        }
        if found.refused >= 0 { try element.checkAttributes(allowed) }
        let key = found.key >= 0 ? element.attributes[found.key].value : ""
        if !Self.isIdentifier(key) { _ = try element.identifier("key") }
        var state: TranslationState?
        if found.state >= 0 {
            let stateAttribute = element.attributes[found.state]
            guard let parsed = TranslationState(rawValue: stateAttribute.value) else {
                throw element.schemaError("state=\"\(stateAttribute.value)\" is not one of: " + TranslationState.allCases.map(\.rawValue).joined(separator: ", "),
                                          at: stateAttribute.location)
            }
            state = parsed
        }
        var fingerprint: UInt64?
        if found.fingerprint >= 0 {
            let attribute = element.attributes[found.fingerprint]
            guard let value = Fingerprint.value(hex: attribute.value) else {
                throw element.schemaError("source-fingerprint=\"\(attribute.value)\" is not 16 lower-case hex digits", at: attribute.location,
                                          notes: ["let `brochure validate --accept` write it"])
            }
            fingerprint = value
        }
        // A term's texts are its forms, which formatting reads even in a check.
        let message = try MessageParser.parse(content, end: element.location, scratch: &scratch, partTexts: isTerm ? .strings : messageTexts)
        var bytes: [UInt8]?
        if keepsText {
            Fingerprint.canonical(content, into: &canonical)
            // A copy of exactly its size (the buffer goes on to the next entry).
            bytes = canonical.withUnsafeBufferPointer { Array($0) }
        }
        return LocaleEntry(kind: isTerm ? .term : .message, key: key, message: message,
                           canonicalBytes: bytes, sourceFingerprint: fingerprint,
                           state: state, note: found.note >= 0 ? element.attributes[found.note].value : nil, location: element.location,
                           content: content, isSourceText: !translated)
    }
}
