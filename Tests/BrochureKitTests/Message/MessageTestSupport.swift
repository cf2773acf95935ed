@testable import BrochureKit
import BrochureDiagnostics
import BrochureDocument
import BrochureXML
import Testing

/// Parses the content of a one-message table written inline, for message tests.
enum Messages {
    static func parse(_ content: String, path: String = "m.xml") throws -> Message {
        let root = try TestSupport.parse("<message xmlns:x=\"urn:x\">\(content)</message>", path: path)
        return try MessageParser.parse(root.children, end: root.location)
    }

    static func fact(_ id: String, _ value: FactValue, approximate: Bool = false) -> Fact {
        Fact(id: id, value: value, approximate: approximate, asOf: nil, source: nil, location: .file("p.xml"))
    }

    static func format(_ content: String, language: String, scope: [String: ArgumentValue] = [:], terms: [String: String] = [:]) throws -> String {
        try Inline.plainText(inlines(content, language: language, scope: scope, terms: terms))
    }

    static func inlines(_ content: String, language: String, scope: [String: ArgumentValue] = [:], terms: [String: String] = [:]) throws -> [Inline] {
        var termEntries: [String: LocaleEntry] = [:]
        for (key, text) in terms {
            termEntries[key] = LocaleEntry(kind: .term, key: key, message: try parse(text), canonicalText: text, sourceFingerprint: nil,
                                           state: nil, note: nil, location: .file("t.xml"), content: FlatContent())
        }
        let formatter = MessageFormatter(language: language, terms: termEntries)
        return try formatter.format(try parse(content), scope: ArgumentScope(scope))
    }
}
