import BrochureDiagnostics
import BrochureXML
import Foundation
import Testing

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root (this file is Tests/BrochureKitTests/Support/TestSupport.swift).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ name: String) -> String {
        (packageRoot as NSString).appendingPathComponent("Tests/BrochureKitTests/Fixtures/\(name)")
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("brochure-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `name` in `folder` and returns the path.
    @discardableResult
    static func write(_ text: String, to name: String, in folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Parses XML given as text, as the file `path`.
    static func parse(_ text: String, path: String = "t.xml") throws(DiagnosticError) -> XMLElement {
        try XMLReader.parse(Array(text.utf8), path: path)
    }

    /// The first diagnostic thrown by `body`, or nil when it does not throw.
    static func firstDiagnostic(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch let error as DiagnosticError {
            return error.diagnostics.first
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// A copy of the real project (Profiles, Templates, Locales) in a temporary folder.
    static func copyOfProject() throws -> String {
        let folder = try temporaryFolder()
        for name in ["Profiles", "Templates", "Locales"] {
            try FileManager.default.copyItem(atPath: (packageRoot as NSString).appendingPathComponent(name),
                                             toPath: (folder as NSString).appendingPathComponent(name))
        }
        return folder
    }

    /// The built `brochure` executable (built beside the test bundle).
    static var executable: String {
        // The test runner lives in the build folder, beside the products.
        if let runner = Bundle.main.executableURL {
            var url = runner
            while url.path != "/" {
                url.deleteLastPathComponent()
                let candidate = url.appendingPathComponent("brochure").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                if url.lastPathComponent == ".build" { break }
            }
        }
        return (packageRoot as NSString).appendingPathComponent(".build/debug/brochure")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program and captures its output.
    static func run(_ program: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the built brochure tool.
    static func brochure(_ arguments: [String], in directory: String) throws -> Run {
        try run(executable, arguments, in: directory)
    }
}
