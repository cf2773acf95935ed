/// Walks over arrays of objects without counting a reference to each element.
///
/// A `for` loop over an array of class instances copies each element out, and a copy of a
/// reference is an atomic increment (and its end an atomic decrement): some 7 ns each on this
/// machine, whatever the loop does with the element. The checks walk tables of tens of
/// thousands of entries many times, and those counts were a tenth of a `validate`'s time.
/// The array keeps every element alive for the walk, so the element can be lent to `body`
/// as it stands (`Unmanaged._withUnsafeGuaranteedRef`). `body` must not keep it beyond the
/// call without a reference of its own (storing it anywhere makes one).
extension UnsafeBufferPointer where Element: AnyObject {
    @inline(__always)
    func forEachBorrowed(_ body: (Element) throws -> Void) rethrows {
        for index in indices {
            try Unmanaged.passUnretained(self[index])._withUnsafeGuaranteedRef(body)
        }
    }
}

extension Array where Element: AnyObject {
    /// Calls `body` with each element in order, lent without a reference counted for it.
    @inline(__always)
    func forEachBorrowed(_ body: (Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { try $0.forEachBorrowed(body) }
    }
}

extension ArraySlice where Element: AnyObject {
    /// Calls `body` with each element in order, lent without a reference counted for it.
    @inline(__always)
    func forEachBorrowed(_ body: (Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { try $0.forEachBorrowed(body) }
    }
}
