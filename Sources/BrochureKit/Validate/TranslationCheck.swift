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
    /// The process ends soon after the check (the command line): what the check worked out
    /// along the way is left for the system to take back at exit rather than freed piece by
    /// piece (the index of uses alone is some 30,000 blocks at N = 10,000, freed on one core
    /// after the other jobs). See docs/DECISIONS.md #28 and #38.
    var endsProcess = false

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
    ///
    /// `endsProcess`: the caller ends the process soon after (see `BuildRequest.endsProcess`).
    public static func run(_ project: Project, languages: [String] = [], archive: SourceArchive,
                           resolveDocuments: Bool = true, completeness: Bool = true, early: EarlyChecks? = nil,
                           endsProcess: Bool = false) -> ValidationReport {
        var check = TranslationCheck(project: project, archive: archive)
        check.resolveDocuments = resolveDocuments
        check.measuresCompleteness = completeness
        check.early = early
        check.endsProcess = endsProcess
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
    /// table's own checks, every document resolved in every language, and beside them the
    /// index of which keys the documents use where (from the Polish ones) with the use plan;
    /// then each translation against the source.
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
            /// Which keys the documents use and where (from every template resolved in the
            /// source), the source's obsolete messages, and the use plan for completeness.
            case uses
            /// A table's entries and terms.
            case entries(LocaleTable)
            /// The template of that index resolved in the source (check only).
            case resolveSource(Int)
            /// A template in a translation (check only).
            case resolve(Template, LocaleTable)
        }
        struct Done: Sendable {
            var diagnostics: [Diagnostic] = []
            var broken: Set<String> = []
            var uses: UsesIndex?
        }
        let base = TranslationCheck(project: project, archive: archive)
        // Work started while reading is taken as it is (see `EarlyChecks`); what was not
        // started is made here, by the same functions.
        let early = self.early?.isFor(source: source) == true ? self.early : nil
        let profile = project.profile
        // Each template resolved in the source is wanted twice (its findings, and the keys it
        // uses): made once, by whichever job asks first.
        let sourceResolutions = project.templates.map { template in
            Once { early?.resolution(of: template, in: source) ?? EarlyChecks.Resolution.make(template, in: source, source: source, profile: profile) }
        }
        // The index of uses is first: it is the longest chain (the source's resolutions, then
        // the index, then the plan), and it runs beside the other jobs instead of after them.
        var jobs = [Job.uses] + project.templates.indices.map(Job.resolveSource)
        jobs += checked.map { Job.entries($0) }
        if resolveDocuments {
            for table in checked where !table.isSource { jobs += project.templates.map { Job.resolve($0, table) } }
        }
        let (project, languagesChecked, measures) = (project, languages, measuresCompleteness)
        let checksSource = checked.contains(where: \.isSource)
        let done = jobs.parallelMap { job -> Done in
            var check = base
            var result = Done()
            switch job {
            case .uses:
                result.uses = UsesIndex.make(project: project, resolutions: sourceResolutions.map(\.value),
                                             checksSource: checksSource,
                                             wordCounts: measures ? early?.wordCounts(of: source) ?? Stats.wordCounts(of: source) : nil)
            case .entries(let table):
                let made = early?.entries(of: table) ?? EarlyChecks.Entries.make(table)
                result.broken = made.broken
                check.log.add(contentsOf: made.diagnostics)
                check.checkTerms(of: table)
            case .resolveSource(let index):
                if languagesChecked.contains(source.language) { check.log.add(contentsOf: sourceResolutions[index].value.diagnostics) }
            case .resolve(let template, let table):
                let made = early?.resolution(of: template, in: table) ?? EarlyChecks.Resolution.make(template, in: table, source: source, profile: profile)
                check.log.add(contentsOf: made.diagnostics)
            }
            result.diagnostics = check.log.all
            return result
        }

        var index: UsesIndex?
        var broken: [String: Set<String>] = [:]
        for (job, result) in zip(jobs, done) {
            switch job {
            case .uses:
                index = result.uses
            case .entries(let table):
                log.add(contentsOf: result.diagnostics)
                broken[table.language] = result.broken
            case .resolveSource, .resolve:
                log.add(contentsOf: result.diagnostics)
            }
        }
        guard let index else { preconditionFailure("the index of uses is the first job") }
        log.add(contentsOf: index.obsolete)
        let (allUses, titleKeys, plan) = (index.uses, index.titleKeys, index.plan)
        let isUsed: @Sendable (String) -> Bool = { allUses[$0] != nil || titleKeys.contains($0) }
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
        if endsProcess { ProcessEnd.keep((index, done, results, broken)) }
        return ValidationReport(diagnostics: unique, completeness: completeness, icu: ICU.versionDescription)
    }
}

extension TranslationCheck {
    /// Which keys the documents use and where, worked out from every template resolved in the
    /// source; with the source's obsolete messages and, for completeness, the use plan.
    struct UsesIndex: Sendable {
        var uses: [String: [Use]] = [:]
        /// The source titles that no template uses (a key is used when a template uses it or
        /// it titles a source).
        var titleKeys: Set<String> = []
        var obsolete: [Diagnostic] = []
        var plan: UsePlan?

        /// `resolutions`: each template resolved in the source, in the templates' order.
        /// `wordCounts`: the source's, when completeness is measured (then the plan is made).
        static func make(project: Project, resolutions: [EarlyChecks.Resolution], checksSource: Bool,
                         wordCounts: [String: Int]?) -> UsesIndex {
            var index = UsesIndex()
            /// The keys in the order of their first use (the templates' order): a fixed order
            /// without sorting.
            var keysInOrder: [String] = []
            let useCount = resolutions.reduce(0) { $0 + $1.uses.count }
            index.uses.reserveCapacity(useCount)
            keysInOrder.reserveCapacity(useCount)
            for (template, resolution) in zip(project.templates, resolutions) {
                for found in resolution.uses {
                    let use = Use(document: template.id, section: found.section ?? "title", location: found.location)
                    // One lookup a use (in place): a key met for the first time has one use now.
                    func isFirst(_ use: Use, appendedTo list: inout [Use]) -> Bool {
                        list.append(use)
                        return list.count == 1
                    }
                    if isFirst(use, appendedTo: &index.uses[found.key, default: []]) { keysInOrder.append(found.key) }
                }
            }
            // The few source titles are looked up among the thousands of used keys, not the
            // other way round.
            let uses = index.uses
            index.titleKeys = Set(project.profile.sources.values.map(\.titleKey)).filter { uses[$0] == nil }
            if checksSource {
                var log = DiagnosticLog()
                // In file order, each entry lent (a walk through the dictionary copies each);
                // the findings are sorted by place in the end.
                let titleKeys = index.titleKeys
                project.sourceTable.allEntries.forEachBorrowed { entry in
                    guard entry.kind == .message, uses[entry.key] == nil, !titleKeys.contains(entry.key), !entry.key.hasPrefix("ui.") else { return }
                    log.warning("obsolete", at: entry.location, "message \"\(entry.key)\" is used by no template",
                                notes: ["delete it, or use it in Templates/"])
                }
                index.obsolete = log.all
            }
            if let wordCounts { index.plan = UsePlan(uses: index.uses, keys: keysInOrder, wordCounts: wordCounts) }
            return index
        }
    }
}
