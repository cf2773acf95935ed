import ArgumentParser
import BrochureKit
import BrochureDiagnostics
import Glibc

struct CommonOptions: ParsableArguments {
    @Option(help: "The project folder (holding Profiles/, Templates/, Locales/).")
    var project: String = "."

    @Option(help: "The output folder; Output/ in the project when omitted.")
    var output: String?

    @Option(help: "The profile to use (file name without .xml) when Profiles/ holds several.")
    var profile: String?

    var outputPath: String {
        output ?? (project == "." ? "Output" : PathName.join(project, "Output"))
    }

    /// The project's `Locales/` folder, as the user named the project.
    var localesPath: String {
        project == "." ? "Locales" : PathName.join(project, "Locales")
    }

    /// Reads the project; when it cannot be read, prints the findings and then
    /// "cannot read the project; `consequence`", where `consequence` says what the command
    /// did not do ("nothing was exported"), and ends the command.
    func loadProject(translationTexts: Bool = true, messageTexts: MessageParser.PartTexts = .strings,
                     whenRead: (@Sendable (Project.ReadFile) -> Void)? = nil, consequence: String) throws -> Project {
        do {
            return try Project.load(root: project, profile: profile, translationTexts: translationTexts, messageTexts: messageTexts,
                                    whenRead: whenRead)
        } catch {
            Report.diagnostics(error.diagnostics)
            Report.error("cannot read the project; " + consequence)
            throw ExitStatus.of(error.diagnostics)
        }
    }
}

/// All user-facing text on stderr goes through here.
enum Report {
    static func diagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { printError(diagnostic.description) }
    }

    static func error(_ message: String) {
        printError("brochure: error: \(message)")
    }

    static func printError(_ text: String) {
        writeStandardError(text + "\n")
    }

    /// Writes all of `text` to file descriptor 2 (unbuffered, as the diagnostics come).
    static func writeStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
