import ArgumentParser
import BrochureKit

@main
struct Brochure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brochure",
        abstract: "Build regional-cooperation brochures and fact sheets in Polish, Kazakh and English, as HTML, DocBook 5 and PDF.",
        discussion: """
        Run it in a project folder holding Profiles/, Templates/ and Locales/.
        Exit codes: 0 success; 1 the inputs have errors; 2 usage or I/O error.
        """,
        subcommands: [Build.self, Validate.self, Export.self, Import.self],
        defaultSubcommand: Build.self
    )
}
