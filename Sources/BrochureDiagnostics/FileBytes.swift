/// The bytes of an input file, never changed once made: a region this value owns (memory
/// of its own, or the file mapped read-only) that is let go with the last reference.
///
/// An input file of megabytes is mapped rather than read (`InputFile.contents`): read, its
/// bytes would be copied into fresh memory, and the system would clear each page of that
/// memory on first touch, a page fault each. Mapped, the file's pages are the system's own
/// cache of it, entered into the process in one call. See docs/DECISIONS.md #37.
public final class FileBytes: @unchecked Sendable {
    public let count: Int
    @usableFromInline let base: UnsafePointer<UInt8>?
    /// Gives the region back (nil: nothing to give back).
    private let release: (@Sendable (_ base: UnsafeMutableRawPointer, _ count: Int) -> Void)?

    /// A copy of `bytes`.
    public convenience init(_ bytes: [UInt8]) {
        let region = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = bytes.withUnsafeBufferPointer { UnsafeMutableBufferPointer(start: region, count: bytes.count).initialize(fromContentsOf: $0) }
        self.init(adopting: UnsafeMutableRawPointer(region), count: bytes.count) { base, _ in base.deallocate() }
    }

    /// Takes over `count` bytes at `base`, which `release` gives back when the value goes.
    /// Nothing of ours changes them; a mapped file another program writes into in place (not
    /// by replacing it) shows its new bytes, as a file read while it is written shows a mix.
    public init(adopting base: UnsafeMutableRawPointer?, count: Int,
                release: @escaping @Sendable (_ base: UnsafeMutableRawPointer, _ count: Int) -> Void) {
        self.base = base.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
        self.count = base == nil ? 0 : count
        self.release = release
    }

    deinit {
        if let base, let release { release(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// Calls `body` with the bytes, read in place.
    @inlinable @inline(__always)
    public func withUnsafeBufferPointer<Result, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure) -> Result {
        defer { withExtendedLifetime(self) {} }
        return try body(UnsafeBufferPointer(start: base, count: count))
    }

    @inlinable
    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < count, "a byte of the file")
        return base![index]
    }

    /// The bytes, copied into an array.
    public var array: [UInt8] { withUnsafeBufferPointer { Array($0) } }
}
