@testable import BrochureKit
import Testing

/// CLDR plural rules, written out from the CLDR specification as an independent oracle
/// (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html),
/// and compared with what ICU selects.
@Suite struct PluralRuleTests {
    /// Polish cardinal: one: i = 1 and v = 0; few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14;
    /// many: v = 0 and (i != 1 and i % 10 = 0..1, or i % 10 = 5..9, or i % 100 = 12..14); other: the rest.
    static func polish(_ i: Int, visibleFractionDigits v: Int = 0) -> String {
        guard v == 0 else { return "other" }
        if i == 1 { return "one" }
        if (2...4).contains(i % 10) && !(12...14).contains(i % 100) { return "few" }
        return "many"
    }

    @Test func polishIntegersZeroToTwoHundred() throws {
        for n in 0...200 {
            #expect(try ICU.pluralCategory(String(n), locale: "pl") == Self.polish(n), "n = \(n)")
        }
    }

    @Test func polishLargeNumbersFollowTheLastDigits() throws {
        for n in [1_000, 1_001, 1_002, 1_012, 1_022, 1_000_000, 1_900_000, 224_000] {
            #expect(try ICU.pluralCategory(String(n), locale: "pl") == Self.polish(n), "n = \(n)")
        }
    }

    @Test(arguments: ["0.5", "1.5", "1.9", "3.25", "22.1"])
    func polishDecimalsAreOther(_ decimal: String) throws {
        #expect(try ICU.pluralCategory(decimal, locale: "pl") == "other")
    }

    /// The category follows the number as shown: "2,0" (one visible fraction digit) is other,
    /// while "2.0" shown with the default format is "2", which is few.
    @Test func visibleFractionDigitsDecide() throws {
        #expect(try ICU.formatNumber("2", skeleton: ".0", locale: "pl") == ("2,0", "other"))
        #expect(try ICU.formatNumber("2.0", skeleton: "", locale: "pl") == ("2", "few"))
        #expect(try ICU.formatNumber("1", skeleton: ".0", locale: "en") == ("1.0", "other"))
    }

    @Test func englishAndKazakhHaveOneAndOther() throws {
        for n in 0...200 {
            #expect(try ICU.pluralCategory(String(n), locale: "en") == (n == 1 ? "one" : "other"))
            #expect(try ICU.pluralCategory(String(n), locale: "kk") == (n == 1 ? "one" : "other"))
        }
        #expect(try ICU.pluralCategory("1.5", locale: "kk") == "other")
    }

    @Test func localeCategorySets() {
        #expect(ICU.pluralCategories(locale: "pl") == ["one", "few", "many", "other"])
        #expect(ICU.pluralCategories(locale: "en") == ["one", "other"])
        #expect(ICU.pluralCategories(locale: "kk") == ["one", "other"])
    }
}
