public import BrochureDiagnostics
import BrochureXML

/// `validate`: a static pass over templates × locale tables × profile, plus a resolution of
/// every document in every language, that finds what would make a printed edition wrong.
public struct TranslationCheck: Sendable {
    public let project: Project
    public let archive: SourceArchive
    private var log = DiagnosticLog()

    /// Checks the languages named (all when empty); the source table is always read.
    public static func run(_ project: Project, languages: [String] = [], archive: SourceArchive) -> ValidationReport {
        var check = TranslationCheck(project: project, archive: archive)
        return check.report(languages: languages.isEmpty ? project.tables.map(\.language) : languages)
    }

    private init(project: Project, archive: SourceArchive) {
        self.project = project
        self.archive = archive
    }

    private struct Use: Sendable {
        var document: String
        var section: String
        var location: SourceLocation
    }

    private mutating func report(languages: [String]) -> ValidationReport {
        let source = project.sourceTable
        log.add(contentsOf: project.diagnostics)

        // Which keys the documents use, and where: from resolving every template in the source.
        var uses: [String: [Use]] = [:]
        var sourceTitleKeys = Set(project.profile.sources.values.map(\.titleKey))
        for template in project.templates {
            var resolver = Resolver(template: template, profile: project.profile, table: source, sourceTable: nil, checkOnly: true)
            _ = resolver.document()
            if languages.contains(source.language) { log.add(contentsOf: resolver.log.all) }
            for use in resolver.usedKeys {
                uses[use.key, default: []].append(Use(document: template.id, section: use.section ?? "title", location: use.location))
            }
        }
        sourceTitleKeys.subtract(uses.keys)
        let usedKeys = Set(uses.keys).union(sourceTitleKeys)

        var wordCounts: [String: Int] = [:]
        for key in uses.keys { if let entry = source.messages[key] { wordCounts[key] = Stats.wordCount(entry.message) } }
        // Languages are checked independently, on all cores.
        let base = TranslationCheck(project: project, archive: archive)
        let (allUses, allWordCounts) = (uses, wordCounts)
        let results = languages.parallelMap { language -> ([Diagnostic], LocaleCompleteness?) in
            var check = base
            let completeness = check.check(language, usedKeys: usedKeys, uses: allUses, wordCounts: allWordCounts)
            return (check.log.all, completeness)
        }
        for (diagnostics, _) in results { log.add(contentsOf: diagnostics) }
        let completeness = results.compactMap(\.1)
        var seen = Set<String>()
        let unique = log.sorted.filter { seen.insert($0.description).inserted }
        return ValidationReport(diagnostics: unique, completeness: completeness, icu: ICU.versionDescription)
    }

    /// All checks of one language's table; the completeness of a translation.
    private mutating func check(_ language: String, usedKeys: Set<String>, uses: [String: [Use]], wordCounts: [String: Int]) -> LocaleCompleteness? {
        let source = project.sourceTable
        guard let table = project.table(language) else {
            log.error("usage", at: .file(Project.relative("Locales", project.root)), "no locale table for \"\(language)\"")
            return nil
        }
        checkEntries(of: table)
        checkTerms(of: table)
        if table.isSource {
            for (key, entry) in source.messages where !usedKeys.contains(key) && !key.hasPrefix("ui.") {
                log.warning("obsolete", at: entry.location, "message \"\(key)\" is used by no template",
                            notes: ["delete it, or use it in Templates/"])
            }
            return nil
        }
        var stats = Stats()
        checkTranslation(table, source: source, used: usedKeys, uses: uses, stats: &stats)
        // Resolve the documents in this language: argument types and formats in context.
        for template in project.templates {
            var resolver = Resolver(template: template, profile: project.profile, table: table, sourceTable: source, allowIncomplete: true, checkOnly: true)
            _ = resolver.document()
            log.add(contentsOf: resolver.log.all)
        }
        return stats.completeness(language: language, path: table.path, uses: uses, source: source, wordCounts: wordCounts)
    }

    // MARK: Every entry of every table

    private mutating func checkEntries(of table: LocaleTable) {
        var text = TextChecks(language: table.language)
        for entry in table.allEntries {
            text.checkCharacters(entry.content)
            text.checkLiterals(entry.message.literals, isTerm: entry.kind == .term)
            if entry.canonicalText.isEmpty {
                log.error("empty", at: entry.location, "\(entry.kind.rawValue) \"\(entry.key)\" is empty")
            }
            checkPlurals(entry.message.parts, language: table.language, at: entry.location)
        }
        log.add(contentsOf: text.log.all)
    }

    /// Categories the locale never uses are errors; categories it uses but the plural lacks
    /// are warnings (an `other` written for all of them may be deliberate).
    private mutating func checkPlurals(_ parts: [MessagePart], language: String, at location: SourceLocation) {
        lazy var categories = ICU.pluralCategories(locale: language)
        for part in parts {
            switch part {
            case .plural(let plural):
                let keys = Set(plural.branches.map(\.key).filter { !$0.hasPrefix("=") })
                for branch in plural.branches where !branch.key.hasPrefix("=") && !categories.contains(branch.key) {
                    log.error("plural", at: branch.location, "plural category \"\(branch.key)\" is never used in \(language)",
                              notes: ["CLDR categories for \(language): " + Self.ordered(categories).joined(separator: ", ")])
                }
                let lacking = Self.ordered(categories.subtracting(keys))
                if !lacking.isEmpty {
                    log.warning("plural", at: plural.location, "plural of {\(plural.name)} lacks \(lacking.joined(separator: ", ")) (CLDR categories of \(language)); \"other\" is used",
                                notes: ["add the branches, even when their text is the same"])
                }
                plural.branches.forEach { checkPlurals($0.parts, language: language, at: location) }
            case .select(let select):
                select.branches.forEach { checkPlurals($0.parts, language: language, at: location) }
            case .markup(_, let inner, _):
                checkPlurals(inner, language: language, at: location)
            case .text, .argument, .pound:
                break
            }
        }
    }

    static func ordered(_ categories: Set<String>) -> [String] {
        let order = ["zero", "one", "two", "few", "many", "other"]
        return categories.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
    }

    /// Every term the profile names is in the table, with the cases the table's messages ask for.
    private mutating func checkTerms(of table: LocaleTable) {
        var termFacts: [String: [String]] = [:]
        let allFacts = Array(project.profile.facts.values) + project.profile.lists.values.flatMap { $0.entries.flatMap { $0.facts.values } }
        for fact in allFacts.sorted(by: { $0.location < $1.location }) {
            guard case .name(let term) = fact.value else { continue }
            termFacts[fact.id, default: []].append(term)
            if table.terms[term] == nil && !table.brokenKeys.contains(term) {
                log.error("missing", at: table.location, "term \"\(term)\" (named by the profile at \(fact.location)) is missing",
                          notes: ["add <term key=\"\(term)\">…</term> to \(table.path)"])
            }
        }
        for entry in table.messages.values.sorted(by: { $0.location < $1.location }) {
            for (argument, grammaticalCase) in Self.nameCases(entry.message.parts) {
                for term in termFacts[argument] ?? [] {
                    guard let termEntry = table.terms[term] else { continue }
                    let forms = Self.selectKeys(termEntry.message.parts, on: "case")
                    if !forms.isEmpty && !forms.contains(grammaticalCase) {
                        log.warning("name-case", at: entry.location, "term \"\(term)\" has no \"\(grammaticalCase)\" form; its \"other\" form is used",
                                    notes: ["add \(grammaticalCase) {…} to the term at \(termEntry.location)"])
                    }
                }
            }
        }
    }

    /// (argument, case) of every `{x, name, case}`.
    static func nameCases(_ parts: [MessagePart]) -> [(String, String)] {
        parts.flatMap { part -> [(String, String)] in
            switch part {
            case .argument(let a) where a.kind == .name: [(a.name, a.style ?? "nominative")]
            case .plural(let p): p.branches.flatMap { nameCases($0.parts) }
            case .select(let s): s.branches.flatMap { nameCases($0.parts) }
            case .markup(_, let inner, _): nameCases(inner)
            default: []
            }
        }
    }

    static func selectKeys(_ parts: [MessagePart], on name: String) -> Set<String> {
        var keys = Set<String>()
        for part in parts {
            switch part {
            case .select(let s):
                if s.name == name { keys.formUnion(s.branches.map(\.key)) }
                s.branches.forEach { keys.formUnion(selectKeys($0.parts, on: name)) }
            case .plural(let p): p.branches.forEach { keys.formUnion(selectKeys($0.parts, on: name)) }
            case .markup(_, let inner, _): keys.formUnion(selectKeys(inner, on: name))
            default: break
            }
        }
        return keys
    }

    // MARK: A translation against its source

    private struct Stats {
        var good = Set<String>()
        var missing = Set<String>()
        var stale = Set<String>()

        func completeness(language: String, path: String, uses: [String: [Use]], source: LocaleTable, wordCounts: [String: Int]) -> LocaleCompleteness {
            let keys = uses.keys
            func words(_ key: String) -> Int { wordCounts[key] ?? 0 }
            var sections: [String: SectionCompleteness] = [:]
            var order: [String] = []
            for (key, list) in uses.sorted(by: { $0.key < $1.key }) {
                for use in Set(list.map { "\($0.document)\u{0}\($0.section)" }) {
                    if sections[use] == nil {
                        let parts = use.split(separator: "\u{0}").map(String.init)
                        sections[use] = SectionCompleteness(document: parts[0], section: parts[1], messages: 0, translated: 0)
                        order.append(use)
                    }
                    sections[use]!.messages += 1
                    if good.contains(key) { sections[use]!.translated += 1 }
                }
            }
            var firstUse: [String: SourceLocation] = [:]
            for use in uses.values.joined() {
                let id = "\(use.document)\u{0}\(use.section)"
                if let known = firstUse[id], known <= use.location { continue }
                firstUse[id] = use.location
            }
            let sorted = order.sorted { firstUse[$0]! < firstUse[$1]! }.map { sections[$0]! }
            return LocaleCompleteness(language: language, path: path, messages: keys.count, translated: keys.filter(good.contains).count,
                                      missing: keys.filter(missing.contains).count, stale: keys.filter(stale.contains).count,
                                      words: keys.map(words).reduce(0, +), translatedWords: keys.filter(good.contains).map(words).reduce(0, +),
                                      sections: sorted)
        }

        /// Words of a message's literal text: runs of letters and digits.
        static func wordCount(_ message: Message) -> Int {
            var count = 0
            for literal in message.literals {
                var inWord = false
                for scalar in literal.text.unicodeScalars {
                    let letter = TextChecks.isLetter(scalar) || scalar.properties.numericType != nil
                    if letter && !inWord { count += 1 }
                    inWord = letter
                }
            }
            return count
        }
    }

    private mutating func checkTranslation(_ table: LocaleTable, source: LocaleTable, used: Set<String>, uses: [String: [Use]], stats: inout Stats) {
        for (key, entry) in table.messages.sorted(by: { $0.value.location < $1.value.location }) where source.messages[key] == nil && !source.brokenKeys.contains(key) {
            log.warning("obsolete", at: entry.location, "message \"\(key)\" is not in the source table \(source.path)",
                        notes: ["delete it, or check its key for a typo"])
        }
        for (key, entry) in table.terms.sorted(by: { $0.value.location < $1.value.location }) where source.terms[key] == nil && !source.brokenKeys.contains(key) {
            log.warning("obsolete", at: entry.location, "term \"\(key)\" is not in the source table \(source.path)")
        }
        for (key, original) in source.messages.sorted(by: { $0.value.location < $1.value.location }) {
            guard let entry = table.messages[key] else {
                if table.brokenKeys.contains(key) { continue }
                stats.missing.insert(key)
                let usedAt = uses[key]?.first.map { ["used at \($0.location)"] } ?? []
                if used.contains(key) {
                    log.error("missing", at: table.location, "message \"\(key)\" is not translated",
                              notes: ["Polish (\(original.location)): \(original.canonicalText)"] + usedAt)
                }
                continue
            }
            let mark = log.all.count
            compare(entry, with: original, language: table.language)
            compareState(entry, with: original, table: table, stats: &stats)
            if !log.all[mark...].contains(where: { $0.severity == .error }) && !stats.stale.contains(key) { stats.good.insert(key) }
        }
        for (key, original) in source.terms.sorted(by: { $0.value.location < $1.value.location }) {
            guard let entry = table.terms[key] else { continue } // missing terms: checkTerms
            compareState(entry, with: original, table: table, stats: &stats)
        }
    }

    private mutating func compareState(_ entry: LocaleEntry, with original: LocaleEntry, table: LocaleTable, stats: inout Stats) {
        let kind = entry.kind.rawValue
        if let fingerprint = entry.sourceFingerprint {
            if fingerprint != original.fingerprint {
                stats.stale.insert(entry.key)
                let old = archive.text(for: fingerprint)
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

    private mutating func compare(_ entry: LocaleEntry, with original: LocaleEntry, language: String) {
        let key = entry.key
        // Arguments: the same names as the source.
        let mine = Set(entry.message.arguments.map(\.name))
        let theirs = Set(original.message.arguments.map(\.name))
        for name in mine.subtracting(theirs).sorted() {
            log.error("argument", at: entry.location, "\"\(key)\" uses {\(name)}, which the Polish text does not",
                      notes: ["arguments of the Polish: " + original.message.arguments.map { "{\($0.name)}" }.joined(separator: " ")])
        }
        for name in theirs.subtracting(mine).sorted() {
            log.error("argument", at: entry.location, "\"\(key)\" drops {\(name)}, which the Polish text uses",
                      notes: ["a fact the Polish shows would be missing from this language"])
        }
        // Select keys on the same argument as the source (grammatical case selects are per language).
        for (name, keys) in Self.selects(original.message.parts) where name != "case" {
            let translated = Self.selects(entry.message.parts)[name] ?? []
            if !translated.isEmpty && translated != keys {
                log.warning("select", at: entry.location, "select on {\(name)} has keys \(translated.sorted()) but the Polish has \(keys.sorted())")
            }
        }
        // Markup: the same inline elements (but foreign phrases, which depend on the language).
        let a = Self.markupSignatures(entry.message.parts, path: "")
        let b = Self.markupSignatures(original.message.parts, path: "")
        if a != b {
            let extra = a.subtracting(b).sorted(), lacking = b.subtracting(a).sorted()
            var notes: [String] = []
            if !lacking.isEmpty { notes.append("missing: " + lacking.joined(separator: ", ")) }
            if !extra.isEmpty { notes.append("not in the Polish: " + extra.joined(separator: ", ")) }
            log.error("markup", at: entry.location, "\"\(key)\" has other inline markup than the Polish text", notes: notes)
        }
        // Untranslated: the same words as the source.
        if Self.letters(entry.message).contains(where: { _ in true }) && Self.letters(entry.message).elementsEqual(Self.letters(original.message)) {
            log.warning("untranslated", at: entry.location, "\"\(key)\" reads the same as the Polish text",
                        notes: ["translate it; a name that stays the same belongs in a <term>"])
        }
        // End punctuation as the source.
        let end = Self.ending(entry.message), sourceEnd = Self.ending(original.message)
        if end != sourceEnd && end != .abbreviation && sourceEnd != .abbreviation {
            log.warning("punctuation", at: entry.location, "\"\(key)\" ends with \(Self.describe(end)) but the Polish with \(Self.describe(sourceEnd))")
        }
    }

    static func selects(_ parts: [MessagePart]) -> [String: Set<String>] {
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

    /// Each inline element with its ancestors and attributes, counted: `org#1`, `place/em#1`.
    static func markupSignatures(_ parts: [MessagePart], path: String) -> Set<String> {
        var counts: [String: Int] = [:]
        func walk(_ parts: [MessagePart], path: String) {
            for part in parts {
                switch part {
                case .markup(let markup, let inner, _):
                    if case .foreign = markup { walk(inner, path: path); continue }
                    let signature = path.isEmpty ? markup.attributeSignature : "\(path)/\(markup.attributeSignature)"
                    counts[signature, default: 0] += 1
                    walk(inner, path: signature)
                case .plural(let p):
                    // Branches say the same thing in other forms: count the richest one.
                    let best = p.branches.map { markupSignatures($0.parts, path: path) }.max { $0.count < $1.count } ?? []
                    for signature in best { counts[signature, default: 0] += 1 }
                case .select(let s):
                    let best = s.branches.map { markupSignatures($0.parts, path: path) }.max { $0.count < $1.count } ?? []
                    for signature in best { counts[signature, default: 0] += 1 }
                default:
                    break
                }
            }
        }
        walk(parts, path: path)
        return Set(counts.map { "\($0.key)#\($0.value)" })
    }

    /// The letters of a message's literal text, lazily (comparisons stop at the first difference).
    static func letters(_ message: Message) -> some Sequence<Unicode.Scalar> {
        message.literals.lazy.flatMap { $0.text.unicodeScalars }.filter(TextChecks.isLetter)
    }

    /// Abbreviations whose full stop may also end a sentence ("… z kwietnia 2018 r.").
    static let abbreviations: Set<String> = ["r", "ok", "tys", "mln", "mld", "np", "tzw", "in", "ul", "woj", "ж", "млн", "млрд", "etc", "approx"]

    enum Ending: Equatable { case none, mark(Character), abbreviation }

    static func ending(_ message: Message) -> Ending {
        guard case .text? = message.parts.last else { return .none }
        guard let scalars = message.literals.last?.text.unicodeScalars else { return .none }
        var end = scalars.endIndex
        while end > scalars.startIndex, scalars[scalars.index(before: end)].properties.isPatternWhitespace { end = scalars.index(before: end) }
        guard end > scalars.startIndex else { return .none }
        let lastIndex = scalars.index(before: end)
        let last = Character(scalars[lastIndex])
        guard ".:!?;".contains(last) else { return .none }
        if last == "." {
            var start = lastIndex
            while start > scalars.startIndex, TextChecks.isLetter(scalars[scalars.index(before: start)]) { start = scalars.index(before: start) }
            let word = String(scalars[start..<lastIndex])
            if !word.isEmpty, word.count <= 6, abbreviations.contains(word.lowercased()) { return .abbreviation }
        }
        return .mark(last)
    }

    static func describe(_ ending: Ending) -> String {
        switch ending {
        case .none: "no punctuation"
        case .mark(let c): "'\(c)'"
        case .abbreviation: "an abbreviation"
        }
    }
}
