public import BrochureDiagnostics
import BrochureXML
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// A file of the project, just read.
    public enum ReadFile: Sendable {
        case table(LocaleTable)
        case template(Template)
        case profile(Profile)
    }

    public func table(_ language: String) -> LocaleTable? { tables.first { $0.language == language } }
    public func template(_ id: String) -> Template? { templates.first { $0.id == id } }

    /// Reads `Profiles/`, `Templates/` and `Locales/` under `root`. All reading errors are
    /// collected and thrown together; nothing is half-loaded.
    ///
    /// When `lenient`, a locale-table entry that cannot be read does not stop the load: the
    /// entry is left out (its key in `brokenKeys`) and its errors are kept in `diagnostics`,
    /// so `validate` can go on and report everything else.
    ///
    /// `whenRead` is called with each file as soon as it is read, on the thread that read it.
    ///
    /// `translationTexts: false` leaves out each translation's text in canonical form
    /// (`LocaleEntry.hasCanonicalText`): what `validate` and `build` never show, and what
    /// export and import compare and write.
    ///
    /// `messageTexts`: what messages' text parts hold (`LocaleReader.read`): `.none` for
    /// `validate`, which reads them for checking only; `.bytes` for a build.
    public static func load(root: String, profile profileName: String? = nil, lenient: Bool = false, translationTexts: Bool = true,
                            messageTexts: MessageParser.PartTexts = .strings, whenRead: (@Sendable (ReadFile) -> Void)? = nil) throws(DiagnosticError) -> Project {
        var log = DiagnosticLog()
        let profilePaths = try xmlFiles(in: root, "Profiles")
        var profilePath: String
        if let profileName {
            let folder = relative("Profiles", root)
            if let found = profilePaths.first(where: { PathName.lastComponent($0) == profileName + ".xml" }) {
                profilePath = found
            } else if FileManager.default.fileExists(atPath: profileName) {
                // A path to a profile file, wherever it is.
                profilePath = profileName
            } else {
                let names = profilePaths.map { String(PathName.lastComponent($0).dropLast(".xml".count)) }
                throw DiagnosticError(Diagnostic(.error, "usage", at: .file(folder),
                    "no profile \"\(profileName)\": there is no \(PathName.join(folder, profileName + ".xml"))",
                    notes: [names.isEmpty ? "\(folder)/ holds no profile" : "profiles: " + names.joined(separator: ", ")]))
            }
        } else {
            guard profilePaths.count == 1 else {
                throw DiagnosticError(Diagnostic(.error, "io", at: .file(relative("Profiles", root)),
                    profilePaths.isEmpty ? "no profile: put one region's facts in Profiles/<region>.xml"
                                         : "several profiles; choose one with --profile NAME",
                    notes: profilePaths.map { "found \($0)" }))
            }
            profilePath = profilePaths[0]
        }
        // Every file is read on all cores: the source table first (everything after the reading
        // waits for it), then the largest first (a locale table is read while it is parsed).
        // A large table is read in parts, each on a core of its own (DECISIONS 34): its bytes
        // are read first, on all cores. The results are put together in a fixed order.
        enum Job: Sendable {
            case profile(String), template(String), table(String, FileBytes), tablePart(LocaleReader.PartedTable, Int), failed(DiagnosticError)
        }
        enum Read: Sendable {
            case profile(Profile), template(Template), table(LocaleTable, [Diagnostic]), failed(DiagnosticError), part
        }
        let tablePaths = try xmlFiles(in: root, "Locales").map { path in
            (path, LocaleReader.looksLikeSource(path) ? 1 : 0, Self.fileSize(path))
        }.sorted { ($0.1, $0.2, $1.0) > ($1.1, $1.2, $0.0) }.map(\.0)
        // Each table is planned where it is read (the plan indexes the file's lines).
        let cores = Processors.count
        let tableJobs = tablePaths.parallelMap { path -> [Job] in
            let bytes: FileBytes
            do throws(DiagnosticError) { bytes = try InputFile.contents(path) } catch { return [.failed(error)] }
            guard let parted = LocaleReader.PartedTable.plan(path, contents: bytes, parts: cores, translationTexts: translationTexts,
                                                             messageTexts: messageTexts) else { return [.table(path, bytes)] }
            return (0..<parted.partCount).map { Job.tablePart(parted, $0) }
        }
        // The source table, then the templates and the profile (the source is resolved as soon
        // as they are read), then the other tables.
        let jobs = (tableJobs.first ?? []) + (try xmlFiles(in: root, "Templates")).map(Job.template) + [Job.profile(profilePath)]
            + tableJobs.dropFirst().joined()
        let results = jobs.parallelMap { job -> Read in
            do throws(DiagnosticError) {
                switch job {
                case .profile(let path):
                    let profile = try ProfileReader.read(path)
                    whenRead?(.profile(profile))
                    return .profile(profile)
                case .template(let path):
                    let template = try TemplateReader.read(path)
                    whenRead?(.template(template))
                    return .template(template)
                case .table(let path, let bytes):
                    let (table, diagnostics) = try LocaleReader.read(path, contents: bytes, translationTexts: translationTexts, messageTexts: messageTexts)
                    whenRead?(.table(table))
                    return .table(table, diagnostics)
                case .tablePart(let parted, let index):
                    guard let read = parted.read(part: index) else { return .part }
                    let (table, diagnostics) = try read.get()
                    whenRead?(.table(table))
                    return .table(table, diagnostics)
                case .failed(let error):
                    throw error
                }
            } catch { return .failed(error) }
        }
        var profile: Profile?
        var templates: [Template] = []
        var tables: [LocaleTable] = []
        var entryDiagnostics: [Diagnostic] = []
        for result in results {
            switch result {
            case .profile(let read): profile = read
            case .template(let template): templates.append(template)
            case .table(let table, let diagnostics):
                if lenient { entryDiagnostics.append(contentsOf: diagnostics) } else { log.add(contentsOf: diagnostics) }
                tables.append(table)
            case .failed(let error):
                log.add(contentsOf: error.diagnostics)
            case .part:
                break
            }
        }
        try log.throwIfErrors()
        tables.sort { $0.path < $1.path }
        templates.sort { $0.path < $1.path }
        // Two files of one language first: a copy of the Polish table is that, not a second source.
        log.add(contentsOf: duplicateTables(tables))
        try log.throwIfErrors()
        let sources = tables.filter(\.isSource)
        guard sources.count == 1 else {
            // An input error, not an I/O error: the tables were read.
            throw DiagnosticError(Diagnostic(.error, "schema", at: .file(relative("Locales", root)),
                sources.isEmpty ? "no source table: the Polish table has no source-lang attribute"
                                : "more than one source table (tables without source-lang): " + sources.map(\.path).joined(separator: ", ")))
        }
        for table in tables where !table.isSource && table.sourceLanguage != sources[0].language {
            log.error("schema", at: table.location, "source-lang=\"\(table.sourceLanguage ?? "")\" but the source table is \(sources[0].language)")
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

    /// Files that declare the same `xml:lang` (`Locales/kk copy.xml` beside `Locales/kk.xml`),
    /// `tables` sorted by path. When one of them is named after the language (`kk.xml`), the
    /// others are the strays and each is an error at its root element; otherwise each of them
    /// is, since which to keep is the user's choice. Every finding names all the files.
    static func duplicateTables(_ tables: [LocaleTable]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byLanguage: [String: [LocaleTable]] = [:]
        for table in tables { byLanguage[table.language, default: []].append(table) }
        for (language, group) in byLanguage.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            let named = group.filter { PathName.lastComponent($0.path) == language + ".xml" }
            let paths = group.map(\.path)
            let count = group.count == 2 ? "two" : String(group.count)
            let files = paths.dropLast().joined(separator: ", ") + " and " + paths.last!
            for table in group where named.count != 1 || table.path != named[0].path {
                let note = named.count == 1
                    ? "keep \(named[0].path), named after the language; remove \(table.path), or move it out of Locales/"
                        + " (each .xml file there is read as a table)"
                    : "keep one of them, named \(language).xml; remove "
                        + (group.count == 2 ? "the other, or move it" : "the others, or move them")
                        + " out of Locales/ (each .xml file there is read as a table)"
                diagnostics.append(Diagnostic(.error, "duplicate", at: table.location,
                                              "\(count) files declare xml:lang=\"\(language)\": \(files)", notes: [note]))
            }
        }
        return diagnostics
    }

    static func relative(_ folder: String, _ root: String) -> String {
        root == "." ? folder : PathName.join(root, folder)
    }

    /// The `.xml` files of a folder, sorted by name (never in directory order).
    static func xmlFiles(in root: String, _ folder: String) throws(DiagnosticError) -> [String] {
        let path = relative(folder, root)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), "no such folder",
                                             notes: ["run brochure in the project folder, or pass --project PATH"]))
        }
        return names.filter { $0.hasSuffix(".xml") && !$0.hasPrefix(".") }.sorted().map { PathName.join(path, $0) }
    }
}

extension Project {
    /// The size of a file in bytes (0 when it cannot be found): `stat`, not Foundation's
    /// attribute dictionary, which costs a dynamic cast and far more.
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
