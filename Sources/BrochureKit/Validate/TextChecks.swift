import BrochureDiagnostics
import BrochureXML

/// Checks of the characters and words of one entry: invisible and control characters,
/// normalization, script (Cyrillic Kazakh, Latin Polish and English), white space,
/// punctuation and numbers typed where the profile should supply them.
struct TextChecks {
    /// The script a language is written in.
    enum Script { case latin, cyrillic }

    static func script(of language: String) -> Script {
        language == "kk" || language.hasPrefix("kk-Cyrl") || language == "ru" ? .cyrillic : .latin
    }

    let language: String
    var log = DiagnosticLog()
    /// The script of `language`, worked out when literals are first checked (not again for
    /// each entry's literals).
    private var knownScript: Script?

    init(language: String) { self.language = language }

    // MARK: Characters, anywhere in the entry

    /// The character findings of an entry's content (they do not depend on the language).
    static func characterFindings(_ content: FlatContent) -> [Diagnostic] {
        var checks = TextChecks(language: "")
        content.units.withUnsafeBufferPointer { units in
            for text in content.texts {
                let bytes = UnsafeBufferPointer(rebasing: units[text.start..<text.end])
                if isPlainlyClean(bytes) { continue }
                checks.checkCharacters(String(decoding: bytes, as: UTF8.self), anchor: text.anchor)
            }
        }
        return checks.log.all
    }

    /// The kinds of character no translation may hold. The ranges are Unicode's normative
    /// definitions (Bidi_Control, noncharacters, private use), so no lookup is needed per scalar.
    static func forbidden(_ value: UInt32) -> (severity: Severity, what: String)? {
        switch value {
        case 0x09, 0x0A, 0x0D: return nil
        case 0..<0x20, 0x7F...0x9F: return (.error, "control character")
        case 0x20..<0xA0: return nil
        case 0xAD: return (.warning, "soft hyphen")
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return (.error, "bidi control")
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return (.error, "invisible character")
        case 0xFDD0...0xFDEF: return (.error, "noncharacter")
        case _ where value & 0xFFFE == 0xFFFE: return (.error, "noncharacter")
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return (.error, "private-use character")
        default: return nil
        }
    }

    /// True when the text cannot be affected by NFC: no scalar at or above U+0300 outside the
    /// Cyrillic block and general punctuation (which hold no decomposable or combining characters).
    static func isTriviallyNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x400...0x4FF).contains($0.value) || (0x2002...0x206F).contains($0.value) }
    }

    /// True when the UTF-8 of a text holds only characters that can raise no finding and are
    /// unchanged by NFC: printable ASCII and white space, Latin-1 and Latin Extended letters
    /// (U+00A0–U+02FF but the soft hyphen), Cyrillic (U+0400–U+04FF) and the dashes, quotes
    /// and dots of General Punctuation (U+2010–U+2027). Most texts are; the rest take the
    /// scalar-by-scalar path.
    static func isPlainlyClean(_ text: String) -> Bool {
        text.withUTF8Bytes(isPlainlyClean)
    }

    static func isPlainlyClean(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = utf8.count
        var index = 0
        while index < count {
            let byte = utf8[index]
            if byte < 0x80 {
                // In ASCII text, eight printable bytes (U+0020–U+007E) are passed at a time. A
                // byte of 0x7F or more sets its high bit, or the one adding 1 sets; a byte below
                // 0x20 keeps the high bit that subtracting 0x20 sets (`~word` has it too).
                if index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let high = (word | (word &+ 0x0101_0101_0101_0101)) & 0x8080_8080_8080_8080
                    let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    if high | low == 0 { index += 8; continue }
                }
                if byte < 0x20 ? !(byte == 0x09 || byte == 0x0A || byte == 0x0D) : byte == 0x7F { return false }
                index += 1
                continue
            }
            // Four Cyrillic letters (U+0400–U+04FF: a lead byte D0–D3 and a continuation byte
            // each) at a time, read as one word (its first byte is its low byte).
            if byte & 0xFC == 0xD0 && index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0xC0FC_C0FC_C0FC_C0FC == 0x80D0_80D0_80D0_80D0 { index += 8; continue }
            }
            // A continuation byte that is wanted and missing is read as 0 (the text's end).
            func next(_ offset: Int) -> UInt8 { index + offset < count ? utf8[index + offset] : 0 }
            switch byte {
            case 0xC2:
                let second = next(1)
                guard second >= 0xA0, second != 0xAD else { return false }
                index += 2
            case 0xC3...0xCB, 0xD0...0xD3:
                guard next(1) & 0xC0 == 0x80 else { return false }
                index += 2
            case 0xE2:
                guard next(1) == 0x80, (0x90...0xA7).contains(next(2)) else { return false }
                index += 3
            default:
                return false
            }
        }
        return true
    }

    /// Checks one run of text that is not plainly clean, scalar by scalar.
    private mutating func checkCharacters(_ value: String, anchor: TextAnchor) {
        for (index, scalar) in value.unicodeScalars.enumerated() {
            guard let (severity, what) = Self.forbidden(scalar.value) else { continue }
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let at = anchor.location(ofScalar: index)
            switch what {
            case "bidi control":
                log.add(Diagnostic(severity, "characters", at: at, "bidi control \(code) is not allowed: it can make text display in another order than it is stored",
                                   notes: ["Polish, Kazakh and English are written left to right; delete the character"]))
            case "invisible character":
                log.add(Diagnostic(severity, "characters", at: at, "invisible character \(code) (zero width) is not allowed", notes: ["delete it"]))
            case "soft hyphen":
                log.add(Diagnostic(severity, "characters", at: at, "soft hyphen \(code): usually pasted by accident", notes: ["delete it unless the word must break there"]))
            case "noncharacter":
                log.add(Diagnostic(severity, "characters", at: at, "\(code) is a Unicode noncharacter"))
            case "private-use character":
                log.add(Diagnostic(severity, "characters", at: at, "private-use character \(code) has no meaning outside one font"))
            default:
                log.add(Diagnostic(severity, "characters", at: at, "control character \(code) is not allowed"))
            }
        }
        guard !Self.isTriviallyNFC(value) else { return }
        guard let nfc = ICU.nfc(value) else { return }
        if !nfc.unicodeScalars.elementsEqual(value.unicodeScalars) {
            let index = zip(nfc.unicodeScalars, value.unicodeScalars).prefix { $0 == $1 }.count
            log.error("characters", at: anchor.location(ofScalar: index), "text is not in Unicode NFC (a letter is written as base + combining mark)",
                      notes: ["write the precomposed letter; NFC of this text: \(nfc.trimmingWhitespace(newlines: true))"])
        }
    }

    // MARK: Words and typography, in the literal text of a message

    mutating func checkLiterals(_ literals: [Literal], isTerm: Bool) {
        let expected = knownScript ?? Self.script(of: language)
        knownScript = expected
        // Read in place: a literal is copied out (two reference counts) only to be checked.
        literals.withUnsafeBufferPointer { literals in
            for index in literals.indices {
                // The hints rule out most literals without reading them again.
                let hints = literals[index].hints
                if hints.mayHoldOtherScript(latinExpected: expected == .latin) { checkScript(literals[index], expected: expected) }
                if hints.mayBreakTypography { checkTypography(literals[index]) }
                if !isTerm && hints.mayHoldDigits { checkNumbers(literals[index]) }
            }
        }
    }

    private mutating func checkScript(_ literal: Literal, expected: Script) {
        // A finding needs a letter of the other script.
        if literal.withTextBytes({ Self.hasNoLetterOfOtherScript($0, expected: expected) }) { return }
        let scalars = Array(literal.text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard Self.isLetter(scalars[index]) else { index += 1; continue }
            let start = index
            while index < scalars.count, Self.isLetter(scalars[index]) || (scalars[index].value >= 0x300 && scalars[index].properties.generalCategory == .nonspacingMark) {
                index += 1
            }
            checkWord(scalars[start..<index], literal: literal, start: start, expected: expected)
        }
    }

    /// In Latin-script languages: no byte of Cyrillic or beyond (only General Punctuation,
    /// which has no letters). In Kazakh: no ASCII letter and nothing outside ASCII, Cyrillic
    /// and punctuation (no Latin letter). Either way no word can mix scripts.
    static func hasNoLetterOfOtherScript(_ bytes: UnsafeBufferPointer<UInt8>, expected: Script) -> Bool {
        var iterator = bytes.makeIterator()
        if expected == .latin {
            while let byte = iterator.next() {
                if byte < 0xD0 { continue }
                if byte == 0xE2, iterator.next() == 0x80, iterator.next() != nil { continue }
                return false
            }
            return true
        }
        while let byte = iterator.next() {
            if byte < 0x80 {
                if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { return false }
                continue
            }
            if (0xD0...0xD3).contains(byte) { _ = iterator.next(); continue }
            // Latin-1 punctuation and signs, but the two Latin letters there (ª U+00AA, º U+00BA).
            if byte == 0xC2 { if let next = iterator.next(), next >= 0xA0, next != 0xAA, next != 0xBA { continue } }
            if byte == 0xE2, iterator.next() == 0x80, iterator.next() != nil { continue }
            return false
        }
        return true
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
        // Fast answers for the blocks our languages live in; the property table for the rest.
        if (0x400...0x481).contains(v) || (0x48A...0x4FF).contains(v) || (0x100...0x17F).contains(v) { return true }
        if (0xC0...0xFF).contains(v) { return v != 0xD7 && v != 0xF7 }
        return scalar.properties.isAlphabetic
    }

    /// True when `byte` may begin a decimal digit: an ASCII digit, the lead byte of the
    /// two-byte ranges that hold digits (Arabic-Indic U+0660–0669 and U+06F0–06F9, NKo
    /// U+07C0–07C9), or of any scalar of three or four bytes.
    static func mayStartDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == 0xD9 || byte == 0xDB || byte == 0xDF || byte >= 0xE0
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (0x30...0x39).contains(v) }
        // Latin-1, Latin Extended, Cyrillic and General Punctuation hold no decimal digits.
        if v < 0x500 || (0x2000...0x206F).contains(v) { return false }
        return scalar.properties.numericType == .decimal
    }

    /// A letter or a digit of any kind (what word counts count).
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
        if isLetter(scalar) { return true }
        if v < 0x100 { return v == 0xB2 || v == 0xB3 || v == 0xB9 || (0xBC...0xBE).contains(v) }
        if v < 0x500 || (0x2000...0x206F).contains(v) { return false }
        return scalar.properties.numericType != nil
    }

    /// ICU's script of a letter, with the blocks our languages use answered directly.
    static func script(of scalar: Unicode.Scalar) -> Int32 {
        let v = scalar.value
        if v < 0x80 || (0xC0...0x24F).contains(v) { return ICU.latinScript }
        if (0x400...0x4FF).contains(v) { return ICU.cyrillicScript }
        return ICU.script(of: scalar)
    }

    private mutating func checkWord(_ slice: ArraySlice<Unicode.Scalar>, literal: Literal, start: Int, expected: Script) {
        // The common case, a word wholly in the expected script, allocates nothing.
        var sawLatin = false, sawCyrillic = false
        for scalar in slice {
            let script = Self.script(of: scalar)
            if script == ICU.latinScript { sawLatin = true } else if script == ICU.cyrillicScript { sawCyrillic = true }
        }
        if expected == .cyrillic ? !sawLatin : !sawCyrillic { return }
        let word = Array(slice)
        var latin: [Int] = []
        var cyrillic: [Int] = []
        for (offset, scalar) in word.enumerated() {
            let script = Self.script(of: scalar)
            if script == ICU.latinScript { latin.append(offset) } else if script == ICU.cyrillicScript { cyrillic.append(offset) }
        }
        let text = String(String.UnicodeScalarView(word))
        if !latin.isEmpty && !cyrillic.isEmpty {
            let odd = expected == .cyrillic ? latin : cyrillic
            let letters = odd.map { "'\(word[$0])' U+\(String(word[$0].value, radix: 16, uppercase: true).leftPadded(to: 4))" }
            log.error("script", at: literal.location(ofScalar: start + odd[0]),
                      "mixed-script word \"\(text)\": \(expected == .cyrillic ? "Latin" : "Cyrillic") \(letters.joined(separator: ", ")) among \(expected == .cyrillic ? "Cyrillic" : "Latin") letters",
                      notes: ["a look-alike letter from another alphabet; retype the word in the \(expected == .cyrillic ? "Kazakh (Cyrillic)" : "Latin") keyboard layout"])
            return
        }
        guard !literal.isForeign else { return }
        let isAcronym = word.count > 1 && word.allSatisfy { $0.properties.isUppercase }
        if expected == .cyrillic && !latin.isEmpty && !isAcronym {
            log.warning("script", at: literal.location(ofScalar: start), "Latin word \"\(text)\" in \(language) text",
                        notes: ["mark a name left in another language with <foreign xml:lang=\"…\">"])
        } else if expected == .latin && !cyrillic.isEmpty {
            log.warning("script", at: literal.location(ofScalar: start), "Cyrillic word \"\(text)\" in \(language) text",
                        notes: ["mark a phrase in Kazakh or Russian with <foreign xml:lang=\"kk\">"])
        }
    }

    private mutating func checkTypography(_ literal: Literal) {
        // Only a doubled space, a space before punctuation, a hyphen or a mark before a letter
        // can start a finding here.
        func isSuspect(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == 0x2D || (previous == 0x20 && (byte == 0x20 || byte == 0x2C || byte == 0x2E || byte == 0x3B || byte == 0x3A
                                                         || byte == 0x21 || byte == 0x3F || byte == 0x29)) {
                    return true
                }
                if (previous == 0x2C || previous == 0x2E || previous == 0x3B || previous == 0x3A || previous == 0x21 || previous == 0x3F)
                    && ((byte | 0x20) &- 0x61 < 26 || byte >= 0xC0) {
                    return true
                }
                previous = byte
            }
            return false
        }
        if !literal.withTextBytes(isSuspect) { return }
        let scalars = Array(literal.text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            let previous: Unicode.Scalar? = index > 0 ? scalars[index - 1] : nil
            if scalar == " " && next == " " && previous != nil && !Whitespace.isFoldable(previous!)
                && !(scalars[index...].prefix { $0 == " " || $0 == "\t" }.count == scalars.count - index)
                && scalars[index...].first(where: { $0 != " " }).map({ !Whitespace.isFoldable($0) }) ?? false {
                log.warning("whitespace", at: literal.location(ofScalar: index), "doubled space", notes: ["one space is enough"])
            }
            if scalar == " ", let next, ",.;:!?)".unicodeScalars.contains(next), previous != nil, previous != " " {
                log.warning("punctuation", at: literal.location(ofScalar: index), "space before '\(next)'")
            }
            if Self.lacksSpaceAfterMark(scalars, at: index) {
                log.warning("punctuation", at: literal.location(ofScalar: index),
                            "no space after '\(scalar)' in \"\(Self.word(around: index, in: scalars))\"",
                            notes: ["add a space after '\(scalar)'"])
            }
            if scalar == "-", let previous, let next {
                let spaceBefore = previous == " ", spaceAfter = next == " "
                if spaceBefore != spaceAfter && (next.properties.isAlphabetic || previous.properties.isAlphabetic) {
                    log.warning("punctuation", at: literal.location(ofScalar: index), "hyphen with a space on one side only",
                                notes: ["join words with a hyphen (-) and no spaces, or set a dash (–) between spaces"])
                }
            }
        }
    }

    /// True when the scalar at `index` is a mark of `. ! ? ; : ,` that a letter follows with no
    /// space between: after `.`, `!` and `?` a capital letter (a small one follows the full
    /// stops inside abbreviations: "m.in.", "t.b."), after `;`, `:` and `,` any letter (a digit
    /// follows them in "1,9" and "10:30"). Not in a web or e-mail address, an ellipsis, initials
    /// ("A.B.", "Ph.D.") or names such as "ASP.NET".
    static func lacksSpaceAfterMark(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let mark = scalars[index]
        guard mark == "." || mark == "," || mark == ";" || mark == ":" || mark == "!" || mark == "?",
              index > 0, index + 1 < scalars.count, isLetter(scalars[index + 1]) else { return false }
        let next = scalars[index + 1]
        let endsSentence = mark == "." || mark == "!" || mark == "?"
        if endsSentence && !next.properties.isUppercase { return false }
        // The letters before the mark, and after it.
        var start = index
        while start > 0 && isLetter(scalars[start - 1]) { start -= 1 }
        var end = index + 1
        while end < scalars.count && isLetter(scalars[end]) { end += 1 }
        let before = scalars[start..<index], after = scalars[(index + 1)..<end]
        if mark == "." {
            // An ellipsis written as full stops.
            if scalars[index - 1] == "." { return false }
            // Initials: one capital letter before the mark, or one letter and a full stop after it.
            if before.count == 1 && before.first!.properties.isUppercase { return false }
            if after.count == 1 && end < scalars.count && scalars[end] == "." { return false }
            // Capitals on both sides: a name such as "ASP.NET".
            if before.count > 1 && after.count > 1 && before.allSatisfy(\.properties.isUppercase) && after.allSatisfy(\.properties.isUppercase) {
                return false
            }
        }
        // A web or e-mail address: the run of text without white space holds "://", "@" or
        // starts with "www.".
        var first = index
        while first > 0 && !scalars[first - 1].properties.isWhitespace { first -= 1 }
        var last = index + 1
        while last < scalars.count && !scalars[last].properties.isWhitespace { last += 1 }
        let run = scalars[first..<last]
        if run.contains("@") { return false }
        if run.count >= 4 && run.prefix(4).elementsEqual("www.".unicodeScalars) { return false }
        for position in run.indices.dropLast(2) where run[position] == ":" && run[position + 1] == "/" && run[position + 2] == "/" {
            return false
        }
        return true
    }

    /// The run of text around `index` up to white space on either side (at most 40 scalars).
    static func word(around index: Int, in scalars: [Unicode.Scalar]) -> String {
        var first = index
        while first > 0 && index - first < 20 && !scalars[first - 1].properties.isWhitespace { first -= 1 }
        var last = index + 1
        while last < scalars.count && last - index < 20 && !scalars[last].properties.isWhitespace { last += 1 }
        return String(String.UnicodeScalarView(scalars[first..<last]))
    }

    private mutating func checkNumbers(_ literal: Literal) {
        func mayHoldDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where Self.mayStartDigit(byte) { return true }
            return false
        }
        if !literal.withTextBytes(mayHoldDigits) { return }
        if !literal.text.unicodeScalars.contains(where: Self.isDigit) { return }
        let scalars = Array(literal.text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard Self.isDigit(scalars[index]) else { index += 1; continue }
            let start = index
            while index < scalars.count, Self.isDigit(scalars[index]) { index += 1 }
            let digits = String(String.UnicodeScalarView(scalars[start..<index]))
            log.warning("number", at: literal.location(ofScalar: start), "the number \(digits) is typed into the text",
                        notes: ["numbers, years and dates come from the profile: use an {argument} (or a <term> for a name that contains a number)"])
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
