@testable import BrochureKit
import BrochureDocument
import BrochureWriters
import BrochureXML
import Foundation
import Testing

/// Side-by-side editions: the tree pairing, both writers, and the real pl+kk brochure.
@Suite struct SideBySideTests {
    /// Everything.document with every text replaced by a "Kazakh" version of it.
    static var kazakh: Document {
        func kk(_ inlines: [Inline]) -> [Inline] {
            inlines.map { inline in
                if case .text(let held) = inline { let text = held.string; return .text(text.contains("224") ? text : "ҚАЗ " + text) }
                return inline.with(children: kk(inline.children))
            }
        }
        func kk(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .section(let s): .section(Section(id: s.id, title: kk(s.title), blocks: kk(s.blocks)))
                case .paragraph(let p): .paragraph(kk(p))
                case .note(let p): .note(kk(p))
                case .list(let l): .list(List(ordered: l.ordered, items: l.items.map(kk)))
                case .table(let t): .table(Table(id: t.id, caption: kk(t.caption), columns: t.columns.map(kk),
                                                  rows: t.rows.map { TableRow(header: kk($0.header), cells: $0.cells.map(kk)) }, role: t.role))
                case .timeline(let t): .timeline(Timeline(id: t.id, caption: kk(t.caption), events: t.events.map {
                    TimelineEvent(iso: $0.iso, when: $0.when, title: kk($0.title), body: $0.body.map(kk)) }))
                case .parallel: block
                case .figure(let f): .figure(Figure(id: f.id, caption: kk(f.caption), alternative: "ҚАЗ " + f.alternative, graphic: f.graphic))
                }
            }
        }
        let pl = Everything.document
        return Document(id: pl.id, language: "kk", title: kk(pl.title), subtitle: kk(pl.subtitle), blocks: kk(pl.blocks))
    }

    static var combined: Document { SideBySide.combine([Everything.document, kazakh]) }

    @Test func unitsArePairedOneToOne() {
        let document = Self.combined
        #expect(document.languages == ["pl", "kk"])
        #expect(document.translations.map(\.language) == ["kk"])
        guard case .section(let section) = document.blocks[0] else { Issue.record("expected a section"); return }
        #expect(section.translations.first.map { Inline.plainText($0.title) } == "ҚАЗ Znaczniki \"w\" tekście")
        guard case .parallel(let paragraph) = section.blocks[0] else { Issue.record("expected a pair"); return }
        #expect(paragraph.languages == ["pl", "kk"])
        #expect(paragraph.sides.count == 2)
    }

    @Test func tablesMergeAndSameValuesAreWrittenOnce() {
        guard case .section(let section) = Self.combined.blocks[1],
              let table = section.blocks.compactMap({ if case .table(let t) = $0 { t } else { nil } }).first else {
            Issue.record("expected the table"); return
        }
        #expect(table.rows[0].header == [.text("Powierzchnia"), .text(" / "), .span(language: "kk", [.text("ҚАЗ Powierzchnia")])])
        #expect(table.rows[0].cells[0] == [.text("224 tys. km²")])
    }

    @Test func htmlMatchesGolden() throws {
        try WriterTests.assertGolden(HTMLWriter.write(Self.combined), "everything.pl+kk.html")
    }

    @Test func docbookMatchesGoldenAndIsValid() throws {
        let docbook = DocBookWriter.write(Self.combined)
        try WriterTests.assertGolden(docbook, "everything.pl+kk.xml")
        let schema = try InputBytes.read(WriterTests.docbookSchema)
        let problems = RelaxNG.validate(Array(docbook.utf8), path: "everything.pl+kk.xml", schema: schema, schemaPath: WriterTests.docbookSchema)
        #expect(problems.isEmpty, "\(problems)")
        // Every cell of a side-by-side table names its language.
        let root = try XMLReader.parse(Array(docbook.utf8), path: "everything.pl+kk.xml")
        let entries = WriterTests.elements(root).filter { $0.name == "entry" && WriterTests.elements(root).contains { _ in true } }
        let parallelEntries = WriterTests.elements(root).filter { $0.name == "informaltable" }.flatMap { WriterTests.elements($0).filter { $0.name == "entry" } }
        #expect(!parallelEntries.isEmpty && entries.count >= parallelEntries.count)
        #expect(parallelEntries.allSatisfy { $0.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace") != nil })
    }

    @Test func everySideOfTheHTMLCarriesItsLanguage() throws {
        let html = try #require(HTMLReader.parse(HTMLWriter.write(Self.combined)))
        #expect(html[attribute: "lang"] == "pl")
        let sides = WriterTests.elements(html).filter { $0[attribute: "class"] == "side" }
        #expect(sides.count > 4)
        // The main side inherits lang="pl"; every other side says kk, and its text is the Kazakh one.
        for side in sides where side[attribute: "lang"] != nil {
            #expect(side[attribute: "lang"] == "kk")
            #expect(WriterTests.allText(side).contains("ҚАЗ"))
        }
        #expect(WriterTests.elements(html).filter { $0.name == "h1" }.count == 1)
    }
}
