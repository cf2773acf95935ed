import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Array where Element: Sendable {
    /// Maps the elements on all cores; results in the original order.
    ///
    /// The calling thread takes elements itself, one after another, while helpers on the
    /// global queue take the rest as soon as a thread is free. Unlike `concurrentPerform`,
    /// a map started inside another (the check beside the editions of a build, the writers
    /// of an edition) is not run on one thread only: when the outer work ends on one core,
    /// that core joins the inner map still running on the other. The caller never waits
    /// for work nobody has taken; it waits only for elements a helper is mapping.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let elements = self
        return withoutActuallyEscaping(transform) { transform in
            let work = SharedWork(count: count) { index in results.set(index, transform(elements[index])) }
            let helpers = Swift.min(count - 1, Swift.max(1, SharedWork.processors - 1))
            for _ in 0..<helpers { DispatchQueue.global().async { work.help() } }
            work.takeAll()
            work.close()
            return results.values
        }
    }
}

extension Range<Int> {
    /// The range cut into pieces of `size` (the last may be shorter), for work a parallel map
    /// shares out: one piece when the range is no longer than `size`.
    func pieces(of size: Int) -> [Range<Int>] {
        precondition(size > 0, "pieces hold something")
        return stride(from: lowerBound, to: upperBound, by: size).map { $0..<Swift.min($0 + size, upperBound) }
    }
}

/// Elements of one parallel map, taken one at a time by whichever thread is free.
private final class SharedWork: @unchecked Sendable {
    static let processors = Processors.count

    private struct State {
        var next = 0
        /// Helpers inside `takeAll`.
        var active = 0
        /// Set by the caller when it has taken the last element: no helper starts after.
        var closed = false
        /// The map itself, dropped when the caller closes (it must not outlive the call).
        var body: (@Sendable (Int) -> Void)?
    }

    private let count: Int
    private let state: Mutex<State>
    /// Signalled by the last helper to leave once the work is closed.
    private let finished = DispatchSemaphore(value: 0)

    init(count: Int, body: @escaping @Sendable (Int) -> Void) {
        self.count = count
        state = Mutex(State(body: body))
    }

    /// Called by a helper on the global queue: takes elements unless the caller is done.
    func help() {
        let enters = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.active += 1
            return true
        }
        guard enters else { return }
        // The map is held only inside `takeAll`: it is let go before the helper leaves, so
        // nothing holds it once the caller has seen the last helper leave.
        takeAll()
        let last = state.withLock { state -> Bool in
            state.active -= 1
            return state.closed && state.active == 0
        }
        if last { finished.signal() }
    }

    /// Takes elements until none is left (the caller, and each helper that entered).
    func takeAll() {
        guard let body = state.withLock({ $0.body }) else { return }
        take(body)
    }

    private func take(_ body: @Sendable (Int) -> Void) {
        while true {
            let index = state.withLock { state -> Int in
                defer { state.next += 1 }
                return state.next
            }
            guard index < count else { return }
            body(index)
        }
    }

    /// Waits for the helpers still mapping an element, then drops the map.
    func close() {
        let waits = state.withLock { state -> Bool in
            state.closed = true
            return state.active > 0
        }
        if waits { finished.wait() }
        state.withLock { $0.body = nil }
    }
}

/// Slots written once each from concurrent iterations, read after all have finished.
private final class ResultSlots<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: T) {
        slots.withLock { $0[index] = value }
    }

    var values: [T] { slots.withLock { $0.map { $0! } } }
}

enum Processors {
    /// The processors online.
    static var count: Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return count > 0 ? count : 1
    }
}
