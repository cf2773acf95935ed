/// The known key nearest to a key that names nothing, for a "did you mean" note.
enum KeySuggestion {
    /// The key of `candidates` nearest to `key` by edit distance (insertions, deletions,
    /// substitutions and swaps of neighbouring bytes), when it is near enough to be a typo of
    /// it: at most one edit in a key of up to 9 bytes, two up to 14, three beyond. Of keys
    /// equally near, the first in sorted order (the answer does not depend on the dictionary's
    /// order). Only asked when a key is missing from the source, so every candidate is tried.
    static func nearest(to key: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(key.utf8)
        let limit = target.count < 10 ? 1 : target.count < 15 ? 2 : 3
        var best: (distance: Int, key: String)?
        for candidate in candidates {
            let bytes = Array(candidate.utf8)
            let bound = best.map { min($0.distance, limit) } ?? limit
            // The lengths alone differ by more edits than allowed.
            guard abs(bytes.count - target.count) <= bound, let distance = distance(target, bytes, atMost: bound) else { continue }
            if let known = best, (known.distance, known.key) < (distance, candidate) { continue }
            best = (distance, candidate)
        }
        return best?.key
    }

    /// The edit distance of `a` and `b` (a swap of two neighbouring bytes is one edit, as in
    /// "ctiy"), or nil when it is more than `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], atMost limit: Int) -> Int? {
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in a.indices {
            current[0] = i + 1
            var rowMinimum = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 0 && j > 1 && a[i] == b[j - 2] && a[i - 1] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            // Every path through this row already costs more than allowed (a swap reaches back
            // one row more, but from a cell no cheaper than this row's less one).
            if rowMinimum > limit { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
