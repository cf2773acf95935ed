import ArgumentParser
import BrochureKit
import Glibc

@main
struct Brochure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brochure",
        abstract: "Build regional-cooperation brochures and fact sheets in Polish, Kazakh and English, as HTML, DocBook 5 and PDF.",
        // Each paragraph is one line: ArgumentParser wraps it to the terminal, and keeps every
        // line break written here (a break inside a paragraph leaves a word or two on a line).
        discussion: """
        Run it in a project folder holding Profiles/, Templates/ and Locales/.

        Exit codes: 0 success; 1 the inputs have errors; 2 usage or I/O error.
        """,
        version: BrochureVersion.description,
        subcommands: commands,
        defaultSubcommand: Build.self
    )

    /// The commands, `build` (the default) first.
    static let commands: [any ParsableCommand.Type] = [Build.self, Validate.self, Export.self, Import.self]

    /// Their names, as typed (each is named in its configuration: no reflection).
    static var commandNames: [String] { commands.compactMap { $0.configuration.commandName } }

    /// ArgumentParser's `main`, but the process ends through `end(_:)`: messages are printed as
    /// ArgumentParser prints them (help on standard output, errors on standard error). A
    /// command line that does not parse exits 2, as every usage error does (ArgumentParser's
    /// own code for it is 64).
    static func main() {
        do {
            // The everyday command lines are read without ArgumentParser's parser (DECISIONS 35).
            var command = try QuickCommandLine.command(Array(CommandLine.arguments.dropFirst())) ?? parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            // A command that ends with an exit code has printed all there is to say:
            // ArgumentParser's message for it is empty (and working that out reflects on
            // every command again).
            end(exit == .validationFailure ? 2 : exit.rawValue)
        } catch {
            let text = fullMessage(for: error)
            let code = exitCode(for: error)
            if !text.isEmpty {
                if code == .success { print(text) } else { Report.writeStandardError(text + "\n") }
            }
            end(code == .validationFailure ? 2 : code.rawValue)
        }
        end(0)
    }

    /// Ends the process now: output flushed, then `_exit`, which runs no exit handlers or
    /// library destructors. Checks started early may still be running on other threads (a
    /// project that failed to load leaves them so), and a destructor such as libxml2's
    /// `xmlCleanupParser` must not pull state from under them; nothing of ours needs to run at
    /// exit, and the system frees a large project faster than it could be freed piece by piece.
    static func end(_ code: Int32) -> Never {
        fflush(nil)
        _exit(code)
    }
}
