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
        let summary = try TestSupport.run("/usr/bin/env", ["sarif", "summary", file])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("error"), "\(summary.stdout)")
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
