public import BrochureDiagnostics
import Foundation

/// Turns paged HTML into PDF with WeasyPrint (Debian: `weasyprint`), run as its own process.
///
/// WeasyPrint over headless Chromium: it implements CSS paged media (page numbers, running
/// heads, `@page :first`), embeds subsets of the fonts, and needs no browser profile. See
/// docs/DECISIONS.md.
public enum PDFRenderer {
    static let engine = "weasyprint"

    /// The path of the engine, or nil when it is not installed.
    static func enginePath() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(engine)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static func render(_ html: String, name: String) throws(DiagnosticError) -> [UInt8] {
        guard let path = enginePath() else {
            throw DiagnosticError(Diagnostic(.error, "pdf", at: .file(name), "PDF output needs WeasyPrint, which is not installed",
                                             notes: ["install it: apt-get install -y weasyprint (or build without --format pdf)"]))
        }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("brochure-pdf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = (folder as NSString).appendingPathComponent("in.html")
        let output = (folder as NSString).appendingPathComponent("out.pdf")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: input))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["--quiet", "--presentational-hints", input, output]
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = environment["SOURCE_DATE_EPOCH"] ?? "0"
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let pdf = FileManager.default.contents(atPath: output) else {
                let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw DiagnosticError(Diagnostic(.error, "pdf", at: .file(name), "WeasyPrint failed (exit \(process.terminationStatus)): \(text)"))
            }
            return [UInt8](pdf)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(Diagnostic(.error, "pdf", at: .file(name), "cannot run WeasyPrint: \(OutputFolder.reason(error))"))
        }
    }
}
