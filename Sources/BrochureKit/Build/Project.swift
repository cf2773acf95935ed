public import BrochureDiagnostics
import BrochureXML
import Foundation

/// The inputs of a brochure project: one profile, the templates and the locale tables.
public struct Project: Sendable {
    public var root: String
    public var profile: Profile
    public var templates: [Template]
    /// All tables, source first, then by language.
    public var tables: [LocaleTable]
    /// Findings from reading (errors are thrown; these are warnings).
    public var diagnostics: [Diagnostic]

    public var sourceTable: LocaleTable { tables[0] }

    public func table(_ language: String) -> LocaleTable? { tables.first { $0.language == language } }
    public func template(_ id: String) -> Template? { templates.first { $0.id == id } }

    /// Reads `Profiles/`, `Templates/` and `Locales/` under `root`. All reading errors are
    /// collected and thrown together; nothing is half-loaded.
    ///
    /// When `lenient`, a locale-table entry that cannot be read does not stop the load: the
    /// entry is left out (its key in `brokenKeys`) and its errors are kept in `diagnostics`,
    /// so `validate` can go on and report everything else.
    public static func load(root: String, profile profileName: String? = nil, lenient: Bool = false) throws(DiagnosticError) -> Project {
        var log = DiagnosticLog()
        let profilePaths = try xmlFiles(in: root, "Profiles")
        var profilePath: String
        if let profileName {
            profilePath = profilePaths.first { ($0 as NSString).lastPathComponent.hasPrefix(profileName + ".") } ?? profileName
        } else {
            guard profilePaths.count == 1 else {
                throw DiagnosticError(Diagnostic(.error, "io", at: .file(relative("Profiles", root)),
                    profilePaths.isEmpty ? "no profile: put one region's facts in Profiles/<region>.xml"
                                         : "several profiles; choose one with --profile NAME",
                    notes: profilePaths.map { "found \($0)" }))
            }
            profilePath = profilePaths[0]
        }
        var profile: Profile?
        do throws(DiagnosticError) { profile = try ProfileReader.read(profilePath) } catch { log.add(contentsOf: error.diagnostics) }

        var templates: [Template] = []
        for path in try xmlFiles(in: root, "Templates") {
            do throws(DiagnosticError) { templates.append(try TemplateReader.read(path)) } catch { log.add(contentsOf: error.diagnostics) }
        }
        var tables: [LocaleTable] = []
        var entryDiagnostics: [Diagnostic] = []
        // The files are read on all cores, each while it is parsed.
        let paths = try xmlFiles(in: root, "Locales")
        let read = paths.parallelMap { path -> Result<(LocaleTable, [Diagnostic]), DiagnosticError> in
            do throws(DiagnosticError) { return .success(try LocaleReader.read(path)) } catch { return .failure(error) }
        }
        for result in read {
            switch result {
            case .success(let (table, diagnostics)):
                if lenient { entryDiagnostics.append(contentsOf: diagnostics) } else { log.add(contentsOf: diagnostics) }
                tables.append(table)
            case .failure(let error):
                log.add(contentsOf: error.diagnostics)
            }
        }
        try log.throwIfErrors()
        let sources = tables.filter(\.isSource)
        guard sources.count == 1 else {
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(relative("Locales", root)),
                sources.isEmpty ? "no source table: the Polish table has no source-lang attribute"
                                : "more than one source table (tables without source-lang): " + sources.map(\.path).joined(separator: ", ")))
        }
        for table in tables where !table.isSource && table.sourceLanguage != sources[0].language {
            log.error("schema", at: table.location, "source-lang=\"\(table.sourceLanguage ?? "")\" but the source table is \(sources[0].language)")
        }
        var seen: [String: String] = [:]
        for table in tables {
            if let other = seen[table.language] { log.error("duplicate", at: table.location, "a second table for \(table.language) (the first is \(other))") }
            seen[table.language] = table.path
        }
        var templateIDs: [String: String] = [:]
        for template in templates {
            if let other = templateIDs[template.id] { log.error("duplicate", at: .file(template.path), "a second template with id \"\(template.id)\" (the first is \(other))") }
            templateIDs[template.id] = template.path
        }
        try log.throwIfErrors()
        tables.sort { ($0.isSource ? 0 : 1, $0.language) < ($1.isSource ? 0 : 1, $1.language) }
        log.add(contentsOf: entryDiagnostics)
        return Project(root: root, profile: profile!, templates: templates.sorted { $0.id < $1.id }, tables: tables, diagnostics: log.sorted)
    }

    static func relative(_ folder: String, _ root: String) -> String {
        root == "." ? folder : (root as NSString).appendingPathComponent(folder)
    }

    /// The `.xml` files of a folder, sorted by name (never in directory order).
    static func xmlFiles(in root: String, _ folder: String) throws(DiagnosticError) -> [String] {
        let path = relative(folder, root)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), "no such folder",
                                             notes: ["run brochure in the project folder, or pass --project PATH"]))
        }
        return names.filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
