public import BrochureDocument
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Language-specific typography applied to formatted text.
///
/// Polish: a one-letter word (a, i, o, u, w, z) is bound to the next word with a no-break
/// space, and so is a number to the abbreviation "r." that follows it, so neither is left
/// alone at the end of a line. The rules look across markup: `w <place>Astanie</place>`,
/// `<time>2018</time> r.`. Within one text, also by the words on either side (`bindsByWords`):
/// a number to its unit, quantity word or month (`224 km²`, `2 miliony`, `2 grudnia`), a month
/// to its year (`kwietnia 2018`), an abbreviation to the number after it (`ok. 1,9`), and
/// `tys.`, `mln`, `mld` to a unit (`224 tys. km²`).
public enum Typography {

    public static func apply(to inlines: [Inline], language: String) -> [Inline] {
        guard applies(to: language) else { return inlines }
        var context = Context()
        return polish(inlines, context: &context) ?? inlines
    }

    /// The last two scalars written before a text (nil where there were fewer).
    struct Context: Equatable {
        var previous: Unicode.Scalar?
        var last: Unicode.Scalar?

        init(previous: Unicode.Scalar? = nil, last: Unicode.Scalar? = nil) {
            (self.previous, self.last) = (previous, last)
        }

        /// The last two of `scalars`.
        init(_ scalars: [Unicode.Scalar]) {
            self.init(previous: scalars.count > 1 ? scalars[scalars.count - 2] : nil, last: scalars.last)
        }

        var scalars: [Unicode.Scalar] { [previous, last].compactMap { $0 } }
    }

    /// The inlines with their texts polished; nil when no text changed (most messages: then
    /// nothing is rebuilt).
    private static func polish(_ inlines: [Inline], context: inout Context) -> [Inline]? {
        var changed: [Inline]?
        for index in inlines.indices {
            let inline = inlines[index]
            let replacement: Inline?
            if case .text(let text) = inline {
                replacement = polished(text.string, context: &context).map { .text($0) }
            } else {
                replacement = polish(inline.children, context: &context).map { inline.with(children: $0) }
            }
            if let replacement {
                if changed == nil { changed = inlines }
                changed![index] = replacement
            }
        }
        return changed
    }

    /// `context` holds the last two scalars written before this text, and is updated.
    static func polish(_ text: String, context: inout Context) -> String {
        polished(text, context: &context) ?? text
    }

    /// The text with its bound spaces made no-break; nil when none binds (the text stays).
    static func polished(_ text: String, context: inout Context) -> String? {
        text.withUTF8Bytes { bytes in polished(bytes: bytes, context: &context).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Whether a language's text is polished (Polish).
    static func applies(to language: String) -> Bool {
        language == "pl" || language.hasPrefix("pl-")
    }

    /// The UTF-8 of a text with its bound spaces made no-break; nil when none binds.
    ///
    /// Read on the UTF-8 bytes in one pass: only an ASCII space can bind, and only after an
    /// ASCII letter (a i o u w z) or a number; the scalars around a space are decoded only
    /// where they are not ASCII.
    static func polished(bytes: UnsafeBufferPointer<UInt8>, context: inout Context) -> [UInt8]? {
        let before = context
        guard !bytes.isEmpty else { return nil }
        // The last two scalars written, this text's last.
        let last = bytes.scalar(endingAt: bytes.count)
        let previous = last.start > 0 ? bytes.scalar(endingAt: last.start).scalar : before.last
        context = Context(previous: previous, last: last.scalar)
        /// The scalar that ends at byte `end` and where it starts; the context's last
        /// before the text (start -1).
        func scalar(endingAt end: Int) -> (scalar: Unicode.Scalar?, start: Int) {
            if end == 0 { return (before.last, -1) }
            let byte = bytes[end - 1]
            if byte < 0x80 { return (Unicode.Scalar(byte), end - 1) }
            let found = bytes.scalar(endingAt: end)
            return (found.scalar, found.start)
        }
        var out: [UInt8] = []
        var from = 0
        for index in 0..<bytes.count where bytes[index] == 0x20 {
            let (previous, start) = scalar(endingAt: index)
            guard let previous else { continue }
            let binds: Bool
            if isBindingLetter(previous) {
                // A one-letter word: nothing of a word just before it.
                let second = start < 0 ? before.previous : scalar(endingAt: start).scalar
                // Else a word ending in one of these letters (`grudnia 2026`).
                binds = !isWordCharacter(second) || (mayBindByWords(bytes, at: index, after: previous) && bindsByWords(bytes, at: index, after: previous))
            } else {
                // "r." first: asking for a scalar's numeric type outside ASCII is a Unicode
                // property look-up, and most spaces follow a word, not a number.
                binds = (index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "r") && bytes[index + 2] == UInt8(ascii: ".")
                    && isNumeric(previous)
                    && !isWordCharacter(index + 3 < bytes.count ? bytes.scalar(startingAt: index + 3).scalar : nil))
                    || (mayBindByWords(bytes, at: index, after: previous) && bindsByWords(bytes, at: index, after: previous))
            }
            guard binds else { continue }
            // The bound space (ASCII) becomes U+00A0.
            if out.isEmpty { out.reserveCapacity(bytes.count + 8) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
            out.append(0xC2)
            out.append(0xA0)
            from = index + 1
        }
        guard from > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...]))
        return out
    }

    /// Whether a rule of `bindsByWords` may bind the space at `index`, on the bytes next to
    /// it: a digit after it, or a digit, `.`, `n` or `d` before it. Most spaces fail this.
    @inline(__always)
    private static func mayBindByWords(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, after previous: Unicode.Scalar) -> Bool {
        let value = previous.value
        return value &- 0x30 < 10 || value == 0x2E || value == 0x6E || value == 0x64
            || (index + 1 < bytes.count && bytes[index + 1] &- 0x30 < 10)
    }

    /// Whether the space at `index` binds by the words on either side of it (within this
    /// text): see the type's comment. Read on the bytes: most spaces are let go at the first
    /// test, on the bytes next to the space, and no word is ever made a string.
    private static func bindsByWords(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, after previous: Unicode.Scalar) -> Bool {
        let nextIsDigit = index + 1 < bytes.count && bytes[index + 1] &- 0x30 < 10
        // Numbers in the text are ASCII digits.
        let afterNumber = previous.value &- 0x30 < 10
        /// Whether the word before the space is `word` (ASCII), read in place.
        func wordBefore(is word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount, start = index - count
            guard start >= 0, memcmp(bytes.baseAddress! + start, word.utf8Start, count) == 0 else { return false }
            return start == 0 || bytes[start - 1] == 0x20 || (start >= 2 && bytes[start - 1] == 0xA0 && bytes[start - 2] == 0xC2)
        }
        let afterQuantity = (previous == "." && wordBefore(is: "tys.")) || (previous == "n" && wordBefore(is: "mln"))
            || (previous == "d" && wordBefore(is: "mld"))
        guard nextIsDigit || afterNumber || afterQuantity else { return false }
        // A word ends at a space or a no-break space (U+00A0: C2 A0), as in ICU's `224 tys.`.
        func isBreak(_ at: Int) -> Bool {
            bytes[at] == 0x20 || (bytes[at] == 0xA0 && at >= 1 && bytes[at - 1] == 0xC2) || (bytes[at] == 0xC2 && at + 1 < bytes.count && bytes[at + 1] == 0xA0)
        }
        var start = index
        while start > 0 && !isBreak(start - 1) { start -= 1 }
        var end = index + 1
        while end < bytes.count && !isBreak(end) { end += 1 }
        // The word after, without what may close it: , ; : ) and ” (E2 80 9D).
        while end > index + 1 {
            let last = bytes[end - 1]
            if last == 0x2C || last == 0x3B || last == 0x3A || last == 0x29 { end -= 1; continue }
            if last == 0x9D && end - 3 > index && bytes[end - 2] == 0x80 && bytes[end - 3] == 0xE2 { end -= 3; continue }
            break
        }
        let before = start..<index, after = (index + 1)..<end
        let words = Words.polish
        // The word after as written, or without a full stop that ends the sentence (`10 mln.`).
        func afterIsOneOf(_ list: ByteWords) -> Bool {
            list.contains(bytes, after) || (after.count > 1 && bytes[after.upperBound - 1] == 0x2E && list.contains(bytes, after.dropLast()))
        }
        if nextIsDigit && (words.months.contains(bytes, before) || words.numberPrefixes.contains(bytes, before)) { return true }
        if afterNumber && (afterIsOneOf(words.quantityWords) || words.months.contains(bytes, after)) { return true }
        if afterQuantity && afterIsOneOf(words.units) { return true }
        return false
    }

    /// The words the Polish rules read (one value: one look-up of a lazily made global).
    struct Words: Sendable {
        /// Month names as dates write them: nominative (`kwiecień 2018`), genitive
        /// (`2 kwietnia`) and locative (`w kwietniu 2018`).
        let months = ByteWords([
            "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień",
            "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
            "styczniu", "lutym", "marcu", "kwietniu", "maju", "czerwcu", "lipcu", "sierpniu", "wrześniu", "październiku", "listopadzie", "grudniu",
        ])
        /// Units and their abbreviations, written after a number (`224 km²`, `1,9 mln`).
        static let unitNames = ["km²", "km", "m²", "m", "ha", "kg", "t", "zł", "%", "proc.", "°C", "l", "cm", "mm"]
        let units = ByteWords(unitNames)
        /// What a number is bound to besides a unit: the quantity words and abbreviations.
        let quantityWords = ByteWords(unitNames + [
            "tys.", "mln", "mld", "bln", "tysiąc", "tysiące", "tysięcy", "tysiąca", "milion", "miliony", "milionów", "miliona",
            "miliard", "miliardy", "miliardów", "miliarda",
        ])
        /// Abbreviations bound to the number after them (`ok. 1,9`, `nr 5`).
        let numberPrefixes = ByteWords(["ok.", "np.", "nr", "ul.", "al.", "godz.", "pkt", "s.", "str.", "poz.", "art.", "ust.", "tab.", "rys."])

        static let polish = Words()
    }

    /// A set of short words, looked up by a word's bytes where they stand: the words are kept
    /// in one buffer, bucketed by length, so a word is compared only with those of its length.
    /// A capital first letter (ASCII) is read as small (`Grudnia 5`).
    struct ByteWords: Sendable {
        private let bytes: [UInt8]
        /// For each length, the range of `starts` of the words of that length.
        private let buckets: [Range<Int>]
        private let starts: [Int]

        init(_ words: [String]) {
            let encoded = words.map { Array($0.utf8) }
            let longest = encoded.map(\.count).max() ?? 0
            var bytes: [UInt8] = [], buckets: [Range<Int>] = [], starts: [Int] = []
            for length in 0...longest {
                let first = starts.count
                for word in encoded where word.count == length {
                    starts.append(bytes.count)
                    bytes.append(contentsOf: word)
                }
                buckets.append(first..<starts.count)
            }
            (self.bytes, self.buckets, self.starts) = (bytes, buckets, starts)
        }

        func contains(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
            let count = range.count
            guard count > 0, count < buckets.count, let base = text.baseAddress else { return false }
            let byte = text[range.lowerBound]
            let first = byte &- 0x41 < 26 ? byte | 0x20 : byte
            return bytes.withUnsafeBufferPointer { words in
                for index in buckets[count] {
                    let start = starts[index]
                    if words[start] == first && memcmp(words.baseAddress! + start + 1, base + range.lowerBound + 1, count - 1) == 0 { return true }
                }
                return false
            }
        }
    }

    private static func isWordCharacter(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return TextChecks.isLetterOrNumber(s) || (s.value >= 0x80 && (s.properties.isAlphabetic || s.properties.numericType != nil))
    }

    private static func isNumeric(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (s.value >= 0x80 && s.properties.numericType != nil)
    }

    /// a i o u w z, either case: the one-letter words bound to the next word.
    static func isBindingLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61, 0x69, 0x6F, 0x75, 0x77, 0x7A, 0x41, 0x49, 0x4F, 0x55, 0x57, 0x5A: true
        default: false
        }
    }
}
