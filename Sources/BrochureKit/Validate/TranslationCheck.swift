public import BrochureDiagnostics
import BrochureXML

/// `validate`: a static pass over templates × locale tables × profile, plus a resolution of
/// every document in every language, that finds what would make a printed edition wrong.
public struct TranslationCheck: Sendable {
    public let project: Project
    public let archive: SourceArchive
    var log = DiagnosticLog()
    var resolveDocuments = true

    /// Checks the languages named (all when empty); the source table is always read.
    ///
    /// `resolveDocuments: false` leaves out the resolution of every document in every
    /// language, for a caller that resolves them itself and reports what that finds (the build).
    public static func run(_ project: Project, languages: [String] = [], archive: SourceArchive,
                           resolveDocuments: Bool = true) -> ValidationReport {
        var check = TranslationCheck(project: project, archive: archive)
        check.resolveDocuments = resolveDocuments
        return check.report(languages: languages.isEmpty ? project.tables.map(\.language) : languages)
    }

    init(project: Project, archive: SourceArchive) {
        self.project = project
        self.archive = archive
    }

    struct Use: Sendable {
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
        var template = TranslationCheck(project: project, archive: archive)
        template.resolveDocuments = resolveDocuments
        let base = template
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
        let broken = checkEntries(of: table)
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
        stats.good.subtract(broken)
        // Resolve the documents in this language: argument types and formats in context.
        for template in project.templates where resolveDocuments {
            var resolver = Resolver(template: template, profile: project.profile, table: table, sourceTable: source, allowIncomplete: true, checkOnly: true)
            _ = resolver.document()
            log.add(contentsOf: resolver.log.all)
        }
        return stats.completeness(language: language, path: table.path, uses: uses, source: source, wordCounts: wordCounts)
    }
}
