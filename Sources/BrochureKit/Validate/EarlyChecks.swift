import BrochureDiagnostics
import Foundation
import Synchronization

/// A table's own checks, started the moment the table is read, while the other input files are
/// still being parsed.
///
/// Reading is three long jobs (one per table) on two cores: without this, one core waits for
/// the last table with nothing to do. The checks that need no other file (an entry's
/// characters, plurals and emptiness; the source's word counts) fill that wait.
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
    }

    private let languages: Set<String>
    private let started = Mutex<[String: Started]>([:])

    /// Checks the tables of `languages` (all when empty) as they are read.
    public init(languages: [String] = []) {
        self.languages = Set(languages)
    }

    /// Starts the checks of a table just read (once per table, from any thread).
    public func start(_ table: LocaleTable) {
        var work = Started()
        if languages.isEmpty || languages.contains(table.language) {
            work.entries = Once {
                var check = EntryChecks()
                let broken = check.checkEntries(of: table)
                return Entries(diagnostics: check.log.all, broken: broken)
            }
        }
        if table.isSource { work.wordCounts = Once { TranslationCheck.Stats.wordCounts(of: table) } }
        started.withLock { $0[table.path] = work }
        work.entries?.startInBackground()
        work.wordCounts?.startInBackground()
    }

    /// The entry checks of `table`; nil if they were not started.
    func entries(of table: LocaleTable) -> Entries? {
        started.withLock { $0[table.path]?.entries }?.value
    }

    /// The word counts of the source table; nil if they were not started.
    func wordCounts(of table: LocaleTable) -> [String: Int]? {
        started.withLock { $0[table.path]?.wordCounts }?.value
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
