import BrochureDiagnostics

/// The checks of a table's entries that need no other file: characters, words, plurals, emptiness.
/// They run as soon as the table is read (`EarlyChecks`).
struct EntryChecks {
    var log = DiagnosticLog()
    /// The plural categories of the language last checked.
    /// The categories also as a list: a branch key is compared with the few names (short
    /// strings compare without hashing) instead of being hashed for the set.
    private var knownCategories: (language: String, categories: Set<String>, list: [String])?

    /// Returns the keys of the messages that have errors (they do not count as translated).
    @discardableResult
    mutating func checkEntries(of table: LocaleTable, pieceSize: Int = piece) -> Set<String> {
        // A large table is checked in pieces, on a free core too: the last table read is
        // otherwise checked on one core while the other has nothing left to do. The findings
        // come out in the order one pass would give.
        let pieces = table.allEntries.indices.pieces(of: pieceSize).parallelMap { range in
            var checks = EntryChecks()
            var text = TextChecks(language: table.language)
            let broken = checks.checkEntries(table.allEntries[range], language: table.language, text: &text)
            return (own: checks.log.all, text: text.log.all, broken: broken)
        }
        var broken = Set<String>()
        for piece in pieces {
            log.add(contentsOf: piece.own)
            broken.formUnion(piece.broken)
        }
        for piece in pieces { log.add(contentsOf: piece.text) }
        return broken
    }

    /// Entries checked in one piece of work.
    static let piece = 2_048

    private mutating func checkEntries(_ entries: ArraySlice<LocaleEntry>, language: String, text: inout TextChecks) -> Set<String> {
        var broken = Set<String>()
        entries.forEachBorrowed { entry in
            let before = (text.log.all.count, log.all.count)
            if !entry.characterFindings.isEmpty { text.log.add(contentsOf: entry.characterFindings) }
            text.checkLiterals(entry.message.literals, isTerm: entry.kind == .term)
            if entry.isEmpty {
                log.error("empty", at: entry.location, "\(entry.kind.rawValue) \"\(entry.key)\" is empty")
            }
            if entry.message.features.contains(.plural) { checkPlurals(entry.message.body, language: language, at: entry.location) }
            func isError(_ diagnostic: Diagnostic) -> Bool { diagnostic.severity == .error }
            if entry.kind == .message && (text.log.all[before.0...].contains(where: isError) || log.all[before.1...].contains(where: isError)) {
                broken.insert(entry.key)
            }
        }
        return broken
    }

    /// Categories the locale never uses are errors; categories it uses but the plural lacks
    /// are warnings (an `other` written for all of them may be deliberate).
    mutating func checkPlurals(_ parts: MessageBody, language: String, at location: SourceLocation) {
        // A table has one language: its categories are asked of ICU's table (behind a lock) once.
        let categories: Set<String>
        let categoryList: [String]
        if let known = knownCategories, known.language == language {
            (categories, categoryList) = (known.categories, known.list)
        } else {
            categories = ICU.pluralCategories(locale: language)
            categoryList = Array(categories)
            knownCategories = (language, categories, categoryList)
        }
        // Every plural at any depth, in the order written: the flat form lists each where it
        // starts, so one pass over the parts finds them all (no value is made of each part).
        let store = parts.store
        for index in parts.range where store[index].kind == .plural {
            let plural = store[index]
            // Branch keys are unique (the parser refuses a second one): when each names a
            // category and there are as many as the categories, none is lacking.
            var covered = 0
            var branch = index + 1
            while branch < Int(plural.first) {
                let key = store.name(store[branch].name)
                if key.utf8.first != UInt8(ascii: "=") {
                    if categoryList.contains(key) {
                        covered += 1
                    } else {
                        log.error("plural", at: store[branch].location, "plural category \"\(key)\" is never used in \(language)",
                                  notes: ["CLDR categories for \(language): " + Self.ordered(categories).joined(separator: ", ")])
                    }
                }
                branch = Int(store[branch].first)
            }
            if covered < categories.count {
                var keys = Set<String>()
                branch = index + 1
                while branch < Int(plural.first) {
                    let key = store.name(store[branch].name)
                    if !key.hasPrefix("=") { keys.insert(key) }
                    branch = Int(store[branch].first)
                }
                let lacking = Self.ordered(categories.subtracting(keys))
                log.warning("plural", at: plural.location, "plural of {\(store.name(plural.name))} lacks \(lacking.joined(separator: ", ")) (CLDR categories of \(language)); \"other\" is used",
                            notes: ["add the branches, even when their text is the same"])
            }
        }
    }

    private static let categoryOrder = ["zero", "one", "two", "few", "many", "other"]

    static func ordered(_ categories: Set<String>) -> [String] {
        guard !categories.isEmpty else { return [] }
        let order = categoryOrder
        return categories.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
    }
}

/// Checks of a table against the profile: terms and their grammatical cases.
extension TranslationCheck {
    /// Every term the profile names is in the table, with the cases the table's messages ask for.
    mutating func checkTerms(of table: LocaleTable) {
        /// The terms each fact can name that the table has, with the cases each term's
        /// forms are written for (worked out once per fact, not at every use).
        var termFacts: [String: [(term: String, entry: LocaleEntry, forms: Set<String>)]] = [:]
        let allFacts = Array(project.profile.facts.values) + project.profile.lists.values.flatMap { $0.entries.flatMap { $0.facts.values } }
        for fact in allFacts.sorted(by: { $0.location < $1.location }) {
            guard case .name(let term) = fact.value else { continue }
            if let termEntry = table.terms[term] {
                termFacts[fact.id, default: []].append((term, termEntry, Self.selectKeys(termEntry.message.body, on: "case")))
            } else if !table.brokenKeys.contains(term) {
                log.error("missing", at: table.location, "term \"\(term)\" (named by the profile at \(fact.location)) is missing",
                          notes: ["add <term key=\"\(term)\">…</term> to \(table.path)"])
            }
        }
        for entry in table.orderedMessages where entry.message.features.contains(.nameArgument) {
            for (argument, grammaticalCase) in Self.nameCases(entry.message.body) {
                for (term, termEntry, forms) in termFacts[argument] ?? [] {
                    if !forms.isEmpty && !forms.contains(grammaticalCase) {
                        log.warning("name-case", at: entry.location, "term \"\(term)\" has no \"\(grammaticalCase)\" form; its \"other\" form is used",
                                    notes: ["add \(grammaticalCase) {…} to the term at \(termEntry.location)"])
                    }
                }
            }
        }
    }

    /// (argument, case) of every `{x, name, case}`.
    static func nameCases(_ parts: MessageBody) -> [(String, String)] {
        var found: [(String, String)] = []
        collectNameCases(parts, into: &found)
        return found
    }

    private static func collectNameCases(_ parts: MessageBody, into found: inout [(String, String)]) {
        for part in parts {
            switch part {
            case .argument(let a) where a.kind == .name: found.append((a.name, a.style ?? "nominative"))
            case .plural(let p): for branch in p.branches { collectNameCases(branch.parts, into: &found) }
            case .select(let s): for branch in s.branches { collectNameCases(branch.parts, into: &found) }
            case .markup(_, let inner, _): collectNameCases(inner, into: &found)
            default: break
            }
        }
    }

    static func selectKeys(_ parts: MessageBody, on name: String) -> Set<String> {
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
}
