import BrochureKit
import Testing

/// "Did you mean …?": edit distances and the nearest candidate.
struct SuggestionTests {
    @Test func distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        #expect(Suggestion.distance("", "") == 0)
        #expect(Suggestion.distance("", "build") == 5)
        #expect(Suggestion.distance("build", "") == 5)
        #expect(Suggestion.distance("validate", "validate") == 0)
        #expect(Suggestion.distance("brochur", "brochure") == 1)
        #expect(Suggestion.distance("brochuree", "brochure") == 1)
        #expect(Suggestion.distance("brochura", "brochure") == 1)
        // Two neighbours swapped are one slip, not two substitutions.
        #expect(Suggestion.distance("valdiate", "validate") == 1)
        #expect(Suggestion.distance("biuld", "build") == 1)
        #expect(Suggestion.distance("vlaidtae", "validate") == 2)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        // Characters, not bytes: one Cyrillic letter for another is one edit.
        #expect(Suggestion.distance("буклет", "буклят") == 1)
        for (a, b) in [("export", "exprot"), ("factsheet", "fatcsheet"), ("import", "imports"), ("abc", "ca")] {
            #expect(Suggestion.distance(a, b) == Suggestion.distance(b, a), "\(a) \(b)")
        }
    }

    @Test func closestIsTheNearestWithinTheLimit() {
        let commands = ["build", "validate", "export", "import"]
        #expect(Suggestion.closest(to: "valdiate", among: commands) == "validate")
        #expect(Suggestion.closest(to: "exprt", among: commands) == "export")
        #expect(Suggestion.closest(to: "imprto", among: commands) == "import")
        #expect(Suggestion.closest(to: "leaflet", among: commands) == nil)
        #expect(Suggestion.closest(to: "valid", among: commands) == nil)
        #expect(Suggestion.closest(to: "valdiate", among: []) == nil)
        // The nearest wins; of two as near, the first.
        #expect(Suggestion.closest(to: "brochur", among: ["brochures", "brochure"]) == "brochure")
        #expect(Suggestion.closest(to: "ab", among: ["ax", "xb"]) == "ax")
        #expect(Suggestion.closest(to: "validat", among: commands, limit: 0) == nil)
        #expect(Suggestion.closest(to: "validat", among: commands, limit: 1) == "validate")
    }
}
