import ArgumentParser
import BrochureDiagnostics
import BrochureKit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type's name (that costs a reflection of the type
        // at every start).
        commandName: "export",
        abstract: "Write a translator's file (XLIFF 2.0 or gettext PO) for one language.",
        // One line a paragraph (see `Brochure`'s discussion).
        discussion: """
        Writes Output/LANG.xlf or Output/LANG.po: every Polish entry with the current translation, its note, state and source fingerprint. See docs/TRANSLATORS.md.

        Exit codes: 0 written; 1 the inputs have errors; 2 usage or I/O error.
        """
    )

    @Option(name: .shortAndLong, help: "The language to export (en, kk, …).")
    var locale: String

    @Option(name: .shortAndLong, help: "xliff or po.")
    var format: ExchangeFormatOption = .xliff

    @OptionGroup var common: CommonOptions

    func run() throws {
        let project = try common.loadProject(consequence: "nothing was exported")
        do {
            let archive = try SourceArchive.load(root: common.project, language: project.sourceTable.language)
            let units = try ExportAction.units(project, language: locale, archive: archive)
            let text = try ExportAction.render(units, format: format.format, project: project, language: locale)
            let name = "\(locale).\(format.format.fileExtension)"
            try OutputFolder(path: common.outputPath, project: common.project).replace(with: [name: Array(text.utf8)])
            print("Exported \(units.count) units to \(common.outputPath)/\(name)")
        } catch let error as DiagnosticError {
            // A language that is not a translated table; or the archive of source texts (an input) broken.
            Report.diagnostics(error.diagnostics)
            throw ExitStatus.of(error.diagnostics)
        } catch let error as OutputFolder.Failure {
            Report.printError(error.description)
            throw ExitStatus.usageOrIO
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type's name (that costs a reflection of the type
        // at every start).
        commandName: "import",
        abstract: "Merge a translator's XLIFF or PO file back into Locales/.",
        // One line a paragraph (see `Brochure`'s discussion).
        discussion: """
        Every unit is checked first; a unit whose Polish changed since the export is a conflict, a broken unit is refused with its place; the others are applied to Locales/LANG.xml.

        Exit codes: 0 all applied; 1 some refused; 2 the file cannot be read.
        """
    )

    @Argument(help: "The .xlf or .po file.")
    var file: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let project = try common.loadProject(consequence: "nothing was imported and \(common.localesPath)/ was not changed")
        do {
            let result = try ImportAction.run(project, file: file)
            Report.diagnostics(result.refused)
            print("\(result.path): \(result.applied.count) applied, \(result.unchanged) unchanged, \(result.refused.count) refused")
            if !result.refused.isEmpty { throw ExitStatus.inputErrors }
        } catch let error as DiagnosticError {
            // The file cannot be read (its own discussion: exit 2), whatever the finding.
            Report.diagnostics(error.diagnostics)
            throw ExitStatus.usageOrIO
        }
    }
}

enum ExchangeFormatOption: String, ExpressibleByArgument, CaseIterable {
    case xliff, po

    var format: ExchangeFormat { ExchangeFormat(rawValue: rawValue)! }
}
