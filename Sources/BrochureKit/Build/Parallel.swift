import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// Maps the elements on all cores; results in the original order.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, transform(elements[index]))
        }
        return results.values
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
