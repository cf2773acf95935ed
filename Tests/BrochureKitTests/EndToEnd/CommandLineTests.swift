import BrochureKit
import BrochureXML
import Foundation
import Testing

/// The command line's answers to what users mistype: exact messages and exit codes (README,
/// "Exit codes": 0 built; 1 the inputs have errors; 2 usage or I/O error).
@Suite(.serialized) struct CommandLineTests {
    static let buildFailed = "brochure: error: build failed; Output/ was not changed\n"
    static let cannotRead = "brochure: error: cannot read the project; nothing was built and Output/ was not changed\n"
    /// What `export` and `import` say when the project cannot be read: each what it did not do.
    static let cannotReadToExport = "brochure: error: cannot read the project; nothing was exported\n"
    static let cannotReadToImport = "brochure: error: cannot read the project; nothing was imported and Locales/ was not changed\n"

    /// Runs the tool in `project` and checks that it failed with `status` and printed exactly
    /// `stderr`, nothing on stdout, and made no Output/.
    static func expectFailure(_ arguments: [String], in project: String, status: Int32, stderr: String,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let run = try TestSupport.brochure(arguments, in: project)
        #expect(run.status == status, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr == stderr, "\(arguments)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: (project as NSString).appendingPathComponent("Output")), sourceLocation: sourceLocation)
    }

    /// Arguments that name nothing, and a project that is not there, are usage and I/O errors
    /// (2), whatever the command; none of them suggests a draft.
    @Test func usageAndIOErrorsExitTwo() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let noFolder = """
            /nonexistent/Profiles:1:1: error: [io] no such folder
            /nonexistent/Profiles:1:1: note: run brochure in the project folder, or pass --project PATH

            """
        // Each command says what it did not do, naming the folder it would have changed.
        try Self.expectFailure(["build", "--project", "/nonexistent"], in: project, status: 2, stderr: noFolder
            + "brochure: error: cannot read the project; nothing was built and /nonexistent/Output/ was not changed\n")
        try Self.expectFailure(["validate", "--project", "/nonexistent"], in: project, status: 2, stderr: noFolder)
        try Self.expectFailure(["export", "--locale", "kk", "--project", "/nonexistent"], in: project, status: 2,
                               stderr: noFolder + Self.cannotReadToExport)
        try Self.expectFailure(["import", "kk.xlf", "--project", "/nonexistent"], in: project, status: 2, stderr: noFolder
            + "brochure: error: cannot read the project; nothing was imported and /nonexistent/Locales/ was not changed\n")
        try Self.expectFailure(["build", "--locale", "de"], in: project, status: 2, stderr: """
            Locales:1:1: error: [usage] no locale table for "de"
            Locales:1:1: note: tables: pl, en, kk

            """ + Self.buildFailed)
        try Self.expectFailure(["build", "--locale", "de", "--allow-incomplete"], in: project, status: 2, stderr: """
            Locales:1:1: error: [usage] no locale table for "de"
            Locales:1:1: note: tables: pl, en, kk

            """ + Self.buildFailed)
        try Self.expectFailure(["build", "--locale", "pl+pl"], in: project, status: 2,
                               stderr: "Locales:1:1: error: [usage] pl+pl names a language twice\n" + Self.buildFailed)
        let noProfile = """
            Profiles:1:1: error: [usage] no profile "nope": there is no Profiles/nope.xml
            Profiles:1:1: note: profiles: almaty-region

            """
        try Self.expectFailure(["build", "--profile", "nope"], in: project, status: 2, stderr: noProfile + Self.cannotRead)
        try Self.expectFailure(["validate", "--profile", "nope"], in: project, status: 2, stderr: noProfile)
        try Self.expectFailure(["export", "--locale", "kk", "--profile", "nope"], in: project, status: 2, stderr: noProfile + Self.cannotReadToExport)
        try Self.expectFailure(["import", "kk.xlf", "--profile", "nope"], in: project, status: 2, stderr: noProfile + Self.cannotReadToImport)
    }

    /// A profile is named by its file's name in Profiles/, or given by its path.
    @Test func aProfileIsFoundByNameOrPath() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        for profile in ["almaty-region", "Profiles/almaty-region.xml"] {
            let run = try TestSupport.brochure(["build", "factsheet", "--locale", "en", "--format", "html", "--profile", profile], in: project)
            #expect(run.status == 0, "\(profile): \(run.stderr)")
        }
        // Another file beside it whose name starts the same is not taken for it.
        try FileManager.default.moveItem(atPath: (project as NSString).appendingPathComponent("Profiles/almaty-region.xml"),
                                         toPath: (project as NSString).appendingPathComponent("Profiles/almaty-region.old.xml"))
        try FileManager.default.removeItem(atPath: (project as NSString).appendingPathComponent("Output"))
        try Self.expectFailure(["build", "--profile", "almaty-region"], in: project, status: 2, stderr: """
            Profiles:1:1: error: [usage] no profile "almaty-region": there is no Profiles/almaty-region.xml
            Profiles:1:1: note: profiles: almaty-region.old

            """ + Self.cannotRead)
    }

    /// Errors in the inputs exit 1; the note about drafts comes only when a draft would build.
    @Test func inputErrorsExitOneAndTheDraftNoteOnlyWhereADraftWouldBuild() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let note = "brochure: note: `brochure validate` gives the full report; --allow-incomplete builds a draft despite missing or stale translations\n"
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        let text = try String(contentsOfFile: kk, encoding: .utf8)
        // A missing translation: a draft would build, so the note says so.
        try text.components(separatedBy: "\n").filter { !$0.contains("key=\"community.title\"") }.joined(separator: "\n")
            .write(toFile: kk, atomically: true, encoding: .utf8)
        let missing = try TestSupport.brochure(["build", "brochure", "--locale", "kk"], in: project)
        #expect(missing.status == 1, "\(missing.stderr)")
        #expect(missing.stderr.hasSuffix(Self.buildFailed + note), "\(missing.stderr)")
        // A syntax error: a draft would not build either.
        let tag = try #require(text.range(of: #"<message key="location.text"[^>]*>"#, options: .regularExpression))
        var broken = text
        broken.insert(contentsOf: "{region ", at: tag.upperBound)
        try broken.write(toFile: kk, atomically: true, encoding: .utf8)
        for arguments in [["build", "brochure", "--locale", "kk"], ["build", "brochure", "--locale", "kk", "--allow-incomplete"]] {
            let run = try TestSupport.brochure(arguments, in: project)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("error: [syntax]"), "\(run.stderr)")
            #expect(run.stderr.hasSuffix(Self.cannotRead), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("--allow-incomplete"), "\(arguments): \(run.stderr)")
        }
        // Tables without a source (no table lacks source-lang) are an input error, not an I/O one.
        try text.write(toFile: kk, atomically: true, encoding: .utf8)
        let pl = (project as NSString).appendingPathComponent("Locales/pl.xml")
        let polish = try String(contentsOfFile: pl, encoding: .utf8)
        let sourced = polish.replacingOccurrences(of: "xml:lang=\"pl\"", with: "xml:lang=\"pl\" source-lang=\"pl\"")
        #expect(sourced != polish)
        try sourced.write(toFile: pl, atomically: true, encoding: .utf8)
        let noSource = try TestSupport.brochure(["build"], in: project)
        #expect(noSource.status == 1, "\(noSource.stderr)")
        #expect(noSource.stderr.hasPrefix("Locales:1:1: error: [schema] no source table: the Polish table has no source-lang attribute\n"),
                "\(noSource.stderr)")
    }

    /// A side-by-side edition is one pair of languages: an empty side or a third language is refused.
    @Test func aLanguageSetIsOneLanguageOrAPair() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        for (locale, problem) in [("pl+", "has an empty language"), ("+kk", "has an empty language"), ("pl++kk", "has an empty language"),
                                  ("pl+kk+en", "names 3 languages")] {
            try Self.expectFailure(["build", "--locale", locale], in: project, status: 2, stderr: """
                Locales:1:1: error: [usage] "\(locale)" \(problem); side by side is two languages joined by +, e.g. pl+kk

                """ + Self.buildFailed)
        }
    }

    /// Every help text reads cleanly at 80 and 120 columns: ArgumentParser wraps each line of a
    /// discussion and keeps the line breaks written in it, so a paragraph written over several
    /// source lines left a word or two on a line of their own ("Output/ changes all at" /
    /// "once:" / "if anything fails"). No line but the usage line is wider than the terminal,
    /// and no line of one or two words stands inside a paragraph (between two lines of text,
    /// the next indented as it is).
    @Test func helpTextsWrapWithoutStrandedWords() throws {
        for columns in [80, 120] {
            var environment = ProcessInfo.processInfo.environment
            environment["COLUMNS"] = String(columns)
            for command in [[], ["build"], ["validate"], ["export"], ["import"]] {
                let run = try TestSupport.run(TestSupport.executable, command + ["--help"], environment: environment)
                #expect(run.status == 0, "\(command): \(run.stderr)")
                let lines = run.stdout.components(separatedBy: "\n")
                func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
                for (index, line) in lines.enumerated() where !line.hasPrefix("USAGE:") {
                    #expect(line.count <= columns, "\(command) at \(columns) columns: \(line)")
                    guard index > 0, index + 1 < lines.count, !lines[index - 1].isEmpty else { continue }
                    let next = lines[index + 1]
                    let words = line.split(separator: " ").count
                    #expect(!(words > 0 && words <= 2 && !next.isEmpty && indent(next) == indent(line)),
                            "\(command) at \(columns) columns: \"\(line)\" stands alone in\n\(run.stdout)")
                }
                if command == ["build"] {
                    #expect(lines.contains("Output/ changes all at once: if anything fails, it stays as it was."), "\(run.stdout)")
                }
            }
        }
    }

    /// `--version`, with or without a command, prints the tool's version and its libraries'.
    @Test func versionNamesTheToolAndTheLibrariesThatDecideTheOutput() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let expected = "brochure \(BrochureVersion.tool)\nlibxml2 \(XMLReader.libxml2Version), \(ICU.versionDescription)\n"
        #expect(try #require(expected.split(separator: "\n").last).wholeMatch(of: /libxml2 \d+\.\d+\.\d+, ICU \d+\.\d+(\.\d+)?, CLDR \d+\.\d+/) != nil,
                "\(expected)")
        for arguments in [["--version"], ["build", "--version"], ["validate", "--version"]] {
            let run = try TestSupport.brochure(arguments, in: project)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stdout == expected, "\(arguments)")
            #expect(run.stderr.isEmpty, "\(arguments): \(run.stderr)")
        }
    }

    /// A mistyped command is read as a template id; the answer names the command meant, and a
    /// mistyped template id the template.
    @Test func aMistypedCommandOrTemplateIsNamed() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        func unknown(_ id: String, _ suggestions: [String]) -> String {
            "Templates:1:1: error: [usage] no template with id \"\(id)\"\n"
                + suggestions.map { "Templates:1:1: note: did you mean \($0)?\n" }.joined()
                + "Templates:1:1: note: templates: brochure, factsheet\n" + Self.buildFailed
        }
        try Self.expectFailure(["valdiate"], in: project, status: 2, stderr: unknown("valdiate", ["`brochure validate`"]))
        try Self.expectFailure(["exprot", "--locale", "kk"], in: project, status: 2, stderr: unknown("exprot", ["`brochure export`"]))
        try Self.expectFailure(["biuld"], in: project, status: 2, stderr: unknown("biuld", ["`brochure build`"]))
        try Self.expectFailure(["brochur"], in: project, status: 2, stderr: unknown("brochur", ["\"brochure\""]))
        try Self.expectFailure(["build", "brochur"], in: project, status: 2, stderr: unknown("brochur", ["\"brochure\""]))
        try Self.expectFailure(["build", "factshet", "--locale", "en"], in: project, status: 2, stderr: unknown("factshet", ["\"factsheet\""]))
        // After `build`, a word is a template id, never a command.
        try Self.expectFailure(["build", "valdiate"], in: project, status: 2, stderr: unknown("valdiate", []))
        // Nothing within two edits: no guess.
        try Self.expectFailure(["leaflet"], in: project, status: 2, stderr: unknown("leaflet", []))
    }
}
