import Foundation
import Testing

/// The translators' round trip: XLIFF 2.0 and PO out, edited as a translator would, back in.
@Suite(.serialized) struct ExchangeTests {
    static let schema = (TestSupport.packageRoot as NSString).appendingPathComponent("Tests/BrochureKitTests/Exchange/Schemas/xliff_core_2.0.xsd")

    static func locales(_ project: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let folder = (project as NSString).appendingPathComponent("Locales")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".xml") {
            result[name] = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name))
        }
        return result
    }

    static func export(_ project: String, _ format: String) throws -> String {
        let run = try TestSupport.brochure(["export", "--locale", "kk", "--format", format], in: project)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return (project as NSString).appendingPathComponent("Output/kk.\(format == "po" ? "po" : "xlf")")
    }

    @Test func xliffFollowsTheOASISSchemaAndTranslateToolkitReadsIt() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = try Self.export(project, "xliff")
        // The OASIS schema imports the W3C xml.xsd from the web: point it at Debian's copy.
        let schema = try String(contentsOfFile: Self.schema, encoding: .utf8)
            .replacingOccurrences(of: "http://www.w3.org/2001/xml.xsd", with: "/usr/share/xml/docbook/schema/xsd/5.0/xml.xsd")
        let local = (project as NSString).appendingPathComponent("xliff_core_2.0.xsd")
        try schema.write(toFile: local, atomically: true, encoding: .utf8)
        let xmllint = try TestSupport.run("/usr/bin/xmllint", ["--noout", "--nonet", "--schema", local, file])
        #expect(xmllint.status == 0, "\(xmllint.stderr)")
        let toolkit = try TestSupport.run("/usr/bin/env", ["python3", "-c", """
            import sys
            from translate.storage import xliff2
            store = xliff2.Xliff2File.parsefile(sys.argv[1])
            unit = [u for u in store.units if u.getid() == "message.location.text"][0]
            print(len(store.units), unit.source.startswith("<place>{region}</place>") or unit.source.startswith("{region}"), "Алматы" not in unit.source)
            """, file])
        #expect(toolkit.status == 0, "\(toolkit.stderr)")
        #expect(toolkit.stdout.hasPrefix("85 "), "\(toolkit.stdout)")
    }

    @Test func poPassesMsgfmtAndPocount() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = try Self.export(project, "po")
        let msgfmt = try TestSupport.run("/usr/bin/msgfmt", ["-c", "-o", "/dev/null", file])
        #expect(msgfmt.status == 0 && msgfmt.stderr.isEmpty, "\(msgfmt.stderr)")
        let pocount = try TestSupport.run("/usr/bin/env", ["pocount", "--short", file])
        #expect(pocount.status == 0, "\(pocount.stderr)")
        #expect(pocount.stdout.contains("strings: total: 85") && pocount.stdout.contains("100%"), "\(pocount.stdout)")
    }

    @Test(arguments: ["xliff", "po"])
    func importingAnUnchangedExportChangesNothing(format: String) throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let before = try Self.locales(project)
        let file = try Self.export(project, format)
        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("0 applied, 85 unchanged, 0 refused"), "\(run.stdout)")
        #expect(try Self.locales(project) == before)
    }

    @Test func translatorsEditsComeBackExactly() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = try Self.export(project, "xliff")
        var text = try String(contentsOfFile: file, encoding: .utf8)
        // 1. A target changed.
        text = text.replacingOccurrences(of: "<target>Негізгі деректер</target>", with: "<target>Басты деректер</target>")
        // 2. A unit marked reviewed.
        let community = try #require(text.range(of: "<unit id=\"message.community.title\""))
        let state = try #require(text.range(of: "<segment state=\"translated\">", range: community.upperBound..<text.endIndex))
        text.replaceSubrange(state, with: "<segment state=\"reviewed\">")
        // 3. One broken tag: the place code turned into one Brochure never writes.
        let location = try #require(text.range(of: "<unit id=\"message.location.text\""))
        let target = try #require(text.range(of: "<target><pc id=\"1\" type=\"fmt\" subType=\"brochure:place\">", range: location.upperBound..<text.endIndex))
        text.replaceSubrange(target, with: "<target><pc id=\"1\" type=\"fmt\" subType=\"brochure:script\">")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let brokenLine = text[..<location.lowerBound].filter { $0 == "\n" }.count + 1

        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 1)
        #expect(run.stdout.contains("2 applied"), "\(run.stdout)")
        #expect(run.stderr.contains("Output/kk.xlf:\(brokenLine):1: error: [refused] message \"location.text\" is not applied"), "\(run.stderr)")
        #expect(run.stderr.contains("brochure:script"))
        let kk = try String(contentsOfFile: (project as NSString).appendingPathComponent("Locales/kk.xml"), encoding: .utf8)
        #expect(kk.contains(">Басты деректер</message>"))
        #expect(kk.contains("key=\"community.title\"") && kk.range(of: #"key="community.title"[^>]*state="reviewed""#, options: .regularExpression) != nil)
        // Everything still validates.
        let validate = try TestSupport.brochure(["validate", "--locale", "kk"], in: project)
        #expect(validate.status == 0, "\(validate.stdout)")
    }

    /// Entries that share a line, in another order than the source's (a table written on one
    /// line, reordered), are each edited in place: edits go in file order, column included.
    @Test func editsLandInEntriesThatShareALine() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let path = (project as NSString).appendingPathComponent("Locales/kk.xml")
        let table = try String(contentsOfFile: path, encoding: .utf8)
        let open = try #require(table.range(of: #"<locale[^>]*>"#, options: .regularExpression))
        let close = try #require(table.range(of: "</locale>", options: .backwards))
        let entries = try NSRegularExpression(pattern: #"<(message|term)\b.*?</\1>"#, options: [.dotMatchesLineSeparators])
        let inner = String(table[open.upperBound..<close.lowerBound])
        let found = entries.matches(in: inner, range: NSRange(inner.startIndex..., in: inner)).map { String(inner[Range($0.range, in: inner)!]) }
        #expect(found.count > 20)
        let oneLine = found.reversed().map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " ")
        try (String(table[..<open.upperBound]) + oneLine + "</locale>\n").write(toFile: path, atomically: true, encoding: .utf8)
        let file = try Self.export(project, "xliff")
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "<target>Негізгі деректер</target>", with: "<target>Басты деректер</target>")
        text = text.replacingOccurrences(of: "<target>Поляк диаспорасы</target>", with: "<target>Қазақстандағы поляктар</target>")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 applied"), "\(run.stdout)")
        let kk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(kk.contains(">Басты деректер</message>") && kk.contains(">Қазақстандағы поляктар</message>"))
    }

    @Test func aChangedSourceIsAConflictNotAnEdit() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = try Self.export(project, "po")
        var po = try String(contentsOfFile: file, encoding: .utf8)
        po = po.replacingOccurrences(of: "msgstr \"Поляк диаспорасы\"", with: "msgstr \"Қазақстандағы поляктар\"")
        try po.write(toFile: file, atomically: true, encoding: .utf8)
        // Meanwhile the Polish changes.
        let pl = (project as NSString).appendingPathComponent("Locales/pl.xml")
        let polish = try String(contentsOfFile: pl, encoding: .utf8).replacingOccurrences(of: ">Polonia</message>", with: ">Polonia w Kazachstanie</message>")
        try polish.write(toFile: pl, atomically: true, encoding: .utf8)
        let before = try String(contentsOfFile: (project as NSString).appendingPathComponent("Locales/kk.xml"), encoding: .utf8)
        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: [conflict] the Polish of message \"community.title\" changed since this file was exported"), "\(run.stderr)")
        #expect(try String(contentsOfFile: (project as NSString).appendingPathComponent("Locales/kk.xml"), encoding: .utf8) == before)
    }

    /// A note with a line break, CR LF included, stays on its one comment line of the PO file.
    @Test func aNoteWithALineBreakStaysOnItsCommentLine() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let pl = (project as NSString).appendingPathComponent("Locales/pl.xml")
        let polish = try String(contentsOfFile: pl, encoding: .utf8)
        #expect(polish.contains("<message key=\"about.title\">"))
        try polish.replacingOccurrences(of: "<message key=\"about.title\">", with: "<message key=\"about.title\" note=\"a&#13;&#10;b&#10;c\">")
            .write(toFile: pl, atomically: true, encoding: .utf8)
        let file = try Self.export(project, "po")
        let po = try String(contentsOfFile: file, encoding: .utf8)
        #expect(po.contains("#. a\r b c\n"), "\(po.prefix(2000))")
        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A PO file saved with Windows line ends (CR LF) reads as the same file with LF.
    @Test func aPOFileWithWindowsLineEndsIsRead() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = try Self.export(project, "po")
        var po = try String(contentsOfFile: file, encoding: .utf8)
        po = po.replacingOccurrences(of: "msgstr \"Поляк диаспорасы\"", with: "msgstr \"Қазақстандағы поляктар\"")
        try po.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 applied"), "\(run.stdout)")
        let kk = try String(contentsOfFile: (project as NSString).appendingPathComponent("Locales/kk.xml"), encoding: .utf8)
        #expect(kk.contains(">Қазақстандағы поляктар</message>") && !kk.contains("\r"))
    }

    /// A plural category Kazakh never uses, typed in a CAT tool, is refused like any check failure.
    @Test func importRunsTheValidateChecks() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let file = try Self.export(project, "po")
        var po = try String(contentsOfFile: file, encoding: .utf8)
        po = po.replacingOccurrences(of: "msgstr \"Деректер туралы\"", with: "msgstr \"Дерек{asOf, plural, few {тер} other {тер}} туралы\"")
        po = po.replacingOccurrences(of: "msgstr \"Поляк диаспорасы\"", with: "msgstr \"Пoляк диаспорасы\"")
        try po.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["import", file], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("message \"about.title\" is not applied"), "\(run.stderr)")
        #expect(run.stderr.contains("[plural]") || run.stderr.contains("[argument]"), "\(run.stderr)")
        #expect(run.stderr.contains("message \"community.title\" is not applied: mixed-script word"), "\(run.stderr)")
        #expect(run.stdout.contains("0 applied"))
    }
}
