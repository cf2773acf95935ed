import ArgumentParser
import BrochureKit
import BrochureDiagnostics
import Foundation

struct CommonOptions: ParsableArguments {
    @Option(help: "The project folder (holding Profiles/, Templates/, Locales/).")
    var project: String = "."

    @Option(help: "The output folder; Output/ in the project when omitted.")
    var output: String?

    @Option(help: "The profile to use (file name without .xml) when Profiles/ holds several.")
    var profile: String?

    var outputPath: String {
        output ?? (project == "." ? "Output" : (project as NSString).appendingPathComponent("Output"))
    }

    func loadProject(whenRead: (@Sendable (Project.ReadFile) -> Void)? = nil) throws -> Project {
        do {
            return try Project.load(root: project, profile: profile, whenRead: whenRead)
        } catch {
            Report.diagnostics(error.diagnostics)
            Report.error("cannot read the project; nothing was built and Output/ was not changed")
            throw ExitCode(1)
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
        FileHandle.standardError.write(Array((text + "\n").utf8).withUnsafeBufferPointer { Data(buffer: $0) })
    }
}
