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
