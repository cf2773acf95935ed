import BrochureDiagnostics
import Foundation
import Synchronization

/// The checks that need no template, started the moment their tables are read, while the other
/// input files are still being parsed.
///
/// Reading is three long jobs (one per table) on two cores: without this, one core waits for
/// the last table with nothing to do. The checks that need no other file (an entry's
/// characters, plurals and emptiness; the source's word counts), and each translation compared
/// entry by entry with the source (`TableComparison`), fill that wait.
/// `TranslationCheck` takes each result in the job that would have made it: a piece of work
/// not started yet is done there and then, so no job waits on the thread pool.
/// See docs/DECISIONS.md #19.
public final class EarlyChecks: Sendable {
    struct Entries: Sendable {
        var diagnostics: [Diagnostic]
        /// Messages with errors (they do not count as translated).
        var broken: Set<String>
    }

    private struct Started: Sendable {
        var entries: Once<Entries>?
        var wordCounts: Once<[String: Int]>?
        /// A translation against the source (started once both are read).
        var comparison: Once<TableComparison.Result?>?
    }

    private struct State: Sendable {
        var started: [String: Started] = [:]
        var source: LocaleTable?
        /// The source's archive of earlier texts (for stale findings); nil if it cannot be read.
        var archive: Once<SourceArchive?>?
        /// Translations read before the source.
        var waiting: [LocaleTable] = []
    }

    private let root: String
    private let languages: Set<String>
    private let state = Mutex(State())

    /// Checks the tables of `languages` (all when empty) of the project in `root` as they are read.
    public init(root: String, languages: [String] = []) {
        self.root = root
        self.languages = Set(languages)
    }

    /// Starts the checks of a table just read (once per table, from any thread).
    public func start(_ table: LocaleTable) {
        let checked = languages.isEmpty || languages.contains(table.language)
        var work = Started()
        if checked {
            work.entries = Once {
                var check = EntryChecks()
                let broken = check.checkEntries(of: table)
                return Entries(diagnostics: check.log.all, broken: broken)
            }
        }
        if table.isSource { work.wordCounts = Once { TranslationCheck.Stats.wordCounts(of: table) } }
        let root = self.root
        let comparisons = state.withLock { state -> [Once<TableComparison.Result?>] in
            state.started[table.path] = work
            var ready: [LocaleTable] = []
            if table.isSource {
                state.source = table
                state.archive = Once { try? SourceArchive.load(root: root, language: table.language) }
                ready = state.waiting
                state.waiting = []
            } else if checked {
                if state.source == nil { state.waiting.append(table) } else { ready = [table] }
            }
            guard let source = state.source, let archive = state.archive else { return [] }
            return ready.map { translation in
                let comparison = Once<TableComparison.Result?> {
                    archive.value.map { TableComparison.run(translation, source: source, archive: $0) }
                }
                state.started[translation.path]?.comparison = comparison
                return comparison
            }
        }
        work.entries?.startInBackground()
        work.wordCounts?.startInBackground()
        for comparison in comparisons { comparison.startInBackground() }
    }

    /// `table` compared with the source; nil if that was not started or the archive could not
    /// be read.
    func comparison(of table: LocaleTable) -> TableComparison.Result? {
        state.withLock { $0.started[table.path]?.comparison }?.value ?? nil
    }

    /// The entry checks of `table`; nil if they were not started.
    func entries(of table: LocaleTable) -> Entries? {
        state.withLock { $0.started[table.path]?.entries }?.value
    }

    /// The word counts of the source table; nil if they were not started.
    func wordCounts(of table: LocaleTable) -> [String: Int]? {
        state.withLock { $0.started[table.path]?.wordCounts }?.value
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

    private let condition = NSCondition()
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
