public import BrochureDiagnostics
import FoundationEssentials
import CFileSystem
import Glibc

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
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let folder = PathName.join(temporary, "brochure-pdf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = PathName.join(folder, "in.html")
        let output = PathName.join(folder, "out.pdf")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: input))
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = environment["SOURCE_DATE_EPOCH"] ?? "0"
            let (status, message) = try run(path, arguments: ["--quiet", "--presentational-hints", input, output], environment: environment)
            guard status == 0, let pdf = FileManager.default.contents(atPath: output) else {
                let text = String(decoding: message, as: UTF8.self).trimmingWhitespace(newlines: true)
                throw DiagnosticError(Diagnostic(.error, "pdf", at: .file(name), "WeasyPrint failed (exit \(status)): \(text)"))
            }
            return [UInt8](pdf)
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw DiagnosticError(Diagnostic(.error, "pdf", at: .file(name), "cannot run WeasyPrint: \(OutputFolder.reason(error))"))
        }
    }

    /// Runs `path` with `arguments` (standard input and output on /dev/null; see
    /// `brochure_spawn`) and returns its exit status and what it wrote to standard error.
    private static func run(_ path: String, arguments: [String], environment: [String: String]) throws(PDFSpawnError) -> (Int32, [UInt8]) {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        var errors: Int32 = -1
        let spawned = brochure_spawn(path, argv, envp, &pid, &errors)
        guard spawned == 0 else { throw PDFSpawnError(code: spawned) }
        var message: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(errors, &buffer, buffer.count)
            if count > 0 { message += buffer[..<count]; continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        close(errors)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            // Without the child's status (ECHILD when SIGCHLD is ignored) nothing says it succeeded.
            guard errno == EINTR else { throw PDFSpawnError(code: errno) }
        }
        // The exit status, or the signal that ended the process (as Foundation's `Process` gives it).
        let exit = status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
        return (exit, message)
    }
}

/// Why WeasyPrint could not be started (an errno value).
struct PDFSpawnError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { String(cString: strerror(code)) }
}
