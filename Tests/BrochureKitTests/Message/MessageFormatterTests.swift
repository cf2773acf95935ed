@testable import BrochureKit
import BrochureDiagnostics
import BrochureDocument
import BrochureXML
import Testing

@Suite struct MessageFormatterTests {
    static let area = Messages.fact("area", .quantity(decimal: "224000", unit: "area-square-kilometer"), approximate: true)
    static let population = Messages.fact("population", .quantity(decimal: "1900000", unit: nil), approximate: true)
    static let agreement = Messages.fact("agreementDate", .date(FactDate(year: 2018, month: 4)))
    static let nbsp = "\u{00A0}"

    @Test func polishCompactNumbersAndUnits() throws {
        #expect(try Messages.format("{area, number, ::compact-short}", language: "pl", scope: ["area": .fact(Self.area)]) == "224\(Self.nbsp)tys.\(Self.nbsp)km²")
        #expect(try Messages.format("{population, number, ::compact-short}", language: "pl", scope: ["population": .fact(Self.population)]) == "1,9\(Self.nbsp)mln")
        #expect(try Messages.format("{population, number, ::compact-long precision-integer}", language: "pl", scope: ["population": .fact(Self.population)]) == "2\(Self.nbsp)miliony")
    }

    @Test func englishAndKazakhNumbers() throws {
        #expect(try Messages.format("{area}", language: "en", scope: ["area": .fact(Self.area)]) == "224,000 km²")
        #expect(try Messages.format("{population, number, ::compact-long}", language: "en", scope: ["population": .fact(Self.population)]) == "1.9 million")
        #expect(try Messages.format("{area, number, ::compact-long}", language: "kk", scope: ["area": .fact(Self.area)]) == "224 мың км²")
    }

    @Test func polishDigitGroupingUsesNoBreakSpace() throws {
        let big = Messages.fact("n", .quantity(decimal: "1234567", unit: nil))
        #expect(try Messages.format("{n}", language: "pl", scope: ["n": .fact(big)]) == "1\(Self.nbsp)234\(Self.nbsp)567")
        #expect(try Messages.format("{n}", language: "en", scope: ["n": .fact(big)]) == "1,234,567")
    }

    @Test func polishDatesUseTheGenitiveMonthInFormatPatterns() throws {
        #expect(try Messages.format("z {agreementDate, date, MMMM y} r.", language: "pl", scope: ["agreementDate": .fact(Self.agreement)]) == "z\(Self.nbsp)kwietnia\(Self.nbsp)2018\(Self.nbsp)r.")
        // The stand-alone (nominative) form for a label, from the locale's skeleton pattern.
        #expect(try Messages.format("{agreementDate}", language: "pl", scope: ["agreementDate": .fact(Self.agreement)]) == "kwiecień\(Self.nbsp)2018")
        #expect(try Messages.format("{agreementDate, date, MMMM y}", language: "en", scope: ["agreementDate": .fact(Self.agreement)]) == "April 2018")
        #expect(try Messages.format("{agreementDate}", language: "kk", scope: ["agreementDate": .fact(Self.agreement)]) == "2018\u{202F}ж. сәуір")
    }

    @Test func pluralSelectsByCLDRCategoryAndExactValue() throws {
        let message = "{n, plural, =5 {pięć} one {# firma} few {# firmy} many {# firm} other {# firmy}}"
        func run(_ n: String) throws -> String {
            try Messages.format(message, language: "pl", scope: ["n": .fact(Messages.fact("n", .quantity(decimal: n, unit: nil)))])
        }
        #expect(try run("1") == "1 firma")
        #expect(try run("3") == "3 firmy")
        #expect(try run("5") == "pięć")
        #expect(try run("12") == "12 firm")
        #expect(try run("22") == "22 firmy")
        #expect(try run("1.5") == "1,5 firmy")
    }

    @Test func listsPluralizeOnTheirCount() throws {
        #expect(try Messages.format("{sectors, plural, one {# sektor} few {# sektory} other {# sektorów}}", language: "pl", scope: ["sectors": .count(5)]) == "5 sektorów")
    }

    @Test func selectOnAQuantityTellsApproximateFromExact() throws {
        let text = "{population, select, approximate {ok. } other {}}{population, number, ::compact-short}"
        #expect(try Messages.format(text, language: "pl", scope: ["population": .fact(Self.population)]) == "ok.\(Self.nbsp)1,9\(Self.nbsp)mln")
        let exact = Messages.fact("population", .quantity(decimal: "1900000", unit: nil))
        #expect(try Messages.format(text, language: "pl", scope: ["population": .fact(exact)]) == "1,9\(Self.nbsp)mln")
    }

    @Test func termsTakeTheirGrammaticalCase() throws {
        let terms = ["taldykorgan": "{case, select, locative {Tałdykorganie} other {Tałdykorgan}}"]
        let capital = Messages.fact("capital", .name(term: "taldykorgan"))
        #expect(try Messages.format("{capital}", language: "pl", scope: ["capital": .fact(capital)], terms: terms) == "Tałdykorgan")
        #expect(try Messages.format("w {capital, name, locative}", language: "pl", scope: ["capital": .fact(capital)], terms: terms) == "w\(Self.nbsp)Tałdykorganie")
    }

    @Test func markupSurvivesInsidePluralBranches() throws {
        let inlines = try Messages.inlines("{n, plural, one {<em>#</em> firma} other {<org># firm</org>}}", language: "pl",
                                          scope: ["n": .count(1)])
        #expect(inlines == [.emphasis([.text("1")]), .text(" firma")])
    }

    /// Runs of text fold as one text would: white space to single spaces, ends trimmed.
    @Test(arguments: [["Ala ma kota"], [" Ala ", " ma ", "kota "], ["Ala ", "ma", " kota"], ["  ", "Ala", "  "], ["Ala\t\nma", "  kota"],
                      ["", " ", ""], ["a  b", "c"], [" a b ", " c d "], ["Ала ", " мен"], [" \u{A0}x "], ["x\r\ny"],
                      // A first text kept whole (not copied), then text to fold, plain text, a space.
                      ["Ala", "\tma"], ["Ala", "ma", " "], ["Ala", " ", "ma"], ["Ала", "\n\nмен", "x"]])
    func textRunsFoldAsOneText(runs: [String]) {
        let joined = runs.joined()
        let words = joined.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        let expected: [Inline] = words.isEmpty ? [] : [.text(words.joined(separator: " "))]
        #expect(Whitespace.fold(runs.map { Inline.text($0) }) == expected)
    }

    @Test func aSpaceBeforeMarkupStaysOutsideIt() {
        #expect(Whitespace.fold([.text("Ala "), .emphasis([.text(" kota ")]), .text(" ma")])
                == [.text("Ala "), .emphasis([.text("kota")]), .text(" ma")])
        #expect(Whitespace.fold([.emphasis([.text("x")]), .text(" "), .strong([.text("y ")])])
                == [.emphasis([.text("x")]), .text(" "), .strong([.text("y")])])
        // The text before the space is kept whole until the space joins it.
        #expect(Whitespace.fold([.text("Ala"), .text(" "), .emphasis([.text("kota")])]) == [.text("Ala "), .emphasis([.text("kota")])])
    }

    @Test func whiteSpaceIsFoldedAcrossMarkup() throws {
        let inlines = try Messages.inlines("  Ala\n   ma <em> kota </em>  .  ", language: "en")
        #expect(inlines == [.text("Ala ma "), .emphasis([.text("kota")]), .text(" .")])
    }

    @Test func polishOneLetterWordsBindToTheNextWord() throws {
        #expect(try Messages.format("Byli w Astanie i z nimi o tym", language: "pl") == "Byli w\(Self.nbsp)Astanie i\(Self.nbsp)z\(Self.nbsp)nimi o\(Self.nbsp)tym")
        #expect(try Messages.format("Byli w Astanie", language: "en") == "Byli w Astanie")
    }

    /// The rules across text runs, after non-ASCII letters and digits, and where no space
    /// binds.
    @Test(arguments: [
        ("są z nami", "są z\u{A0}nami"), ("ą z", "ą z"), ("się", "się"), ("Łódź i Kraków", "Łódź i\u{A0}Kraków"),
        ("w 2018 r.", "w\u{A0}2018\u{A0}r."), ("٣ r.", "٣\u{A0}r."), ("2018 rok", "2018 rok"), ("ai ou", "ai ou"),
        ("Z tym", "Z\u{A0}tym"), ("óz a", "óz a"), ("", ""),
        // By the words on either side: a number and its unit, quantity word or month; a month
        // and its year; an abbreviation and its number; "tys." and a unit.
        ("224\u{A0}tys. km²", "224\u{A0}tys.\u{A0}km²"), ("ok. 1,9\u{A0}mln", "ok.\u{A0}1,9\u{A0}mln"),
        ("prawie 2 miliony osób", "prawie 2\u{A0}miliony osób"), ("z 2 grudnia 2026 r.", "z\u{A0}2\u{A0}grudnia\u{A0}2026\u{A0}r."),
        ("kwiecień 2018", "kwiecień\u{A0}2018"), ("w kwietniu 2018, 5 km, a", "w\u{A0}kwietniu\u{A0}2018, 5\u{A0}km, a"),
        ("nr 5 i 10 %", "nr\u{A0}5 i\u{A0}10\u{A0}%"), ("od 2015 do 2018", "od 2015 do 2018"), ("maj był", "maj był"),
        ("tys. osób", "tys. osób"), ("Grudnia 5", "Grudnia\u{A0}5"), ("10 mln.", "10\u{A0}mln."),
    ])
    func polishBindingsOnAnyText(text: String, expected: String) {
        var context = Typography.Context()
        #expect(Typography.polish(text, context: &context) == expected)
    }

    @Test func polishBindingLooksBackAcrossRuns() {
        var context = Typography.Context()
        #expect(Typography.polish("Byli w", context: &context) == "Byli w")
        #expect(context.scalars == [" ", "w"])
        #expect(Typography.polish(" Astanie", context: &context) == "\u{A0}Astanie")
        #expect(context.scalars == ["i", "e"])
        #expect(Typography.polish("e", context: &context) == "e")
        #expect(context.scalars == ["e", "e"])
    }

    /// The rules read scalar by scalar, as they are stated: the reference for the byte-level
    /// `Typography.polish`.
    static func referencePolish(_ text: String, before: [Unicode.Scalar]) -> String {
        let scalars = Array(text.unicodeScalars)
        func scalar(_ index: Int) -> Unicode.Scalar? {
            if index >= 0 { return index < scalars.count ? scalars[index] : nil }
            return before.count + index >= 0 ? before[before.count + index] : nil
        }
        func isWord(_ s: Unicode.Scalar?) -> Bool {
            guard let s else { return false }
            return s.properties.isAlphabetic || s.properties.numericType != nil
        }
        func isNumeric(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }
        var out = String.UnicodeScalarView()
        for (index, s) in scalars.enumerated() {
            guard s == " ", let previous = scalar(index - 1) else { out.append(s); continue }
            let single = "aiouwzAIOUWZ".unicodeScalars.contains(previous) && !isWord(scalar(index - 2))
            let year = isNumeric(previous) && scalar(index + 1) == "r" && scalar(index + 2) == "." && !isWord(scalar(index + 3))
            out.append(single || year ? "\u{A0}" : s)
        }
        return String(out)
    }

    /// Random texts over the characters the rules care about, in random contexts: the byte-level
    /// rules give the reference's text and pass on the same context.
    @Test func polishOnBytesEqualsTheRulesScalarByScalar() {
        let alphabet: [Unicode.Scalar] = ["a", "w", "z", "i", "O", " ", " ", " ", "r", ".", "1", "٣", "ą", "Ł", "x", "\u{A0}", "Ж", "²", "𝟘", "-"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
            let before = (0..<Int.random(in: 0...2, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            var context = Typography.Context(before)
            let polished = Typography.polish(text, context: &context)
            #expect(polished == Self.referencePolish(text, before: before), "\(Array(text.unicodeScalars)) after \(before)")
            let written = before + Array(text.unicodeScalars)
            #expect(context.scalars == Array(text.isEmpty ? before : written.suffix(2)), "\(Array(text.unicodeScalars)) after \(before)")
        }
    }

    /// The builder polishes each text as it makes it (a Polish formatter): random texts,
    /// bytes, elements and dates, built with polishing, give what polishing the finished
    /// content gives (`Typography.apply`, the rules across the whole content).
    @Test func polishingWhileBuildingEqualsPolishingTheContent() {
        let pieces = ["w ", "z", " ", "a ", "i", "o ", "u", "2018", " r.", "r.", "Astanie", "ż ", "kota", "W ", "\n", "1",
                      "5 r. ", "x", "ó", "Ż", "(w ", "—", "a", "\u{A0}", "  ", "i z", "r", ".", "٣", "ą"]
        let dates = ["kwiecień 2018", "5 kwietnia 2018 r.", "w 2018", "2018", "z 5 r.", "a"]
        var generator = SplitMix64(seed: 0x7E90_2026)
        var polishedSome = 0
        for _ in 0..<5_000 {
            var plain = InlineBuilder()
            var polishing = InlineBuilder()
            polishing.startPolishing()
            for _ in 0..<Int.random(in: 1...10, using: &generator) {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<5:
                    let text = pieces.randomElement(using: &generator)! + (Bool.random(using: &generator) ? pieces.randomElement(using: &generator)! : "")
                    plain.text(text)
                    if Bool.random(using: &generator) {
                        polishing.text(text)
                    } else {
                        Array(text.utf8).withUnsafeBufferPointer { polishing.text(bytes: $0) }
                    }
                case 5, 6:
                    let element: Inline = Bool.random(using: &generator) ? .emphasis([]) : .place([])
                    plain.open(element)
                    polishing.open(element)
                case 7, 8:
                    plain.close()
                    polishing.close()
                default:
                    let date = InlineBuilder.FormattedDate(iso: "2018-04", text: dates.randomElement(using: &generator)!)
                    plain.date(date)
                    polishing.date(date)
                }
            }
            let expected = Typography.apply(to: plain.finish(), language: "pl")
            let built = polishing.finish()
            #expect(built == expected)
            if Inline.plainText(built).contains("\u{A0}") { polishedSome += 1 }
        }
        #expect(polishedSome > 1_000)
    }

    /// A term's forms, worked out once per case and then reused, are what formatting the term
    /// gives each time; a term that is more than text in a select on `case` is formatted
    /// (or refused) as before.
    @Test func termFormsAreTheSameWhenReused() throws {
        var terms: [String: LocaleEntry] = [:]
        for (key, text) in ["plain": "{case, select, locative {Ałmaty} other {Ałmaty  x}}",
                            "marked": "{case, select, locative {<em>Astana</em>} other {Astana}}",
                            "other": "{kind, select, a {A} other {B}}", "bare": "Taraz"] {
            terms[key] = LocaleEntry(kind: .term, key: key, message: try Messages.parse(text), canonicalText: text, sourceFingerprint: nil,
                                     state: nil, note: nil, location: .file("t.xml"), content: FlatContent())
        }
        let formatter = MessageFormatter(language: "en", terms: terms)
        func text(_ content: String, _ term: String) throws -> String {
            let scope = ArgumentScope(["t": .fact(Messages.fact("t", .name(term: term)))])
            let message = try Messages.parse(content)
            do throws(DiagnosticError) {
                return Inline.plainText(try formatter.format(message, scope: scope))
            } catch {
                return error.diagnostics.first?.message ?? "?"
            }
        }
        for _ in 0..<3 {
            #expect(try text("in {t, name, locative}.", "plain") == "in Ałmaty.")
            #expect(try text("{t} and {t, name, locative}", "plain") == "Ałmaty x and Ałmaty")
            #expect(try text("in {t, name, locative}", "marked") == "in Astana")
            #expect(try text("{t, name, locative}", "bare") == "Taraz")
            #expect(try text("{t}", "other").contains("kind"))
        }
        let marked = try formatter.format(try Messages.parse("{t, name, locative}"), scope: ArgumentScope(["t": .fact(Messages.fact("t", .name(term: "marked")))]))
        #expect(marked == [.emphasis([.text("Astana")])])
    }

    /// A checking formatter remembers the uses that passed, never one that failed: each
    /// failing use is reported, before and after passing uses of the same argument.
    @Test func checkRemembersOnlyPassingUses() throws {
        var formatter = MessageFormatter(language: "pl", terms: [:])
        formatter.checkOnly = true
        let scope = ArgumentScope(["population": .fact(Self.population), "agreementDate": .fact(Self.agreement)])
        func outcome(_ content: String) throws -> String {
            let message = try Messages.parse(content)
            do throws(DiagnosticError) {
                _ = try formatter.format(message, scope: scope)
                return "ok"
            } catch {
                return error.diagnostics.first?.message ?? "?"
            }
        }
        #expect(try outcome("{population, number, ::compact-short}") == "ok")
        #expect(try outcome("{population, number, ::bogus-skeleton}").contains("bogus-skeleton"))
        #expect(try outcome("{population, number, ::compact-short}") == "ok")
        #expect(try outcome("{population, number, ::bogus-skeleton}").contains("bogus-skeleton"))
        #expect(try outcome("{population, date}").contains("is a quantity"))
        #expect(try outcome("{agreementDate}") == "ok")
        #expect(try outcome("{agreementDate, number}").contains("is a date"))
        #expect(try outcome("{agreementDate, date, ::yMMMM}") == "ok")
    }

    /// A check that passed is remembered for its scope only: the same argument bound to
    /// another value (another scope, or the scope changed) is checked again, and a failing
    /// check fails at every use.
    @Test func passedArgumentsAreRememberedPerScope() throws {
        var formatter = MessageFormatter(language: "pl", terms: [:])
        formatter.checkOnly = true
        let quantity = ArgumentScope(["n": .fact(Self.population)])
        var date = ArgumentScope(["n": .fact(Self.agreement)])
        func outcome(_ content: String, _ scope: ArgumentScope) throws -> String {
            let message = try Messages.parse(content)
            do throws(DiagnosticError) {
                _ = try formatter.format(message, scope: scope)
                return "ok"
            } catch {
                return error.diagnostics.first?.message ?? "?"
            }
        }
        #expect(quantity.token != date.token)
        #expect(try outcome("{n, number}", quantity) == "ok")
        #expect(try outcome("{n, number}", quantity) == "ok")
        #expect(try outcome("{n, number}", date).contains("is a date"))
        #expect(try outcome("{n, number}", date).contains("is a date"))
        #expect(try outcome("{n, date}", date) == "ok")
        // A copy shares its scope's token; a change gives a new one.
        var changed = date
        #expect(changed.token == date.token)
        changed["n"] = .fact(Self.population)
        #expect(changed.token != date.token)
        #expect(try outcome("{n, date}", changed).contains("is a quantity"))
        date.values["m"] = .count(3)
        #expect(try outcome("{n, date}", date) == "ok")
        // Uses that share a slot of the table are told apart: one name in many scopes (a
        // scope's slot comes round again every 64 tokens), and many names in one scope.
        for index in 0..<640 {
            let isDate = index % 3 == 0
            let scope = ArgumentScope(["n": .fact(isDate ? Self.agreement : Self.population)])
            #expect(try outcome("{n, number}", scope) == (isDate ? "\"n\" is a date; use {n} or {n, date, …}" : "ok"), "\(index)")
        }
        var many = ArgumentScope()
        for index in 0..<200 { many["n\(index)"] = .fact(index % 3 == 0 ? Self.agreement : Self.population) }
        for index in 0..<200 {
            #expect(try outcome("{n\(index), number}", many) == (index % 3 == 0 ? "\"n\(index)\" is a date; use {n\(index)} or {n\(index), date, …}" : "ok"))
        }
    }

    /// A build's formatter adds what an argument formatted to again where the same argument
    /// is used in the same scope, and only there: the same argument in another scope, or in
    /// the scope changed, is formatted afresh; a use that fails is never remembered; uses that
    /// share a slot of the table are told apart.
    @Test func formattedArgumentsAreReusedPerScopeOnly() throws {
        var terms: [String: LocaleEntry] = [:]
        for (key, text) in ["almaty": "{case, select, locative {Ałmaty} other {Ałmaty}}", "astana": "{case, select, locative {Astanie} other {Astana}}"] {
            terms[key] = LocaleEntry(kind: .term, key: key, message: try Messages.parse(text), canonicalText: text, sourceFingerprint: nil,
                                     state: nil, note: nil, location: .file("t.xml"), content: FlatContent())
        }
        let formatter = MessageFormatter(language: "pl", terms: terms)
        func text(_ content: String, _ scope: ArgumentScope) throws -> String {
            let message = try Messages.parse(content)
            do throws(DiagnosticError) {
                return Inline.plainText(try formatter.format(message, scope: scope))
            } catch {
                return error.diagnostics.first?.message ?? "?"
            }
        }
        func number(_ decimal: String) -> ArgumentValue { .fact(Messages.fact("n", .quantity(decimal: decimal, unit: nil))) }
        var scope = ArgumentScope(["n": number("5"), "d": .fact(Self.agreement), "t": .fact(Messages.fact("t", .name(term: "almaty")))])
        for _ in 0..<2 {
            #expect(try text("{n} i {n, number, ::compact-short}", scope) == "5 i\(Self.nbsp)5")
            #expect(try text("{d}", scope) == "kwiecień\(Self.nbsp)2018")
            #expect(try text("w {t, name, locative}", scope) == "w\(Self.nbsp)Ałmaty")
        }
        #expect(try formatter.format(try Messages.parse("{d}"), scope: scope) == [.date(iso: "2018-04", [.text("kwiecień\(Self.nbsp)2018")])])
        scope["n"] = number("1234567")
        scope["t"] = .fact(Messages.fact("t", .name(term: "astana")))
        #expect(try text("{n}", scope) == "1\(Self.nbsp)234\(Self.nbsp)567")
        #expect(try text("w {t, name, locative}", scope) == "w\(Self.nbsp)Astanie")
        #expect(try text("{n}", ArgumentScope(["n": number("7")])) == "7")
        #expect(try text("{n, date}", scope).contains("is a quantity"))
        #expect(try text("{n, date}", scope).contains("is a quantity"))
        #expect(try text("{n}", scope) == "1\(Self.nbsp)234\(Self.nbsp)567")
        for index in 0..<640 {
            let one = ArgumentScope(["n": number(String(index))])
            #expect(try text("{n}", one) == String(index), "\(index)")
            #expect(try text("{n}", one) == String(index), "\(index)")
        }
        var many = ArgumentScope()
        for index in 0..<200 { many["n\(index)"] = number(String(index * 3)) }
        for index in 0..<200 {
            #expect(try text("{n\(index)}", many) == String(index * 3), "\(index)")
        }
    }

    /// What ICU accepted in one language is not tried again in another (its verdict on a
    /// skeleton or pattern does not depend on the locale); what it refused is refused in each.
    /// (ICU 72 accepts any date pattern or skeleton; number skeletons can fail.)
    @Test func formatsAcceptedInOneLanguageAreAcceptedInAll() throws {
        let scope = ArgumentScope(["population": .fact(Self.population), "agreementDate": .fact(Self.agreement)])
        func outcome(_ content: String, _ language: String) throws -> String {
            var formatter = MessageFormatter(language: language, terms: [:])
            formatter.checkOnly = true
            let message = try Messages.parse(content)
            do throws(DiagnosticError) {
                _ = try formatter.format(message, scope: scope)
                return "ok"
            } catch {
                return error.diagnostics.first?.message ?? "?"
            }
        }
        for language in ["pl", "kk", "en"] {
            #expect(try outcome("{agreementDate, date, ::yMMMMd}", language) == "ok", "\(language)")
            #expect(try outcome("{agreementDate, date, 'MMMM' y}", language) == "ok", "\(language)")
            #expect(try outcome("{population, number, ::compact-long}", language) == "ok", "\(language)")
            #expect(try outcome("{population, number, ::compact-nope}", language).contains("skeleton"), "\(language)")
        }
    }

    @Test func missingArgumentIsPositioned() {
        let d = TestSupport.firstDiagnostic { _ = try Messages.format("ab\n {capital}", language: "pl") }
        #expect(d?.check == "argument")
        #expect(d?.location.line == 2)
        #expect(d?.location.column == 2)
    }

    @Test func wrongArgumentTypeIsAnError() {
        let d = TestSupport.firstDiagnostic { _ = try Messages.format("{area, date}", language: "pl", scope: ["area": .fact(Self.area)]) }
        #expect(d?.message.contains("is a quantity") == true)
    }

    @Test func badSkeletonIsAnError() {
        let d = TestSupport.firstDiagnostic { _ = try Messages.format("{area, number, ::no-such-stem}", language: "pl", scope: ["area": .fact(Self.area)]) }
        #expect(d?.message.contains("skeleton") == true)
    }
}
