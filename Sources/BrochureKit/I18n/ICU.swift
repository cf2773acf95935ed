import CICU
import Synchronization

/// CLDR formatting and plural rules, from the system ICU (libicu-dev) through a small C shim.
public enum ICU {
    public struct Failure: Error, Sendable {
        public var code: Int32
        public var skeletonOffset: Int32?
    }

    /// Formats a decimal number (as text, e.g. "1900000") with an ICU number skeleton and
    /// returns the text and the CLDR plural category of the formatted number.
    public static func formatNumber(_ decimal: String, skeleton: String, locale: String) throws(Failure) -> (text: String, category: String) {
        var out = [CChar](repeating: 0, count: 512)
        var category = [CChar](repeating: 0, count: 32)
        var offset: Int32 = -1
        let rc = brochure_icu_format_number(locale, skeleton, decimal, &out, 512, &category, 32, &offset)
        guard rc == 0 else { throw Failure(code: rc, skeletonOffset: offset >= 0 ? offset : nil) }
        return (string(out), string(category))
    }

    /// The CLDR cardinal plural category of a number in a locale.
    public static func pluralCategory(_ decimal: String, locale: String) throws(Failure) -> String {
        try formatNumber(decimal, skeleton: "", locale: locale).category
    }

    /// The plural categories the locale uses, e.g. pl: few, many, one, other.
    /// Asked once per locale: the answer is fixed for the process.
    public static func pluralCategories(locale: String) -> Set<String> {
        if let known = knownCategories.withLock({ $0[locale] }) { return known }
        let categories = readPluralCategories(locale: locale)
        knownCategories.withLock { $0[locale] = categories }
        return categories
    }

    private static let knownCategories = Mutex<[String: Set<String>]>([:])

    private static func readPluralCategories(locale: String) -> Set<String> {
        var out = [CChar](repeating: 0, count: 128)
        guard brochure_icu_plural_keywords(locale, &out, 128) == 0 else { return ["other"] }
        return Set(string(out).split(separator: " ").map(String.init))
    }

    /// Formats a Gregorian date with an ICU pattern (`MMMM y`) or skeleton (`yMMMM`).
    public static func formatDate(year: Int, month: Int, day: Int, pattern: String, isSkeleton: Bool, locale: String) throws(Failure) -> String {
        var out = [CChar](repeating: 0, count: 512)
        let rc = brochure_icu_format_date(locale, pattern, isSkeleton ? 1 : 0, Int32(year), Int32(month), Int32(day), &out, 512)
        guard rc == 0 else { throw Failure(code: rc) }
        return string(out)
    }

    /// The ICU script code of a scalar (25 Latin, 8 Cyrillic, 0 Common, 1 Inherited).
    public static func script(of scalar: Unicode.Scalar) -> Int32 {
        brochure_icu_script(scalar.value)
    }

    /// The text in Unicode NFC (canonical composition), as ICU's normalizer makes it; nil
    /// when ICU fails.
    public static func nfc(_ text: String) -> String? {
        var capacity = text.utf8.count * 3 + 16
        for _ in 0..<2 {
            var out = [CChar](repeating: 0, count: capacity)
            let rc = text.withUTF8Bytes { bytes in
                bytes.withMemoryRebound(to: CChar.self) { brochure_icu_nfc($0.baseAddress, Int32(bytes.count), &out, Int32(capacity)) }
            }
            if rc == 0 { return string(out) }
            guard rc == BROCHURE_ICU_BUFFER_OVERFLOW else { return nil }
            capacity *= 4
        }
        return nil
    }

    public static let latinScript: Int32 = 25
    public static let cyrillicScript: Int32 = 8

    /// "ICU 72.1, CLDR 42.0".
    public static var versionDescription: String {
        var icu = [CChar](repeating: 0, count: 32)
        var cldr = [CChar](repeating: 0, count: 32)
        brochure_icu_version(&icu, 32)
        brochure_icu_cldr_version(&cldr, 32)
        return "ICU \(string(icu)), CLDR \(string(cldr))"
    }

    private static func string(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
