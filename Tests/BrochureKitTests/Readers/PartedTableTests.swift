@testable import BrochureKit
import BrochureDiagnostics
import BrochureXML
import Dispatch
import Foundation
import Synchronization
import Testing

/// A large table read in parts on several cores (DECISIONS 34) is the table read whole: the
/// same entries, texts, places and findings, for clean tables and for tables broken anywhere,
/// across the cuts too. Broken ones are read whole again when a part cannot be trusted.
@Suite struct PartedTableTests {
    /// Everything a reader of the table sees, as text: entries in file order with their places,
    /// parts, runs, canonical texts and findings; the broken keys; the reader's findings.
    static func dump(_ read: Result<(table: LocaleTable, diagnostics: [Diagnostic]), DiagnosticError>) -> String {
        switch read {
        case .failure(let error):
            return "failed\n" + error.diagnostics.map(\.description).joined(separator: "\n")
        case .success(let (table, diagnostics)):
            var out = "\(table.language) \(table.sourceLanguage ?? "-") \(table.location) \(table.messages.count) \(table.terms.count)\n"
            for entry in table.allEntries {
                out += "\(entry.kind) \(entry.key) \(entry.location) \(entry.state.map(\.rawValue) ?? "-") \(entry.sourceFingerprint ?? "-") \(entry.note ?? "-")\n"
                out += "  \(entry.message.parts)\n"
                for literal in entry.message.literals {
                    out += "  [\(literal.text)] \(literal.location(ofScalar: 0)) \(literal.length) \(literal.isForeign)\n"
                }
                if entry.hasCanonicalText { out += "  = \(entry.canonicalText)\n" }
                for finding in entry.characterFindings { out += "  ! \(finding)\n" }
            }
            out += "broken: \(table.brokenKeys.sorted())\n"
            return out + diagnostics.map(\.description).joined(separator: "\n")
        }
    }

    /// The table read whole, and read in parts (the parts read at once, in any order); and
    /// whether the parts were read whole again (nil: the file was not cut at all).
    static func read(_ text: String, parts: Int, minimumSize: Int, messageTexts: MessageParser.PartTexts = .strings)
        throws -> (whole: String, parted: String, readWhole: Bool?) {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write(text, to: "kk.xml", in: folder)
        let bytes = Array(text.utf8)
        let whole = dump(Result { () throws(DiagnosticError) in
            try LocaleReader.read(path, bytes: bytes, translationTexts: true, messageTexts: messageTexts)
        })
        guard let parted = LocaleReader.PartedTable.plan(path, bytes: bytes, parts: parts, minimumSize: minimumSize,
                                                         messageTexts: messageTexts) else {
            return (whole, whole, nil)
        }
        let results = Mutex<[Result<(table: LocaleTable, diagnostics: [Diagnostic]), DiagnosticError>]>([])
        DispatchQueue.concurrentPerform(iterations: parted.partCount) { index in
            // The last part first, so the parts finish in another order than the file's.
            if let result = parted.read(part: parted.partCount - 1 - index) { results.withLock { $0.append(result) } }
        }
        let finished = results.withLock { $0 }
        #expect(finished.count == 1, "one call returns the table")
        return (whole, dump(finished[0]), parted.wasReadWhole)
    }

    /// A translated table of `count` entries: markup, Kazakh text, plurals, terms, a comment
    /// and CR LF now and then.
    static func table(_ count: Int, root: String = "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"kk\" source-lang=\"pl\">",
                      end: String = "</locale>") -> [String] {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<!-- the Kazakh table -->", root]
        for index in 0..<count {
            switch index % 7 {
            case 0: lines.append("  <message key=\"m\(index)\" source-fingerprint=\"00000000000000\(String(format: "%02x", index % 256))\"><place>{region}</place> облысымен ынтымақтастық {n} жобаны қамтиды.</message>")
            case 1: lines.append("  <message key=\"m\(index)\">{n, plural, one {<em>#</em> компания} other {# компания}} қызығушылық білдірді.</message>")
            case 2: lines.append("  <term key=\"t\(index)\">Алматы</term>")
            case 3: lines.append("  <!-- a note between entries -->")
                    lines.append("  <message key=\"m\(index)\" state=\"needs-review\" note=\"check\">Өңірде <org>Экономика\n    мектебі</org> бар.</message>\r")
            case 4: lines.append("  <message key=\"m\(index)\">a\u{0301} <em>x</em>{y, select, a {<org>A</org>} other {B}} z</message>")
            case 5: lines.append("  <message key=\"m\(index)\">Ала &amp; ма <![CDATA[<b> & '{']]> x</message>")
            default: lines.append("  <message key=\"m\(index)\"><foreign xml:lang=\"en\">High School</foreign> '{}' — қала</message>")
            }
        }
        lines.append(end)
        return lines
    }

    /// Clean tables cut into 2 to 7 parts are joined from their parts, never read again, and
    /// equal the table read whole; with every way of holding message texts.
    @Test(arguments: [2, 3, 5, 7])
    func cleanTableJoinedFromItsParts(parts: Int) throws {
        let text = Self.table(700).joined(separator: "\n") + "\n"
        for texts in [MessageParser.PartTexts.strings, .none, .bytes] {
            let (whole, parted, readWhole) = try Self.read(text, parts: parts, minimumSize: 4096, messageTexts: texts)
            #expect(readWhole == false, "cut and joined")
            #expect(parted == whole)
            #expect(whole.hasPrefix("kk pl "))
        }
    }

    /// The parts cover the file, one after another; each but the first starts at the `<` of a
    /// root child at the start of a line after an end tag, and is handed the root's start tag
    /// first; each but the last ends with the root's end tag (with its prefix).
    @Test func partsCoverTheFileAtRootChildren() throws {
        let root = "<l:locale xmlns:l=\"urn:brochure:locale:1\" xml:lang=\"kk\" note='a > b'>"
        let text = Self.table(500, root: root, end: "</l:locale>").joined(separator: "\n").replacingOccurrences(of: "<message", with: "<l:message")
            .replacingOccurrences(of: "</message>", with: "</l:message>").replacingOccurrences(of: "<term", with: "<l:term")
            .replacingOccurrences(of: "</term>", with: "</l:term>")
        let bytes = Array(text.utf8)
        let parts = try #require(DocumentPart.split(bytes, into: 4, minimumSize: 2048))
        #expect(parts.count == 4)
        let rootStart = try #require(text.utf8.firstRange(of: Array(root.utf8)))
        let rootRange = text.utf8.distance(from: text.utf8.startIndex, to: rootStart.lowerBound)..<text.utf8.distance(from: text.utf8.startIndex, to: rootStart.upperBound)
        #expect(parts.first?.body.lowerBound == 0)
        #expect(parts.last?.body.upperBound == bytes.count)
        for (index, part) in parts.enumerated() {
            if index > 0 {
                #expect(part.body.lowerBound == parts[index - 1].body.upperBound)
                #expect(part.head == rootRange)
                // The line before the cut, split on line feeds as bytes ("\r\n" is one Character).
                let lines = bytes[..<part.body.lowerBound].split(separator: 0x0A, omittingEmptySubsequences: false)
                let line = String(decoding: lines.dropLast().last ?? [], as: UTF8.self)
                #expect(line.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</l:message>") || line.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</l:term>"))
                #expect(bytes[part.body.lowerBound] == UInt8(ascii: "<") && bytes[part.body.lowerBound + 1] == UInt8(ascii: "l"))
            } else {
                #expect(part.head == nil)
            }
            #expect(part.tail == (index == parts.count - 1 ? [] : Array("</l:locale>".utf8)))
        }
        // Too small, a document type, an empty root: read whole.
        #expect(DocumentPart.split(bytes, into: 4, minimumSize: bytes.count) == nil)
        #expect(DocumentPart.split(Array(("<!DOCTYPE l:locale>\n" + text).utf8), into: 4, minimumSize: 2048) == nil)
        #expect(DocumentPart.split(Array(("<r/>" + String(repeating: " ", count: 10000)).utf8), into: 2, minimumSize: 1024) == nil)
    }

    /// Broken anywhere (across a cut too): a comment, a CDATA section or an element that spans
    /// a cut, text between entries, an unclosed tag, an entity, a duplicate key, a bad state,
    /// a message that does not parse. The table and findings read in parts are those read
    /// whole; what a part cannot be trusted with is read whole again.
    @Test func brokenTablesEqualTheTableReadWhole() throws {
        let breakages: [(name: String, lines: [String], readsWhole: Bool)] = [
            ("comment over a cut", ["  <!--", "</message>", "  <message key=\"zz\">fake</message>", "  -->"], true),
            ("section over a cut", ["  <message key=\"cd\"><![CDATA[", "</message>", "  <message key=\"zz\">fake]]></message>"], true),
            ("element over a cut", ["  <message key=\"el\"><em>", "</em>", "  <em>x</em></message>"], true),
            ("text between entries", ["  stray text"], true),
            ("unclosed tag", ["  <message key=\"un\">a <em>b</message>"], true),
            ("entity", ["  <message key=\"en\">&nbsp;</message>"], true),
            ("duplicate key", ["  <message key=\"m1\">Екінші.</message>"], false),
            ("bad state", ["  <message key=\"st\" state=\"bogus\">x</message>"], false),
            ("unclosed brace", ["  <message key=\"br\">{capital</message>"], false),
            ("not an entry", ["  <entry key=\"x\">y</entry>"], false),
        ]
        var generator = SystemRandomNumberGenerator()
        for breakage in breakages {
            for trial in 0..<6 {
                var lines = Self.table(400)
                // Near a cut of two or three parts, or anywhere.
                let near = [lines.count / 2, lines.count / 3, 2 * lines.count / 3][trial % 3]
                let at = trial < 3 ? near + Int.random(in: -2...2, using: &generator) : Int.random(in: 4..<lines.count - 1, using: &generator)
                lines.insert(contentsOf: breakage.lines, at: at)
                let text = lines.joined(separator: "\n") + "\n"
                for parts in [2, 3] {
                    let (whole, parted, readWhole) = try Self.read(text, parts: parts, minimumSize: 2048)
                    #expect(parted == whole, "\(breakage.name), line \(at), \(parts) parts")
                    #expect(whole.contains("error") || whole.contains("failed"), "\(breakage.name) is found")
                    if !breakage.readsWhole { #expect(readWhole == false, "\(breakage.name): joined from its parts") }
                }
            }
        }
    }

    /// `Project.load` reads large tables in parts (a source and a translation of 5,000 more
    /// entries each, one broken in the second half) and hands on the tables, and the findings,
    /// that reading each file whole gives.
    @Test func projectLoadReadsLargeTablesInParts() throws {
        var polish = MiniProject.polish, kazakh = MiniProject.kazakh
        polish.insert(contentsOf: (0..<5000).map {
            "  <message key=\"x\($0)\">Współpraca z <place>{capital}</place> obejmuje {count} projektów w dziedzinie zdrowia i edukacji.</message>"
        }, at: polish.count - 1)
        kazakh.insert(contentsOf: (0..<5000).map {
            $0 == 3500 ? "  <message key=\"x\($0)\" state=\"bogus\">Бұзылған.</message>"
                : "  <message key=\"x\($0)\"><place>{capital}</place> облысымен ынтымақтастық денсаулық саласындағы {count} жобаны қамтиды.</message>"
        }, at: kazakh.count - 1)
        let mini = try MiniProject(polish: polish, kazakh: kazakh, accept: false)
        defer { try? FileManager.default.removeItem(atPath: mini.root) }
        let project = try Project.load(root: mini.root, lenient: true)
        #expect(project.tables.count == 2)
        for table in project.tables {
            let bytes = try InputFile.bytes(table.path)
            #expect(LocaleReader.PartedTable.plan(table.path, bytes: bytes, parts: 2) != nil, "\(table.path) is read in parts")
            let whole = try LocaleReader.read(table.path, bytes: bytes)
            let found = project.diagnostics.filter { $0.location.path == table.path }
            #expect(Self.dump(.success((table, found))) == Self.dump(.success(whole)))
        }
        #expect(project.diagnostics.contains { $0.location.line == 3508 && $0.message.contains("bogus") })
    }
}
