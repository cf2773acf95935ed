@testable import BrochureKit
import Foundation
import Synchronization
import Testing

/// The checks started while the tables are read (a table's own checks, and a translation
/// compared with the source) must find exactly what the checks made after reading find
/// (docs/DECISIONS.md #19).
@Suite struct EarlyChecksTests {
    /// Tables broken in the ways the early checks look at (characters, plurals, emptiness,
    /// syntax) and in ways they do not (stale, arguments), in both tables.
    static let brokenTables: [(kazakh: [Int: String], polish: [Int: String])] = [
        ([:], [:]),
        ([3: "  <message key=\"title\">Oблыс</message>"], [:]),
        ([6: "  <message key=\"count\">{count, plural, one {# компания} few {# компания} other {# компания}} <place>{capital, name, locative}</place>.</message>"], [:]),
        ([4: "  <message key=\"main.title\"></message>", 5: "  <message key=\"area\">Аумағы: {area, number.</message>"], [:]),
        ([7: "  <message key=\"city\">Орталығы  <em>{capital}</em>.</message>"],
         [4: "  <message key=\"main.title\">D\u{0430}ne  </message>", 6: "  <message key=\"count\">{count, plural, one {# firma} other {# firmy}} w <place>{capital, name, locative}</place>.</message>"]),
    ]

    @Test(arguments: 0..<brokenTables.count, [[String](), ["kk"], ["pl"]])
    func findTheSameAsTheChecksAfterReading(_ index: Int, languages: [String]) throws {
        let (kazakh, polish) = Self.brokenTables[index]
        let project = try MiniProject()
        defer { project.remove() }
        for (line, text) in kazakh { try project.edit(project.kazakhPath, line: line, to: text) }
        for (line, text) in polish { try project.edit(project.polishPath, line: line, to: text) }
        let after = ReportFormat.json.render(try project.check(languages), root: project.root)
        let early = ReportFormat.json.render(try project.check(languages, early: true), root: project.root)
        #expect(early == after)
        if index > 0 && languages.isEmpty { #expect(after.contains("\"severity\" : \"error\"") || after.contains("\"severity\":\"error\""), "the broken table is found broken") }
    }

    /// A translation read before the source is compared and resolved once the source (and
    /// the template and profile) arrive.
    @Test(arguments: 0..<brokenTables.count)
    func aTranslationReadFirstWaitsForTheSource(_ index: Int) throws {
        let (kazakh, polish) = Self.brokenTables[index]
        let mini = try MiniProject()
        defer { mini.remove() }
        for (line, text) in kazakh { try mini.edit(mini.kazakhPath, line: line, to: text) }
        for (line, text) in polish { try mini.edit(mini.polishPath, line: line, to: text) }
        let project = try Project.load(root: mini.root, lenient: true)
        let early = EarlyChecks(root: mini.root)
        early.read(.table(project.table("kk")!))
        early.read(.template(project.templates[0]))
        early.read(.table(project.sourceTable))
        early.read(.profile(project.profile))
        #expect(early.comparison(of: project.table("kk")!) != nil)
        #expect(early.resolution(of: project.templates[0], in: project.table("kk")!) != nil)
        #expect(early.resolution(of: project.templates[0], in: project.sourceTable) != nil)
        let archive = try SourceArchive.load(root: mini.root, language: "pl")
        let withEarly = ReportFormat.json.render(TranslationCheck.run(project, archive: archive, early: early), root: mini.root)
        let without = ReportFormat.json.render(TranslationCheck.run(project, archive: archive), root: mini.root)
        #expect(withEarly == without)
    }

    @Test func theSourceTableIsRecognizedFromItsFirstBytes() throws {
        let project = try MiniProject()
        defer { project.remove() }
        #expect(LocaleReader.looksLikeSource(project.polishPath))
        #expect(!LocaleReader.looksLikeSource(project.kazakhPath))
        #expect(!LocaleReader.looksLikeSource(project.root + "/Locales/none.xml"))
    }

    @Test func workIsDoneOnceWhoeverAsksFirst() async throws {
        let runs = Atomic<Int>(0)
        let once = Once { runs.add(1, ordering: .relaxed); return 42 }
        once.startInBackground()
        async let a = once.value
        async let b = once.value
        #expect(await a + b == 84)
        #expect(once.value == 42)
        #expect(runs.load(ordering: .relaxed) == 1)
    }
}

/// A large table's entry checks and its comparison with the source run in pieces on all
/// cores; what they find, and in which order, is what one pass finds.
@Suite struct PiecesTests {
    /// A Polish table of 5,000 messages and a Kazakh one with every kind of defect the two
    /// checks look for, spread over the whole table (some entries missing, some out of order).
    static func tables() throws -> (source: LocaleTable, translation: LocaleTable) {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let count = 5_000
        var polish = "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"pl\">\n"
        for index in 0..<count {
            switch index % 4 {
            case 0: polish += "<message key=\"m\(index)\">{n, plural, one {# firma} few {# firmy} many {# firm} other {# firmy}} w <place>{city}</place>.</message>\n"
            case 1: polish += "<message key=\"m\(index)\">Współpraca z <em>regionem</em> trwa od {year} roku.</message>\n"
            case 2: polish += "<message key=\"m\(index)\">Region liczy {population, number} mieszkańców</message>\n"
            default: polish += "<message key=\"m\(index)\">Tekst {x} numer jeden.</message>\n"
            }
        }
        polish += "</locale>\n"
        let (source, _) = try LocaleReader.read(try TestSupport.write(polish, to: "pl.xml", in: folder))
        var lines: [String] = []
        for index in 0..<count where index % 97 != 5 {
            let key = "m\(index)"
            let fingerprint = index % 53 == 7 ? "0000000000000000" : source.messages[key]!.fingerprint
            var attributes = "key=\"\(key)\""
            if index % 61 != 3 { attributes += " source-fingerprint=\"\(fingerprint)\"" }
            if index % 71 == 9 { attributes += " state=\"new\"" }
            else if index % 79 == 2 { attributes += " state=\"needs-review\"" }
            let text: String
            switch index % 13 {
            case 0: text = "{n, plural, one {# компания} other {# компания}} <place>{city}</place> қаласында."
            case 1: text = "{n, plural, one {# компания} few {# компания} other {# компания}} қаласында."
            case 2: text = "Өңірмен  ынтымақтастық {year} жылдан бері."
            case 3: text = "Өңірде {population, number} адам тұрады 2018"
            case 4: text = "Облыс {y} ынтымақтастық."
            case 5: text = source.messages[key]!.canonicalText
            case 6: text = ""
            case 7: text = "Oблыс <strong>аймақ</strong> {x} ,бір."
            case 8: text = "Мәтін {x} бір - екі."
            default: text = "Мәтін {x} бірінші."
            }
            lines.append("<message \(attributes)>\(text)</message>")
        }
        // Out of the source's order here and there.
        for index in stride(from: 0, to: lines.count - 1, by: 211) { lines.swapAt(index, index + 1) }
        let kazakh = "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"kk\" source-lang=\"pl\">\n" + lines.joined(separator: "\n") + "\n</locale>\n"
        let (translation, _) = try LocaleReader.read(try TestSupport.write(kazakh, to: "kk.xml", in: folder))
        return (source, translation)
    }

    @Test(arguments: [1, 37, 2_048])
    func entryChecksInPiecesFindWhatOnePassFinds(pieceSize: Int) throws {
        let (source, translation) = try Self.tables()
        for table in [source, translation] {
            var inPieces = EntryChecks(), whole = EntryChecks()
            let brokenInPieces = inPieces.checkEntries(of: table, pieceSize: pieceSize)
            let brokenWhole = whole.checkEntries(of: table, pieceSize: Int.max)
            #expect(inPieces.log.all.map(\.description) == whole.log.all.map(\.description))
            #expect(brokenInPieces == brokenWhole)
            if table.language == "kk" {
                #expect(whole.log.all.count > 1_000)
                #expect(brokenWhole.count > 100)
            }
        }
    }

    @Test(arguments: [1, 37, 2_048])
    func comparisonInPiecesFindsWhatOnePassFinds(pieceSize: Int) throws {
        let (source, translation) = try Self.tables()
        let archive = SourceArchive(path: "", language: "pl", texts: [:])
        let inPieces = TableComparison.run(translation, source: source, archive: archive, pieceSize: pieceSize)
        let whole = TableComparison.run(translation, source: source, archive: archive, pieceSize: Int.max)
        #expect(inPieces.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        #expect(inPieces.stale == whole.stale)
        #expect(inPieces.good == whole.good)
        #expect(whole.diagnostics.count > 1_000)
        #expect(!whole.stale.isEmpty && whole.good.count > 1_000)
        let checks = Set(whole.diagnostics.map(\.check))
        for check in ["stale", "unverified", "state", "argument", "markup", "untranslated", "punctuation"] {
            #expect(checks.contains(check), "\(check) among \(checks.sorted())")
        }
    }
}

/// A build resolves the source once: its check and its Polish edition take the same early,
/// full resolution. What it finds and writes is what a build without early checks does.
@Suite struct BuildEarlySourceTests {
    /// Each outcome of the build: its findings (or the error that stopped it) and its files.
    static func build(_ mini: MiniProject, early: Bool, draft: Bool, languages: [[String]] = []) throws -> String {
        let flat = languages.flatMap { $0 }
        let checks = early ? EarlyChecks(root: mini.root, languages: flat, checkingSource: draft, resolveDocuments: false,
                                         countingWords: false, sourceEditions: draft) : nil
        var whenRead: (@Sendable (Project.ReadFile) -> Void)?
        if let checks { whenRead = { file in checks.read(file) } }
        let project: Project
        do { project = try Project.load(root: mini.root, translationTexts: !early, whenRead: whenRead) } catch {
            return "not read: " + error.diagnostics.map(\.description).joined(separator: "\n")
        }
        let output = (mini.root as NSString).appendingPathComponent(early ? "Out-early" : "Out-late")
        var outcome: [String] = []
        do throws(BuildAction.Failure) {
            let result = try BuildAction.run(project, BuildRequest(languages: languages, allowIncomplete: draft, output: output), early: checks)
            outcome += result.diagnostics.map(\.description)
            for edition in result.editions {
                let text = (try? String(contentsOfFile: (output as NSString).appendingPathComponent(edition.fileName), encoding: .utf8)) ?? "(unreadable)"
                outcome.append("== \(edition.fileName)\n\(text)")
            }
        } catch {
            switch error {
            case .input(let failure): outcome += failure.diagnostics.map { "failed: \($0)" }
            case .output(let failure): outcome.append("output: \(failure)")
            }
        }
        return outcome.joined(separator: "\n")
    }

    @Test(arguments: 0..<EarlyChecksTests.brokenTables.count, [false, true])
    func theSourceEditionIsTheOneTheCheckResolved(_ index: Int, draft: Bool) throws {
        let (kazakh, polish) = EarlyChecksTests.brokenTables[index]
        let mini = try MiniProject()
        defer { mini.remove() }
        for (line, text) in kazakh { try mini.edit(mini.kazakhPath, line: line, to: text) }
        for (line, text) in polish { try mini.edit(mini.polishPath, line: line, to: text) }
        // A Polish message whose argument is not a number (found only by resolving the source).
        if index == 2 { try mini.edit(mini.polishPath, line: 5, to: "  <message key=\"area\">Powierzchnia: {capital, number}.</message>") }
        let late = try Self.build(mini, early: false, draft: draft)
        let early = try Self.build(mini, early: true, draft: draft)
        #expect(early == late)
        #expect(late.contains("== doc.pl.html") || late.contains("failed:") || late.hasPrefix("not read:"), "\(late.prefix(300))")
        // Only Kazakh built: the source is checked, not resolved for an edition.
        #expect(try Self.build(mini, early: true, draft: draft, languages: [["kk"]]) == Self.build(mini, early: false, draft: draft, languages: [["kk"]]))
    }
}
