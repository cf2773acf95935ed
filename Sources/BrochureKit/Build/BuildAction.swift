public import BrochureDiagnostics
import BrochureDocument
import BrochureWriters

/// What to build: documents × languages × formats, and where.
public struct BuildRequest: Sendable {
    /// Template ids; empty means every template.
    public var documents: [String]
    /// Language sets, e.g. [["pl"], ["en"]]; empty means every table alone.
    public var languages: [[String]]
    public var formats: [Edition.Format]
    public var allowIncomplete: Bool
    public var output: String
    /// The process ends as soon as the build returns (the command line): what an edition
    /// resolved is left for the system to take back at exit rather than freed piece by piece
    /// (a document of 10,000 paragraphs is some 300,000 objects; freeing them cost about a
    /// sixth of an edition's own work). A caller that goes on (tests, a long-lived host)
    /// leaves this false. See docs/DECISIONS.md #28.
    public var endsProcess = false
    /// The tool's command names, when the first of `documents` stood where a command is
    /// named (`brochure valdiate`): an unknown template id close to one of them is answered
    /// with "did you mean `brochure validate`?". Empty otherwise.
    public var commandNames: [String] = []

    public init(documents: [String] = [], languages: [[String]] = [], formats: [Edition.Format] = Edition.Format.defaults,
                allowIncomplete: Bool = false, output: String = "Output") {
        self.documents = documents
        self.languages = languages
        self.formats = formats
        self.allowIncomplete = allowIncomplete
        self.output = output
    }
}

/// What a build did.
public struct BuildResult: Sendable {
    public var editions: [Edition]
    /// Warnings, and the keys that fell back to the source language in a draft.
    public var diagnostics: [Diagnostic]
    /// Files of the output folder named as this project's editions (`DOCUMENT.LANG.EXT`) that
    /// this build did not make: kept as an earlier build left them, and so perhaps out of date.
    public var keptEditions: [String] = []
}

/// The build: resolve every edition first, write only when all of them succeeded.
public enum BuildAction {
    public enum Failure: Error, Sendable {
        case input(DiagnosticError)
        case output(OutputFolder.Failure)
    }

    /// What only makes a translation incomplete: a draft (`allowIncomplete`) lets these
    /// through as warnings.
    static let incompleteness: Set<String> = ["missing", "stale", "state", "unverified"]

    /// Whether `diagnostic` is an error a draft would let through (`allowIncomplete`).
    public static func draftAllows(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.severity == .error && incompleteness.contains(diagnostic.check)
    }

    /// `early`: the tables' own checks, started while the project was read.
    public static func run(_ project: Project, _ request: BuildRequest, early: EarlyChecks? = nil) throws(Failure) -> BuildResult {
        var log = DiagnosticLog()
        log.add(contentsOf: project.diagnostics)
        let documents = request.documents.isEmpty ? project.templates.map(\.id) : request.documents
        // By default: every language alone, and side by side (source | translation) where the template asks.
        func languageSets(_ template: Template) -> [[String]] {
            guard request.languages.isEmpty else { return request.languages }
            let singles = project.tables.map { [$0.language] }
            guard template.sideBySide else { return singles }
            let source = project.sourceTable.language
            return singles + project.tables.filter { !$0.isSource }.map { [source, $0.language] }
        }
        let requestedLanguages = request.languages.flatMap { $0 }
        let templateIDs = project.templates.map(\.id)
        for (index, id) in documents.enumerated() where project.template(id) == nil {
            var notes: [String] = []
            if index == 0, let command = Suggestion.closest(to: id, among: request.commandNames) {
                notes.append("did you mean `brochure \(command)`?")
            }
            if let template = Suggestion.closest(to: id, among: templateIDs) { notes.append("did you mean \"\(template)\"?") }
            log.error("usage", at: .file(Project.relative("Templates", project.root)), "no template with id \"\(id)\"",
                      notes: notes + ["templates: " + templateIDs.joined(separator: ", ")])
        }
        // A language set is one language, or two side by side (DECISIONS 5 and 11: pairs).
        for set in request.languages {
            let written = set.joined(separator: "+")
            if set.contains("") {
                log.error("usage", at: .file(Project.relative("Locales", project.root)),
                          "\"\(written)\" has an empty language; side by side is two languages joined by +, e.g. pl+kk")
            } else if set.count > 2 {
                log.error("usage", at: .file(Project.relative("Locales", project.root)),
                          "\"\(written)\" names \(set.count) languages; side by side is two languages joined by +, e.g. pl+kk")
            } else if Set(set).count != set.count {
                log.error("usage", at: .file(Project.relative("Locales", project.root)), "\(written) names a language twice")
            }
        }
        for language in Set(requestedLanguages).sorted() where !language.isEmpty && project.table(language) == nil {
            log.error("usage", at: .file(Project.relative("Locales", project.root)), "no locale table for \"\(language)\"",
                      notes: ["tables: " + project.tables.map(\.language).joined(separator: ", ")])
        }
        if log.hasErrors { throw .input(DiagnosticError(log.sorted.filter { $0.severity == .error })) }

        // A locale with errors is refused. A draft (--allow-incomplete) lets through what only
        // makes it incomplete: missing and stale translations, and their states.
        let built = request.languages.isEmpty ? project.tables.map(\.language) : requestedLanguages
        let checked = Set(built + (request.allowIncomplete ? [project.sourceTable.language] : []))
        let archive: SourceArchive
        do { archive = try SourceArchive.load(root: project.root, language: project.sourceTable.language) } catch { throw .input(error) }
        // Each edition is resolved and written on its own, on all cores, straight into a new
        // set of files beside the output folder (so no edition waits in memory for the others);
        // the set takes the folder's place only when every edition succeeded.
        struct Job: Sendable { var template: Template; var languages: [String] }
        struct Made: Sendable {
            var editions: [Edition] = []
            var pdfJobs: [(name: String, html: String)] = []
            var diagnostics: [Diagnostic] = []
            var failures: [OutputFolder.Failure] = []
        }
        // An edition asked for twice is made once (each file is written once).
        var seenJobs = Set<[String]>()
        let jobs = documents.flatMap { id in languageSets(project.template(id)!).map { Job(template: project.template(id)!, languages: $0) } }
            .filter { seenJobs.insert([$0.template.id] + $0.languages).inserted }
        var seenFormats = Set<Edition.Format>()
        let formats = request.formats.filter { seenFormats.insert($0).inserted }
        let names = jobs.flatMap { job in formats.map { Edition(document: job.template.id, languages: job.languages, format: $0).fileName } }
        // A folder that cannot take the new files is reported after the check, as before:
        // errors in the inputs come first. Without a staging folder nothing is written.
        let staged = Result { () throws(OutputFolder.Failure) in try OutputFolder(path: request.output, project: project.root).stage(replacing: Set(names)) }
        let staging = try? staged.get()
        @Sendable func edition(_ job: Job) -> Made {
            var made = Made()
            // The languages of a side-by-side edition are resolved at once, and its formats
            // written at once: the last edition of a build need not run on one core alone.
            let resolutions = job.languages.parallelMap { language -> (Document, [Diagnostic]) in
                // The source edition was resolved while the project was read (for the check too).
                if language == project.sourceTable.language,
                   let made = early?.sourceDocument(of: job.template, source: project.sourceTable, allowIncomplete: request.allowIncomplete) {
                    return made
                }
                var resolver = Resolver(template: job.template, profile: project.profile, table: project.table(language)!,
                                        sourceTable: project.sourceTable, allowIncomplete: request.allowIncomplete)
                // An edition's uses are not read (the check takes the source's).
                resolver.recordsUses = false
                let document = resolver.document()
                var diagnostics = resolver.log.all
                for fallback in resolver.fallbacks {
                    diagnostics.append(Diagnostic(.warning, "fallback", at: fallback.location,
                        "\(language): message \"\(fallback.key)\" \(fallback.reason); the draft shows the \(project.sourceTable.language) text"))
                }
                return (document, diagnostics)
            }
            for (_, diagnostics) in resolutions { made.diagnostics.append(contentsOf: diagnostics) }
            guard !resolutions.isEmpty else { return made }
            // An edition with errors is not written (the whole set is dropped below).
            let writes = staging != nil && !made.diagnostics.contains { $0.severity == .error }
            let document = SideBySide.combine(resolutions.map(\.0))
            let written = formats.parallelMap { format -> (pdf: (name: String, html: String)?, failure: OutputFolder.Failure?) in
                let name = Edition(document: job.template.id, languages: job.languages, format: format).fileName
                do throws(OutputFolder.Failure) {
                    switch format {
                    case .html: if writes, let staging { try staging.write(name: name) { HTMLWriter.write(document, chunks: $0) } }
                    case .docbook: if writes, let staging { try staging.write(name: name) { DocBookWriter.write(document, chunks: $0) } }
                    case .pdf: return ((name, HTMLWriter.writePaged(document)), nil)
                    }
                } catch {
                    return (nil, error)
                }
                return (nil, nil)
            }
            for (format, result) in zip(formats, written) {
                if let pdf = result.pdf { made.pdfJobs.append(pdf) }
                if let failure = result.failure { made.failures.append(failure) }
                made.editions.append(Edition(document: job.template.id, languages: job.languages, format: format))
            }
            if request.endsProcess { ProcessEnd.keep((resolutions, document)) }
            return made
        }

        // The check runs beside the editions (on all cores); they are made on the chance that
        // it passes, and dropped with the staging folder when it does not. The build resolves
        // every edition and reports what that finds: the check need not resolve them as well.
        // A build shows findings, not how complete each translation is: nothing is counted.
        //
        // The work is taken in this order: the editions without the source language first,
        // then the check, then the source's editions. The check and the source's editions wait
        // for what the early checks are still working out (the source resolved, the tables
        // compared); the other editions wait for nothing, and are made meanwhile.
        enum Work: Sendable { case check, edition(Job) }
        enum Done: Sendable { case report(ValidationReport), made(Made) }
        let source = project.sourceTable.language
        let order = jobs.indices.filter { !jobs[$0].languages.contains(source) } + [nil]
            + jobs.indices.filter { jobs[$0].languages.contains(source) }
        let finished = order.map { $0.map { Work.edition(jobs[$0]) } ?? .check }.parallelMap { work -> Done in
            switch work {
            case .check: .report(TranslationCheck.run(project, languages: checked.sorted(), archive: archive, resolveDocuments: false,
                                                      completeness: false, early: early, endsProcess: request.endsProcess))
            case .edition(let job): .made(edition(job))
            }
        }
        // Back in the order of the jobs, the check first.
        var done = [Done](repeating: .made(Made()), count: finished.count)
        for (position, index) in order.enumerated() { done[index.map { $0 + 1 } ?? 0] = finished[position] }
        guard case .report(let report) = done[0] else { preconditionFailure("the check is the first piece of work") }
        for var diagnostic in report.diagnostics where !project.diagnostics.contains(diagnostic) {
            if request.allowIncomplete && draftAllows(diagnostic) {
                diagnostic.severity = .warning
            }
            log.add(diagnostic)
        }
        if log.hasErrors {
            staging?.abandon()
            throw .input(DiagnosticError(log.sorted.filter { $0.severity == .error }))
        }
        let made = done.dropFirst().map { done -> Made in
            guard case .made(let made) = done else { preconditionFailure("editions follow the check") }
            return made
        }

        var editions: [Edition] = []
        var pdfJobs: [(name: String, html: String)] = []
        var failures: [OutputFolder.Failure] = []
        for one in made {
            editions.append(contentsOf: one.editions)
            pdfJobs.append(contentsOf: one.pdfJobs)
            log.add(contentsOf: one.diagnostics)
            failures.append(contentsOf: one.failures)
        }
        // Several files may fail at once (a full disk): the first by name is reported.
        func firstFailure() -> OutputFolder.Failure? { failures.min { $0.path < $1.path } }
        if log.hasErrors {
            staging?.abandon()
            throw .input(DiagnosticError(log.sorted.filter { $0.severity == .error }))
        }
        guard let staging else {
            guard case .failure(let error) = staged else { preconditionFailure("no staging folder, and no reason") }
            throw .output(error)
        }
        if let failure = firstFailure() {
            staging.abandon()
            throw .output(failure)
        }
        // PDF engines are slow (about a second a file): run them on all cores.
        let rendered = pdfJobs.parallelMap { job -> Result<[UInt8], DiagnosticError> in
            do throws(DiagnosticError) { return .success(try PDFRenderer.render(job.html, name: job.name)) } catch { return .failure(error) }
        }
        for (job, result) in zip(pdfJobs, rendered) {
            switch result {
            case .success(let bytes):
                do throws(OutputFolder.Failure) { try staging.write(bytes, name: job.name) } catch { failures.append(error) }
            case .failure(let error): log.add(contentsOf: error.diagnostics)
            }
        }
        if log.hasErrors {
            staging.abandon()
            throw .input(DiagnosticError(log.sorted.filter { $0.severity == .error }))
        }
        if let failure = firstFailure() {
            staging.abandon()
            throw .output(failure)
        }
        let kept: [String]
        do { kept = try staging.commit() } catch { throw .output(error) }
        let templateSet = Set(project.templates.map(\.id))
        let keptEditions = kept.filter { name in
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 3 && templateSet.contains(String(parts[0]))
                && Edition.Format.allCases.contains { $0.fileExtension == parts[2] }
        }
        return BuildResult(editions: editions.sorted(), diagnostics: log.sorted, keptEditions: keptEditions)
    }
}

/// Values kept until the process ends, never freed (`BuildRequest.endsProcess`).
enum ProcessEnd {
    private final class Kept<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` alive to the end of the process: one more reference that is never given up.
    static func keep<Value>(_ value: consuming Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}
