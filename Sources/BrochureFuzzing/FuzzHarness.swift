import BrochureDiagnostics
import BrochureDocument
import BrochureKit
import BrochureWriters
import BrochureXML

/// What the fuzz targets (FuzzTesting/) and the corpus replay test (swift test) run on one
/// input. Each function returns the invariants the input broke; none may ever be broken.
public enum FuzzHarness {
    /// The XML reader: any input either parses or fails with positioned diagnostics.
    public static func xml(_ bytes: [UInt8]) -> [String] {
        // Nothing of the input is kept: its texts leave the table of locations (DECISIONS #26).
        // The fixture, kept for good, is made first, or its own text would go with them.
        Fixture.prepare()
        let mark = SourceTexts.count
        defer { SourceTexts.forget(registeredSince: mark) }
        do {
            let root = try XMLReader.parse(bytes, path: "fuzz.xml")
            return positions(in: root)
        } catch {
            return error.diagnostics.flatMap(positioned)
        }
    }

    /// A locale table: read, check, format every message, write both formats, read them back.
    public static func locale(_ bytes: [UInt8]) -> [String] {
        // Nothing of the input is kept: its texts leave the table of locations (DECISIONS #26).
        // The fixture, kept for good, is made first, or its own text would go with them.
        Fixture.prepare()
        let mark = SourceTexts.count
        defer { SourceTexts.forget(registeredSince: mark) }
        let parted = partsEqualWhole(bytes)
        let root: XMLElement
        do { root = try XMLReader.parse(bytes, path: "fuzz.xml") } catch { return parted + error.diagnostics.flatMap(positioned) }
        do {
            let (table, diagnostics) = try LocaleReader.read(root, path: "fuzz.xml")
            var broken = diagnostics.flatMap(positioned)
            let formatter = MessageFormatter(language: LanguageTag.isWellFormed(table.language) ? table.language : "pl", terms: table.terms)
            var blocks: [Block] = []
            for entry in table.allEntries {
                do { blocks.append(.paragraph(try formatter.format(entry.message, scope: Fixture.scope))) } catch {
                    broken += error.diagnostics.flatMap(positioned)
                }
            }
            return parted + broken + roundTrip(Document(id: "fuzz", language: "pl", title: [.text("t")], blocks: blocks))
        } catch {
            return parted + error.diagnostics.flatMap(positioned)
        }
    }

    /// A table read in parts (cut small, into three: DECISIONS 34) is the table read whole.
    private static func partsEqualWhole(_ bytes: [UInt8]) -> [String] {
        guard let parted = LocaleReader.PartedTable.plan("fuzz.xml", bytes: bytes, parts: 3, minimumSize: 32) else { return [] }
        var joined: Result<(table: LocaleTable, diagnostics: [Diagnostic]), DiagnosticError>?
        for index in (0..<parted.partCount).reversed() {
            if let read = parted.read(part: index) { joined = read }
        }
        let whole = Result { () throws(DiagnosticError) in try LocaleReader.read("fuzz.xml", bytes: bytes) }
        guard let joined else { return ["no part returned the table"] }
        return summary(joined) == summary(whole) ? [] : ["the table read in parts differs from the table read whole"]
    }

    private static func summary(_ read: Result<(table: LocaleTable, diagnostics: [Diagnostic]), DiagnosticError>) -> [String] {
        switch read {
        case .failure(let error): return ["failed"] + error.diagnostics.map(\.description)
        case .success(let (table, diagnostics)):
            return table.allEntries.map { entry in
                "\(entry.key) \(entry.location) \(entry.message.parts) \(entry.message.literals.map { "\($0.text)@\($0.location(ofScalar: 0))" })"
                    + " \(entry.canonicalText) \(entry.characterFindings.map(\.description))"
            } + ["broken \(table.brokenKeys.sorted())"] + diagnostics.map(\.description)
        }
    }

    /// A template: read it and resolve it against a small profile and table, then write and read back.
    public static func template(_ bytes: [UInt8]) -> [String] {
        // Nothing of the input is kept: its texts leave the table of locations (DECISIONS #26).
        // The fixture, kept for good, is made first, or its own text would go with them.
        Fixture.prepare()
        let mark = SourceTexts.count
        defer { SourceTexts.forget(registeredSince: mark) }
        let root: XMLElement
        do { root = try XMLReader.parse(bytes, path: "fuzz.xml") } catch { return error.diagnostics.flatMap(positioned) }
        do {
            let template = try TemplateReader.read(root, path: "fuzz.xml")
            var resolver = Resolver(template: template, profile: Fixture.profile, table: Fixture.table, sourceTable: nil)
            let document = resolver.document()
            return resolver.log.all.flatMap(positioned) + roundTrip(document)
        } catch {
            return error.diagnostics.flatMap(positioned)
        }
    }

    // MARK: Invariants

    private static func positioned(_ diagnostic: Diagnostic) -> [String] {
        diagnostic.location.line >= 1 && diagnostic.location.column >= 1 ? [] : ["unpositioned diagnostic: \(diagnostic)"]
    }

    private static func positions(in element: XMLElement) -> [String] {
        var broken: [String] = element.location.line >= 1 && element.location.column >= 1 ? [] : ["element <\(element.name)> at \(element.location)"]
        for child in element.elements { broken += positions(in: child) }
        return broken
    }

    static let allowedHTML: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "main", "section", "div", "h1", "h2", "h3", "h4", "h5", "h6",
        "p", "span", "i", "a", "time", "em", "strong", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "th", "td",
        "figure", "figcaption",
    ]

    /// DocBook must read back with the same text; HTML must hold only the writer's elements.
    static func roundTrip(_ document: Document) -> [String] {
        var broken: [String] = []
        let docbook = DocBookWriter.write(document)
        do {
            let root = try XMLReader.parse(Array(docbook.utf8), path: "out.xml")
            let written = document.blocks.map { block -> String in
                if case .paragraph(let inlines) = block { return Inline.plainText(inlines) }
                return ""
            }.filter { !$0.isEmpty }
            let read = paragraphs(root).filter { !$0.isEmpty }
            if !written.isEmpty && written != read { broken.append("DocBook text changed in a round trip: \(written) → \(read)") }
        } catch {
            broken.append("DocBook output does not parse: \(error)")
        }
        if let html = HTMLReader.parse(HTMLWriter.write(document)) {
            for element in all(html) {
                if !allowedHTML.contains(element.name) { broken.append("HTML element <\(element.name)> the writer never writes") }
                for attribute in element.attributes {
                    if attribute.name.lowercased().hasPrefix("on") { broken.append("HTML event attribute \(attribute.name)") }
                    if attribute.name == "href", !["https://", "http://", "mailto:"].contains(where: { attribute.value.lowercased().hasPrefix($0) }) {
                        broken.append("HTML link to \(attribute.value)")
                    }
                }
            }
        } else {
            broken.append("HTML output does not parse")
        }
        return broken
    }

    private static func all(_ element: XMLElement) -> [XMLElement] { [element] + element.elements.flatMap(all) }

    private static func paragraphs(_ element: XMLElement) -> [String] {
        if element.name == "para" { return [text(element)] }
        return element.elements.flatMap(paragraphs)
    }

    private static func text(_ element: XMLElement) -> String {
        element.children.map { node in
            switch node {
            case .text(let t): t.value
            case .element(let e): text(e)
            }
        }.joined()
    }
}

/// A small profile and table that fuzzed messages and templates are resolved against.
enum Fixture {
    /// Makes the fixture (once), before a harness call marks the texts it will drop.
    static func prepare() {
        _ = profile
        _ = table
        _ = scope
    }

    static let profile: Profile = {
        let xml = """
            <profile xmlns="urn:brochure:profile:1" id="f" as-of="2018">
              <source id="s" title="t"/>
              <quantity id="n" value="5"/><quantity id="area" value="224000" unit="area-square-kilometer" approximate="true" source="s"/>
              <date id="d" value="2018-04"/><name id="c" term="t"/>
              <list id="l"><entry id="a"><date id="date" value="2015"/></entry><entry id="b"><date id="date" value="2018-04-12"/></entry></list>
            </profile>
            """
        return try! ProfileReader.read(try! XMLReader.parse(Array(xml.utf8), path: "fixture.xml"), path: "fixture.xml")
    }()

    static let table: LocaleTable = {
        let xml = """
            <locale xmlns="urn:brochure:locale:1" xml:lang="pl">
              <term key="t">{case, select, locative {Tałdykorganie} other {Tałdykorgan}}</term>
              <message key="t">Tytuł {n, plural, one {# firma} few {# firmy} other {# firm}} w {c, name, locative}</message>
              <message key="x.a">Data {date}</message><message key="x.b">{area, number, ::compact-short}</message>
            </locale>
            """
        return try! LocaleReader.read(try! XMLReader.parse(Array(xml.utf8), path: "fixture.xml"), path: "fixture.xml").table
    }()

    static let scope: ArgumentScope = {
        var scope = ArgumentScope.profile(profile)
        scope["asOf"] = .date(FactDate(year: 2018))
        return scope
    }()
}
