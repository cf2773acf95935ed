@testable import BrochureKit
import BrochureXML
import BrochureDiagnostics
import Foundation
import Testing

/// One fixture per check: a table broken in exactly that way, and the exact finding expected.
@Suite struct TranslationCheckTests {
    /// Runs the check on a mini project whose Kazakh (or Polish) table has one line changed.
    static func findings(kazakh: [Int: String] = [:], polish: [Int: String] = [:], acceptFirst: Bool = true) throws -> (ValidationReport, MiniProject) {
        var kk = MiniProject.kazakh
        var pl = MiniProject.polish
        if !acceptFirst { for (line, text) in kazakh { kk[line - 1] = text } }
        let project = try MiniProject(polish: pl, kazakh: kk, accept: acceptFirst)
        if acceptFirst {
            for (line, text) in kazakh { try project.edit(project.kazakhPath, line: line, to: text) }
        }
        for (line, text) in polish { pl[line - 1] = text; try project.edit(project.polishPath, line: line, to: text) }
        return (try project.check(), project)
    }

    static func expectOne(_ report: ValidationReport, check: String, path: String, line: Int, column: Int,
                          severity: Severity, containing text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let matches = report.diagnostics.filter { $0.check == check }
        #expect(matches.count == 1, "\(check): \(report.diagnostics)", sourceLocation: sourceLocation)
        guard let d = matches.first else { return }
        #expect(d.location.path.hasSuffix(path), sourceLocation: sourceLocation)
        #expect(d.location.line == line, "\(d)", sourceLocation: sourceLocation)
        #expect(d.location.column == column, "\(d)", sourceLocation: sourceLocation)
        #expect(d.severity == severity, "\(d)", sourceLocation: sourceLocation)
        #expect(d.message.contains(text), "\(d)", sourceLocation: sourceLocation)
    }

    /// The end punctuation read on bytes equals the scalar-by-scalar reading, and
    /// abbreviations are told from sentence ends.
    @Test(arguments: ["Ala ma kota.", "z kwietnia 2018 r.", "ok.", "Ok. ", "Tak!", "Nie?", "a;", "x:", "brak", "Ма.", "1,9 млн.",
                      "Астана.", "2018.", "  ", "Łódź.\n", "word.\u{2029}", "end…", "xyzzyqwerty.", "Tys.", "Ж.", "a\u{301}.",
                      "2 МЛН.", "3 Млрд.", "қаласына барды.", "ж.", "Ӏ ӀӀ.", "ӨҢІР.", "mLd.", "x млн", "ул."])
    func endPunctuationReadOnBytesEqualsTheScalarReading(text: String) throws {
        let message = Message([.text(text)], literals: [Literal(text: text, source: XMLText(value: text, location: .file("t.xml")).anchor,
                                                                 start: 0, isForeign: false, length: text.unicodeScalars.count)])
        #expect(TableComparison.ending(message) == TableComparison.scalarEnding(text))
        if text == "z kwietnia 2018 r." || text == "1,9 млн." { #expect(TableComparison.ending(message) == .abbreviation) }
        if text == "Ala ma kota." { #expect(TableComparison.ending(message) == .mark(".")) }
    }

    /// On random short endings (capitals and small letters of both scripts, Kazakh letters,
    /// abbreviations in any case, Latin-1 letters, combining marks, digits), the byte reading
    /// answers as the scalar reading does.
    @Test func endPunctuationOfRandomTextsEqualsTheScalarReading() {
        var generator = SplitMix64(seed: 20261130)
        let pieces = ["a", "R", "ok", "OK", "Tys", "woj", "approx", "ж", "Ж", "млн", "МЛН", "Млрд", "ӨҢІР", "қ", "Ӏ", "ӏ", "ё", "Ё",
                      "é", "Ł", "a\u{301}", "е\u{308}", "x", "2018", " ", ".", "ß", "Σ", "ǅ", "ﬁ"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...4, using: &generator) { text += pieces.randomElement(using: &generator)! }
            text += [".", ". ", ".", "!"].randomElement(using: &generator)!
            let message = Message([.text(text)], literals: [Literal(text: text, source: XMLText(value: text, location: .file("t.xml")).anchor,
                                                                     start: 0, isForeign: false, length: text.unicodeScalars.count)])
            #expect(TableComparison.ending(message) == TableComparison.scalarEnding(text), "\(text.debugDescription)")
        }
    }

    /// Words counted on bytes where the text is ASCII are the words of the scalar reading
    /// (runs of letters and digits), for every ASCII character between letters of both scripts.
    @Test func wordsCountedOnBytesAreTheScalarReadingsWords() {
        func reference(_ text: String) -> Int {
            var count = 0, inWord = false
            for scalar in text.unicodeScalars {
                let letter = TextChecks.isLetterOrNumber(scalar)
                if letter && !inWord { count += 1 }
                inWord = letter
            }
            return count
        }
        var texts: [String] = []
        for value in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(value))
            texts += ["a\(c)b", "ә\(c)ж", "\(c)", "1\(c)2", "\(c)x\(c)"]
        }
        texts += ["Ala ma kota", "  two  words ", "Łódź-2018 r.", "қала, өңір; 12 345", "e\u{301}tat", "x²y", "½ ¾", ""]
        // Long texts, read eight ASCII bytes at a time where they can be: every ASCII byte,
        // letters of both scripts and digits, at every offset.
        var generator = SplitMix64(seed: 0x5_0DD5)
        let pieces = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + ["ą", "Ł", "ж", "Ә", "²", "٣", "e\u{301}", "Ab", "zZ", "09", "  "]
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let message = Message([.text(text)], literals: [Literal(text: text, source: XMLText(value: text, location: .file("t.xml")).anchor,
                                                                     start: 0, isForeign: false, length: text.unicodeScalars.count)])
            #expect(TranslationCheck.Stats.wordCount(message) == reference(text), "\(text.debugDescription)")
        }
    }

    /// Digits written in two bytes (Arabic-Indic, NKo) are typed numbers too, alone in a text;
    /// and ª and º are Latin letters in a Kazakh word (both were let through by the byte
    /// prefilters before the exact check).
    @Test func twoByteDigitsAndLatinOneLettersAreFound() {
        func findings(_ text: String, _ language: String) -> [Diagnostic] {
            let literal = Literal(text: text, source: XMLText(value: text, location: .file("t.xml")).anchor, start: 0, isForeign: false,
                                  length: text.unicodeScalars.count)
            var checks = TextChecks(language: language)
            checks.checkLiterals([literal], isTerm: false)
            return checks.log.all
        }
        for digits in ["٢٠١٨", "۲۰۱۸", "߃"] {
            let found = findings("health \(digits) and more.", "en")
            #expect(found.contains { $0.check == "number" && $0.message.contains(digits) }, "\(digits): \(found)")
        }
        for letter in ["ª", "º"] {
            let found = findings("ынтымақтастық\(letter) бар", "kk")
            #expect(found.contains { $0.check == "script" && $0.severity == .error }, "\(letter): \(found)")
        }
        #expect(findings("қала – 50 µ", "kk").allSatisfy { $0.check != "script" })
    }

    /// The hints a literal carries rule out only what the exact checks would not find: on
    /// random texts of both scripts, with digits, hyphens, spaces before punctuation,
    /// controls, look-alike letters, General Punctuation and wider scalars, the script,
    /// typography and number findings are the same with the hints as with every check run.
    @Test func literalHintsSkipOnlyChecksThatFindNothing() {
        var generator = SplitMix64(seed: 20261130)
        let pieces = ["ала", "қала", "Ә", "a", "е", "o", "Y", "ə", "ok", "Łódź", "é", "ß", " ", "  ", " ,", " .", " ;", " :", " !", " ?", " )",
                      ",", ".", "-", " - ", "a-b", "2018", "١", "٣", "–", "„", "”", "\u{00A0}", "\u{0080}", "\u{0301}", "Ω", "中", "😀",
                      "\u{2009}", "\u{2212}", "ӏ", "Ӏ", "I", "x", "Ԁ", "ա", "\t", "٢", "۲", "߃", "ª", "º", "µ",
                      ".Z", ",a", ":b", "!Ż", "?Б", ";ж", "r.", "A.", "...", "www.", "@", "://"]
        var differences = 0
        var found = 0
        var missingSpaces = 0
        for _ in 0..<4000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let anchor = XMLText(value: text, location: .file("t.xml")).anchor
            let hinted = Literal(text: text, source: anchor, start: 0, isForeign: false, length: text.unicodeScalars.count)
            var unhinted = hinted
            unhinted.hints = .all
            // The pass that works out the hints counts the scalars as well.
            #expect(text.withUTF8Bytes(LiteralHints.scalarsAndHints).scalars == text.unicodeScalars.count, "\(text.debugDescription)")
            for language in ["kk", "pl", "en"] {
                for isTerm in [false, true] {
                    var withHints = TextChecks(language: language)
                    withHints.checkLiterals([hinted], isTerm: isTerm)
                    var everyCheck = TextChecks(language: language)
                    everyCheck.checkLiterals([unhinted], isTerm: isTerm)
                    let a = withHints.log.all.map(\.description), b = everyCheck.log.all.map(\.description)
                    if a != b { differences += 1 }
                    #expect(a == b, "\(language) \(text.debugDescription)")
                    found += b.count
                    missingSpaces += everyCheck.log.all.filter { $0.message.hasPrefix("no space after") }.count
                }
            }
        }
        #expect(differences == 0)
        // The texts do raise findings of every kind, so the comparison means something.
        #expect(found > 1000)
        #expect(missingSpaces > 100)
    }

    /// The quick test that a text holds no character to report (eight ASCII bytes or four
    /// Cyrillic letters at a time, else byte by byte) answers as the byte-by-byte reading does, on random texts of every
    /// length around the eight-byte words.
    @Test func plainlyCleanEqualsTheByteReading() {
        func reference(_ utf8: [UInt8]) -> Bool {
            var iterator = utf8.makeIterator()
            while let byte = iterator.next() {
                if byte < 0x80 {
                    if byte < 0x20 ? !(byte == 0x09 || byte == 0x0A || byte == 0x0D) : byte == 0x7F { return false }
                    continue
                }
                switch byte {
                case 0xC2: guard let next = iterator.next(), next >= 0xA0, next != 0xAD else { return false }
                case 0xC3...0xCB, 0xD0...0xD3: guard let next = iterator.next(), next & 0xC0 == 0x80 else { return false }
                case 0xE2: guard iterator.next() == 0x80, let next = iterator.next(), (0x90...0xA7).contains(next) else { return false }
                default: return false
                }
            }
            return true
        }
        let pieces = ["a", "bcdefgh", " ", "ж", "қала", "ынтымақтастық", "ӘӘӘԀ", "ΩΩΩΩ", "ł", "é", "\t", "\n", "\r", "\u{0001}", "\u{007F}", "\u{0085}", "\u{00A0}", "\u{00AD}",
                      "–", "„", "…", "\u{200B}", "\u{200E}", "\u{2028}", "😀", "中", "Ω", "ӏ", "~", "0123456789"]
        // Half the texts are mostly clean pieces, so long clean stretches (read sixteen bytes at
        // a time) meet a dirty character at every offset.
        let cleanPieces = ["a", "bcdefgh", " ", "ж", "қала", "ынтымақтастық", "ӘӘӘ", "\t", "~", "0123456789"]
        var generator = SplitMix64(seed: 0xC1EA_2026)
        var clean = 0
        for round in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...16, using: &generator) {
                let mostlyClean = round % 2 == 0 && Int.random(in: 0..<12, using: &generator) > 0
                text += (mostlyClean ? cleanPieces : pieces).randomElement(using: &generator)!
            }
            let bytes = Array(text.utf8)
            let quick = bytes.withUnsafeBufferPointer { TextChecks.isPlainlyClean($0) }
            #expect(quick == reference(bytes), "\(text.debugDescription)")
            if quick { clean += 1 }
        }
        #expect(clean > 4_000 && clean < 16_000)
        // Bytes that are not UTF-8 at all (a continuation byte with no lead before it, a lead
        // byte cut off) are read alike too; long clean stretches of Cyrillic come before them.
        for round in 0..<20_000 {
            let cyrillic = Array(String(repeating: "ынтымақ ", count: round % 5).utf8)
            let bytes = cyrillic + ByteScanTests.randomBytes(Int.random(in: 0...40, using: &generator), using: &generator)
            let quick = bytes.withUnsafeBufferPointer { TextChecks.isPlainlyClean($0) }
            #expect(quick == reference(bytes), "\(bytes)")
        }
    }

    /// The byte reading's lower case of ASCII and Cyrillic letters is `String.lowercased()`'s,
    /// letter by letter; it knows no other scalar.
    @Test func lowerCaseOfLettersIsTheStringLowerCase() {
        for value in UInt32(0)...0x52F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let known = value < 0x80 || (0x400...0x4FF).contains(value)
            if known && TextChecks.isLetter(scalar) {
                let lower = String(Character(scalar)).lowercased().unicodeScalars.map(\.value)
                #expect(TableComparison.lowercaseLetter(value).map { [$0] } == lower, "U+\(String(value, radix: 16))")
            } else {
                #expect(TableComparison.lowercaseLetter(value) == nil, "U+\(String(value, radix: 16))")
            }
        }
    }

    /// Side-by-side markup compared as sorted names answers as the inventories' counts do.
    @Test(arguments: [
        ("<em>a</em> b <org>c</org>", "<org>x</org> y <em>z</em>", true),
        ("<em>a</em> <em>b</em>", "<em>x</em>", false),
        ("<foreign xml:lang=\"kk\">x</foreign> a", "a", true),
        ("<link href=\"https://a.pl\">a</link>", "<link href=\"https://b.pl\">a</link>", false),
        ("<em>a</em>", "<strong>a</strong>", false),
        ("{n, plural, one {<em>#</em>} other {<em>#</em>}}", "<em>{n}</em>", false),
        ("<place><em>a</em></place>", "<place>a</place> <em>b</em>", false),
        ("<em>a</em> <em>b</em> <org>c</org>", "<org>x</org> <org>y</org> <em>z</em>", false),
        ("<link href=\"https://a.pl\">a</link> <em>b</em> <link href=\"https://b.pl\">c</link>", "<link href=\"https://b.pl\">a</link> <link href=\"https://a.pl\">c</link> <em>b</em>", true),
    ])
    func flatMarkupAnswersAsTheInventories(a: String, b: String, same: Bool) throws {
        let x = try Messages.parse(a).body, y = try Messages.parse(b).body
        #expect((MarkupInventory(x).counts == MarkupInventory(y).counts) == same)
        if let fx = TableComparison.flatMarkup(x), let fy = TableComparison.flatMarkup(y) { #expect(TableComparison.sameElements(fx, fy) == same) }
    }

    @Test func cleanTablesPassClean() throws {
        let (report, project) = try Self.findings()
        defer { project.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.completeness.map(\.language) == ["kk"])
        #expect(report.completeness[0].translated == 5 && report.completeness[0].messages == 5)
    }

    @Test func theRealTablesPassClean() throws {
        let project = try Project.load(root: TestSupport.packageRoot, lenient: true)
        let report = TranslationCheck.run(project, archive: try SourceArchive.load(root: TestSupport.packageRoot, language: "pl"))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.completeness.allSatisfy { $0.percent == 100 })
    }

    @Test func missingMessage() throws {
        let (report, project) = try Self.findings(kazakh: [7: ""])
        defer { project.remove() }
        Self.expectOne(report, check: "missing", path: "kk.xml", line: 1, column: 1, severity: .error, containing: "message \"city\" is not translated")
        #expect(report.completeness[0].missing == 1)
        #expect(report.completeness[0].sections.first { $0.section == "main" }?.translated == 3)
    }

    @Test func missingTerm() throws {
        let (report, project) = try Self.findings(kazakh: [2: ""])
        defer { project.remove() }
        Self.expectOne(report, check: "missing", path: "kk.xml", line: 1, column: 1, severity: .error, containing: "term \"city\"")
    }

    @Test func obsoleteMessage() throws {
        let (report, project) = try Self.findings(kazakh: [8: "  <message key=\"extra\">Қосымша</message>\n</locale>"])
        defer { project.remove() }
        Self.expectOne(report, check: "obsolete", path: "kk.xml", line: 8, column: 3, severity: .warning, containing: "not in the source table")
    }

    @Test func emptyMessage() throws {
        let (report, project) = try Self.findings(kazakh: [3: "  <message key=\"title\"></message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "empty", path: "kk.xml", line: 3, column: 3, severity: .error, containing: "is empty")
    }

    @Test func staleTranslationShowsOldAndNewSource() throws {
        let (report, project) = try Self.findings(polish: [4: "  <message key=\"main.title\">Najważniejsze dane</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "stale", path: "kk.xml", line: 4, column: 3, severity: .error, containing: "changed after this translation")
        let d = report.diagnostics.first { $0.check == "stale" }
        #expect(d?.notes.contains("Polish then: Dane") == true, "\(d?.notes ?? [])")
        #expect(d?.notes.contains("Polish now:  Najważniejsze dane") == true)
        #expect(report.completeness[0].stale == 1)
    }

    @Test func reformattingTheSourceIsNotAChange() throws {
        let (report, project) = try Self.findings(polish: [4: "  <message key=\"main.title\">\n      Dane\n  </message>"])
        defer { project.remove() }
        #expect(report.diagnostics.filter { $0.check == "stale" }.isEmpty)
    }

    @Test func unverifiedTranslation() throws {
        let (report, project) = try Self.findings(acceptFirst: false)
        defer { project.remove() }
        #expect(report.diagnostics.filter { $0.check == "unverified" }.count == 6)
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func stateNewIsAnError() throws {
        let (report, project) = try Self.findings(kazakh: [3: "  <message key=\"title\" state=\"new\">Облыс</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "state", path: "kk.xml", line: 3, column: 3, severity: .error, containing: "marked new")
    }

    @Test func addedArgument() throws {
        let (report, project) = try Self.findings(kazakh: [5: "  <message key=\"area\">Аумағы: {area, number, ::compact-long}, {count}.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "argument", path: "kk.xml", line: 5, column: 3, severity: .error, containing: "uses {count}")
    }

    @Test func droppedArgument() throws {
        let (report, project) = try Self.findings(kazakh: [7: "  <message key=\"city\">Орталығы: <place>Талдықорған</place>.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "argument", path: "kk.xml", line: 7, column: 3, severity: .error, containing: "drops {capital}")
    }

    @Test func pluralCategoryTheLocaleNeverUses() throws {
        let (report, project) = try Self.findings(kazakh: [6: "  <message key=\"count\">{count, plural, one {# компания} few {# компания} other {# компания}} <place>{capital, name, locative}</place>.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "plural", path: "kk.xml", line: 6, column: 57, severity: .error, containing: "\"few\" is never used in kk")
    }

    @Test func pluralLackingACategory() throws {
        let (report, project) = try Self.findings(polish: [6: "  <message key=\"count\">{count, plural, one {# firma} other {# firmy}} w <place>{capital, name, locative}</place>.</message>"])
        defer { project.remove() }
        let d = report.diagnostics.first { $0.check == "plural" }
        #expect(d?.severity == .warning)
        #expect(d?.location.line == 6)
        #expect(d?.location.column == 24)
        #expect(d?.message.contains("lacks few, many") == true, "\(String(describing: d))")
    }

    @Test func markupMismatch() throws {
        let (report, project) = try Self.findings(kazakh: [7: "  <message key=\"city\">Орталығы: <em>{capital}</em>.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "markup", path: "kk.xml", line: 7, column: 3, severity: .error, containing: "other inline markup")
        let d = report.diagnostics.first { $0.check == "markup" }
        #expect(d?.notes == ["the Polish has 1 <place> element, this translation none: <place> around {capital} is missing",
                             "this translation has 1 <em> element, the Polish none: <em> around {capital} is not in the Polish"])
    }

    /// One element of several left out: the notes count the elements of that kind in both and
    /// name the one left out by what it holds (they said "missing: place#2", "not in the
    /// Polish: place#1", though the Polish has a first <place> too).
    @Test func markupLackingOneOfSeveralElements() throws {
        let (report, project) = try Self.findings(
            kazakh: [7: "  <message key=\"city\">Орталығы: <place>{capital}</place>, {count}.</message>"],
            polish: [7: "  <message key=\"city\">Stolica: <place>{capital}</place>, <place>{count}</place>.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "markup", path: "kk.xml", line: 7, column: 3, severity: .error, containing: "other inline markup")
        let d = report.diagnostics.first { $0.check == "markup" }
        #expect(d?.notes == ["the Polish has 2 <place> elements, this translation 1: <place> around {count} is missing"])
    }

    /// The notes name each kind of element by where it stands and what it keeps; an element
    /// that holds no argument is only counted.
    @Test(arguments: [
        ("<place><em>{a}</em></place>", "<place>{a}</place>",
         ["this translation has 1 <em> element inside <place>, the Polish none: <em> inside <place> around {a} is not in the Polish"]),
        ("{n, plural, one {<em>#</em>} other {<em>{a}</em>}}", "{n, plural, one {#} other {{a}}}",
         ["this translation has 1 <em> element in a plural or select branch, the Polish none"]),
        ("<em>x</em> <em>y</em>", "<em>x</em> <em>y</em> <em>z</em>", ["the Polish has 3 <em> elements, this translation 2"]),
        ("<link href=\"https://b.pl\">{a}</link>", "<link href=\"https://a.pl\">{a}</link>",
         ["the Polish has 1 <link href=\"https://a.pl\"> element, this translation none: <link href=\"https://a.pl\"> around {a} is missing",
          "this translation has 1 <link href=\"https://b.pl\"> element, the Polish none: <link href=\"https://b.pl\"> around {a} is not in the Polish"]),
        ("<org>{a}</org>", "<org>{a}</org> <org>{b}</org> <org>{c}</org>",
         ["the Polish has 3 <org> elements, this translation 1: <org> around {b} and <org> around {c} are missing"]),
    ])
    func markupDifferencesAreNamed(translation: String, source: String, notes: [String]) throws {
        let mine = MarkupInventory(try Messages.parse(translation).body), theirs = MarkupInventory(try Messages.parse(source).body)
        #expect(mine.counts != theirs.counts)
        #expect(MarkupInventory.differences(translation: mine, source: theirs) == notes)
    }

    @Test func syntaxErrorWithItsPosition() throws {
        let (report, project) = try Self.findings(kazakh: [5: "  <message key=\"area\">Аумағы: {area, number.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "syntax", path: "kk.xml", line: 5, column: 44, severity: .error, containing: "after the argument type")
        #expect(report.diagnostics.filter { $0.check == "missing" }.isEmpty, "a broken entry is not also reported missing")
    }

    @Test func untranslatedText() throws {
        let (report, project) = try Self.findings(kazakh: [4: "  <message key=\"main.title\"><foreign xml:lang=\"pl\">Dane</foreign></message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "untranslated", path: "kk.xml", line: 4, column: 3, severity: .warning, containing: "reads the same")
    }

    @Test func latinLookAlikeInAKazakhWord() throws {
        // "Oблыс" with a Latin O (U+004F).
        let (report, project) = try Self.findings(kazakh: [3: "  <message key=\"title\">Oблыс</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "script", path: "kk.xml", line: 3, column: 24, severity: .error, containing: "mixed-script word")
        // A message with an error does not count as translated.
        #expect(report.completeness[0].translated == 4)
    }

    @Test func latinSchwaInsteadOfKazakhSchwa() throws {
        let (report, project) = try Self.findings(kazakh: [4: "  <message key=\"main.title\">Деректер əлемі</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "script", path: "kk.xml", line: 4, column: 38, severity: .error, containing: "U+0259")
    }

    @Test func cyrillicLetterInAPolishWord() throws {
        let (report, project) = try Self.findings(polish: [4: "  <message key=\"main.title\">D\u{0430}ne</message>"])
        defer { project.remove() }
        let d = report.diagnostics.first { $0.check == "script" }
        #expect(d?.location == BrochureDiagnostics.SourceLocation(path: project.polishPath, line: 4, column: 30))
        #expect(d?.message.contains("Cyrillic 'а' U+0430") == true)
    }

    @Test func latinWordInKazakhTextOutsideForeign() throws {
        let (report, project) = try Self.findings(kazakh: [3: "  <message key=\"title\">Облыс region</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "script", path: "kk.xml", line: 3, column: 30, severity: .warning, containing: "Latin word \"region\"")
    }

    @Test(arguments: [
        ("Облыс&#x202E;", 29, "bidi control U+202E"),
        ("Об\u{200B}лыс", 26, "U+200B"),
        ("Облыс&#x85;", 29, "control character U+0085"),
        ("Облыс\u{E000}", 29, "private-use"),
        ("Облыс&#xFDD0;", 29, "noncharacter"),
    ])
    func forbiddenCharacters(text: String, column: Int, message: String) throws {
        let (report, project) = try Self.findings(kazakh: [3: "  <message key=\"title\">\(text)</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "characters", path: "kk.xml", line: 3, column: column, severity: .error, containing: message)
    }

    @Test func textNotInNFC() throws {
        // "Облыс" followed by й written as и + combining breve.
        let (report, project) = try Self.findings(kazakh: [3: "  <message key=\"title\">Облыс и\u{0306}</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "characters", path: "kk.xml", line: 3, column: 30, severity: .error, containing: "NFC")
    }

    @Test func doubledSpace() throws {
        let (report, project) = try Self.findings(kazakh: [4: "  <message key=\"main.title\">Негізгі  деректер</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "whitespace", path: "kk.xml", line: 4, column: 36, severity: .warning, containing: "doubled space")
    }

    @Test func endPunctuationUnlikeTheSource() throws {
        let (report, project) = try Self.findings(kazakh: [7: "  <message key=\"city\">Орталығы: <place>{capital}</place></message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "punctuation", path: "kk.xml", line: 7, column: 3, severity: .warning, containing: "ends with no punctuation")
    }

    @Test func spaceBeforePunctuationAndLoneHyphen() throws {
        let (report, project) = try Self.findings(polish: [4: "  <message key=\"main.title\">Kazachów -studentów , dane</message>"])
        defer { project.remove() }
        let found = report.diagnostics.filter { $0.check == "punctuation" }.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(found == ["4:38 hyphen with a space on one side only", "4:48 space before ','"])
    }

    /// A letter straight after punctuation, at the mark's exact column (in scalars): after
    /// `. ! ?` a capital, after `; : ,` any letter.
    @Test(arguments: [
        ("pl", "Dane ogólne.Zainteresowanie rośnie", 40, "no space after '.' in \"ogólne.Zainteresowanie\""),
        ("pl", "Dane w r.Źródło", 37, "no space after '.' in \"r.Źródło\""),
        ("pl", "Tak,nie", 32, "no space after ',' in \"Tak,nie\""),
        ("pl", "Źródło:dane", 35, "no space after ':' in \"Źródło:dane\""),
        ("pl", "Dane?Tak", 33, "no space after '?' in \"Dane?Tak\""),
        ("kk", "Деректер.Бұл облыс", 37, "no space after '.' in \"Деректер.Бұл\""),
        ("kk", "Деректер;облыс", 37, "no space after ';' in \"Деректер;облыс\""),
    ])
    func noSpaceAfterPunctuation(language: String, text: String, column: Int, message: String) throws {
        let line = "  <message key=\"main.title\">\(text)</message>"
        let (report, project) = language == "pl" ? try Self.findings(polish: [4: line]) : try Self.findings(kazakh: [4: line])
        defer { project.remove() }
        Self.expectOne(report, check: "punctuation", path: "\(language).xml", line: 4, column: column, severity: .warning, containing: message)
        let d = report.diagnostics.first { $0.check == "punctuation" }
        #expect(d?.message == message)
        #expect(d?.notes == ["add a space after '\(message.dropFirst("no space after '".count).first!)'"])
    }

    /// What is written without a space on purpose is not a finding: abbreviations, numbers,
    /// times, initials, ellipses, names in capitals, web and e-mail addresses; and each slip is
    /// found once, read through the literal's hints as `validate` reads it.
    @Test func missingSpaceAfterPunctuationSparesWhatIsMeant() {
        func found(_ text: String, _ language: String = "pl") -> [String] {
            let literal = Literal(text: text, source: XMLText(value: text, location: .file("t.xml")).anchor, start: 0, isForeign: false,
                                  length: text.unicodeScalars.count)
            var checks = TextChecks(language: language)
            checks.checkLiterals([literal], isTerm: true)
            return checks.log.all.filter { $0.message.hasPrefix("no space after") }.map(\.message)
        }
        for text in ["co zawdzięcza m.in. konsekwentnej", "np. Warszawa", "1,9 mln", "o 10:30", "godz. 10.30", "3.5 mln", "A.B. Kowalski",
                     "J.R.R. Tolkien", "Ph.D. Smith", "U.S.A.", "www.Lubelskie.pl", "https://Example.com/Path?Query=1",
                     "jan.Kowalski@Lubelskie.pl", "Czekaj...Tak", "ASP.NET", "tzw.„Nowy”", "a, b; c: d. E! F? G", "Koniec.",
                     "e.g. this", "ok.", "(tak).", "2018 r."] {
            #expect(found(text) == [], "\(text)")
        }
        #expect(found("т.б. басқа", "kk") == [])
        #expect(found("w 2015 r.Zainteresowanie") == ["no space after '.' in \"r.Zainteresowanie\""])
        #expect(found("2015 ж.Бұл облыс", "kk") == ["no space after '.' in \"ж.Бұл\""])
        #expect(found("Tak!Nie, tak;nie") == ["no space after '!' in \"Tak!Nie,\"", "no space after ';' in \"tak;nie\""])
        #expect(found("Łódź.Ósmy") == ["no space after '.' in \"Łódź.Ósmy\""])
    }

    /// A key the template uses that the Polish lacks is one error at the template's use (not a
    /// "missing" finding per table that says to translate it), with the nearest Polish key; the
    /// translations' completeness does not count it.
    @Test(arguments: [false, true])
    func templateKeyNotInTheSource(early: Bool) throws {
        let project = try MiniProject()
        defer { project.remove() }
        try project.edit(project.templatePath, line: 6, to: "    <p msg=\"ctiy\"/>")
        let report = try project.check(early: early)
        Self.expectOne(report, check: "unknown-key", path: "Templates/doc.xml", line: 6, column: 8, severity: .error,
                       containing: "message \"ctiy\" is not in the Polish source table")
        let d = report.diagnostics.first { $0.check == "unknown-key" }
        #expect(d?.message == "message \"ctiy\" is not in the Polish source table \(project.polishPath)")
        #expect(d?.notes == ["did you mean \"city\"? (\(project.polishPath):7:3)",
                             "correct the key in the template, or add <message key=\"ctiy\">…</message> to \(project.polishPath)"])
        #expect(report.diagnostics.filter { $0.check == "missing" }.isEmpty, "\(report.diagnostics)")
        #expect(report.errorCount == 1, "\(report.diagnostics)")
        // The Polish "city" is now used by nothing.
        Self.expectOne(report, check: "obsolete", path: "pl.xml", line: 7, column: 3, severity: .warning, containing: "used by no template")
        let kk = try #require(report.completeness.first)
        #expect((kk.messages, kk.translated, kk.missing) == (4, 4, 0))
        #expect(kk.sections.first { $0.section == "main" }.map { ($0.messages, $0.translated) } ?? (0, 0) == (3, 3))
    }

    @Test func templateKeyFarFromEveryKeyHasNoSuggestion() throws {
        let project = try MiniProject()
        defer { project.remove() }
        try project.edit(project.templatePath, line: 6, to: "    <p msg=\"community.text\"/>")
        let report = try project.check()
        Self.expectOne(report, check: "unknown-key", path: "Templates/doc.xml", line: 6, column: 8, severity: .error,
                       containing: "message \"community.text\" is not in the Polish source table")
        #expect(report.diagnostics.first { $0.check == "unknown-key" }?.notes
                == ["add <message key=\"community.text\">…</message> to \(project.polishPath), or correct the key in the template"])
    }

    /// A Polish message that cannot be read is reported where it stands, not again as missing
    /// at each use, and is not counted in completeness.
    @Test func brokenSourceMessageIsNotAlsoMissing() throws {
        let (report, project) = try Self.findings(polish: [7: "  <message key=\"city\">Stolica: <place>{capital</place>.</message>"])
        defer { project.remove() }
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.check) == ["syntax"], "\(report.diagnostics)")
        #expect(report.diagnostics.first { $0.check == "syntax" }?.location.path.hasSuffix("pl.xml") == true)
        #expect(report.completeness.first.map { ($0.messages, $0.missing) } ?? (0, 0) == (4, 0))
    }

    @Test(arguments: [
        ("figure.capitol.value", ["figure.capital.value", "figure.country.value", "figure.area.value"], "figure.capital.value"),
        ("ctiy", ["city", "title", "count"], "city"),
        ("titl", ["tile", "title"], "title"),
        ("area", ["are", "arena"], "are"),
        ("zzz", ["city", "title"], nil),
        ("history.titl", ["history.title", "history.caption"], "history.title"),
        ("a.b.c.d.e.f.g.h", ["a.b.c.d.e.f.x.y.z"], nil),
        ("tilte", ["title", "tile"], "tile"),
        ("main.tilte", ["main.title", "main.text"], "main.title"),
        ("ab", ["ba", "abc"], "abc"),
    ] as [(String, [String], String?)])
    func nearestKeyIsWithinAFewEdits(key: String, candidates: [String], expected: String?) {
        #expect(KeySuggestion.nearest(to: key, among: candidates) == expected)
        #expect(KeySuggestion.nearest(to: key, among: candidates.reversed()) == expected)
    }

    @Test func numberTypedIntoATranslation() throws {
        let (report, project) = try Self.findings(kazakh: [5: "  <message key=\"area\">Аумағы: {area, number, ::compact-long} (2018).</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "number", path: "kk.xml", line: 5, column: 63, severity: .warning, containing: "2018")
    }

    @Test func grammaticalCaseATermLacks() throws {
        let (report, project) = try Self.findings(kazakh: [7: "  <message key=\"city\">Орталығы: <place>{capital, name, ablative}</place>.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "name-case", path: "kk.xml", line: 7, column: 3, severity: .warning, containing: "no \"ablative\" form")
    }

    @Test func argumentOfTheWrongTypeIsFoundByResolving() throws {
        let (report, project) = try Self.findings(kazakh: [5: "  <message key=\"area\">Аумағы: {area, date}.</message>"])
        defer { project.remove() }
        Self.expectOne(report, check: "argument", path: "kk.xml", line: 5, column: 31, severity: .error, containing: "is a quantity")
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let (report, project) = try Self.findings(kazakh: [4: "  <message key=\"main.title\">Негізгі  деректер</message>"])
        defer { project.remove() }
        #expect(report.errorCount == 0)
        #expect(report.strict().errorCount == report.warningCount, "\(report.diagnostics)")
        #expect(report.warningCount >= 1)
    }
}
