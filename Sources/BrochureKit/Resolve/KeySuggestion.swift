/// The known key nearest to a key that names nothing, for a "did you mean" note.
enum KeySuggestion {
    /// The key of `candidates` nearest to `key` by edit distance (`Suggestion.distance`:
    /// insertions, deletions, substitutions and swaps of neighbours), when it is near enough to
    /// be a typo of it: at most one edit in a key of up to 9 characters, two up to 14, three
    /// beyond. Of keys equally near, the first in sorted order (the answer does not depend on
    /// the dictionary's order). Only asked when a key is missing from the source.
    static func nearest(to key: String, among candidates: some Sequence<String>) -> String? {
        let length = key.count
        let limit = length < 10 ? 1 : length < 15 ? 2 : 3
        return Suggestion.closest(to: key, among: candidates.sorted(), limit: limit)
    }
}
