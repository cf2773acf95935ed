import BrochureDiagnostics

/// Checks of a translation against its source: presence, currency, state, arguments, markup, words.
extension TranslationCheck {
    /// Which keys the documents use, in which sections, worked out once for all languages.
    struct UsePlan: Sendable {
        struct Key: Sendable {
            var key: String
            /// Indexes into `sections`, each once.
            var sections: [Int]
            /// Words of the source text.
            var words: Int
        }
        var keys: [Key] = []
        var sections: [(document: String, section: String)] = []
        /// Messages used in each section.
        var messagesIn: [Int] = []
        /// Section indexes in the order of their first use in the templates.
        var order: [Int] = []

        /// `keys`: every key of `uses` once, in a fixed order (the result does not depend on it).
        init(uses: [String: [Use]], keys keyOrder: [String], wordCounts: [String: Int]) {
            struct SectionID: Hashable { var document: String; var section: String }
            var index: [SectionID: Int] = [:]
            var firstUse: [SourceLocation] = []
            keys.reserveCapacity(keyOrder.count)
            // Uses come section by section: the last section is tried before the dictionary.
            var last: (id: SectionID, section: Int)?
            for key in keyOrder {
                let list = uses[key] ?? []
                var found: [Int] = []
                for use in list {
                    let id = SectionID(document: use.document, section: use.section)
                    let section: Int
                    if let last, last.id == id {
                        section = last.section
                        if use.location < firstUse[section] { firstUse[section] = use.location }
                    } else if let known = index[id] {
                        section = known
                        if use.location < firstUse[section] { firstUse[section] = use.location }
                    } else {
                        section = sections.count
                        index[id] = section
                        sections.append((use.document, use.section))
                        messagesIn.append(0)
                        firstUse.append(use.location)
                    }
                    last = (id, section)
                    if !found.contains(section) { found.append(section); messagesIn[section] += 1 }
                }
                keys.append(Key(key: key, sections: found, words: wordCounts[key] ?? 0))
            }
            order = sections.indices.sorted { firstUse[$0] < firstUse[$1] }
        }
    }

    struct Stats {
        var good = Set<String>()
        var missing = Set<String>()
        var stale = Set<String>()

        func completeness(language: String, path: String, plan: UsePlan) -> LocaleCompleteness {
            var translatedIn = [Int](repeating: 0, count: plan.sections.count)
            var result = LocaleCompleteness(language: language, path: path, messages: plan.keys.count, translated: 0, missing: 0, stale: 0,
                                            words: 0, translatedWords: 0, sections: [])
            // The keys read where they stand (a copy of each counts a reference to its sections).
            plan.keys.withUnsafeBufferPointer { keys in
                for index in keys.indices {
                    result.words += keys[index].words
                    if missing.contains(keys[index].key) { result.missing += 1 }
                    if stale.contains(keys[index].key) { result.stale += 1 }
                    guard good.contains(keys[index].key) else { continue }
                    result.translated += 1
                    result.translatedWords += keys[index].words
                    keys[index].sections.withUnsafeBufferPointer { sections in
                        for section in sections { translatedIn[section] += 1 }
                    }
                }
            }
            result.sections = plan.order.map { index in
                SectionCompleteness(document: plan.sections[index].document, section: plan.sections[index].section,
                                    messages: plan.messagesIn[index], translated: translatedIn[index])
            }
            return result
        }

        /// The words of every message of a table, by key.
        static func wordCounts(of table: LocaleTable) -> [String: Int] {
            var counts: [String: Int] = [:]
            counts.reserveCapacity(table.messages.count)
            // The entries in file order are the dictionary's, read in place (a walk through
            // the dictionary copies each key and entry, and each message out of its entry).
            table.allEntries.forEachBorrowed { entry in
                if entry.kind == .message { counts[entry.key] = wordCount(of: entry) }
            }
            return counts
        }

        /// Words of a message's literal text: runs of letters and digits.
        static func wordCount(_ message: Message) -> Int {
            wordCount(message.literals)
        }

        /// `wordCount(_:)` of an entry's message, its literals read where the entry keeps them.
        static func wordCount(of entry: LocaleEntry) -> Int {
            wordCount(entry.message.literals)
        }

        private static func wordCount(_ literals: [Literal]) -> Int {
            var count = 0
            // Through the buffer: the literals are read in place, not copied out of the array.
            literals.withUnsafeBufferPointer { literals in
                for literal in literals.indices {
                    literals[literal].withTextBytes { bytes in
                        var inWord = false
                        var index = 0
                        while index < bytes.count {
                            // Eight ASCII bytes at a time: a word starts at each letter or
                            // digit whose byte before is none.
                            if index + 8 <= bytes.count, let base = bytes.baseAddress {
                                let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                                if word & 0x8080_8080_8080_8080 == 0 {
                                    let letters = asciiLetterBits(word)
                                    let before = letters << 8 | (inWord ? 0x80 : 0)
                                    count += (letters & ~before).nonzeroBitCount
                                    inWord = letters >> 63 != 0
                                    index += 8
                                    continue
                                }
                            }
                            let byte = bytes[index]
                            let letter: Bool
                            if byte < 0x80 {
                                // ASCII (most of Polish and English text) is told on the byte.
                                letter = byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
                                index += 1
                            } else {
                                let (scalar, length) = bytes.scalar(startingAt: index)
                                letter = TextChecks.isLetterOrNumber(scalar)
                                index += length
                            }
                            if letter && !inWord { count += 1 }
                            inWord = letter
                        }
                    }
                }
            }
            return count
        }

        /// For eight ASCII bytes (little-endian in a word), the high bit of each byte that is an
        /// ASCII letter or digit. No byte's sum carries into the next: each is at most 0x7F,
        /// and at most 0x50 is added to it.
        static func asciiLetterBits(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            func atLeast(_ value: UInt64, _ low: UInt64) -> UInt64 { (value &+ (0x80 - low) &* ones) & high }
            func above(_ value: UInt64, _ top: UInt64) -> UInt64 { (value &+ (0x7F - top) &* ones) & high }
            let digits = atLeast(word, 0x30) & ~above(word, 0x39)
            // Upper-case letters are folded onto lower case, as the byte test does.
            let folded = word | 0x2020_2020_2020_2020
            let letters = atLeast(folded, 0x61) & ~above(folded, 0x7A)
            return digits | letters
        }
    }

    /// A translation against the source: what is obsolete or missing (this needs to know
    /// where the documents use each key), then each entry compared with its source entry
    /// (`TableComparison`; made early when `comparison` is given).
    mutating func checkTranslation(_ table: LocaleTable, source: LocaleTable, isUsed: (String) -> Bool, uses: [String: [Use]],
                                   comparison early: TableComparison.Result? = nil, stats: inout Stats) {
        var inSource = 0
        for entry in table.orderedMessages where source.entry(.message, entry.key, cursor: &inSource) == nil && !source.brokenKeys.contains(entry.key) {
            log.warning("obsolete", at: entry.location, "message \"\(entry.key)\" is not in the source table \(source.path)",
                        notes: ["delete it, or check its key for a typo"])
        }
        inSource = 0
        for entry in table.orderedTerms where source.entry(.term, entry.key, cursor: &inSource) == nil && !source.brokenKeys.contains(entry.key) {
            log.warning("obsolete", at: entry.location, "term \"\(entry.key)\" is not in the source table \(source.path)")
        }
        var inTable = 0
        for original in source.orderedMessages where table.entry(.message, original.key, cursor: &inTable) == nil {
            let key = original.key
            if table.brokenKeys.contains(key) { continue }
            stats.missing.insert(key)
            let usedAt = uses[key]?.first.map { ["used at \($0.location)"] } ?? []
            if isUsed(key) {
                log.error("missing", at: table.location, "message \"\(key)\" is not translated",
                          notes: ["Polish (\(original.location)): \(original.canonicalText)"] + usedAt)
            }
        }
        let compared = early ?? TableComparison.run(table, source: source, archive: archive, gatheringGood: measuresCompleteness)
        log.add(contentsOf: compared.diagnostics)
        stats.stale = compared.stale
        stats.good = compared.good
    }
}

/// What a comparison reads of each source message: its argument names, its inline markup when
/// that stands side by side, and its end punctuation. Worked out once, piece by piece by
/// whichever comparison reaches a piece first, for all the translations compared with the
/// source (each read it again before).
final class SourceFacts: Sendable {
    struct Entry: Sendable {
        var names: [String] = []
        /// The inline elements in order (none when the message has none) when none is nested
        /// in another; nil otherwise (`TableComparison.flatMarkup`).
        var flatMarkup: [InlineMarkup]?
        var ending: TableComparison.Ending = .none
    }

    let pieceSize: Int
    private let pieces: [Once<[Entry]>]

    /// The facts of `source`'s entries, in pieces of `pieceSize` (as `TableComparison.run`
    /// cuts them); a term's facts are left empty (terms are compared for their state only).
    init(_ source: LocaleTable, pieceSize: Int) {
        self.pieceSize = pieceSize
        pieces = source.allEntries.indices.pieces(of: pieceSize).map { range in
            Once {
                var markup: [InlineMarkup] = []
                var facts: [Entry] = []
                facts.reserveCapacity(range.count)
                source.allEntries[range].forEachBorrowed { entry in
                    guard entry.kind == .message else { return facts.append(Entry()) }
                    var fact = Entry(names: entry.message.argumentNames, ending: TableComparison.ending(entry.message))
                    if !entry.message.features.contains(.markup) {
                        fact.flatMarkup = []
                    } else if TableComparison.flatMarkup(entry.message.body, into: &markup) {
                        fact.flatMarkup = markup
                    }
                    facts.append(fact)
                }
                return facts
            }
        }
    }

    /// The facts of piece `number`, made now unless another comparison made them or is making them.
    func piece(_ number: Int) -> [Entry] { pieces[number].value }
}

/// Each entry of a translation compared with its source entry: arguments, selects, markup,
/// untranslated words, end punctuation, currency (stale) and state. It needs no template, so it
/// can run as soon as both tables are read (`EarlyChecks`).
struct TableComparison {
    struct Result: Sendable {
        var diagnostics: [Diagnostic]
        /// Messages whose source changed since they were translated.
        var stale: Set<String>
        /// Messages present, current and without errors here.
        var good: Set<String>
    }

    let archive: SourceArchive
    var log = DiagnosticLog()
    /// Buffers lent to each comparison in turn (a table compares thousands of entries).
    private var myNames: [String] = [], theirNames: [String] = []
    private var myMarkup: [InlineMarkup] = [], theirMarkup: [InlineMarkup] = []

    init(archive: SourceArchive) {
        self.archive = archive
    }

    /// `gatheringGood: false` leaves `good` empty (it is for completeness only).
    /// `facts`: what the source's messages hold, shared with the other translations' comparisons
    /// (made for this one alone when nil).
    static func run(_ table: LocaleTable, source: LocaleTable, archive: SourceArchive, pieceSize: Int = EntryChecks.piece,
                    gatheringGood: Bool = true, facts: SourceFacts? = nil) -> Result {
        let facts = facts.flatMap { $0.pieceSize == pieceSize ? $0 : nil } ?? SourceFacts(source, pieceSize: pieceSize)
        // The source's entries are compared in pieces, on a free core too (see
        // `EntryChecks.checkEntries`); the findings come out in the order of one pass.
        let pieces = Array(source.allEntries.indices.pieces(of: pieceSize).enumerated()).parallelMap { (number, range) in
            let known = facts.piece(number)
            var comparison = TableComparison(archive: archive)
            var stats = TranslationCheck.Stats()
            // The good keys of a piece are listed, and put in one set at the end: sets of
            // each piece joined would hash every key twice, and grow set after set.
            var good: [String] = []
            // Where the walk expects the piece's first entry in the table (a hint only).
            var cursor = range.lowerBound
            // The entry's place in the piece (its facts' in `known`).
            var place = -1
            source.allEntries[range].forEachBorrowed { original in
                place += 1
                guard original.kind == .message else { return }
                table.withEntry(.message, original.key, cursor: &cursor) { entry in
                    let mark = comparison.log.all.count
                    comparison.compare(entry, with: original, language: table.language, facts: known[place])
                    comparison.compareState(entry, with: original, table: table, stats: &stats)
                    if gatheringGood && !comparison.log.all[mark...].contains(where: { $0.severity == .error })
                        && (stats.stale.isEmpty || !stats.stale.contains(original.key)) {
                        good.append(original.key)
                    }
                }
            }
            return (diagnostics: comparison.log.all, stale: stats.stale, good: good)
        }
        var comparison = TableComparison(archive: archive)
        var stats = TranslationCheck.Stats()
        stats.good.reserveCapacity(pieces.reduce(0) { $0 + $1.good.count })
        for piece in pieces {
            comparison.log.add(contentsOf: piece.diagnostics)
            stats.stale.formUnion(piece.stale)
            for key in piece.good { stats.good.insert(key) }
        }
        var cursor = 0
        for original in source.orderedTerms {
            guard let entry = table.entry(.term, original.key, cursor: &cursor) else { continue } // missing terms: checkTerms
            comparison.compareState(entry, with: original, table: table, stats: &stats)
        }
        return Result(diagnostics: comparison.log.all, stale: stats.stale, good: stats.good)
    }

    mutating func compareState(_ entry: LocaleEntry, with original: LocaleEntry, table: LocaleTable, stats: inout TranslationCheck.Stats) {
        let kind = entry.kind.rawValue
        if let recorded = entry.sourceFingerprintValue {
            if recorded != original.fingerprintValue {
                stats.stale.insert(entry.key)
                let old = archive.text(for: Fingerprint.hex(recorded))
                log.error("stale", at: entry.location, "the Polish source of \(kind) \"\(entry.key)\" changed after this translation was made",
                          notes: ["Polish then: " + (old ?? "(not recorded in \(archive.path))"),
                                  "Polish now:  " + original.canonicalText,
                                  "update the translation, then run: brochure validate --accept \(table.language) \(entry.key)"])
            }
        } else {
            log.warning("unverified", at: entry.location, "\(kind) \"\(entry.key)\" does not record which Polish text it translates",
                        notes: ["once checked against the Polish, run: brochure validate --accept \(table.language) \(entry.key)"])
        }
        switch entry.state {
        case .new?:
            log.error("state", at: entry.location, "\(kind) \"\(entry.key)\" is marked new (not translated yet)")
        case .needsReview?:
            log.warning("state", at: entry.location, "\(kind) \"\(entry.key)\" is marked needs-review")
        default:
            break
        }
    }

    /// `facts`: what `original` holds, worked out before (`SourceFacts`); found here when nil.
    mutating func compare(_ entry: LocaleEntry, with original: LocaleEntry, language: String, facts: SourceFacts.Entry? = nil) {
        let key = entry.key
        // Arguments: the same names as the source.
        entry.message.collectArgumentNames(into: &myNames)
        let theirNames: [String]
        if let facts {
            theirNames = facts.names
        } else {
            original.message.collectArgumentNames(into: &self.theirNames)
            // A copy (its storage shared): the notes below read it while the log is written.
            theirNames = self.theirNames
        }
        if !(myNames.count == theirNames.count && myNames.allSatisfy(theirNames.contains)) {
            let mine = Set(myNames), theirs = Set(theirNames)
            for name in mine.subtracting(theirs).sorted() {
                log.error("argument", at: entry.location, "\"\(key)\" uses {\(name)}, which the Polish text does not",
                          notes: ["arguments of the Polish: " + theirNames.map { "{\($0)}" }.joined(separator: " ")])
            }
            for name in theirs.subtracting(mine).sorted() {
                log.error("argument", at: entry.location, "\"\(key)\" drops {\(name)}, which the Polish text uses",
                          notes: ["a fact the Polish shows would be missing from this language"])
            }
        }
        // Select keys on the same argument as the source (grammatical case selects are per language).
        if original.message.features.contains(.select) {
            for (name, keys) in Self.selects(original.message.body) where name != "case" {
                let translated = Self.selects(entry.message.body)[name] ?? []
                if !translated.isEmpty && translated != keys {
                    log.warning("select", at: entry.location, "select on {\(name)} has keys \(translated.sorted()) but the Polish has \(keys.sorted())")
                }
            }
        }
        // Markup: the same inline elements (but foreign phrases, which depend on the language).
        // Mostly markup stands side by side, not nested: then the same names, as often, suffice.
        var sameMarkup = !(entry.message.features.contains(.markup) || original.message.features.contains(.markup))
        if !sameMarkup, Self.flatMarkup(entry.message.body, into: &myMarkup) {
            if let facts {
                if let theirs = facts.flatMarkup { sameMarkup = Self.sameElements(myMarkup, theirs) }
            } else if Self.flatMarkup(original.message.body, into: &theirMarkup) {
                sameMarkup = Self.sameElements(myMarkup, theirMarkup)
            }
        }
        if !sameMarkup {
            let mine = MarkupInventory(entry.message.body), theirs = MarkupInventory(original.message.body)
            if mine.counts != theirs.counts {
                log.error("markup", at: entry.location, "\"\(key)\" has other inline markup than the Polish text",
                          notes: MarkupInventory.differences(translation: mine, source: theirs))
            }
        }
        // Untranslated: the same words as the source.
        if Self.sameLetters(entry.message, original.message) {
            log.warning("untranslated", at: entry.location, "\"\(key)\" reads the same as the Polish text",
                        notes: ["translate it; a name that stays the same belongs in a <term>"])
        }
        // End punctuation as the source.
        let end = Self.ending(entry.message), sourceEnd = facts?.ending ?? Self.ending(original.message)
        if end != sourceEnd && end != .abbreviation && sourceEnd != .abbreviation {
            log.warning("punctuation", at: entry.location, "\"\(key)\" ends with \(Self.describe(end)) but the Polish with \(Self.describe(sourceEnd))")
        }
    }

    static func selects(_ parts: MessageBody) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for part in parts {
            switch part {
            case .select(let s):
                result[s.name, default: []].formUnion(s.branches.map(\.key))
                s.branches.forEach { result.merge(selects($0.parts)) { $0.union($1) } }
            case .plural(let p): p.branches.forEach { result.merge(selects($0.parts)) { $0.union($1) } }
            case .markup(_, let inner, _): result.merge(selects(inner)) { $0.union($1) }
            default: break
            }
        }
        return result
    }

    /// Whether any inline element stands in the parts (then their inventories are compared).
    static func hasMarkup(_ parts: MessageBody) -> Bool { parts.contains(.markup) }

    /// The inline elements in order (foreign phrases left out), when none holds another and
    /// none stands in a plural or select branch (nil otherwise: then `MarkupInventory` tells).
    /// Two such lists hold the same elements in any order exactly when the inventories agree
    /// (`sameElements`): an element's signature is its name and attribute, as its value is.
    static func flatMarkup(_ parts: MessageBody) -> [InlineMarkup]? {
        var found: [InlineMarkup] = []
        return flatMarkup(parts, into: &found) ? found : nil
    }

    /// `flatMarkup` written into `found` (emptied first); false where that answers nil.
    static func flatMarkup(_ parts: MessageBody, into found: inout [InlineMarkup]) -> Bool {
        found.removeAll(keepingCapacity: true)
        // Read step by step where the parts stand: an element, plural or select is followed by
        // what it holds, up to the index it keeps.
        let store = parts.store
        var index = parts.range.lowerBound
        while index < parts.range.upperBound {
            let op = store[index]
            switch op.kind {
            case .markup:
                if MessageBody(store: store, range: index + 1..<Int(op.first)).contains(.markup) { return false }
                let markup = store.markup(op)
                if case .foreign = markup {} else { found.append(markup) }
                index = Int(op.first)
            case .plural, .select:
                if MessageBody(store: store, range: index + 1..<Int(op.first)).contains(.markup) { return false }
                index = Int(op.first)
            case .text, .argument, .pound, .branch:
                index += 1
            }
        }
        return true
    }

    /// Whether a select stands anywhere in the parts (then `selects` tells which).
    static func hasSelect(_ parts: MessageBody) -> Bool { parts.contains(.select) }

    /// The same elements, each as often, in any order (the lists are short).
    static func sameElements(_ a: [InlineMarkup], _ b: [InlineMarkup]) -> Bool {
        guard a.count == b.count else { return false }
        if a == b { return true }
        return a.allSatisfy { x in a.lazy.filter { $0 == x }.count == b.lazy.filter { $0 == x }.count }
    }

    /// True when both messages hold letters and the same ones in the same order (a translation
    /// left as the source). Stops at the first difference, which is mostly the first letter.
    static func sameLetters(_ a: Message, _ b: Message) -> Bool {
        struct Letters: IteratorProtocol {
            /// Read in place (an element of an array read through its subscript is a copy,
            /// which counts a reference to the run's bytes).
            let literals: UnsafeBufferPointer<Literal>
            var literal = 0
            /// The byte of the current run read next.
            var offset = 0
            mutating func next() -> Unicode.Scalar? {
                // The runs' bytes are decoded where they lie (no string is made of a run).
                while literal < literals.count {
                    var at = offset
                    let letter: Unicode.Scalar? = literals[literal].withTextBytes { bytes in
                        while at < bytes.count {
                            let (scalar, length) = bytes.scalar(startingAt: at)
                            at += length
                            if TextChecks.isLetter(scalar) { return scalar }
                        }
                        return nil
                    }
                    if let letter {
                        offset = at
                        return letter
                    }
                    literal += 1
                    offset = 0
                }
                return nil
            }
        }
        return a.literals.withUnsafeBufferPointer { first in
            b.literals.withUnsafeBufferPointer { second in
                var left = Letters(literals: first), right = Letters(literals: second)
                var any = false
                while true {
                    let x = left.next(), y = right.next()
                    if x != y { return false }
                    if x == nil { return any }
                    any = true
                }
            }
        }
    }

    /// Abbreviations whose full stop may also end a sentence ("… z kwietnia 2018 r.").
    static let abbreviations: Set<String> = ["r", "ok", "tys", "mln", "mld", "np", "tzw", "in", "ul", "woj", "ж", "млн", "млрд", "etc", "approx"]

    enum Ending: Equatable { case none, mark(Unicode.Scalar), abbreviation }

    static func ending(_ message: Message) -> Ending {
        guard message.body.endsWithText else { return .none }
        // The last run read in place (`last` would copy it).
        return message.literals.withUnsafeBufferPointer { literals in
            guard !literals.isEmpty else { return .none }
            if let quick = literals[literals.count - 1].withTextBytes(quickEnding) { return quick }
            return scalarEnding(literals[literals.count - 1].text)
        }
    }

    /// The ending of a message's last text, read scalar by scalar.
    static func scalarEnding(_ text: String) -> Ending {
        // Read backwards: past trailing white space to the last mark, then the word before it.
        var scalars = text.unicodeScalars.reversed().makeIterator()
        var found: Unicode.Scalar?
        while let scalar = scalars.next() {
            if scalar.isPatternWhitespace { continue }
            found = scalar
            break
        }
        guard let last = found, last == "." || last == ":" || last == "!" || last == "?" || last == ";" else { return .none }
        if last == "." {
            // Count the letters first: only a word of 1 to 6 letters is looked up.
            var probe = scalars
            var count = 0
            while let scalar = probe.next(), TextChecks.isLetter(scalar) {
                count += 1
                if count > 6 { break }
            }
            if (1...6).contains(count) {
                var word = String.UnicodeScalarView()
                for _ in 0..<count { if let scalar = scalars.next() { word.append(scalar) } }
                if abbreviations.contains(String(String.UnicodeScalarView(word.reversed())).lowercased()) { return .abbreviation }
            }
        }
        return .mark(last)
    }

    /// The ending read on the bytes, when that is plain: an ASCII mark after ASCII white space,
    /// and no word of one to six letters before a full stop (which may be an abbreviation).
    /// nil: ask `ending(_:)`'s scalar-by-scalar reading.
    static func quickEnding(_ bytes: UnsafeBufferPointer<UInt8>) -> Ending? {
        var index = bytes.count - 1
        while index >= 0 && (bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index])) { index -= 1 }
        guard index >= 0 else { return Ending.none }
        let last = bytes[index]
        guard last < 0x80 else { return nil }
        switch last {
        case UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"): return .mark(Unicode.Scalar(last))
        case UInt8(ascii: "."): break
        default: return Ending.none
        }
        // Letters before the full stop, decoded backwards.
        var count = 0
        var end = index
        while end > 0 && count <= 6 {
            let (scalar, start) = bytes.scalar(endingAt: end)
            guard TextChecks.isLetter(scalar) else { break }
            count += 1
            end = start
        }
        guard (1...6).contains(count) else { return .mark(".") }
        // A short word of ASCII or Cyrillic letters is compared here, lower-cased scalar by
        // scalar, with no string made; a letter of another script takes the scalar reading.
        var word: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0)
        var at = end
        for position in 0..<count {
            let (scalar, length) = bytes.scalar(startingAt: at)
            guard let lower = lowercaseLetter(scalar.value) else { return nil }
            withUnsafeMutableBytes(of: &word) { $0.storeBytes(of: lower, toByteOffset: position * 4, as: UInt32.self) }
            at += length
        }
        let found = withUnsafeBytes(of: word) { raw in
            abbreviationScalars.contains { abbreviation in
                abbreviation.count == count
                    && abbreviation.indices.allSatisfy { raw.load(fromByteOffset: $0 * 4, as: UInt32.self) == abbreviation[$0] }
            }
        }
        return found ? .abbreviation : .mark(".")
    }

    /// `abbreviations`, each as its scalar values.
    static let abbreviationScalars: [[UInt32]] = abbreviations.sorted().map { $0.unicodeScalars.map(\.value) }

    /// The lower case of an ASCII or Cyrillic letter (U+0400–U+04FF), as `String.lowercased()`
    /// gives it; nil for any other scalar. Cyrillic capitals: А–Я and Ѐ–Џ have their small
    /// letters 0x20 and 0x50 above, the extended letters come in capital–small pairs.
    static func lowercaseLetter(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x41...0x5A, 0x410...0x42F: value + 0x20
        case 0x61...0x7A, 0x430...0x45F, 0x4CF: value
        case 0x400...0x40F: value + 0x50
        case 0x460...0x481, 0x48A...0x4BF, 0x4D0...0x4FF: value | 1
        case 0x4C0: 0x4CF
        case 0x4C1...0x4CE: value & 1 == 1 ? value + 1 : value
        default: nil
        }
    }

    static func describe(_ ending: Ending) -> String {
        switch ending {
        case .none: "no punctuation"
        case .mark(let c): "'\(c)'"
        case .abbreviation: "an abbreviation"
        }
    }
}
