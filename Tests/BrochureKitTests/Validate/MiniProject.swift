@testable import BrochureKit
import BrochureDiagnostics
import Foundation

/// A small project whose tables each test breaks in exactly one way.
struct MiniProject {
    static let profile = """
        <profile xmlns="urn:brochure:profile:1" id="mini" as-of="2018">
          <quantity id="area" value="224000" unit="area-square-kilometer"/>
          <quantity id="count" value="5"/>
          <name id="capital" term="city"/>
        </profile>
        """
    static let template = """
        <template xmlns="urn:brochure:template:1" id="doc">
          <title msg="title"/>
          <section id="main" title="main.title">
            <p msg="area"/>
            <p msg="count"/>
            <p msg="city"/>
          </section>
        </template>
        """
    /// Line 1 is the root; entries stand on lines 2 to 7, each at column 3.
    static let polish = [
        "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"pl\">",
        "  <term key=\"city\">{case, select, locative {Tałdykorganie} other {Tałdykorgan}}</term>",
        "  <message key=\"title\">Obwód</message>",
        "  <message key=\"main.title\">Dane</message>",
        "  <message key=\"area\">Powierzchnia: {area, number, ::compact-short}.</message>",
        "  <message key=\"count\">{count, plural, one {# firma} few {# firmy} many {# firm} other {# firmy}} w <place>{capital, name, locative}</place>.</message>",
        "  <message key=\"city\">Stolica: <place>{capital}</place>.</message>",
        "</locale>",
    ]
    static let kazakh = [
        "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"kk\" source-lang=\"pl\">",
        "  <term key=\"city\">{case, select, locative {Талдықорғанда} other {Талдықорған}}</term>",
        "  <message key=\"title\">Облыс</message>",
        "  <message key=\"main.title\">Деректер</message>",
        "  <message key=\"area\">Аумағы: {area, number, ::compact-long}.</message>",
        "  <message key=\"count\">{count, plural, one {# компания} other {# компания}} <place>{capital, name, locative}</place>.</message>",
        "  <message key=\"city\">Орталығы: <place>{capital}</place>.</message>",
        "</locale>",
    ]

    let root: String

    /// Writes the project; `kazakh` and `polish` lines may be changed by the test.
    /// With `accept`, the Kazakh table first records the Polish fingerprints (as a translator would).
    init(polish: [String] = MiniProject.polish, kazakh: [String] = MiniProject.kazakh, accept: Bool = true) throws {
        root = try TestSupport.temporaryFolder()
        try TestSupport.write(Self.profile, to: "Profiles/mini.xml", in: root)
        try TestSupport.write(Self.template, to: "Templates/doc.xml", in: root)
        try TestSupport.write(polish.joined(separator: "\n") + "\n", to: "Locales/pl.xml", in: root)
        try TestSupport.write(kazakh.joined(separator: "\n") + "\n", to: "Locales/kk.xml", in: root)
        if accept {
            let project = try Project.load(root: root, lenient: true)
            let keys = project.table("kk")!.allEntries.map(\.key)
            if !keys.isEmpty { _ = try AcceptAction.run(project, language: "kk", keys: keys, all: false) }
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    var kazakhPath: String { (root as NSString).appendingPathComponent("Locales/kk.xml") }
    var polishPath: String { (root as NSString).appendingPathComponent("Locales/pl.xml") }
    /// The template: line 6 is `    <p msg="city"/>` (its `msg` at column 8).
    var templatePath: String { (root as NSString).appendingPathComponent("Templates/doc.xml") }

    /// Replaces line `line` (1-based) of a table after acceptance: the edit a translator makes later.
    func edit(_ path: String, line: Int, to text: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = text
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// With `early`, each table's own checks start as soon as it is read, and translations are
    /// read without their canonical text, as in `brochure validate`.
    func check(_ languages: [String] = [], early: Bool = false) throws -> ValidationReport {
        let checks = early ? EarlyChecks(root: root, languages: languages) : nil
        var whenRead: (@Sendable (Project.ReadFile) -> Void)?
        if let checks { whenRead = { file in checks.read(file) } }
        let project = try Project.load(root: root, lenient: true, translationTexts: !early, whenRead: whenRead)
        return TranslationCheck.run(project, languages: languages, archive: try SourceArchive.load(root: root, language: "pl"), early: checks)
    }
}
