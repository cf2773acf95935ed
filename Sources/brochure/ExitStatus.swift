import ArgumentParser
import BrochureDiagnostics

/// The exit statuses of every command (README, "Exit codes"), and which one a failure ends with.
enum ExitStatus {
    /// The inputs have errors (each printed with its place).
    static let inputErrors = ExitCode(1)
    /// A usage error (an argument that names nothing) or an I/O error (a file or folder that
    /// cannot be found, read or written).
    static let usageOrIO = ExitCode(2)

    /// The findings that make a failure a usage or I/O error, by check id.
    static let usageOrIOChecks: Set<String> = ["usage", "io"]

    /// The status a failure with these findings ends with: a usage or I/O error when any of its
    /// errors is one (the inputs could not all be read, or were not the ones meant, so the
    /// other findings may not be the whole story), otherwise errors in the inputs.
    static func of(_ diagnostics: [Diagnostic]) -> ExitCode {
        diagnostics.contains { $0.severity == .error && usageOrIOChecks.contains($0.check) } ? usageOrIO : inputErrors
    }
}
