@testable import BrochureKit
import BrochureDiagnostics
import BrochureXML
import Testing

/// A message is held flat (`MessageStore`) and walked in place (`MessageBody`); `parts` builds
/// the tree of values from it. These tests hold every reading of the flat form to the same
/// reading of the tree, written here the way the tree was walked before (DECISIONS 36), on
/// random messages read in the three ways the readers ask for.
@Suite struct MessageBodyTests {
    static let pieces = [
        "a", "ж ", " ", "''", "'{'", "x'y", "{n}", "{n, number}", "{n, number, ::percent}", "{d, date, ::yMMMM}",
        "{city, name, locative}", "<em>e ł</em>", "<em>a <strong>b</strong></em>", "{n, plural, one {# x} other {# y}}",
        "{n, plural, offset:1 =0 {none} one {<em>#</em>} other {# {city}}}", "{g, select, f {she} m {he} other {<org>they</org>}}",
        "&amp;", "ł", "<foreign xml:lang=\"kk\">қала</foreign>", "<link href=\"https://example.org/a\">link</link>",
        "<place>{city}</place>", "2018 r.", "'", "<!---->", "{n, plural, one {{g, select, f {a} other {b}}} other {c}}",
    ]

    /// Random messages from the pieces, each read as strings, without texts and as bytes.
    static func messages(count: Int, seed: UInt64) throws -> [(source: String, message: Message)] {
        var generator = SplitMix64(seed: seed)
        var scratch = MessageParser.Scratch()
        var out: [(String, Message)] = []
        for _ in 0..<count {
            var source = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                source += pieces.randomElement(using: &generator)!
                // A letter after a piece now and then, so a lone apostrophe quotes nothing.
                if Bool.random(using: &generator) || source.hasSuffix("'") { source += "b" }
            }
            let root = try TestSupport.parse("<message>\(source)</message>", path: "m.xml")
            let content = FlatContent(root.children)
            for texts in [MessageParser.PartTexts.strings, .none, .bytes] {
                out.append((source, try MessageParser.parse(content, end: root.location, scratch: &scratch, partTexts: texts)))
            }
        }
        return out
    }

    // MARK: The tree, walked as before

    static func tree(_ body: MessageBody) -> [MessagePart] {
        body.map { part -> MessagePart in
            switch part {
            case .text(let text): .text(text.string)
            case .argument(let argument): .argument(argument)
            case .pound(let location): .pound(location)
            case .markup(let markup, let inner, let location): .markup(markup, tree(inner), location)
            case .plural(let plural):
                .plural(PluralArgument(name: plural.name, offset: plural.offset,
                                       branches: plural.branches.map { Branch(key: $0.key, parts: tree($0.parts), location: $0.location) },
                                       location: plural.location))
            case .select(let select):
                .select(SelectArgument(name: select.name,
                                       branches: select.branches.map { Branch(key: $0.key, parts: tree($0.parts), location: $0.location) },
                                       location: select.location))
            }
        }
    }

    /// Text parts as strings, whichever way they hold their text.
    static func asStrings(_ parts: [MessagePart]) -> [MessagePart] {
        parts.map { part in
            switch part {
            case .textBytes(let text): return .text(text.string)
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

    static func names(_ parts: [MessagePart], into names: inout [(String, ArgumentKind)]) {
        func add(_ name: String, _ kind: ArgumentKind) { if !names.contains(where: { $0.0 == name }) { names.append((name, kind)) } }
        for part in parts {
            switch part {
            case .text, .textBytes, .pound: break
            case .markup(_, let inner, _): Self.names(inner, into: &names)
            case .argument(let a): add(a.name, a.kind)
            case .plural(let p): add(p.name, .plural); p.branches.forEach { Self.names($0.parts, into: &names) }
            case .select(let s): add(s.name, .select); s.branches.forEach { Self.names($0.parts, into: &names) }
            }
        }
    }

    static func has(_ parts: [MessagePart], markup: Bool) -> Bool {
        parts.contains { part in
            switch part {
            case .markup(_, let inner, _): markup || has(inner, markup: markup)
            case .select(let s): !markup || s.branches.contains { has($0.parts, markup: markup) }
            case .plural(let p): p.branches.contains { has($0.parts, markup: markup) }
            case .text, .textBytes, .argument, .pound: false
            }
        }
    }

    static func flatMarkup(_ parts: [MessagePart]) -> [InlineMarkup]? {
        var found: [InlineMarkup] = []
        for part in parts {
            switch part {
            case .markup(let markup, let inner, _):
                if has(inner, markup: true) { return nil }
                if case .foreign = markup { continue }
                found.append(markup)
            case .plural(let p): if p.branches.contains(where: { has($0.parts, markup: true) }) { return nil }
            case .select(let s): if s.branches.contains(where: { has($0.parts, markup: true) }) { return nil }
            case .text, .textBytes, .argument, .pound: break
            }
        }
        return found
    }

    // MARK: Tests

    @Test func everyReadingOfTheFlatFormIsTheTreesReading() throws {
        var kinds = Set<String>()
        for (source, message) in try Self.messages(count: 2_000, seed: 0xB0D7_2026) {
            let parts = message.parts
            // The views give the tree (texts as strings).
            #expect(Self.tree(message.body) == Self.asStrings(parts), "\(source)")
            // Written flat again from the tree, the message reads the same.
            #expect(Message(parts).parts == parts, "\(source)")
            var names: [(String, ArgumentKind)] = []
            Self.names(parts, into: &names)
            #expect(message.arguments.map(\.name) == names.map(\.0) && message.arguments.map(\.kind) == names.map(\.1), "\(source)")
            #expect(message.argumentNames == names.map(\.0), "\(source)")
            #expect(message.features == MessageFeatures(parts), "\(source)")
            let lastIsText: Bool
            switch parts.last {
            case .text?, .textBytes?: lastIsText = true
            default: lastIsText = false
            }
            #expect(message.body.endsWithText == lastIsText, "\(source)")
            #expect(TableComparison.hasMarkup(message.body) == Self.has(parts, markup: true), "\(source)")
            #expect(TableComparison.hasSelect(message.body) == Self.has(parts, markup: false), "\(source)")
            #expect(TableComparison.flatMarkup(message.body) == Self.flatMarkup(parts), "\(source)")
            for part in parts {
                switch part {
                case .plural: kinds.insert("plural")
                case .select: kinds.insert("select")
                case .markup: kinds.insert("markup")
                case .textBytes: kinds.insert("bytes")
                default: break
                }
            }
        }
        // The random messages hold every kind of part.
        #expect(kinds == ["plural", "select", "markup", "bytes"])
    }

    /// A plural's offset too large for the flat form's 32 bits is kept in full.
    @Test func aLargePluralOffsetIsKept() throws {
        let message = try Messages.parse("{n, plural, offset:99999999999 other {#}}")
        guard case .plural(let plural)? = message.body.first(where: { _ in true }) else { Issue.record("expected a plural"); return }
        #expect(plural.offset == 99_999_999_999)
        guard case .plural(let tree) = message.parts[0] else { Issue.record("expected a plural"); return }
        #expect(tree.offset == 99_999_999_999)
    }
}
