@testable import BrochureKit
import BrochureDiagnostics
import BrochureXML
import Foundation
import Testing

/// Each reader diagnostic, checked with its file:line:col.
@Suite struct ReaderTests {
    static func diagnostic(_ text: String, name: String, read: (String) throws -> Void) throws -> Diagnostic? {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write(text, to: name, in: folder)
        let d = TestSupport.firstDiagnostic { try read(path) }
        #expect(d?.location.path == path)
        return d
    }

    static func profile(_ body: String) throws -> Diagnostic? {
        try diagnostic("<profile xmlns=\"urn:brochure:profile:1\" id=\"p\">\n\(body)\n</profile>", name: "p.xml") { _ = try ProfileReader.read($0) }
    }

    static func locale(_ body: String, translated: Bool = false) throws -> Diagnostic? {
        let root = translated ? "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"kk\" source-lang=\"pl\">" : "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"pl\">"
        return try diagnostic("\(root)\n\(body)\n</locale>", name: "l.xml") { path in
            let (_, diagnostics) = try LocaleReader.read(path)
            if let first = diagnostics.first { throw DiagnosticError(first) }
        }
    }

    static func template(_ body: String) throws -> Diagnostic? {
        try diagnostic("<template xmlns=\"urn:brochure:template:1\" id=\"t\">\n<title msg=\"t\"/>\n\(body)\n</template>", name: "t.xml") { _ = try TemplateReader.read($0) }
    }

    // MARK: Profile

    @Test func profileReadsFacts() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write("""
            <profile xmlns="urn:brochure:profile:1" id="p" as-of="2018">
              <source id="s" title="source.s"/>
              <quantity id="area" value="224000" unit="area-square-kilometer" approximate="true" as-of="2018-04" source="s"/>
              <name id="capital" term="taldykorgan"/>
              <list id="sectors"><entry id="a"/><entry id="b"><date id="date" value="2015"/></entry></list>
            </profile>
            """, to: "p.xml", in: folder)
        let profile = try ProfileReader.read(path)
        guard case .quantity(let decimal, let unit)? = profile.facts["area"]?.value else { Issue.record("no area"); return }
        #expect(decimal == "224000")
        #expect(unit == "area-square-kilometer")
        #expect(profile.facts["area"]?.approximate == true)
        #expect(profile.facts["area"]?.asOf == FactDate(year: 2018, month: 4))
        #expect(profile.lists["sectors"]?.entries.map(\.id) == ["a", "b"])
        #expect(profile.asOf == FactDate(year: 2018))
    }

    @Test(arguments: [
        ("<quantity id=\"area\" value=\"224 tys.\"/>", 2, 21, "not a decimal number"),
        ("<quantity id=\"area\" value=\"1\" unit=\"furlongs\"/>", 2, 31, "not a unit ICU knows"),
        ("<date id=\"d\" value=\"April 2018\"/>", 2, 14, "not a date"),
        ("<name id=\"n\"/>", 2, 1, "needs the attribute term"),
        ("<quantity id=\"a\" value=\"1\" colour=\"red\"/>", 2, 28, "attribute colour is not allowed"),
        ("<quantity id=\"a\" value=\"1\"/>\n<quantity id=\"a\" value=\"2\"/>", 3, 1, "defined twice"),
        ("<quantity id=\"a\" value=\"1\" source=\"nowhere\"/>", 2, 1, "does not define"),
        ("<weather id=\"w\"/>", 2, 1, "not a profile element"),
        ("<quantity id=\"a\" value=\"1\" approximate=\"yes\"/>", 2, 28, "true or false"),
        ("<list id=\"l\"><item id=\"x\"/></list>", 2, 14, "expected <entry>"),
        ("text", 2, 1, "text is not allowed"),
        ("<date id=\"signed\" value=\"2018\"/>\n<list id=\"l\"><entry id=\"e\"><date id=\"date\" ref=\"signd\"/></entry></list>", 3, 44,
         "ref=\"signd\" names no fact of the profile"),
        ("<name id=\"n\" term=\"t\"/>\n<list id=\"l\"><entry id=\"e\"><date id=\"date\" ref=\"n\"/></entry></list>", 3, 44,
         "ref=\"n\" names a <name>, not a <date>"),
        ("<date id=\"d\" value=\"2018\"/>\n<list id=\"l\"><entry id=\"e\"><date id=\"date\" ref=\"d\" value=\"2019\"/></entry></list>", 3, 52,
         "attribute value is not allowed"),
    ])
    func profileErrorsArePositioned(body: String, line: Int, column: Int, text: String) throws {
        let d = try Self.profile(body)
        #expect(d?.location.line == line)
        #expect(d?.location.column == column)
        #expect(d?.message.contains(text) == true, "\(d?.message ?? "no diagnostic")")
    }

    /// A list entry's fact given by `ref` is the profile's fact (value, precision, date and
    /// source), whichever comes first in the file; a near miss is answered with the name.
    @Test func aListFactMayStandForAFactOfTheProfile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write("""
            <profile xmlns="urn:brochure:profile:1" id="p">
              <source id="s" title="t"/>
              <list id="timeline"><entry id="signing"><date id="date" ref="agreementDate"/></entry></list>
              <date id="agreementDate" value="2018-04" approximate="true" as-of="2019" source="s"/>
            </profile>
            """, to: "p.xml", in: folder)
        let profile = try ProfileReader.read(path)
        let fact = try #require(profile.lists["timeline"]?.entries.first?.facts["date"])
        guard case .date(let date) = fact.value else { Issue.record("not a date"); return }
        #expect(date == FactDate(year: 2018, month: 4))
        #expect(fact.approximate && fact.asOf == FactDate(year: 2019) && fact.source == "s")
        #expect(fact.location.line == 3)
        let near = try Self.profile("<date id=\"agreementDate\" value=\"2018\"/>\n<list id=\"l\"><entry id=\"e\"><date id=\"date\" ref=\"agreementdate\"/></entry></list>")
        #expect(near?.notes == ["did you mean \"agreementDate\"?"], "\(String(describing: near))")
    }

    /// One run reports every element's error, in file order; a `ref` to a fact that could not
    /// be read is not reported again.
    @Test func everyProfileErrorIsReportedAtOnce() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write("""
            <profile xmlns="urn:brochure:profile:1" id="p">
              <quantity id="area" value="224 tys."/>
              <date id="signed" value="April 2018"/>
              <name id="capital"/>
              <list id="timeline"><entry id="e"><date id="date" ref="signed"/><date id="other" ref="nowhere"/></entry></list>
              <quantity id="population" value="1" source="nobody"/>
            </profile>
            """, to: "p.xml", in: folder)
        var diagnostics: [Diagnostic] = []
        do { _ = try ProfileReader.read(path) } catch { diagnostics = error.diagnostics }
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column) \($0.check)" }
            == ["2:23 schema", "3:21 schema", "4:3 schema", "5:84 schema", "6:3 schema"], "\(diagnostics.map(\.description))")
        #expect(diagnostics.map(\.message).joined(separator: "|").contains("ref=\"nowhere\" names no fact"))
        #expect(!diagnostics.map(\.message).joined(separator: "|").contains("ref=\"signed\""))
    }

    @Test func wrongRootIsNamed() throws {
        let d = try Self.diagnostic("<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"pl\"/>", name: "p.xml") { _ = try ProfileReader.read($0) }
        #expect(d?.check == "schema")
        #expect(d?.message.contains("expected root element <profile>") == true)
    }

    @Test func missingFileIsAnError() {
        let d = TestSupport.firstDiagnostic { _ = try ProfileReader.read("/nonexistent/p.xml") }
        #expect(d?.check == "io")
        #expect(d?.message == "no such file")
    }

    @Test func aFolderIsNotAFile() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let d = TestSupport.firstDiagnostic { _ = try InputFile.bytes(folder) }
        #expect(d?.check == "io" && d?.message == "is a folder, not a file")
    }

    /// Files are read into room for the size `fstat` gives; one that has more (a file of
    /// /proc gives 0) is read on to its end.
    @Test func aFileIsReadWholeWhateverItsStatedSize() throws {
        let status = try InputFile.bytes("/proc/self/status")
        #expect(status.count > 100 && String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for size in [0, 1, 4095, 4096, 70_001] {
            let path = (folder as NSString).appendingPathComponent("f\(size)")
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try data.write(to: URL(fileURLWithPath: path))
            #expect(try InputFile.bytes(path) == [UInt8](data), "\(size)")
        }
    }

    /// An input file is mapped from `InputFile.mappingThreshold` bytes on, read below it; both
    /// give the file's bytes, and what the file holds after it is mapped is not what counts.
    @Test func inputFilesGiveTheirBytesMappedOrRead() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for size in [0, 1, InputFile.mappingThreshold - 1, InputFile.mappingThreshold, 300_001] {
            let path = (folder as NSString).appendingPathComponent("f\(size)")
            let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try data.write(to: URL(fileURLWithPath: path))
            let contents = try InputFile.contents(path)
            #expect(contents.count == size && contents.array == [UInt8](data), "\(size)")
            if size > 0 { #expect(contents[size - 1] == UInt8(truncatingIfNeeded: (size - 1) &* 31 &+ 7)) }
        }
        #expect(TestSupport.firstDiagnostic { _ = try InputFile.contents(folder) }?.message == "is a folder, not a file")
        #expect(TestSupport.firstDiagnostic { _ = try InputFile.contents(folder + "/none.xml") }?.message == "no such file")
    }

    /// A mapped file that is cut shorter while it is read ends the process with a message that
    /// names it and status 2, not a crash by SIGBUS (in a process of its own: an exit test).
    @Test func aMappedFileCutShorterEndsTheProcessWithAMessage() async throws {
        let result = await #expect(processExitsWith: .exitCode(2), observing: [\.standardErrorContent]) {
            let folder = try TestSupport.temporaryFolder()
            let path = (folder as NSString).appendingPathComponent("table.xml")
            let size = InputFile.mappingThreshold * 4
            try Data(repeating: UInt8(ascii: "x"), count: size).write(to: URL(fileURLWithPath: path))
            let contents = try InputFile.contents(path)
            _ = truncate(path, 0)
            // Reading past the file's new end faults: the handler reports it and exits.
            _exit(contents[size - 1] == UInt8(ascii: "x") ? 0 : 1)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.hasSuffix("/table.xml: error: [io] the file was changed (cut shorter) while it was being read; nothing was written: run the command again\n"),
                "\(message)")
    }

    // MARK: Locale tables

    @Test(arguments: [
        ("<message key=\"a\">x</message>\n<message key=\"a\">y</message>", 3, 1, "defined twice"),
        ("<message>x</message>", 2, 1, "needs the attribute key"),
        ("<message key=\"a\">Zażółć {gęślą</message>", 2, 25, "not closed"),
        ("<message key=\"a\"><b>x</b></message>", 2, 18, "<b> is not allowed"),
        ("<text key=\"a\">x</text>", 2, 1, "expected <message> or <term>"),
        ("<message key=\"a\" state=\"done\">x</message>", 2, 18, "state"),
        ("<message key=\"a\">x</message>\n  oops <message key=\"b\">y</message>", 3, 3, "text is not allowed directly inside <locale>"),
        // A no-break space is Unicode white space but not XML's: it is text, not layout.
        ("<message key=\"a\">x</message>\n \u{A0}<message key=\"b\">y</message>", 3, 2, "a no-break space (U+00A0) stands directly inside <locale>"),
        ("<message key=\"a\">x</message>\u{2003}\n<message key=\"b\">y</message>", 2, 29, "white-space character (U+2003) stands directly inside <locale>"),
    ])
    func localeErrorsArePositioned(body: String, line: Int, column: Int, text: String) throws {
        let d = try Self.locale(body)
        #expect(d?.location.line == line)
        #expect(d?.location.column == column)
        #expect(d?.message.contains(text) == true, "\(d?.message ?? "no diagnostic")")
    }

    /// A translation read without its canonical text knows whether that text is empty exactly
    /// as its canonical form does: on random contents of XML white space, no-break and other
    /// spaces, text and inline elements.
    @Test func emptinessWithoutTheTextIsTheCanonicalFormsEmptiness() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = SplitMix64(seed: 42)
        let pieces = [" ", "\t", "\n", "\r\n", "&#160;", "&#x2009;", "&#32;", "&#9;", "x", "<em></em>", "<em> </em>", "<strong>a</strong>", "<![CDATA[ ]]>",
                      "<!-- c -->", "\u{3000}", "ә"]
        var entries: [String] = []
        for index in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 0...4, using: &generator) { text += pieces.randomElement(using: &generator)! }
            entries.append("<message key=\"m\(index)\">\(text)</message>")
        }
        let body = entries.joined(separator: "\n")
        let kazakh = try TestSupport.write("<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"kk\" source-lang=\"pl\">\n\(body)\n</locale>",
                                           to: "kk.xml", in: folder)
        let (withText, _) = try LocaleReader.read(kazakh, translationTexts: true)
        let (withoutText, _) = try LocaleReader.read(kazakh, translationTexts: false)
        var empty = 0
        for (key, entry) in withText.messages {
            let other = try #require(withoutText.messages[key])
            #expect(entry.hasCanonicalText && !other.hasCanonicalText)
            #expect(other.isEmpty == entry.canonicalText.isEmpty, "\(key): \(entry.canonicalText.debugDescription)")
            #expect(entry.isEmpty == entry.canonicalText.isEmpty)
            if entry.isEmpty { empty += 1 }
        }
        #expect(empty > 20 && empty < 380)
    }

    /// The attributes an entry may carry: key and note in the source; also state and
    /// source-fingerprint in a translation. Any other name, one of these in another namespace,
    /// or one that only differs in length or a letter, is refused where it stands.
    @Test(arguments: [
        ("<message key=\"a\" state=\"final\">x</message>", false, "2:18", "attribute state is not allowed on <message>", "allowed: key, note"),
        ("<term key=\"a\" source-fingerprint=\"0123456789abcdef\">x</term>", false, "2:15", "attribute source-fingerprint is not allowed on <term>", "allowed: key, note"),
        ("<message key=\"a\" keys=\"b\">x</message>", true, "2:18", "attribute keys is not allowed on <message>", "allowed: key, note, source-fingerprint, state"),
        ("<message key=\"a\" nota=\"b\">x</message>", true, "2:18", "attribute nota is not allowed on <message>", "allowed: key, note, source-fingerprint, state"),
        ("<message key=\"a\" xml:lang=\"kk\">x</message>", true, "2:18", "attribute lang is not allowed on <message>", "allowed: key, note, source-fingerprint, state"),
        ("<message xmlns:o=\"urn:o\" key=\"a\" o:note=\"b\">x</message>", true, "2:34", "attribute note is not allowed on <message>", "allowed: key, note, source-fingerprint, state"),
    ])
    func entryAttributesOutsideTheAllowedSetAreRefused(entry: String, translated: Bool, place: String, message: String, note: String) throws {
        let found = try Self.locale(entry, translated: translated)
        #expect(found.map { "\($0.location.line):\($0.location.column)" } == place)
        #expect(found?.message == message)
        #expect(found?.notes == [note])
    }

    /// Layout between entries (spaces, tabs, line feeds, CR LF) is no finding.
    @Test func layoutBetweenEntriesIsNoText() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write("<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"pl\">\t<message key=\"a\">x</message>\r\n \t \n"
                                         + "<message key=\"b\">y</message>  </locale>", to: "pl.xml", in: folder)
        let (table, diagnostics) = try LocaleReader.read(path)
        #expect(diagnostics.isEmpty)
        #expect(table.messages.count == 2)
    }

    /// An entry looked up by a walk in another table's order is the dictionary's entry, in any
    /// order: the same order, shuffled, reversed, with gaps, a duplicate (the first counts) and
    /// a term and a message sharing a key.
    @Test func entriesLookedUpInOrderAreTheDictionarys() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = SplitMix64(seed: 8)
        let keys = (0..<40).map { "k\($0)" }
        var written = keys.shuffled(using: &generator).filter { _ in Int.random(in: 0..<5, using: &generator) > 0 }
        written.insert(written[3], at: 10)
        let body = written.map { "  <message key=\"\($0)\">\($0) text</message>" }.joined(separator: "\n")
        let path = try TestSupport.write("""
            <locale xmlns="urn:brochure:locale:1" xml:lang="pl">
              <term key="k5">Term</term>
            \(body)
              <term key="k7">Term</term>
            </locale>
            """, to: "pl.xml", in: folder)
        let (table, _) = try LocaleReader.read(path)
        for order in [keys, keys.reversed(), written, keys.shuffled(using: &generator)] {
            for kind in [LocaleEntry.Kind.message, .term] {
                var cursor = 0
                for key in order {
                    let expected = kind == .message ? table.messages[key] : table.terms[key]
                    #expect(table.entry(kind, key, cursor: &cursor) === expected, "\(kind) \(key)")
                }
            }
        }
    }

    @Test func translatedEntriesCarryFingerprintAndState() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write("""
            <locale xmlns="urn:brochure:locale:1" xml:lang="kk" source-lang="pl">
              <message key="a" source-fingerprint="0123456789abcdef" state="reviewed">Сәлем</message>
            </locale>
            """, to: "kk.xml", in: folder)
        let (table, diagnostics) = try LocaleReader.read(path)
        #expect(diagnostics.isEmpty)
        #expect(table.messages["a"]?.sourceFingerprint == "0123456789abcdef")
        #expect(table.messages["a"]?.state == .reviewed)
        #expect(table.sourceLanguage == "pl")
    }

    /// End tags name the element they close at any depth (the first four levels are kept one
    /// way, deeper ones another), and after a deep element closes, its siblings' names follow.
    @Test func canonicalTextClosesDeeplyNestedElements() throws {
        let names = ["em", "strong", "org", "place", "em", "strong", "org"]
        var xml = "<m>"
        for (depth, name) in names.enumerated() { xml += "<\(name)>\(depth) " }
        xml += "x"
        for name in names.reversed() { xml += "</\(name)> y" }
        xml += "<place>p</place></m>"
        let element = try TestSupport.parse(xml)
        var expected = ""
        for (depth, name) in names.enumerated() { expected += "<\(name)>\(depth) " }
        expected += "x"
        for name in names.reversed() { expected += "</\(name)> y" }
        expected += "<place>p</place>"
        #expect(Fingerprint.canonical(element.children) == expected)
    }

    @Test func fingerprintIgnoresLayoutButNotText() throws {
        let a = try TestSupport.parse("<m>Ala  ma\n   <em>kota</em></m>")
        let b = try TestSupport.parse("<m>Ala ma <em>kota</em></m>")
        let c = try TestSupport.parse("<m>Ala ma <em>psa</em></m>")
        #expect(Fingerprint.canonical(a.children) == "Ala ma <em>kota</em>")
        #expect(Fingerprint.of(Fingerprint.canonical(a.children)) == Fingerprint.of(Fingerprint.canonical(b.children)))
        #expect(Fingerprint.of(Fingerprint.canonical(b.children)) != Fingerprint.of(Fingerprint.canonical(c.children)))
        #expect(Fingerprint.of("").count == 16)
    }

    /// FNV-1a 64 test vectors, and leading zeros kept.
    @Test func fingerprintIsFNV1aAsSixteenHexDigits() {
        #expect(Fingerprint.of("") == "cbf29ce484222325")
        #expect(Fingerprint.of("a") == "af63dc4c8601ec8c")
        #expect(Fingerprint.of("foobar") == "85944171f73967e8")
        #expect(Fingerprint.hex(0x0f) == "000000000000000f")
    }

    /// A written fingerprint is 16 lower-case hex digits, nothing else; its value and its
    /// text form go both ways.
    @Test func fingerprintTextIsReadExactly() {
        #expect(Fingerprint.value(hex: "0123456789abcdef") == 0x0123_4567_89ab_cdef)
        #expect(Fingerprint.value(hex: "ffffffffffffffff") == UInt64.max)
        for bad in ["0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg", " 123456789abcdef", ""] {
            #expect(Fingerprint.value(hex: bad) == nil, "\(bad)")
        }
        for value: UInt64 in [0, 1, 0xcbf2_9ce4_8422_2325, .max] {
            #expect(Fingerprint.value(hex: Fingerprint.hex(value)) == value)
        }
    }

    /// Text that is its own canonical form is returned as it is; the answer is the same as
    /// folding it byte by byte.
    @Test(arguments: ["Ala ma kota.", " Ala", "Ala ", "Ala  ma", "Ala\tma", "Ala\nma", "a & b", "a < b", "a > b", "", " ",
                      "Қазақстан — 2022 ж.", "x\u{A0}y", "{n, plural, one {# firma} other {# firm}}"])
    func canonicalTextNeedsNoCopyWhenAlreadyCanonical(text: String) throws {
        let content = [BrochureXML.XMLNode.text(XMLText(value: text, location: .file("t.xml")))]
        #expect(Fingerprint.canonical(content) == Fingerprint.folded(content))
        let expected = !text.isEmpty && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  ")
            && !text.contains(where: { "\t\n&<>".contains($0) })
        #expect(Fingerprint.isCanonical(text) == expected)
    }

    /// A table read while it is parsed (each entry's content flat) gives the same entries and
    /// findings, at the same places, as the same table read from its whole tree: nested
    /// markup, comments and CDATA inside a message, references, CR LF, bad characters, and
    /// syntax errors inside and after inline elements.
    @Test func streamedTableEqualsTableReadFromItsTree() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"kk\" source-lang=\"pl\">\r\n"
            + "  <message key=\"a\"><place>{region}</place> облысы — <em>өте <strong>жақсы</strong></em> {n, plural, one {<em>#</em> жоба} other {# жоба}}.</message>\n"
            + "  <message key=\"b\">Ала &amp; <!-- note --> ма\u{200B}\r\n кота <![CDATA[<b> & '{']]> x</message>\n"
            + "  <message key=\"c\">one <em>{x</em> two</message>\n"
            + "  <message key=\"d\"><foreign xml:lang=\"en\">High School</foreign> and <link href=\"https://example.org/?a=1&amp;b=2\">e</link>'{}'</message>\n"
            + "  <message key=\"e\">a\u{0301} <em>x</em>{y, select, a {<org>A</org>} other {B}} z}</message>\n"
            + "  <term key=\"t\">Алматы</term>\n"
            + "</locale>\n"
        let path = try TestSupport.write(text, to: "kk.xml", in: folder)
        let streamed = try LocaleReader.read(path)
        let whole = try LocaleReader.read(try XMLReader.parse(Array(text.utf8), path: path), path: path)
        #expect(streamed.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
        #expect(streamed.diagnostics.map(\.location.line) == [5, 7])
        #expect(streamed.table.brokenKeys == ["c", "e"])
        let entries = streamed.table.messages.merging(streamed.table.terms) { a, _ in a }
        let wholeEntries = whole.table.messages.merging(whole.table.terms) { a, _ in a }
        #expect(entries.keys.sorted() == ["a", "b", "d", "t"])
        #expect(entries.keys.sorted() == wholeEntries.keys.sorted())
        for (key, entry) in entries {
            let other = try #require(wholeEntries[key])
            #expect(entry.message.parts == other.message.parts, "\(key)")
            #expect(entry.message.literals.map(\.text) == other.message.literals.map(\.text), "\(key)")
            #expect(entry.message.literals.map { $0.location(ofScalar: 0) } == other.message.literals.map { $0.location(ofScalar: 0) }, "\(key)")
            #expect(entry.canonicalText == other.canonicalText, "\(key)")
            #expect(entry.characterFindings.map(\.description) == other.characterFindings.map(\.description), "\(key)")
        }
        #expect(entries["a"]?.canonicalText == "<place>{region}</place> облысы — <em>өте <strong>жақсы</strong></em> {n, plural, one {<em>#</em> жоба} other {# жоба}}.")
        #expect(entries["b"]?.canonicalText == "Ала &amp; ма\u{200B} кота &lt;b&gt; &amp; '{' x")
        #expect(entries["d"]?.canonicalText == "<foreign xml:lang=\"en\">High School</foreign> and <link href=\"https://example.org/?a=1&amp;b=2\">e</link>'{}'")
        #expect(entries["b"]?.characterFindings.map { "\($0.location.line):\($0.location.column)" } == ["3:46"])
    }

    /// A location kept as a byte offset (DECISIONS #26) gives the line and column counted
    /// naively (lines at line feeds, columns in scalars), at every offset of a text that mixes
    /// ASCII, two-, three- and four-byte characters, line feeds and long lines. It equals the
    /// same place given as line and column, hashes the same, and sorts as line:column does.
    @Test func byteOffsetLocationsGiveLineAndColumnWhenAsked() {
        let text = "ab\nҚазақстан — 2022 ж.\n\n" + String(repeating: "łódź 𝟘 x ", count: 5) + "\nend" + String(repeating: "a", count: 17)
        let file = SourceFile(path: "walk.xml", bytes: Array(text.utf8))
        var line = 1, column = 1
        var previous: BrochureDiagnostics.SourceLocation?
        for offset in 0...file.bytes.count {
            let location = file.location(ofByte: offset)
            let boundary = offset == file.bytes.count || file.bytes[offset] & 0xC0 != 0x80
            if boundary {
                #expect(location.line == line && location.column == column, "byte \(offset)")
                let written = BrochureDiagnostics.SourceLocation(path: "walk.xml", line: line, column: column)
                #expect(location == written && written == location, "byte \(offset)")
                #expect(location.hashValue == written.hashValue, "byte \(offset)")
                #expect(location.description == "walk.xml:\(line):\(column)")
                if let previous { #expect(previous < location && !(location < previous), "byte \(offset)") }
                previous = location
            }
            if offset < file.bytes.count {
                if file.bytes[offset] == 0x0A { line += 1; column = 1 } else if file.bytes[offset] & 0xC0 != 0x80 { column += 1 }
            }
        }
        #expect(file.location(ofByte: file.bytes.count + 5) == file.location(ofByte: file.bytes.count))
    }

    /// In lines longer than the index's stride (a table written on one line) the column comes
    /// from the scalar counts at every stride: the same answers as counting, at offsets on
    /// both sides of each stride boundary.
    @Test func columnsInVeryLongLinesAreCounted() {
        let text = "x\n" + String(repeating: "ąbć𝟘 Қ", count: 2500) + "\n" + String(repeating: "a", count: 9000) + "\nend"
        let file = SourceFile(path: "long.xml", bytes: Array(text.utf8))
        var line = 1, column = 1
        let stride = 64 // LineIndex.stride in BrochureXML
        for offset in 0...file.bytes.count {
            let boundary = offset == file.bytes.count || file.bytes[offset] & 0xC0 != 0x80
            if boundary && (offset % 7 == 0 || (offset % stride) < 3 || (offset % stride) > stride - 3) {
                let location = file.location(ofByte: offset)
                #expect(location.line == line && location.column == column, "byte \(offset)")
            }
            if offset < file.bytes.count {
                if file.bytes[offset] == 0x0A { line += 1; column = 1 } else if file.bytes[offset] & 0xC0 != 0x80 { column += 1 }
            }
        }
    }

    /// The canonical form of text is its words (split at XML white space) joined by single
    /// spaces, with `& < >` escaped: checked on random texts full of odd spacing.
    @Test func canonicalTextOfRandomSpacing() {
        let alphabet: [Character] = ["a", "ж", " ", " ", "\t", "\n", "\r", "&", "<", ">", "\u{A0}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let words = text.unicodeScalars.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.map { String(String.UnicodeScalarView($0)) }
            let expected = words.joined(separator: " ").replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            let content = [BrochureXML.XMLNode.text(XMLText(value: text, location: .file("t.xml")))]
            #expect(Fingerprint.canonical(content) == expected, "\(Array(text.unicodeScalars))")
        }
    }

    /// An attribute's `& < "` are escaped whatever follows or precedes them (a joiner, a
    /// spacing or combining mark, a Prepend letter): the canonical text, and so the
    /// fingerprint, is the one the tool has always computed (values from Foundation's
    /// `replacingOccurrences`, which escaped these too).
    @Test func attributeValuesAreEscapedScalarByScalar() throws {
        for (value, escaped) in [("\u{600}&q", "\u{600}&amp;q"), ("\"\u{903}q", "&quot;\u{903}q"), ("<\u{200D}", "&lt;\u{200D}"),
                                 ("x&\u{301}y", "x&amp;\u{301}y"), ("a&b<c\"d", "a&amp;b&lt;c&quot;d")] {
            var element = XMLElement(name: "link", namespace: nil, location: .file("t.xml"))
            element.attributes = [XMLAttribute(name: "href", namespace: nil, value: "https://x.example/" + value, location: .file("t.xml"))]
            element.children = [.text(XMLText(value: "x", location: .file("t.xml")))]
            #expect(Fingerprint.canonical([.element(element)]) == "<link href=\"https://x.example/\(escaped)\">x</link>", "\(value.debugDescription)")
        }
    }

    @Test func allSyntaxErrorsOfATableAreReported() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try TestSupport.write("""
            <locale xmlns="urn:brochure:locale:1" xml:lang="pl">
              <message key="a">{x</message>
              <message key="b">ok</message>
              <message key="c">y}</message>
            </locale>
            """, to: "pl.xml", in: folder)
        let (_, diagnostics) = try LocaleReader.read(path)
        #expect(diagnostics.map(\.location.line) == [2, 4])
    }

    // MARK: Templates

    @Test(arguments: [
        ("<para msg=\"x\"/>", 3, 1, "not a template element"),
        ("<p/>", 3, 1, "needs the attribute msg"),
        ("<p msg=\"sector.{s}\"/>", 3, 4, "not a loop variable"),
        ("<section id=\"a\" title=\"t\"/>\n<p msg=\"x\"/>", 4, 1, "follows a <section>"),
        ("<list><p msg=\"x\"/></list>", 3, 1, "may hold only <item>"),
        ("<if exists=\"a\" missing=\"b\"/>", 3, 1, "exactly one of"),
        ("<for each=\"l\" as=\"x\"><for each=\"m\" as=\"x\"/></for>", 3, 22, "hides an outer one"),
        ("<p msg=\"x\">text</p>", 3, 12, "text is not allowed"),
        // The layout between elements is not kept, but text beside it is found where it stands.
        ("<section id=\"a\" title=\"t\">\r\n  <p msg=\"x\"/>\r\n  oops\r\n</section>", 5, 3, "text is not allowed directly inside <section>"),
        ("<section id=\"a\" title=\"t\">\n \u{A0}<p msg=\"x\"/></section>", 4, 2, "a no-break space (U+00A0) stands directly inside <section>"),
        ("<p msg=\"x\"> <![CDATA[ y ]]> </p>", 3, 23, "text is not allowed directly inside <p>"),
        ("<p msg=\"x\">\n  <em/>\n</p>", 4, 3, "<p> holds no elements"),
    ])
    func templateErrorsArePositioned(body: String, line: Int, column: Int, text: String) throws {
        let d = try Self.template(body)
        #expect(d?.location.line == line)
        #expect(d?.location.column == column)
        #expect(d?.message.contains(text) == true, "\(d?.message ?? "no diagnostic")")
    }
}
