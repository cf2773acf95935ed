import ArgumentParser
import BrochureKit
import Glibc

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type's name (that costs a reflection of the type
        // at every start).
        commandName: "build",
        abstract: "Build editions into Output/ (all of them, or the ones named).",
        // One line a paragraph (see `Brochure`'s discussion).
        discussion: """
        With no arguments, builds every template in every language as HTML and DocBook, and the pairs side by side (pl+kk, pl+en) of the templates marked side-by-side="true". Files are named DOCUMENT.LANG.html and DOCUMENT.LANG.xml (DocBook), e.g. Output/brochure.pl.html and Output/factsheet.en.xml.

        Output/ changes all at once: if anything fails, it stays as it was.

        Exit codes: 0 built; 1 the inputs have errors; 2 usage or I/O error.
        """
    )

    @Argument(help: "Templates to build (e.g. brochure, factsheet); all when omitted.")
    var documents: [String] = []

    @Option(name: .shortAndLong, help: "A language to build (pl, en, kk), or two side by side (pl+kk); repeat for several. All when omitted.")
    var locale: [String] = []

    @Option(name: .shortAndLong, help: "html, docbook or pdf (PDF through WeasyPrint: apt-get install weasyprint); html and docbook when omitted.")
    var format: [FormatOption] = []

    @Flag(help: "Build a draft even when translations are missing: the Polish text stands in, tagged lang=\"pl\" and marked.")
    var allowIncomplete = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        // Empty sides are kept ("pl+" is ["pl", ""]), for the build to refuse.
        var request = BuildRequest(documents: documents,
                                   languages: locale.map { $0.split(separator: "+", omittingEmptySubsequences: false).map(String.init) },
                                   formats: format.isEmpty ? Edition.Format.defaults : format.map(\.format),
                                   allowIncomplete: allowIncomplete, output: common.outputPath)
        // `brochure valdiate`: a template id where a command is named may be a command mistyped.
        if let first = documents.first, CommandLine.arguments.dropFirst().first == first {
            request.commandNames = Brochure.commandNames
        }
        // The process ends right after the build (`Brochure.end`), error or not.
        request.endsProcess = true
        // The tables to be built are checked as soon as each is read (a draft checks the source too).
        let early = EarlyChecks(root: common.project, languages: request.languages.flatMap { $0 },
                                checkingSource: allowIncomplete, resolveDocuments: false, countingWords: false,
                                sourceEditions: allowIncomplete)
        // A build writes the messages it resolves, never a translation's canonical text; it
        // formats their text parts from bytes (no string of each).
        let project = try common.loadProject(translationTexts: false, messageTexts: .bytes, whenRead: { file in early.read(file) },
                                             consequence: "nothing was built and \(common.outputPath)/ was not changed")
        do {
            let result = try BuildAction.run(project, request, early: early)
            Report.diagnostics(result.diagnostics)
            print("Built \(result.editions.count) file\(result.editions.count == 1 ? "" : "s") in \(common.outputPath)/:")
            for edition in result.editions { print("  \(edition.fileName)") }
            if !result.keptEditions.isEmpty {
                // Editions this build did not make stay as they were (dates too): say so, as
                // a figure corrected since is not in them.
                let shown = result.keptEditions.prefix(4).joined(separator: ", ")
                let more = result.keptEditions.count > 4 ? " and \(result.keptEditions.count - 4) more" : ""
                print("Kept as earlier builds left them (not remade now, so perhaps out of date): \(shown)\(more)")
            }
            // The files are written: end now rather than free a large project piece by piece.
            Brochure.end(0)
        } catch {
            switch error {
            case .input(let failure):
                Report.diagnostics(failure.diagnostics)
                Report.error("build failed; \(common.outputPath)/ was not changed")
                // Only where a draft would have been built: every error is one a draft lets through.
                if !allowIncomplete && failure.diagnostics.allSatisfy({ BuildAction.draftAllows($0) }) {
                    Report.printError("brochure: note: `brochure validate` gives the full report; --allow-incomplete builds a draft despite missing or stale translations")
                }
                throw ExitStatus.of(failure.diagnostics)
            case .output(let failure):
                Report.printError(failure.description)
                Report.error("build failed; \(common.outputPath)/ was not changed")
                throw ExitStatus.usageOrIO
            }
        }
    }
}

enum FormatOption: String, ExpressibleByArgument, CaseIterable {
    case html, docbook, pdf

    var format: Edition.Format { Edition.Format(rawValue: rawValue)! }
}
