public import BrochureDiagnostics
import BrochureXML

/// `validate`: a static pass over templates × locale tables × profile, plus a resolution of
/// every document in every language, that finds what would make a printed edition wrong.
public struct TranslationCheck: Sendable {
    public let project: Project
    public let archive: SourceArchive
    var log = DiagnosticLog()
    var resolveDocuments = true
    /// Counts of messages and words translated, per locale and section (the report's bars).
    var measuresCompleteness = true
    var early: EarlyChecks?

    /// Checks the languages named (all when empty); the source table is always read.
    ///
    /// `resolveDocuments: false` leaves out the resolution of every document in every
    /// language, for a caller that resolves them itself and reports what that finds (the build).
    ///
    /// `completeness: false` leaves out the counts of what is translated (the report's
    /// `completeness` is empty), for a caller that shows only the findings (the build).
    ///
    /// `early`: the checks started while the project was read (see `EarlyChecks`); whatever
    /// it did not start is made here, by the same functions.
    public static func run(_ project: Project, languages: [String] = [], archive: SourceArchive,
                           resolveDocuments: Bool = true, completeness: Bool = true, early: EarlyChecks? = nil) -> ValidationReport {
        var check = TranslationCheck(project: project, archive: archive)
        check.resolveDocuments = resolveDocuments
        check.measuresCompleteness = completeness
        check.early = early
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

    /// The work is cut into independent jobs, run on all cores in two rounds: first every
    /// table's own checks and every document resolved in every language (the Polish ones tell
    /// which keys are used where), then each translation against the source.
    private mutating func report(languages: [String]) -> ValidationReport {
        let source = project.sourceTable
        log.add(contentsOf: project.diagnostics)
        var checked: [LocaleTable] = []
        for language in languages {
            guard let table = project.table(language) else {
                log.error("usage", at: .file(Project.relative("Locales", project.root)), "no locale table for \"\(language)\"")
                continue
            }
            checked.append(table)
        }

        enum Job: Sendable {
            /// A table's entries and terms.
            case entries(LocaleTable)
            /// A template in a language (check only).
            case resolve(Template, LocaleTable)
            /// The words of every source message (for completeness in words).
            case words(LocaleTable)
        }
        struct Done: Sendable {
            var diagnostics: [Diagnostic] = []
            var broken: Set<String> = []
            var uses: [(key: String, location: SourceLocation, section: String?)] = []
            var wordCounts: [String: Int] = [:]
        }
        var jobs = project.templates.map { Job.resolve($0, source) } + (measuresCompleteness ? [Job.words(source)] : [])
        jobs += checked.map { Job.entries($0) }
        if resolveDocuments {
            for table in checked where !table.isSource { jobs += project.templates.map { Job.resolve($0, table) } }
        }
        let base = TranslationCheck(project: project, archive: archive)
        // Work started while reading is taken as it is (see `EarlyChecks`); what was not
        // started is made here, by the same functions.
        let early = self.early?.isFor(source: source) == true ? self.early : nil
        let profile = project.profile
        let done = jobs.parallelMap { job -> Done in
            var check = base
            var result = Done()
            switch job {
            case .entries(let table):
                let made = early?.entries(of: table) ?? EarlyChecks.Entries.make(table)
                result.broken = made.broken
                check.log.add(contentsOf: made.diagnostics)
                check.checkTerms(of: table)
            case .resolve(let template, let table):
                let made = early?.resolution(of: template, in: table)
                    ?? EarlyChecks.Resolution.make(template, in: table, source: source, profile: profile)
                check.log.add(contentsOf: made.diagnostics)
                result.uses = made.uses
            case .words(let table):
                result.wordCounts = early?.wordCounts(of: table) ?? Stats.wordCounts(of: table)
            }
            result.diagnostics = check.log.all
            return result
        }

        // Which keys the documents use, and where: from resolving every template in the source.
        var uses: [String: [Use]] = [:]
        /// The keys in the order of their first use (the templates' order): a fixed order
        /// without sorting.
        var keysInOrder: [String] = []
        var useCount = 0
        for (job, result) in zip(jobs, done) { if case .resolve(_, let table) = job, table.isSource { useCount += result.uses.count } }
        uses.reserveCapacity(useCount)
        keysInOrder.reserveCapacity(useCount)
        var broken: [String: Set<String>] = [:]
        var sourceTitleKeys = Set(project.profile.sources.values.map(\.titleKey))
        var sourceWords: [String: Int] = [:]
        for (job, result) in zip(jobs, done) {
            switch job {
            case .words:
                sourceWords = result.wordCounts
            case .entries(let table):
                log.add(contentsOf: result.diagnostics)
                broken[table.language] = result.broken
            case .resolve(let template, let table):
                if table.isSource {
                    if languages.contains(source.language) { log.add(contentsOf: result.diagnostics) }
                    for found in result.uses {
                        let use = Use(document: template.id, section: found.section ?? "title", location: found.location)
                        if uses[found.key]?.append(use) == nil {
                            uses[found.key] = [use]
                            keysInOrder.append(found.key)
                        }
                    }
                } else {
                    log.add(contentsOf: result.diagnostics)
                }
            }
        }
        // The few source titles are looked up among the thousands of used keys, not the other
        // way round; a key is used when a template uses it or it titles a source.
        sourceTitleKeys = sourceTitleKeys.filter { uses[$0] == nil }
        let (allUses, titleKeys) = (uses, sourceTitleKeys)
        let isUsed: @Sendable (String) -> Bool = { allUses[$0] != nil || titleKeys.contains($0) }

        if checked.contains(where: \.isSource) {
            for (key, entry) in source.messages where !isUsed(key) && !key.hasPrefix("ui.") {
                log.warning("obsolete", at: entry.location, "message \"\(key)\" is used by no template",
                            notes: ["delete it, or use it in Templates/"])
            }
        }
        let plan = measuresCompleteness ? UsePlan(uses: uses, keys: keysInOrder, wordCounts: sourceWords) : nil
        let allBroken = broken
        let results = checked.filter { !$0.isSource }.parallelMap { table -> ([Diagnostic], LocaleCompleteness?) in
            var check = base
            var stats = Stats()
            check.checkTranslation(table, source: source, isUsed: isUsed, uses: allUses, comparison: early?.comparison(of: table), stats: &stats)
            guard let plan else { return (check.log.all, nil) }
            stats.good.subtract(allBroken[table.language] ?? [])
            let completeness = stats.completeness(language: table.language, path: table.path, plan: plan)
            return (check.log.all, completeness)
        }
        for (diagnostics, _) in results { log.add(contentsOf: diagnostics) }
        let completeness = results.compactMap(\.1)
        var seen = Set<String>()
        let unique = log.sorted.filter { seen.insert($0.description).inserted }
        return ValidationReport(diagnostics: unique, completeness: completeness, icu: ICU.versionDescription)
    }
}
