@testable import BrochureKit
import BrochureDiagnostics
import BrochureXML
import Foundation
import Testing

@Suite struct MessageParserTests {
    @Test func parsesArgumentsPluralSelectAndMarkup() throws {
        let message = try Messages.parse("Ma {n, plural, one {<em>#</em> firmę} few {# firmy} other {# firm}} w {city, name, locative}.")
        let names = message.arguments.map(\.name)
        #expect(names == ["n", "city"])
        guard case .plural(let plural) = message.parts[1] else { Issue.record("expected plural"); return }
        #expect(plural.branches.map(\.key) == ["one", "few", "other"])
        guard case .markup(.emphasis, let inner, _) = plural.branches[0].parts[0] else { Issue.record("expected <em>"); return }
        guard case .pound = inner[0] else { Issue.record("expected #"); return }
    }

    /// The features the parser notes as it reads are those a walk of the parts finds, at any
    /// depth; the checks skip messages by them.
    @Test func featuresAreWhatThePartsHold() throws {
        let cases: [(String, MessageFeatures)] = [
            ("plain text", []),
            ("{n} and {city}", []),
            ("<em>x</em>", [.markup]),
            ("{city, name, locative}", [.nameArgument]),
            ("{city, name}", [.nameArgument]),
            ("{n, plural, one {# <strong>x</strong>} other {{g, select, a {{c, name}} other {y}}}}", [.plural, .markup, .select, .nameArgument]),
            ("<org>{g, select, a {{n, plural, other {#}}} other {z}}</org>", [.markup, .select, .plural]),
            ("'{quoted, plural}' {d, date, ::yMMMM}", []),
        ]
        for (content, expected) in cases {
            let message = try Messages.parse(content)
            #expect(message.features == expected, "\(content)")
            #expect(MessageFeatures(message.parts) == expected, "\(content)")
        }
        // Changing the parts changes the features.
        var message = try Messages.parse("<em>x</em>")
        message.parts = [.text("x")]
        #expect(message.features == [])
    }

    @Test func apostrophesQuoteAsInICU() throws {
        let message = try Messages.parse("it''s '{literal}' and l'eau")
        #expect(message.parts == [.text("it's {literal} and l'eau")])
    }

    /// Random messages of plain runs, quoted text and arguments, some split into several text
    /// nodes by comments: each text part is the text the pieces stand for, whether the parser
    /// shares a literal run's string or makes one. The generator is seeded: a failure names
    /// the message, and the same run gives the same messages.
    @Test func textPartsMatchTheirPiecesInRandomMessages() throws {
        let pieces: [(source: String, text: String?)] = [
            ("a", "a"), ("ж ", "ж "), (" ", " "), ("''", "'"), ("'{'", "{"), ("'}'", "}"),
            ("'{x}'", "{x}"), ("x'y", "x'y"), ("{n}", nil),
        ]
        var generator = SplitMix64(seed: 0x5EED_2026)
        for _ in 0..<3_000 {
            var source = ""
            var expected: [MessagePart] = []
            var text = ""
            for _ in 0..<Int.random(in: 0...7, using: &generator) {
                let piece = pieces.randomElement(using: &generator)!
                // A letter between two apostrophes, so no piece's quote runs on into the next;
                // elsewhere now and then.
                let separator = (source.hasSuffix("'") && piece.source.hasPrefix("'")) || Bool.random(using: &generator) ? "b" : ""
                source += separator + piece.source
                text += separator
                if let value = piece.text {
                    text += value
                } else {
                    if !text.isEmpty { expected.append(.text(text)) }
                    text = ""
                    expected.append(.argument(MessageArgument(name: "n", kind: .simple, style: nil, location: .file(""))))
                }
            }
            if !text.isEmpty { expected.append(.text(text)) }
            // A comment splits the text node without changing the text (even inside a quote or
            // an argument: the parser reads the text of all nodes as one).
            let cuts = (0..<Int.random(in: 0...2, using: &generator)).map { _ in Int.random(in: 0...source.count, using: &generator) }
            for cut in Set(cuts).sorted(by: >) {
                source.insert(contentsOf: "<!---->", at: source.index(source.startIndex, offsetBy: cut))
            }
            let parts = try Messages.parse(source).parts
            let texts = parts.compactMap { if case .text(let t) = $0 { t } else { nil } }
            let expectedTexts = expected.compactMap { if case .text(let t) = $0 { t } else { nil } }
            #expect(texts == expectedTexts, "\(source)")
            #expect(parts.count == expected.count, "\(source)")
        }
    }

    /// Each literal run reads, through its message's shared buffer of bytes, exactly the
    /// characters of its text node it stands for (`source`, `start`, `length`), in messages read
    /// one after another with one scratch. A message read without part texts (what `validate`
    /// reads) has the same runs, hints, features and parts, its text parts empty.
    @Test func literalRunsReadTheirOwnCharactersFromTheSharedBuffer() throws {
        let pieces = ["a", "ж ", " ", "''", "'{'", "x'y", "{n}", "<em>e ł</em>", "{n, plural, one {# x} other {# y}}",
                      "&amp;", "ł", "<foreign xml:lang=\"kk\">қала</foreign>", "2018 r.", "'", "<!---->"]
        var generator = SplitMix64(seed: 0x11FE_2026)
        var scratch = MessageParser.Scratch()
        var runs = 0, emptied = 0, bytesRead = 0
        for _ in 0..<3_000 {
            var source = ""
            for _ in 0..<Int.random(in: 1...7, using: &generator) {
                source += pieces.randomElement(using: &generator)!
                // A letter after a piece now and then, so a lone apostrophe quotes nothing.
                if Bool.random(using: &generator) || source.hasSuffix("'") { source += "b" }
            }
            let root = try TestSupport.parse("<message>\(source)</message>", path: "m.xml")
            let content = FlatContent(root.children)
            let full = try MessageParser.parse(content, end: root.location, scratch: &scratch)
            let checked = try MessageParser.parse(content, end: root.location, scratch: &scratch, partTexts: .none)
            let built = try MessageParser.parse(content, end: root.location, scratch: &scratch, partTexts: .bytes)
            // The text nodes, by where they begin, as the parser read them.
            var nodes: [Int: [Unicode.Scalar]] = [:]
            for text in content.texts {
                let value = String(decoding: content.units[text.start..<text.end], as: UTF8.self)
                nodes[text.anchor.startByteIdentity] = Array(value.unicodeScalars)
            }
            #expect(full.literals.count == checked.literals.count, "\(source)")
            for (run, same) in zip(full.literals, checked.literals) {
                runs += 1
                let node = try #require(nodes[run.source.startByteIdentity], "\(source)")
                let expected = String(String.UnicodeScalarView(node[run.start..<run.start + run.length]))
                #expect(run.text == expected, "\(source)")
                #expect(run.withTextBytes { Array($0) } == Array(expected.utf8), "\(source)")
                #expect(same.text == expected && same.start == run.start && same.length == run.length
                        && same.isForeign == run.isForeign && same.hints == run.hints
                        && same.source.startByteIdentity == run.source.startByteIdentity, "\(source)")
            }
            #expect(full.features == checked.features, "\(source)")
            // The same parts, but text parts hold no text.
            func withoutTexts(_ parts: [MessagePart]) -> [MessagePart] {
                parts.map { part in
                    switch part {
                    case .text, .textBytes: return .text("")
                    case .markup(let markup, let inner, let location): return .markup(markup, withoutTexts(inner), location)
                    case .plural(var plural):
                        plural.branches = plural.branches.map { Branch(key: $0.key, parts: withoutTexts($0.parts), location: $0.location) }
                        return .plural(plural)
                    case .select(var select):
                        select.branches = select.branches.map { Branch(key: $0.key, parts: withoutTexts($0.parts), location: $0.location) }
                        return .select(select)
                    case .argument, .pound: return part
                    }
                }
            }
            #expect(withoutTexts(full.parts) == checked.parts, "\(source)")
            if full.parts != checked.parts { emptied += 1 }
            // Read as bytes, the same parts and texts.
            func asStrings(_ parts: [MessagePart]) -> [MessagePart] {
                parts.map { part in
                    switch part {
                    case .textBytes(let text): bytesRead += 1; return .text(text.string)
                    case .markup(let markup, let inner, let location): return .markup(markup, asStrings(inner), location)
                    case .plural(var plural):
                        plural.branches = plural.branches.map { Branch(key: $0.key, parts: asStrings($0.parts), location: $0.location) }
                        return .plural(plural)
                    case .select(var select):
                        select.branches = select.branches.map { Branch(key: $0.key, parts: asStrings($0.parts), location: $0.location) }
                        return .select(select)
                    case .text, .argument, .pound: return part
                    }
                }
            }
            #expect(asStrings(built.parts) == full.parts, "\(source)")
            #expect(built.literals.count == full.literals.count && zip(built.literals, full.literals).allSatisfy { $0.text == $1.text }, "\(source)")
        }
        // Runs of every kind were read, and most messages had text to leave out.
        #expect(runs > 5_000)
        #expect(emptied > 2_000)
        #expect(bytesRead > 3_000)
    }

    /// Names and styles read with one parser's scratch, message after message, come back as
    /// written: the parser keeps short names it has read (`NameCache`), and names that share
    /// their first bytes, their length or their place in the cache must not be mixed up.
    @Test func namesReadAgainAreTheNamesWritten() throws {
        let letters = Array("abcxyzабвж019_-")
        var generator = SplitMix64(seed: 0x0A4E_2026)
        var scratch = MessageParser.Scratch()
        var seen: [String] = []
        for round in 0..<4_000 {
            var name: String
            if !seen.isEmpty && round % 3 == 0 {
                // A name read before, or one that differs from it in its last letter.
                name = seen.randomElement(using: &generator)!
                if Bool.random(using: &generator) { name = String(name.dropLast()) + String(letters.randomElement(using: &generator)!) }
            } else {
                name = String((0..<Int.random(in: 0...17, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            }
            name = "n" + name
            seen.append(name)
            let style = ["::compact-long", " ::percent ", "::currency/EUR", "::" + name, ""].randomElement(using: &generator)!
            let source = style.isEmpty ? "x {\(name)} y" : "x {\(name), number, \(style)} y"
            let root = try TestSupport.parse("<message>\(source)</message>")
            let message = try MessageParser.parse(FlatContent(root.children), end: root.location, scratch: &scratch)
            guard case .argument(let argument) = message.parts[1] else { Issue.record("no argument in \(source)"); return }
            #expect(argument.name == name, "\(source)")
            let trimmed = style.trimmingCharacters(in: .whitespaces)
            #expect(argument.style == (trimmed.isEmpty ? nil : trimmed), "\(source)")
        }
    }

    /// More names than the cache has places, all of one length and sharing their first eight
    /// bytes (or all but one): each is given back as it is spelled, however often the places
    /// are taken over.
    @Test func theNameCacheTellsApartNamesThatShareAPlace() {
        let cache = NameCache()
        var generator = SplitMix64(seed: 0xCA_C4E)
        let names = (0..<300).map { index in "prefix_" + String(index, radix: 36).padding(toLength: 4, withPad: "z", startingAt: 0) + "ą" }
            + (0..<100).map { "abcdefg" + String($0 % 10) }
        for _ in 0..<20_000 {
            let name = names.randomElement(using: &generator)!
            let read = Array(name.utf8).withUnsafeBufferPointer { cache.name($0) }
            #expect(read == name)
            if read != name { return }
        }
    }

    @Test func offsetAndExactValues() throws {
        let message = try Messages.parse("{n, plural, offset:1 =0 {none} =1 {one} other {# more}}")
        guard case .plural(let plural) = message.parts[0] else { Issue.record("expected plural"); return }
        #expect(plural.offset == 1)
        #expect(plural.branches.map(\.key) == ["=0", "=1", "other"])
    }

    /// Each syntax error points at the exact character.
    @Test(arguments: [
        ("Zażółć {gęślą", 1, 8, "not closed"),
        ("a } b", 1, 3, "closes nothing"),
        ("{n, plural, one {x}}", 1, 1, "other"),
        ("{n, plural, one {x} one {y} other {z}}", 1, 21, "twice"),
        ("{n, money}", 1, 5, "unknown argument type"),
        ("{1abc}", 1, 2, "start with a letter"),
        ("x\n  {n, plural, other {a}", 2, 3, "not closed"),
        ("<em>{n, plural, other {x</em>}}", 1, 17, "not closed"),
        ("{n, plural, <em>one</em> {x} other {y}}", 1, 13, "markup is not allowed"),
    ])
    func syntaxErrorsArePositioned(content: String, line: Int, column: Int, text: String) {
        let d = TestSupport.firstDiagnostic { _ = try Messages.parse(content) }
        #expect(d?.check == "syntax")
        #expect(d?.location.line == line)
        // "<message xmlns:x=\"urn:x\">" is 25 characters before the content on line 1.
        #expect(d?.location.column == (line == 1 ? column + 25 : column))
        #expect(d?.message.contains(text) == true, "\(d?.message ?? "no diagnostic")")
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "element <script> is not allowed"),
        ("<em onclick=\"x()\">Zażółć</em>", "attribute onclick is not allowed"),
        ("<link href=\"javascript:alert(1)\">x</link>", "not allowed"),
        ("<link href=\"data:text/html,x\">x</link>", "not allowed"),
        ("<foreign>Więź</foreign>", "needs xml:lang"),
        ("<foreign xml:lang=\"polish language\">Więź</foreign>", "not a language tag"),
    ])
    func markupOutsideTheAllowedSetIsRefused(content: String, text: String) {
        let d = TestSupport.firstDiagnostic { _ = try Messages.parse(content) }
        #expect(d?.check == "markup")
        #expect(d?.location.line == 1)
        #expect(d?.message.contains(text) == true, "\(d?.message ?? "no diagnostic")")
    }

    @Test func allowedMarkupIsKept() throws {
        let message = try Messages.parse("<org>A</org> <place>B</place> <foreign xml:lang=\"pl\">Więź</foreign> <link href=\"https://example.org/\">x</link> <strong>s</strong>")
        let kinds: [InlineMarkup] = message.parts.compactMap { if case .markup(let m, _, _) = $0 { m } else { nil } }
        #expect(kinds == [.organization, .place, .foreign(language: "pl"), .link(url: "https://example.org/"), .strong])
    }
}

/// A small seeded generator (SplitMix64), so random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

