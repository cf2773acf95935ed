import BrochureDiagnostics
import BrochureDocument
@testable import BrochureWriters
import BrochureXML
import Foundation
import Testing

/// Writers are checked three ways: against reviewed golden files, by parsing their output
/// back, and by validating it (DocBook RELAX NG through libxml2).
@Suite struct WriterTests {
    /// Text escaping, which reads eight bytes at a time (as a string, and straight into a writer's
    /// buffer), escapes exactly what a scalar-by-scalar escaper does, on random texts of every length around the eight-byte words, with the
    /// bytes to escape anywhere in them.
    @Test func textEscapingEqualsTheScalarReading() {
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\r": out += "&#13;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let pieces = ["a", "bcdefgh", " ", "ж", "қала", "ł", "&", "<", ">", "\r", "\n", "\t", "\"", "'", "=", ">=", "\u{00A0}", "😀", "中", "?", "%26"]
        var generator = SplitMix64(seed: 0xE5CA_2026)
        var escaped = 0
        for _ in 0..<20_000 {
            var text = ""
            // Up to some 100 bytes: texts that span several of the sixteen-byte blocks the
            // writers' escape scan reads.
            for _ in 0..<Int.random(in: 0...24, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let written = Escaping.text(text)
            #expect(written == reference(text), "\(text.debugDescription)")
            // The writers escape straight into their buffer, after what is there.
            var buffer = MarkupBuffer()
            buffer += "<p>"
            buffer.appendEscaped(text)
            #expect(buffer.text == "<p>" + reference(text), "\(text.debugDescription)")
            if written != text { escaped += 1 }
        }
        #expect(escaped > 4_000)
    }

    static let goldenFolder = (TestSupport.packageRoot as NSString).appendingPathComponent("Tests/BrochureKitTests/Writers/Golden")
    static let docbookSchema = "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng"

    /// Compares with the golden file; `BROCHURE_RECORD=1 swift test` writes it anew (review before commit).
    static func assertGolden(_ text: String, _ name: String) throws {
        let path = (goldenFolder as NSString).appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BROCHURE_RECORD"] == "1" {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; run BROCHURE_RECORD=1 swift test and review the diff")
    }

    /// A key figure's value is drawn at a size that fits its tile (SVG text does not wrap):
    /// a figure in words in Kazakh, two tiles side by side, is drawn smaller; a short one at
    /// the full size.
    @Test func aKeyFigureFitsItsTile() throws {
        let svg = SVGGraphic.figures([Figure.Value(label: "Аумағы", value: "224 мың км²"),
                                      Figure.Value(label: "Халқы", value: "шамамен 1,9 миллион")], title: "t", id: "f")
        let sizes = svg.matches(of: /font-size="(\d+)" font-weight="bold"/).map { Int($0.output.1)! }
        #expect(sizes.count == 2)
        #expect(sizes.first == 28)
        let tile = (SVGGraphic.width - 16) / 2
        // "шамамен 1,9 миллион" is 19 characters, each about 0.68 em in bold.
        #expect(sizes.last! < 28 && Double(sizes.last! * 19) * 0.68 <= Double(tile - 24))
    }

    /// A timeline label's leader line never crosses another label: in the Kazakh brochure the
    /// April 2018 label was raised above the 2018 one, its line drawn through that label's
    /// text; it now goes to the free row below. Labels at one date still find a row.
    @Test func timelineLeaderLinesCrossNoLabel() {
        let labels: [(span: ClosedRange<Int>, x: Int)] = [(40...330, 40), (200...440, 320), (340...580, 460), (380...610, 495)]
        #expect(SVGGraphic.rows(labels) == [0, 1, 0, 3])
        let crowded = Array(repeating: (span: 100...300, x: 200), count: 5)
        #expect(SVGGraphic.rows(crowded) == [0, 1, 2, 3, 4])
    }

    /// A date stands at the middle of the period it names: a year-only date at mid-year, so
    /// "2018" (the hospitals' agreement) comes after "2018-04" (the cooperation agreement), as
    /// in the profile and the calendar list; it stood at the year's start, before April.
    @Test func aDateStandsAtTheMiddleOfItsPeriod() throws {
        let position = { (iso: String) in try #require(SVGGraphic.position(of: iso)) }
        #expect(try position("2018") == 2018.5)
        #expect(try position("2018-04") == 2018 + 3.5 / 12)
        #expect(try position("2018-01") > 2018 && position("2018-12") < 2019)
        #expect(try position("2018-04-01") > 2018.25 && position("2018-04-30") < 2018 + 4.0 / 12)
        #expect(try position("2018-04-30") > position("2018-04-29"))
        #expect(try position("2018-06") < position("2018") && position("2018") < position("2018-07"))
        // Drawn: dots left to right in the order given; two events at one date keep theirs.
        let svg = SVGGraphic.timeline([TimePoint(iso: "2015", when: "2015", label: "A"), TimePoint(iso: "2018-04", when: "IV 2018", label: "B"),
                                       TimePoint(iso: "2018", when: "2018", label: "C"), TimePoint(iso: "2018", when: "2018", label: "D")],
                                      title: "t", id: "t")
        let dots = svg.matches(of: /<circle cx="(\d+)"/).map { Int($0.output.1)! }
        let labels = svg.matches(of: /<text [^>]*font-weight="normal"[^>]*>([A-D])<\/text>/).map { String($0.output.1) }
        #expect(dots == dots.sorted() && dots.count == 4, "\(dots)")
        #expect(labels == ["A", "B", "C", "D"], "\(labels)")
        // The axis still runs from the first year's start to the year after the last.
        #expect(svg.contains(">2015</text>") && svg.contains(">2019</text>") && !svg.contains(">2020</text>"))
    }

    /// A label that, centred on its dot, would run past the drawing's edge grows inwards: the
    /// Kazakh label of the hospitals' agreement, now at mid-2018, is 33 letters wide.
    @Test func aTimelineLabelStaysOnTheDrawing() {
        let svg = SVGGraphic.timeline([TimePoint(iso: "2015", when: "2015", label: "Алғашқы маңызды байланыстар"),
                                       TimePoint(iso: "2017", when: "2017", label: "Астанада өткен «Экспо-2017»"),
                                       TimePoint(iso: "2018-04", when: "2018 ж. сәуір", label: "Ынтымақтастық туралы келісім"),
                                       TimePoint(iso: "2018", when: "2018", label: "Ауруханалар арасындағы келісім")],
                                      title: "t", id: "t")
        let texts = svg.matches(of: /<text x="(\d+)"[^>]*font-size="12"[^>]*text-anchor="(\w+)">([^<]*)<\/text>/)
        #expect(texts.count == 8)
        for text in texts {
            // 12px DejaVu Sans: about 7.5 units a character (`SVGGraphic.labelWidth`, without its margin).
            let x = Int(text.output.1)!, width = Int(Double(text.output.3.count) * 7.5)
            let span = switch text.output.2 { case "start": x...(x + width); case "end": (x - width)...x; default: (x - width / 2)...(x + width / 2) }
            #expect(span.lowerBound >= 0 && span.upperBound <= SVGGraphic.width, "\(text.output.3): \(span)")
        }
    }

    @Test func htmlMatchesGolden() throws {
        try Self.assertGolden(HTMLWriter.write(Everything.document), "everything.html")
    }

    @Test func docbookMatchesGolden() throws {
        try Self.assertGolden(DocBookWriter.write(Everything.document), "everything.xml")
    }

    @Test func docbookIsValidAgainstTheDocBook5Schema() throws {
        let schema = try InputBytes.read(Self.docbookSchema)
        let output = Array(DocBookWriter.write(Everything.document).utf8)
        let problems = RelaxNG.validate(output, path: "everything.xml", schema: schema, schemaPath: Self.docbookSchema)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func docbookParsesBackToTheSameText() throws {
        let root = try XMLReader.parse(Array(DocBookWriter.write(Everything.document).utf8), path: "everything.xml")
        let paragraph = root.elements.first { $0.name == "section" }!.elements.first { $0.name == "para" }!
        let text = Self.allText(paragraph)
        #expect(text.hasPrefix("Tekst <script>alert(1)</script> & \"cudzysłów\" 'apostrof' ]]> \r koniec. "))
        #expect(root.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace")?.value == "pl")
        let foreign = Self.find("foreignphrase", in: root)
        #expect(foreign?.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace")?.value == "kk")
    }

    @Test func htmlHasNoActiveContentAndTagsLanguages() throws {
        let html = try #require(HTMLReader.parse(HTMLWriter.write(Everything.document)))
        #expect(html.name == "html")
        #expect(html[attribute: "lang"] == "pl")
        let all = Self.elements(html)
        #expect(!all.contains { $0.name == "script" || $0.name == "iframe" || $0.name == "img" })
        #expect(!all.contains { $0.attributes.contains { $0.name.hasPrefix("on") } })
        let italic = all.first { $0.name == "i" }
        #expect(italic?[attribute: "lang"] == "kk")
        let link = all.first { $0.name == "a" }
        #expect(link?[attribute: "href"] == "https://example.org/?a=1&b=\"2\"")
        #expect(all.first { $0[attribute: "class"] == "fallback" }?[attribute: "lang"] == "pl")
        let paragraph = all.first { $0.name == "p" && Self.allText($0).hasPrefix("Tekst") }
        #expect(paragraph.map(Self.allText)?.contains("<script>alert(1)</script>") == true)
    }

    @Test func htmlTablesHaveHeaderScopes() throws {
        let html = try #require(HTMLReader.parse(HTMLWriter.write(Everything.document)))
        let headers = Self.elements(html).filter { $0.name == "th" }
        #expect(headers.map { $0[attribute: "scope"] } == ["col", "col", "row"])
    }

    @Test func headingsDescendOneLevelAtATime() throws {
        let html = try #require(HTMLReader.parse(HTMLWriter.write(Everything.document)))
        let levels = Self.elements(html).compactMap { element -> Int? in
            guard element.name.count == 2, element.name.first == "h", let level = Int(element.name.dropFirst()) else { return nil }
            return level
        }
        #expect(levels.first == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1) }
    }

    static func elements(_ root: XMLElement) -> [XMLElement] {
        [root] + root.elements.flatMap(elements)
    }

    static func find(_ name: String, in root: XMLElement) -> XMLElement? {
        elements(root).first { $0.name == name }
    }

    static func allText(_ element: XMLElement) -> String {
        element.children.map { node in
            switch node {
            case .text(let text): text.value
            case .element(let child): allText(child)
            }
        }.joined()
    }
}

enum InputBytes {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return [UInt8](data)
    }
}
