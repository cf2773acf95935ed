/// How many one-character edits (insert, delete, replace) turn one identifier into another:
/// what a "did you mean" note is chosen by.
public enum EditDistance {
    /// The edit distance of `a` and `b`, counted in Unicode scalars.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// True when `candidate` is a likely intended spelling of `typed`: at most two edits
    /// apart, and fewer than a third of the typed length (so short words do not all match).
    public static func isNear(_ candidate: String, _ typed: String) -> Bool {
        guard candidate != typed else { return false }
        let distance = between(candidate, typed)
        return distance <= 2 && distance * 3 <= max(typed.unicodeScalars.count, 3)
    }
}
