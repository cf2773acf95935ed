@testable import BrochureKit
import Foundation
import Testing

/// `brochure validate` as CI runs it: exit codes, JSON against its schema, SARIF read by SARIF tools.
@Suite(.serialized) struct ValidateCommandTests {
    static let schema = (TestSupport.packageRoot as NSString).appendingPathComponent("Schemas/validate-report.schema.json")

    @Test func cleanProjectExitsZero() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["validate"], in: project)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 errors, 0 warnings"))
        #expect(run.stdout.contains("kk  100.0%"))
    }

    @Test func errorsExitOneWarningsOnlyWithStrict() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 4, to: "  <message key=\"main.title\">Негізгі  деректер</message>")
        let lenient = try TestSupport.brochure(["validate", "--locale", "kk"], in: mini.root)
        #expect(lenient.status == 0, "\(lenient.stdout)")
        #expect(lenient.stdout.contains("Locales/kk.xml:4:36: warning: [whitespace] doubled space"))
        let strict = try TestSupport.brochure(["validate", "--locale", "kk", "--strict"], in: mini.root)
        #expect(strict.status == 1)
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Oблыс</message>")
        let failing = try TestSupport.brochure(["validate"], in: mini.root)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("Locales/kk.xml:3:24: error: [script] mixed-script word"))
    }

    @Test func usageErrorsExitTwo() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        #expect(try TestSupport.brochure(["validate", "--locale", "de"], in: mini.root).status == 2)
        #expect(try TestSupport.brochure(["validate", "--format", "xml"], in: mini.root).status == 2)
        #expect(try TestSupport.brochure(["validate", "--no-such-flag"], in: mini.root).status == 2)
        #expect(try TestSupport.brochure(["build", "--format", "rtf"], in: mini.root).status == 2)
        #expect(try TestSupport.brochure(["--help"], in: mini.root).status == 0)
        #expect(try TestSupport.brochure(["validate", "--accept", "pl", "--all"], in: mini.root).status == 2)
    }

    /// A stray copy of a table (`Locales/kk copy.xml`, the same xml:lang) is the duplicate, not
    /// the table named after its language, which sorts after it ("kk copy" < "kk."); every
    /// command says so and names both files. With no file named after the language, each is.
    @Test func aStrayCopyOfATableIsTheDuplicate() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        let locales = (mini.root as NSString).appendingPathComponent("Locales")
        let copy = (locales as NSString).appendingPathComponent("kk copy.xml")
        try FileManager.default.copyItem(atPath: mini.kazakhPath, toPath: copy)
        let stray = """
            Locales/kk copy.xml:1:1: error: [duplicate] two files declare xml:lang="kk": Locales/kk copy.xml and Locales/kk.xml
            Locales/kk copy.xml:1:1: note: keep Locales/kk.xml, named after the language; remove Locales/kk copy.xml, \
            or move it out of Locales/ (each .xml file there is read as a table)

            """
        for arguments in [["validate"], ["validate", "--locale", "kk"], ["build"], ["export", "--locale", "kk"]] {
            let run = try TestSupport.brochure(arguments, in: mini.root)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix(stray), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("Locales/kk.xml:"), "\(arguments): \(run.stderr)")
        }
        // A copy of the Polish table is the same mistake, not a second source table.
        let polishCopy = (locales as NSString).appendingPathComponent("pl (2).xml")
        try FileManager.default.copyItem(atPath: mini.polishPath, toPath: polishCopy)
        let both = try TestSupport.brochure(["validate"], in: mini.root)
        #expect(both.status == 1)
        #expect(both.stderr == stray + """
            Locales/pl (2).xml:1:1: error: [duplicate] two files declare xml:lang="pl": Locales/pl (2).xml and Locales/pl.xml
            Locales/pl (2).xml:1:1: note: keep Locales/pl.xml, named after the language; remove Locales/pl (2).xml, \
            or move it out of Locales/ (each .xml file there is read as a table)

            """, "\(both.stderr)")
        try FileManager.default.removeItem(atPath: polishCopy)
        // Neither named after the language: each is an error, naming the other.
        try FileManager.default.moveItem(atPath: mini.kazakhPath, toPath: (locales as NSString).appendingPathComponent("kazakh.xml"))
        let neither = try TestSupport.brochure(["validate"], in: mini.root)
        #expect(neither.status == 1)
        #expect(neither.stderr == """
            Locales/kazakh.xml:1:1: error: [duplicate] two files declare xml:lang="kk": Locales/kazakh.xml and Locales/kk copy.xml
            Locales/kazakh.xml:1:1: note: keep one of them, named kk.xml; remove the other, or move it out of Locales/ \
            (each .xml file there is read as a table)
            Locales/kk copy.xml:1:1: error: [duplicate] two files declare xml:lang="kk": Locales/kazakh.xml and Locales/kk copy.xml
            Locales/kk copy.xml:1:1: note: keep one of them, named kk.xml; remove the other, or move it out of Locales/ \
            (each .xml file there is read as a table)

            """, "\(neither.stderr)")
    }

    @Test func jsonFollowsItsSchema() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 7, to: "  <message key=\"city\">Орталығы: <em>{capital}</em>.</message>")
        let run = try TestSupport.brochure(["validate", "--format", "json"], in: mini.root)
        #expect(run.status == 1)
        let file = (mini.root as NSString).appendingPathComponent("report.json")
        try run.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); report = json.load(open(sys.argv[2]))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)
            print(report["summary"]["errors"], [f["check"] for f in report["findings"]], report["findings"][0]["path"])
            """, Self.schema, file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("1 ['markup', 'unverified'] Locales/kk.xml"), "\(check.stdout)")
    }

    /// A table that cannot be read stops the run, but `--format json` and `sarif` still write
    /// their document, holding the finding (a code-scanning job reads its results from
    /// standard output); the text goes to standard error as always, and the exit status is 1.
    @Test func aTableThatCannotBeReadIsStillReportedAsJSONAndSARIF() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Облыс</mesage>")
        let json = try TestSupport.brochure(["validate", "--format", "json"], in: mini.root)
        #expect(json.status == 1)
        #expect(json.stderr.contains("Locales/kk.xml:3:"), "\(json.stderr)")
        let file = (mini.root as NSString).appendingPathComponent("report.json")
        try json.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); report = json.load(open(sys.argv[2]))
            jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)
            print(report["summary"]["errors"], [(f["check"], f["path"], f["line"]) for f in report["findings"]], report["completeness"])
            """, Self.schema, file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "1 [('xml', 'Locales/kk.xml', 3)] []\n", "\(check.stdout)")
        let sarif = try TestSupport.brochure(["validate", "--format", "sarif"], in: mini.root)
        #expect(sarif.status == 1)
        let sarifFile = (mini.root as NSString).appendingPathComponent("report.sarif")
        try sarif.stdout.write(toFile: sarifFile, atomically: true, encoding: .utf8)
        let model = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import sys, sarif_pydantic
            log = sarif_pydantic.Sarif.model_validate_json(open(sys.argv[1]).read())
            print([(r.rule_id, r.locations[0].physical_location.region.start_line) for r in log.runs[0].results])
            """, sarifFile])
        #expect(model.status == 0, "\(model.stderr)")
        #expect(model.stdout == "[('xml', 3)]\n", "\(model.stdout)")
        let text = try TestSupport.brochure(["validate"], in: mini.root)
        #expect(text.status == 1 && text.stdout.isEmpty)
    }

    @Test func sarifIsReadBySARIFTools() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Oблыс</message>")
        let run = try TestSupport.brochure(["validate", "--format", "sarif"], in: mini.root)
        #expect(run.status == 1)
        let file = (mini.root as NSString).appendingPathComponent("report.sarif")
        try run.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        // The SARIF 2.1.0 object model (pydantic, strict) and the sarif-tools command line.
        let model = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import sys, sarif_pydantic
            log = sarif_pydantic.Sarif.model_validate_json(open(sys.argv[1]).read())
            result = [r for r in log.runs[0].results if r.rule_id == "script"][0]
            print(log.version, result.rule_id, result.level, result.locations[0].physical_location.region.start_line)
            """, file])
        #expect(model.status == 0, "\(model.stderr)")
        #expect(model.stdout.contains("2.1.0 script Level.ERROR 3"), "\(model.stdout)")
        // The run defines the base every result's location names (SARIF 2.1.0 §3.14.14): the
        // project folder as an absolute file: URI ending in "/".
        let root = URL(fileURLWithPath: mini.root).resolvingSymlinksInPath().path
        let base = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import json, sys
            run = json.load(open(sys.argv[1]))["runs"][0]
            bases = run["originalUriBaseIds"]
            print(sorted(bases), bases["SRCROOT"]["uri"])
            print(sorted({l["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"] for l in r["locations"]}))
            """, file])
        #expect(base.status == 0, "\(base.stderr)")
        #expect(base.stdout == "['SRCROOT'] file://\(root)/\n['SRCROOT']\n", "\(base.stdout)")
        let summary = try TestSupport.run("/usr/bin/env", ["sarif", "summary", file])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("error"), "\(summary.stdout)")
    }

    /// A result's `uri` is a URI reference (RFC 3986): a path with a space, a "#", a non-ASCII
    /// letter is percent-encoded ("Locales/kk%20copy.xml"), and resolved against SRCROOT and
    /// decoded, it names the file. The SARIF tools read it.
    @Test func sarifURIsArePercentEncoded() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Oблыс</message>")
        try mini.edit(mini.templatePath, line: 6, to: "    <p msg=\"ctiy\"/>")
        let locales = (mini.root as NSString).appendingPathComponent("Locales")
        try FileManager.default.moveItem(atPath: mini.kazakhPath, toPath: (locales as NSString).appendingPathComponent("kk copy.xml"))
        try FileManager.default.moveItem(atPath: mini.templatePath,
                                         toPath: (mini.root as NSString).appendingPathComponent("Templates/doc #2 ż.xml"))
        let run = try TestSupport.brochure(["validate", "--format", "sarif"], in: mini.root)
        #expect(run.status == 1, "\(run.stderr)")
        let file = (mini.root as NSString).appendingPathComponent("report.sarif")
        try run.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import json, os, re, sys, urllib.parse, sarif_pydantic
            text = open(sys.argv[1]).read()
            sarif_pydantic.Sarif.model_validate_json(text)
            run = json.loads(text)["runs"][0]
            base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
            # RFC 3986 relative-ref with a path only: pchar and "/", no ":" before the first "/".
            chars = r"A-Za-z0-9\\-._~!$&'()*+,;=@"
            pchar, nocolon = "(?:[" + chars + ":]|%[0-9A-F]{2})", "(?:[" + chars + "]|%[0-9A-F]{2})"
            for uri in sorted({l["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for l in r["locations"]}):
                ok = re.fullmatch(nocolon + "*(?:/" + pchar + "*)*", uri) is not None
                path = urllib.parse.unquote(urllib.parse.urlparse(urllib.parse.urljoin(base, uri)).path)
                print(uri, ok, os.path.relpath(path, sys.argv[2]), os.path.isfile(path))
            """, file, URL(fileURLWithPath: mini.root).resolvingSymlinksInPath().path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == """
            Locales/kk%20copy.xml True Locales/kk copy.xml True
            Locales/pl.xml True Locales/pl.xml True
            Templates/doc%20%232%20%C5%BC.xml True Templates/doc #2 ż.xml True

            """, "\(check.stdout)")
        let summary = try TestSupport.run("/usr/bin/env", ["sarif", "summary", file])
        #expect(summary.status == 0, "\(summary.stderr)")
    }

    /// What stays as it is in a SARIF `uri`: what a path segment may hold (RFC 3986 §3.3), as
    /// Foundation keeps it in the base folder's URI, but ":" in a relative path's first segment.
    @Test func aPathIsWrittenAsAURIReference() {
        #expect(SARIFReport.uriReference("Locales/kk copy.xml") == "Locales/kk%20copy.xml")
        #expect(SARIFReport.uriReference("Output/brochure.pl+kk.xml") == "Output/brochure.pl+kk.xml")
        #expect(SARIFReport.uriReference("a:b/c:d(1)~!$&'*,;=@.xml") == "a%3Ab/c:d(1)~!$&'*,;=@.xml")
        #expect(SARIFReport.uriReference("/srv/a:b/x.xml") == "/srv/a:b/x.xml")
        #expect(SARIFReport.uriReference("100%/ł?#[]\\\"<>^`{|}.xml") == "100%25/%C5%82%3F%23%5B%5D%5C%22%3C%3E%5E%60%7B%7C%7D.xml")
        let folder = "/tmp/a b+c(1)[x]:y;z=w&q!$'*,@~%é#?"
        #expect(SARIFReport.rootURI(folder) == "file://" + SARIFReport.uriReference(folder) + "/")
    }

    /// A key the template uses that the Polish lacks: one error at the template in `validate`
    /// (text and JSON, which its schema allows) and in every kind of build, which fails.
    @Test func unknownTemplateKeyIsOneErrorAtTheTemplate() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.templatePath, line: 6, to: "    <p msg=\"ctiy\"/>")
        let expected = """
            Templates/doc.xml:6:8: error: [unknown-key] message "ctiy" is not in the Polish source table Locales/pl.xml
            Templates/doc.xml:6:8: note: did you mean "city"? (Locales/pl.xml:7:3)
            Templates/doc.xml:6:8: note: correct the key in the template, or add <message key="ctiy">…</message> to Locales/pl.xml

            """
        let validate = try TestSupport.brochure(["validate"], in: mini.root)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains(expected), "\(validate.stdout)")
        #expect(!validate.stdout.contains("[missing]"), "\(validate.stdout)")
        #expect(validate.stdout.contains("kk  100.0%  4/4 messages"), "\(validate.stdout)")
        #expect(validate.stdout.contains("\n1 error, 1 warning (ICU "), "\(validate.stdout)")
        let json = try TestSupport.brochure(["validate", "--format", "json"], in: mini.root)
        let file = (mini.root as NSString).appendingPathComponent("report.json")
        try json.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import json, sys, jsonschema
            report = json.load(open(sys.argv[2]))
            jsonschema.validate(report, json.load(open(sys.argv[1])), cls=jsonschema.Draft202012Validator)
            print([(f["path"], f["line"], f["column"], f["check"]) for f in report["findings"] if f["severity"] == "error"])
            """, Self.schema, file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "[('Templates/doc.xml', 6, 8, 'unknown-key')]\n", "\(check.stdout)")
        for arguments in [["build"], ["build", "--locale", "kk"], ["build", "--allow-incomplete"]] {
            let build = try TestSupport.brochure(arguments, in: mini.root)
            #expect(build.status == 1, "\(arguments)")
            #expect(build.stderr.hasPrefix(expected), "\(arguments): \(build.stderr)")
            #expect(!build.stderr.contains("[missing]"), "\(arguments): \(build.stderr)")
            #expect(!FileManager.default.fileExists(atPath: (mini.root as NSString).appendingPathComponent("Output")))
        }
    }

    /// Every check id SARIF describes is one the JSON schema allows, and the other way round
    /// (`encoding` was added to both).
    @Test func schemaAndSARIFKnowTheSameChecks() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.schema)))
        func checkEnum(_ value: Any) -> [String]? {
            if let object = value as? [String: Any] {
                if let check = object["check"] as? [String: Any], let values = check["enum"] as? [String] { return values }
                return object.values.lazy.compactMap(checkEnum).first
            }
            return (value as? [Any])?.lazy.compactMap(checkEnum).first
        }
        let allowed = try #require(checkEnum(schema))
        #expect(Set(allowed) == Set(SARIFReport.checks.keys))
        #expect(allowed.contains("encoding"))
    }

    @Test func htmlReportLandsInOutputAndPassesTheNuChecker() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 7, to: "")
        let run = try TestSupport.brochure(["validate", "--report"], in: mini.root)
        #expect(run.status == 1)
        let path = (mini.root as NSString).appendingPathComponent("Output/validation.html")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("message &quot;city&quot; is not translated") || html.contains("message \"city\" is not translated"))
        #expect(html.contains("4 / 5"))
        let nu = try NuChecker.run([path])
        #expect(nu.status == 0, "\(nu.stderr)")
    }

    @Test func acceptChangesOnlyTheAttributes() throws {
        let mini = try MiniProject(accept: false)
        defer { mini.remove() }
        let before = try String(contentsOfFile: mini.kazakhPath, encoding: .utf8)
        let run = try TestSupport.brochure(["validate", "--accept", "kk", "title", "city"], in: mini.root)
        #expect(run.status == 0, "\(run.stderr)")
        let after = try String(contentsOfFile: mini.kazakhPath, encoding: .utf8)
        let stripped = after.replacingOccurrences(of: #" source-fingerprint="[0-9a-f]{16}""#, with: "", options: .regularExpression)
        #expect(stripped == before)
        #expect(after.components(separatedBy: "source-fingerprint=").count - 1 == 3) // title, city message, city term
        let archive = try String(contentsOfFile: (mini.root as NSString).appendingPathComponent("Locales/history/pl.xml"), encoding: .utf8)
        #expect(archive.contains(">Obwód</text>"))
    }

    @Test func buildRefusesALocaleWithErrors() throws {
        let mini = try MiniProject()
        defer { mini.remove() }
        try mini.edit(mini.kazakhPath, line: 3, to: "  <message key=\"title\">Oблыс</message>")
        let run = try TestSupport.brochure(["build"], in: mini.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Locales/kk.xml:3:24: error: [script]"))
        #expect(!FileManager.default.fileExists(atPath: (mini.root as NSString).appendingPathComponent("Output")))
        // Polish alone still builds.
        #expect(try TestSupport.brochure(["build", "--locale", "pl"], in: mini.root).status == 0)
    }
}
