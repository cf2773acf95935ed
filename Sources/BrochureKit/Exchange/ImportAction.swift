public import BrochureDiagnostics
import BrochureXML

/// `brochure import FILE`: merges translations and states from an XLIFF or PO file back into
/// the locale table. Every incoming unit is checked first (syntax, markup, arguments, script,
/// characters); a unit whose Polish changed since the export is a conflict. Refused units are
/// reported with their place in the file; the others are applied; nothing else changes.
public enum ImportAction {
    public struct Result: Sendable {
        public var path: String
        public var applied: [String]
        public var unchanged: Int
        /// Conflicts and refused units, positioned in the imported file.
        public var refused: [Diagnostic]
    }

    public static func run(_ project: Project, file: String) throws(DiagnosticError) -> Result {
        let (language, units) = file.hasSuffix(".po") ? try POFormat.read(file) : try XLIFFFormat.read(file)
        guard let table = project.table(language), !table.isSource else {
            throw DiagnosticError(Diagnostic(.error, "usage", at: .file(file), "the file is for \"\(language)\", which is not a translated table of this project"))
        }
        let source = project.sourceTable
        var refused: [Diagnostic] = []
        var edits: [(entry: LocaleEntry?, unit: ExchangeUnit, content: String)] = []
        var unchanged = 0
        for unit in units {
            if let problem = unit.problems.first {
                refused.append(Diagnostic(.error, "refused", at: unit.location, "\(unit.kind.rawValue) \"\(unit.key)\" is not applied: \(problem.message)",
                                          notes: ["at \(problem.location)"] + problem.notes))
                continue
            }
            guard let target = unit.target else { continue }
            let original = unit.kind == .message ? source.messages[unit.key] : source.terms[unit.key]
            guard let original else {
                refused.append(Diagnostic(.error, "conflict", at: unit.location, "\(unit.kind.rawValue) \"\(unit.key)\" is not in the source table; not applied"))
                continue
            }
            guard unit.fingerprint == original.fingerprint else {
                refused.append(Diagnostic(.error, "conflict", at: unit.location,
                    "the Polish of \(unit.kind.rawValue) \"\(unit.key)\" changed since this file was exported; not applied",
                    notes: ["Polish now: \(original.canonicalText)", "export again and translate the new text"]))
                continue
            }
            let problems = check(target, unit: unit, original: original, project: project, language: language)
            guard problems.isEmpty else {
                refused.append(Diagnostic(.error, "refused", at: unit.location, "\(unit.kind.rawValue) \"\(unit.key)\" is not applied: \(problems[0].message)",
                                          notes: problems.map { "[\($0.check)] \($0.message)" }))
                continue
            }
            let existing = unit.kind == .message ? table.messages[unit.key] : table.terms[unit.key]
            let sameText = existing.map { $0.canonicalText == target } ?? false
            let sameState = (existing?.state ?? .translated) == unit.state && existing?.sourceFingerprint == original.fingerprint
            if sameText && sameState { unchanged += 1; continue }
            edits.append((existing, unit, target))
        }
        if !edits.isEmpty {
            var editor = TableEditor(try InputFile.bytes(table.path))
            // The editor takes edits in file order: by where each entry stands (line and
            // column: a table may hold several entries on one line), new entries last.
            func precedes(_ a: SourceLocation?, _ b: SourceLocation?) -> Bool {
                guard let a else { return false }
                guard let b else { return true }
                return a < b
            }
            for edit in edits.sorted(by: { precedes($0.entry?.location, $1.entry?.location) }) {
                var attributes = ["source-fingerprint": edit.unit.fingerprint]
                attributes["state"] = edit.unit.state == .translated ? nil : edit.unit.state.rawValue
                if let entry = edit.entry {
                    let keepContent = entry.canonicalText == edit.content
                    guard editor.replace(entry, attributes: attributes, removing: edit.unit.state == .translated ? ["state"] : [],
                                         content: keepContent ? nil : edit.content) else {
                        throw DiagnosticError(Diagnostic(.error, "io", at: entry.location, "cannot find the entry to update"))
                    }
                } else {
                    editor.append(kind: edit.unit.kind, key: edit.unit.key, attributes: attributes, content: edit.content)
                }
            }
            try AcceptAction.write(editor.result(), to: table.path)
        }
        return Result(path: table.path, applied: edits.map(\.unit.key), unchanged: unchanged, refused: refused)
    }

    /// The checks `validate` makes, on one incoming translation.
    static func check(_ target: String, unit: ExchangeUnit, original: LocaleEntry, project: Project, language: String) -> [Diagnostic] {
        do throws(DiagnosticError) {
            let content = FlatContent(try InlineText.nodes(target, path: unit.location.path))
            let message = try MessageParser.parse(content, end: unit.location)
            let entry = LocaleEntry(kind: unit.kind, key: unit.key, message: message, canonicalText: Fingerprint.canonical(content),
                                    sourceFingerprint: original.fingerprintValue, state: unit.state, note: nil, location: unit.location, content: content)
            var check = TableComparison(archive: SourceArchive(path: "", language: "", texts: [:]))
            if unit.kind == .message { check.compare(entry, with: original, language: language) }
            var plurals = EntryChecks()
            plurals.checkPlurals(message.body, language: language, at: unit.location)
            var text = TextChecks(language: language)
            text.log.add(contentsOf: entry.characterFindings)
            text.checkLiterals(message.literals, isTerm: unit.kind == .term)
            return (check.log.all + plurals.log.all + text.log.all).filter { $0.severity == .error }
        } catch {
            return error.diagnostics
        }
    }
}
