public import BrochureDiagnostics
import BrochureXML

/// `brochure export --locale LANG --format xliff|po`: every source entry with its Polish text,
/// the current translation, the note, the state and the source fingerprint.
public enum ExportAction {
    public static func units(_ project: Project, language: String, archive: SourceArchive) throws(DiagnosticError) -> [ExchangeUnit] {
        guard let table = project.table(language), !table.isSource else {
            throw DiagnosticError(Diagnostic(.error, "usage", at: .file(Project.relative("Locales", project.root)),
                                             "export needs a translated table; \"\(language)\" is " + (project.table(language) == nil ? "not a table" : "the source")))
        }
        return project.sourceTable.allEntries.map { original in
            let translation = original.kind == .message ? table.messages[original.key] : table.terms[original.key]
            var state = TranslationState.new
            var previous: String?
            if let translation {
                if let fingerprint = translation.sourceFingerprint, fingerprint != original.fingerprint {
                    state = .needsReview
                    previous = archive.text(for: fingerprint)
                } else {
                    state = translation.state ?? .translated
                }
            }
            return ExchangeUnit(kind: original.kind, key: original.key, source: original.canonicalText,
                                target: translation?.canonicalText, state: state, fingerprint: original.fingerprint,
                                note: original.note, previousSource: previous, location: original.location)
        }
    }

    /// The file's text in the format asked for.
    public static func render(_ units: [ExchangeUnit], format: ExchangeFormat, project: Project, language: String) throws(DiagnosticError) -> String {
        switch format {
        case .xliff: try XLIFFFormat.write(units, sourceLanguage: project.sourceTable.language, targetLanguage: language,
                                           original: project.table(language)?.path ?? language)
        case .po: POFormat.write(units, sourceLanguage: project.sourceTable.language, targetLanguage: language)
        }
    }
}
