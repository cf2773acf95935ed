import ArgumentParser
import BrochureDiagnostics
import BrochureKit
import Glibc

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type's name (that costs a reflection of the type
        // at every start).
        commandName: "validate",
        abstract: "Check that every translation is complete, current and correct.",
        // One line a paragraph (see `Brochure`'s discussion); the examples stand on lines of their own.
        discussion: """
        A static pass over templates × locale tables × profile, plus a resolution of every document in every language. Findings print like a compiler's:
          Locales/kk.xml:12:3: error: [stale] …
        Check ids and the JSON schema are described in docs/VALIDATE.md.

        Exit codes: 0 no errors; 1 errors found (with --strict, warnings too); 2 usage or I/O error.

        After checking a translation against the current Polish, record that with:
          brochure validate --accept kk KEY…   (or --accept kk --all)
        """
    )

    @Option(name: .shortAndLong, help: "A language to check (pl, en, kk); repeat for several. All when omitted.")
    var locale: [String] = []

    @Option(help: "Output format: text, json or sarif.")
    var format: ReportFormatOption = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Also write the HTML report to Output/validation.html.")
    var report = false

    @Option(help: "Record that the named entries of this language's table were checked against the current Polish.")
    var accept: String?

    @Flag(help: "With --accept: every entry of the table.")
    var all = false

    @Argument(help: "With --accept: the message or term keys.")
    var keys: [String] = []

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if accept == nil && (all || !keys.isEmpty) { throw ValidationError("keys and --all go with --accept LANG") }
        if let _ = accept, !all && keys.isEmpty { throw ValidationError("--accept needs the keys to accept, or --all") }
    }

    func run() throws {
        let project: Project
        let clock = Timing()
        // The checks start as soon as the files they need are read (not when only accepting).
        let early = accept == nil ? EarlyChecks(root: common.project, languages: locale) : nil
        var whenRead: (@Sendable (Project.ReadFile) -> Void)?
        if let early { whenRead = { file in early.read(file) } }
        do {
            // The checks show only the source's text, and format no message; accepting reads the
            // tables as they are.
            project = try Project.load(root: common.project, profile: common.profile, lenient: true,
                                       translationTexts: accept != nil, messageTexts: accept != nil ? .strings : .none, whenRead: whenRead)
            clock.mark("load")
        } catch {
            throw unread(error.diagnostics)
        }
        if let accept {
            do {
                let result = try AcceptAction.run(project, language: accept, keys: keys, all: all)
                print("Accepted \(result.accepted.count) entr\(result.accepted.count == 1 ? "y" : "ies") of \(result.path) against the current Polish.")
                return
            } catch {
                Report.diagnostics(error.diagnostics)
                throw ExitStatus.usageOrIO
            }
        }
        let archive: SourceArchive
        do {
            archive = try SourceArchive.load(root: common.project, language: project.sourceTable.language)
        } catch {
            throw unread(error.diagnostics)
        }
        var result = TranslationCheck.run(project, languages: locale, archive: archive, early: early, endsProcess: true)
        clock.mark("check")
        if result.diagnostics.contains(where: { $0.check == "usage" }) {
            Report.diagnostics(result.diagnostics.filter { $0.check == "usage" })
            throw ExitStatus.usageOrIO
        }
        if strict { result = result.strict() }
        print(format.format.render(result, root: common.project), terminator: "")
        clock.mark("report")
        if report {
            do {
                try OutputFolder(path: common.outputPath, project: common.project).replace(with: [ValidationHTML.fileName: Array(ValidationHTML.render(result, root: common.project).utf8)])
                Report.printError("Wrote \(common.outputPath)/\(ValidationHTML.fileName)")
            } catch {
                Report.printError(error.description)
                throw ExitStatus.usageOrIO
            }
        }
        // The report is out: end now rather than free a large project piece by piece.
        Brochure.end(result.errorCount > 0 ? 1 : 0)
    }
}

extension Validate {
    /// The findings of a project that could not be read: on standard error as text, and for
    /// `--format json` or `sarif` also as that document on standard output (a code-scanning
    /// job reads its results from there, and a run that stopped at a broken table has results
    /// too). Returns the exit status to throw.
    func unread(_ diagnostics: [Diagnostic]) -> ExitCode {
        Report.diagnostics(diagnostics)
        if format != .text {
            var report = ValidationReport.unread(diagnostics)
            if strict { report = report.strict() }
            print(format.format.render(report, root: common.project), terminator: "")
        }
        return ExitStatus.of(diagnostics)
    }
}

enum ReportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif

    var format: ReportFormat { ReportFormat(rawValue: rawValue)! }
}
