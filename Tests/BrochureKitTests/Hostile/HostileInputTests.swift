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

    /// Tables saved in a legacy encoding without a declaration (made with `iconv -f UTF-8 -t
    /// CP1250` and `-t CP1251`): the finding stands at the first byte that is not UTF-8, names
    /// the encoding the bytes look like and what the byte is in it, and says what to do.
    @Test func legacyEncodingsAreNamedAtTheirFirstByte() throws {
        let cases = [
            ("locale-55-windows-1250-undeclared.xml", 27, "0xF3", "Windows-1250 (Central European)", "ó"),
            ("locale-56-windows-1251-undeclared.xml", 24, "0xC0", "Windows-1251 (Cyrillic)", "А"),
        ]
        for (name, column, byte, encoding, letter) in cases {
            let bytes = try InputBytes.read((Self.folder as NSString).appendingPathComponent("Inputs/\(name)"))
            let d = TestSupport.firstDiagnostic { _ = try XMLReader.parse(Array(bytes), path: "Locales/kk.xml") }
            #expect(d?.location == SourceLocation(path: "Locales/kk.xml", line: 2, column: column), "\(name)")
            #expect(d?.check == "encoding")
            #expect(d?.message == "the file is not UTF-8: byte \(byte) here cannot be read as UTF-8")
            #expect(d?.notes == ["the file looks like \(encoding), where \(byte) is \"\(letter)\"",
                                 "save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8)"])
        }
    }

    /// What the build prints for a table with a mismatched end tag and an HTML entity: each at
    /// the construct's first character, with what to do.
    @Test func buildPlacesXMLErrorsAtTheirConstructs() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Облыс&nbsp;01</message>")
        try mini.edit(mini.kazakhPath, line: 7, to: "  <message key=\"city\">Орталығы: <place>{capital}</plac>.</message>")
        let run = try TestSupport.brochure(["build"], in: mini.root)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        for expected in [
            "Locales/kk.xml:3:29: error: [xml] Entity 'nbsp' not defined [libxml2 26]",
            "Locales/kk.xml:3:29: note: XML has only five named entities (&amp; &lt; &gt; &quot; &apos;): write the character itself (U+00A0 NO-BREAK SPACE) or &#160;",
            "Locales/kk.xml:7:49: error: [xml] Opening and ending tag mismatch: place line 7 and plac [libxml2 76]",
            "Locales/kk.xml:7:49: note: <place>, started at 7:33, is the element open here: end it with </place>",
        ] {
            #expect(lines.contains(expected), "\(expected)\n\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: (mini.root as NSString).appendingPathComponent("Output")))
    }

    /// A Polish table saved as Windows-1250 with its declaration still saying UTF-8.
    @Test func buildNamesAWindows1250Table() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        var bytes: [UInt8] = []
        for scalar in (MiniProject.polish.joined(separator: "\n") + "\n").unicodeScalars {
            let windows1250: [Character: UInt8] = ["ł": 0xB3, "ó": 0xF3, "ą": 0xB9]
            if let byte = windows1250[Character(scalar)] { bytes.append(byte) } else { bytes += Array(String(scalar).utf8) }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: mini.polishPath))
        let run = try TestSupport.brochure(["build"], in: mini.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("""
            Locales/pl.xml:2:47: error: [encoding] the file is not UTF-8: byte 0xB3 here cannot be read as UTF-8
            Locales/pl.xml:2:47: note: the file looks like Windows-1250 or ISO-8859-2 (Central European), where 0xB3 is "ł"
            Locales/pl.xml:2:47: note: save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8)
            """), "\(run.stderr)")
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
