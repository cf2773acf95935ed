import BrochureDiagnostics
import FoundationEssentials

/// `validate`'s output formats. The JSON schema is `Schemas/validate-report.schema.json`;
/// see docs/VALIDATE.md. Paths are relative to the project folder.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif

    public func render(_ report: ValidationReport, root: String) -> String {
        switch self {
        case .text: TextReport.render(report, root: root)
        case .json: JSONReport.render(report, root: root)
        case .sarif: SARIFReport.render(report, root: root)
        }
    }

    static func relative(_ path: String, root: String) -> String {
        guard root != ".", !root.isEmpty else { return path }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func percent(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// Compiler-style lines grouped per file, then completeness per locale and section.
enum TextReport {
    static func render(_ report: ValidationReport, root: String) -> String {
        var out = ""
        var lastPath: String?
        for d in report.diagnostics {
            if let lastPath, lastPath != d.location.path { out += "\n" }
            lastPath = d.location.path
            out += d.description + "\n"
        }
        if !report.diagnostics.isEmpty { out += "\n" }
        if !report.completeness.isEmpty {
            out += "Completeness (messages the documents use; words of the Polish text):\n"
            for locale in report.completeness {
                out += "  \(locale.language)  \(format(locale.percent))%  \(locale.translated)/\(locale.messages) messages, "
                out += "\(locale.translatedWords)/\(locale.words) words; \(locale.missing) missing, \(locale.stale) stale\n"
                for section in locale.sections {
                    out += "      \(section.document)/\(section.section)".padded(toUTF16Length: 34)
                    out += "\(format(section.percent))%  \(section.translated)/\(section.messages)\n"
                }
            }
            out += "\n"
        }
        out += "\(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), \(report.warningCount) warning\(report.warningCount == 1 ? "" : "s") (\(report.icu))\n"
        return out
    }

    static func format(_ percent: Double) -> String {
        let rounded = ReportFormat.percent(percent)
        let text = rounded == rounded.rounded() ? String(Int(rounded)) + ".0" : String(rounded)
        return String(repeating: " ", count: max(0, 5 - text.count)) + text
    }
}

enum JSONReport {
    struct Root: Encodable {
        var version = 1
        var tool: Tool
        var summary: Summary
        var findings: [Finding]
        var completeness: [Locale]
    }

    struct Tool: Encodable { var name = "brochure"; var icu: String }
    struct Summary: Encodable { var errors: Int; var warnings: Int; var notes: Int }

    struct Finding: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var check: String
        var message: String
        var notes: [String]
    }

    struct Locale: Encodable {
        var language: String
        var path: String
        var messages: Int
        var translated: Int
        var missing: Int
        var stale: Int
        var percent: Double
        var words: Int
        var translatedWords: Int
        var sections: [Section]
    }

    struct Section: Encodable {
        var document: String
        var section: String
        var messages: Int
        var translated: Int
        var percent: Double
    }

    static func render(_ report: ValidationReport, root: String) -> String {
        let value = Root(
            tool: Tool(icu: report.icu),
            summary: Summary(errors: report.errorCount, warnings: report.warningCount,
                             notes: report.diagnostics.filter { $0.severity == .note }.count),
            findings: report.diagnostics.map {
                Finding(path: ReportFormat.relative($0.location.path, root: root), line: $0.location.line, column: $0.location.column,
                        severity: $0.severity.rawValue, check: $0.check, message: $0.message, notes: $0.notes)
            },
            completeness: report.completeness.map { locale in
                Locale(language: locale.language, path: ReportFormat.relative(locale.path, root: root), messages: locale.messages,
                       translated: locale.translated, missing: locale.missing, stale: locale.stale, percent: ReportFormat.percent(locale.percent),
                       words: locale.words, translatedWords: locale.translatedWords,
                       sections: locale.sections.map {
                           Section(document: $0.document, section: $0.section, messages: $0.messages, translated: $0.translated,
                                   percent: ReportFormat.percent($0.percent))
                       })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// SARIF 2.1.0, for code-scanning user interfaces.
enum SARIFReport {
    static let checks: [String: String] = [
        "xml": "The file is not well-formed XML or uses a forbidden XML feature.",
        "encoding": "The file is not UTF-8.",
        "schema": "An element or attribute breaks the input format.",
        "syntax": "A message does not parse as ICU MessageFormat.",
        "markup": "Inline markup outside the allowed set, or different from the source.",
        "missing": "A message or term the documents need is not in the table.",
        "unknown-key": "A template uses a message key the source table does not have.",
        "obsolete": "An entry nothing uses.",
        "empty": "An empty message.",
        "stale": "The source text changed after the translation was made.",
        "unverified": "A translation that does not record which source text it translates.",
        "state": "A translation marked new or needs-review.",
        "argument": "An argument missing, added, unknown or of the wrong type.",
        "plural": "Plural categories missing or impossible for the locale (CLDR).",
        "select": "Select keys different from the source.",
        "name-case": "A grammatical case a term does not provide.",
        "untranslated": "Text identical to the source.",
        "script": "Letters of the wrong script or look-alikes inside words.",
        "characters": "Invisible, control, bidi, private-use or non-NFC characters.",
        "whitespace": "Doubled spaces.",
        "punctuation": "Spacing around punctuation, or end punctuation unlike the source.",
        "number": "A number typed into a text instead of coming from the profile.",
        "template": "A template refers to something the profile does not have.",
        "duplicate": "An entry defined twice.",
        "io": "A file cannot be read.",
        "usage": "A command-line argument names nothing.",
        "fallback": "Source text shown in place of a missing translation.",
    ]

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    /// `originalUriBaseIds` defines `SRCROOT`, the base of every result's `uri` (§3.14.14).
    struct Run: Encodable { var tool: Tool; var originalUriBaseIds: [String: BaseLocation]; var results: [Result] }
    /// An absolute `file:` URI of a folder, ending in `/` (as §3.14.14 requires of a base).
    struct BaseLocation: Encodable { var uri: String }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable { var name = "brochure"; var semanticVersion = "0.1.0"; var rules: [Rule] }
    struct Rule: Encodable { var id: String; var shortDescription: Text }
    struct Text: Encodable { var text: String }
    struct Result: Encodable { var ruleId: String; var ruleIndex: Int; var level: String; var message: Text; var locations: [Location] }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region }
    struct ArtifactLocation: Encodable { var uri: String; var uriBaseId = "SRCROOT" }
    struct Region: Encodable { var startLine: Int; var startColumn: Int }

    static func render(_ report: ValidationReport, root: String) -> String {
        let ids = Set(report.diagnostics.map(\.check)).sorted()
        let rules = ids.map { Rule(id: $0, shortDescription: Text(text: checks[$0] ?? $0)) }
        let results = report.diagnostics.map { d in
            Result(ruleId: d.check, ruleIndex: ids.firstIndex(of: d.check)!, level: d.severity == .note ? "note" : d.severity.rawValue,
                   message: Text(text: ([d.message] + d.notes).joined(separator: "\n")),
                   locations: [Location(physicalLocation: PhysicalLocation(
                       artifactLocation: ArtifactLocation(uri: uriReference(ReportFormat.relative(d.location.path, root: root))),
                       region: Region(startLine: d.location.line, startColumn: d.location.column)))])
        }
        let sarif = Log(runs: [Run(tool: Tool(driver: Driver(rules: rules)), originalUriBaseIds: ["SRCROOT": BaseLocation(uri: rootURI(root))],
                                   results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(sarif)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A file's path as a URI reference (RFC 3986 §4.1), which a result's `uri` must be (SARIF
    /// 2.1.0 §3.4.3): "Locales/kk copy.xml" → "Locales/kk%20copy.xml". Every UTF-8 byte is
    /// percent-encoded (`%XX`) but the characters a path segment may hold as they are (§3.3:
    /// unreserved, sub-delims, ":" and "@") and "/", the set `rootURI` keeps too. A ":" in the
    /// first segment of a relative path is encoded as well, or it would read as a scheme (§4.2).
    static func uriReference(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        var firstSegment = !path.hasPrefix("/")
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
                out.append(byte)
            case UInt8(ascii: "/"):
                firstSegment = false
                out.append(byte)
            case UInt8(ascii: ":") where !firstSegment:
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The project folder as an absolute `file:` URI ending in `/`, percent-encoded: a relative
    /// folder is taken from the current one.
    static func rootURI(_ root: String) -> String {
        let uri = URL(fileURLWithPath: root.isEmpty ? "." : root, isDirectory: true).standardizedFileURL.absoluteString
        return uri.hasSuffix("/") ? uri : uri + "/"
    }
}
