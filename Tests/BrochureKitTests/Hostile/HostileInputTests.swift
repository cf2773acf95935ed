@testable import BrochureKit
import BrochureDiagnostics
import BrochureXML
import Foundation
import Testing

/// The hostile-input corpus (Inputs/): each file replaces one input of a small project
/// (`locale-*` the Kazakh table, `template-*` the template, `profile-*` the profile), and must
/// produce exactly the finding written for it in expected.txt — its place, severity, check id
/// and words — fast, with no crash and nothing written.
@Suite struct HostileInputTests {
    static let folder = (TestSupport.packageRoot as NSString).appendingPathComponent("Tests/BrochureKitTests/Hostile")
    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: (folder as NSString).appendingPathComponent("Inputs"))) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
    }

    /// The first finding (errors before warnings) as `line:col severity [check] message`, or `clean`.
    static func finding(for name: String) throws -> String {
        let mini = try MiniProject()
        defer { mini.remove() }
        let bytes = try InputBytes.read((folder as NSString).appendingPathComponent("Inputs/\(name)"))
        let target = name.hasPrefix("template-") ? "Templates/doc.xml" : name.hasPrefix("profile-") ? "Profiles/mini.xml" : "Locales/kk.xml"
        let path = (mini.root as NSString).appendingPathComponent(target)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let diagnostics = check(mini.root)
        let relevant = diagnostics.filter { $0.location.path == path && $0.check != "unverified" && $0.check != "missing" && $0.check != "obsolete" }
        guard let first = relevant.first(where: { $0.severity == .error }) ?? relevant.first else { return "clean" }
        return "\(first.location.line):\(first.location.column) \(first.severity.rawValue) [\(first.check)] \(first.message)"
    }

    /// Everything validate says of the project (a file that cannot be read stops at its errors).
    static func check(_ root: String) -> [Diagnostic] {
        do throws(DiagnosticError) {
            let project = try Project.load(root: root, lenient: true)
            return TranslationCheck.run(project, archive: try SourceArchive.load(root: root, language: "pl")).diagnostics
        } catch {
            return error.diagnostics
        }
    }

    static func expectations() throws -> [String: String] {
        let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent("expected.txt"), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.inputs.count >= 40)
    }

    @Test func everyInputGivesItsExactFinding() throws {
        if ProcessInfo.processInfo.environment["BROCHURE_RECORD"] == "1" {
            var out = "# file: line:col severity [check] message — the first finding each hostile input must give (reviewed)\n"
            for name in Self.inputs { out += "\(name): \(try Self.finding(for: name))\n" }
            try out.write(toFile: (Self.folder as NSString).appendingPathComponent("expected.txt"), atomically: true, encoding: .utf8)
            return
        }
        let expected = try Self.expectations()
        #expect(Set(expected.keys) == Set(Self.inputs), "every input needs an expectation, and every expectation an input")
        let clock = ContinuousClock()
        for name in Self.inputs {
            var actual = ""
            let elapsed = try clock.measure { actual = try Self.finding(for: name) }
            #expect(actual == expected[name], "\(name)")
            #expect(elapsed < .seconds(1), "\(name) took \(elapsed)")
        }
    }

    /// What is refused as markup never reaches the output; what is text stays text.
    @Test func escapedMarkupStaysText() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;x</message>")
        let run = try TestSupport.brochure(["build", "--locale", "kk", "--format", "html"], in: mini.root)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: (mini.root as NSString).appendingPathComponent("Output/doc.kk.html"), encoding: .utf8)
        let root = try #require(HTMLReader.parse(html))
        let all = WriterTests.elements(root)
        #expect(!all.contains { $0.name == "script" })
        #expect(!all.contains { $0.attributes.contains { $0.name.hasPrefix("on") } })
        #expect(WriterTests.allText(root).contains("<script>alert(1)</script> \" onmouseover=\"x"))
    }

    /// build refuses what validate calls an error: no Output/ is made.
    @Test func buildRefusesABidiControl() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Облыс&#x202E;01</message>")
        let run = try TestSupport.brochure(["build"], in: mini.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Locales/kk.xml:3:29: error: [characters] bidi control U+202E"))
        #expect(!FileManager.default.fileExists(atPath: (mini.root as NSString).appendingPathComponent("Output")))
    }
}
