public import BrochureDiagnostics

/// What `validate` found: positioned findings and how complete each locale is.
public struct ValidationReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var completeness: [LocaleCompleteness]
    /// The ICU and CLDR versions the plural and format checks used.
    public var icu: String

    public init(diagnostics: [Diagnostic], completeness: [LocaleCompleteness], icu: String) {
        self.diagnostics = diagnostics
        self.completeness = completeness
        self.icu = icu
    }

    /// The report of a run that could not read the project (or the source's archive): its
    /// findings alone, sorted, and no completeness, so that `--format json` and `sarif` still
    /// give their readers a document to read.
    public static func unread(_ diagnostics: [Diagnostic]) -> ValidationReport {
        ValidationReport(diagnostics: diagnostics.sorted { $0.location < $1.location }, completeness: [], icu: ICU.versionDescription)
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// Warnings become errors (`--strict`).
    public func strict() -> ValidationReport {
        var copy = self
        copy.diagnostics = diagnostics.map { d in
            var d = d
            if d.severity == .warning { d.severity = .error }
            return d
        }
        return copy
    }
}

/// How much of the source one locale translates, overall and per document section.
public struct LocaleCompleteness: Sendable {
    public var language: String
    public var path: String
    /// Source messages the documents use.
    public var messages: Int
    /// Of those: present, current (not stale), and free of errors.
    public var translated: Int
    public var missing: Int
    public var stale: Int
    /// Words of the Polish text, in all used messages and in the translated ones.
    public var words: Int
    public var translatedWords: Int
    public var sections: [SectionCompleteness]

    public var percent: Double { messages == 0 ? 100 : Double(translated) * 100 / Double(messages) }
}

public struct SectionCompleteness: Sendable {
    /// The template id, e.g. `brochure`.
    public var document: String
    /// The top-level section id, or `title` for the title page.
    public var section: String
    public var messages: Int
    public var translated: Int

    public var percent: Double { messages == 0 ? 100 : Double(translated) * 100 / Double(messages) }
}
