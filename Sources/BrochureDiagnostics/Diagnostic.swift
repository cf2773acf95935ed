/// How bad a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One positioned finding, printed like a compiler's: `path:line:col: error: [check] message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var severity: Severity
    /// A stable identifier of the check that produced it, e.g. `xml`, `stale`, `plural`.
    public var check: String
    public var message: String
    /// Further lines that explain or suggest a fix (`note: …`).
    public var notes: [String]

    public init(_ severity: Severity, _ check: String, at location: SourceLocation, _ message: String, notes: [String] = []) {
        self.location = location
        self.severity = severity
        self.check = check
        self.message = message
        self.notes = notes
    }

    public var description: String {
        var text = "\(location): \(severity.rawValue): [\(check)] \(message)"
        for note in notes { text += "\n\(location): note: \(note)" }
        return text
    }
}

/// Diagnostics that stop the work: thrown when a stage cannot go on.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects findings as a stage goes; sorted by place when read.
public struct DiagnosticLog: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func add(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public mutating func error(_ check: String, at location: SourceLocation, _ message: String, notes: [String] = []) {
        add(Diagnostic(.error, check, at: location, message, notes: notes))
    }

    public mutating func warning(_ check: String, at location: SourceLocation, _ message: String, notes: [String] = []) {
        add(Diagnostic(.warning, check, at: location, message, notes: notes))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file, line, column, then check id, for stable output; each finding once.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.check, $0.message) < ($1.location, $1.check, $1.message) }
    }

    /// Throws the collected errors, if any.
    public func throwIfErrors() throws(DiagnosticError) {
        if hasErrors { throw DiagnosticError(sorted.filter { $0.severity == .error }) }
    }
}
