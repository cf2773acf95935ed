import BrochureDiagnostics
import BrochureDocument
import Dispatch
import Glibc
import Synchronization

/// The checks of `validate`, each started the moment the files it needs are read, while the
/// other input files are still being parsed.
///
/// Reading is three long jobs (one per table) on two cores: without this, one core waits for
/// the last table with nothing to do, and every check waits for the last table. Now each piece
/// of work starts when its own inputs are there:
/// - a table's own checks (an entry's characters, plurals and emptiness) and the source's word
///   counts: when the table is read;
/// - a translation compared entry by entry with the source (`TableComparison`): when both are;
/// - a template resolved in a language (check only): when the template, the profile, the table
///   and (for a translation) the source are.
///
/// `TranslationCheck` takes each result in the job that would have made it: a piece of work
/// not started yet is done there and then, so no job waits on the thread pool.
/// See docs/DECISIONS.md #19.
public final class EarlyChecks: Sendable {
    /// A table's own checks.
    struct Entries: Sendable {
        var diagnostics: [Diagnostic]
        /// Messages with errors (they do not count as translated).
        var broken: Set<String>

        static func make(_ table: LocaleTable) -> Entries {
            var check = EntryChecks()
            let broken = check.checkEntries(of: table)
            return Entries(diagnostics: check.log.all, broken: broken)
        }
    }

    /// A template resolved in a language (check only), for its errors and (in the source) the
    /// keys it uses.
    struct Resolution: Sendable {
        var diagnostics: [Diagnostic]
        var uses: [(key: String, location: SourceLocation, section: String?)]
        /// The document itself, when the source was resolved for a build (`makeDocument`).
        var document: Document?

        static func make(_ template: Template, in table: LocaleTable, source: LocaleTable, profile: Profile) -> Resolution {
            var resolver = table.isSource
                ? Resolver(template: template, profile: profile, table: table, sourceTable: nil, checkOnly: true)
                : Resolver(template: template, profile: profile, table: table, sourceTable: source, allowIncomplete: true, checkOnly: true)
            // A translation's uses are never read: the source's tell where each key is used.
            resolver.recordsUses = table.isSource
            _ = resolver.document()
            return Resolution(diagnostics: resolver.log.all, uses: resolver.usedKeys)
        }

        /// The source edition of `template` as a build resolves it (the text formatted), with
        /// the same findings and uses as the check alone finds: a build resolves the source
        /// once, for its check and its Polish edition.
        static func makeDocument(_ template: Template, source: LocaleTable, profile: Profile, allowIncomplete: Bool) -> Resolution {
            var resolver = Resolver(template: template, profile: profile, table: source, sourceTable: source, allowIncomplete: allowIncomplete)
            let document = resolver.document()
            return Resolution(diagnostics: resolver.log.all, uses: resolver.usedKeys, document: document)
        }
    }

    private struct State: Sendable {
        var source: LocaleTable?
        var translations: [LocaleTable] = []
        var templates: [Template] = []
        var profile: Profile?
        /// The source's archive of earlier texts (for stale findings); nil if it cannot be read.
        var archive: Once<SourceArchive?>?
        /// By table path.
        var entries: [String: Once<Entries>] = [:]
        var wordCounts: [String: Once<[String: Int]>] = [:]
        var comparisons: [String: Once<TableComparison.Result?>] = [:]
        /// What the source's messages hold, for every comparison with it.
        var sourceFacts: SourceFacts?
        /// By template path and table path.
        var resolutions: [String: Once<Resolution>] = [:]
    }

    private let root: String
    private let languages: Set<String>
    private let checksSource: Bool
    private let resolvesTranslations: Bool
    private let countsWords: Bool
    /// The build's source editions are resolved here, in full (see `Resolution.makeDocument`);
    /// nil for `validate`, which resolves to check only. The draft flag of the build.
    private let sourceEditions: Bool?
    private let state = Mutex(State())

    /// Checks the tables of `languages` (all when empty; and the source with `checkingSource`)
    /// of the project in `root` as they are read. `resolveDocuments`: also resolve every
    /// template in each translation (`validate`; the build resolves its editions itself, and
    /// needs only the source resolved). `countingWords`: also count the source's words, for
    /// the completeness of each translation (`validate`; the build shows no completeness).
    ///
    /// `sourceEditions`: for a build, the source is resolved in full, as its edition is (the
    /// value says whether the build is a draft): the build's Polish editions take their
    /// documents from here (`sourceDocument(of:)`), so the source is resolved once.
    public init(root: String, languages: [String] = [], checkingSource: Bool = false, resolveDocuments: Bool = true,
                countingWords: Bool = true, sourceEditions: Bool? = nil) {
        self.root = root
        self.languages = Set(languages)
        checksSource = checkingSource
        resolvesTranslations = resolveDocuments
        countsWords = countingWords
        self.sourceEditions = sourceEditions
    }

    /// Whether the results were made against `source` (the project's source table). A project
    /// with two source tables does not load; this is the check that it never reaches here.
    func isFor(source: LocaleTable) -> Bool {
        state.withLock { $0.source?.path } == source.path
    }

    /// Starts what the file just read makes possible (once per file, from any thread).
    public func read(_ file: Project.ReadFile) {
        let root = self.root
        let startable = state.withLock { state -> [@Sendable () -> Void] in
            var start: [@Sendable () -> Void] = []
            switch file {
            case .table(let table):
                if checks(table) {
                    let entries = Once { Entries.make(table) }
                    state.entries[table.path] = entries
                    start.append(entries.startInBackground)
                }
                if table.isSource {
                    state.source = table
                    state.archive = Once { try? SourceArchive.load(root: root, language: table.language) }
                    if countsWords {
                        let words = Once { TranslationCheck.Stats.wordCounts(of: table) }
                        state.wordCounts[table.path] = words
                        start.append(words.startInBackground)
                    }
                } else if checks(table) {
                    state.translations.append(table)
                }
            case .template(let template):
                state.templates.append(template)
            case .profile(let profile):
                state.profile = profile
            }
            start += startComparisons(&state) + startResolutions(&state)
            return start
        }
        for start in startable { start() }
    }

    private func checks(_ table: LocaleTable) -> Bool {
        languages.isEmpty || languages.contains(table.language) || (checksSource && table.isSource)
    }

    private func startComparisons(_ state: inout State) -> [@Sendable () -> Void] {
        guard let source = state.source, let archive = state.archive else { return [] }
        // Which messages are good is counted for completeness only.
        let gathersGood = countsWords
        if state.sourceFacts == nil { state.sourceFacts = SourceFacts(source, pieceSize: EntryChecks.piece) }
        let facts = state.sourceFacts
        var start: [@Sendable () -> Void] = []
        for translation in state.translations where state.comparisons[translation.path] == nil {
            let comparison = Once<TableComparison.Result?> {
                archive.value.map { TableComparison.run(translation, source: source, archive: $0, gatheringGood: gathersGood, facts: facts) }
            }
            state.comparisons[translation.path] = comparison
            start.append(comparison.startInBackground)
        }
        return start
    }

    private func startResolutions(_ state: inout State) -> [@Sendable () -> Void] {
        guard let profile = state.profile, let source = state.source else { return [] }
        let tables = [source] + (resolvesTranslations ? state.translations : [])
        // Only a build that makes the source's editions resolves it in full.
        let sourceEditions = languages.isEmpty || languages.contains(source.language) ? self.sourceEditions : nil
        var start: [@Sendable () -> Void] = []
        for template in state.templates {
            for table in tables where state.resolutions[Self.key(template, table)] == nil {
                let resolution = Once {
                    if table.isSource, let draft = sourceEditions {
                        return Resolution.makeDocument(template, source: source, profile: profile, allowIncomplete: draft)
                    }
                    return Resolution.make(template, in: table, source: source, profile: profile)
                }
                state.resolutions[Self.key(template, table)] = resolution
                start.append(resolution.startInBackground)
            }
        }
        return start
    }

    private static func key(_ template: Template, _ table: LocaleTable) -> String { template.path + "\n" + table.path }

    /// The entry checks of `table`; nil if they were not started.
    func entries(of table: LocaleTable) -> Entries? {
        state.withLock { $0.entries[table.path] }?.value
    }

    /// The word counts of the source table; nil if they were not started.
    func wordCounts(of table: LocaleTable) -> [String: Int]? {
        state.withLock { $0.wordCounts[table.path] }?.value
    }

    /// `table` compared with the source; nil if that was not started or the archive could not
    /// be read.
    func comparison(of table: LocaleTable) -> TableComparison.Result? {
        guard let comparison = state.withLock({ $0.comparisons[table.path] }) else { return nil }
        return comparison.value
    }

    /// `template` resolved in `table`'s language; nil if that was not started.
    func resolution(of template: Template, in table: LocaleTable) -> Resolution? {
        state.withLock { $0.resolutions[Self.key(template, table)] }?.value
    }

    /// The source edition of `template`, resolved in full for a build (`sourceEditions`) as a
    /// build that is a draft or not (`allowIncomplete`) would; nil if this is not such a build
    /// (or one that makes no source edition), or `source` not the table it read.
    func sourceDocument(of template: Template, source: LocaleTable, allowIncomplete: Bool) -> (Document, [Diagnostic])? {
        guard sourceEditions == allowIncomplete, isFor(source: source),
              let resolution = resolution(of: template, in: source), let document = resolution.document else { return nil }
        return (document, resolution.diagnostics)
    }
}

/// A piece of work done once: on a background thread when one is free, or by the first caller
/// that needs the value before then. A caller waits only for work already under way.
final class Once<Value: Sendable>: @unchecked Sendable {
    private enum State {
        case waiting(@Sendable () -> Value)
        case running
        case done(Value)
    }

    private let condition = Condition()
    private var state: State

    init(_ work: @escaping @Sendable () -> Value) {
        state = .waiting(work)
    }

    func startInBackground() {
        DispatchQueue.global().async { self.run() }
    }

    var value: Value {
        run()
        condition.lock()
        defer { condition.unlock() }
        while true {
            if case .done(let value) = state { return value }
            condition.wait()
        }
    }

    private func run() {
        condition.lock()
        guard case .waiting(let work) = state else {
            condition.unlock()
            return
        }
        state = .running
        condition.unlock()
        let value = work()
        condition.lock()
        state = .done(value)
        condition.broadcast()
        condition.unlock()
    }
}

/// A mutex with one condition variable (POSIX threads): what `Once` waits on.
final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let variable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(variable, nil)
    }

    deinit {
        pthread_cond_destroy(variable)
        pthread_mutex_destroy(mutex)
        variable.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits for `broadcast` (the mutex held, as with `NSCondition`).
    func wait() { pthread_cond_wait(variable, mutex) }
    func broadcast() { pthread_cond_broadcast(variable) }
}
