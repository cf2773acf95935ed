import BrochureDiagnostics
@testable import BrochureXML
import Testing

@Suite struct XMLReaderTests {
    @Test func elementsAttributesAndTextKeepTheirPlaces() throws {
        let root = try TestSupport.parse("<r a=\"x\">\n  <s  id=\"b\">Zażółć &amp; <em>gęślą</em></s>\n</r>")
        #expect(root.name == "r")
        #expect(root.location == SourceLocation(path: "t.xml", line: 1, column: 1))
        let s = root.elements[0]
        #expect(s.location == SourceLocation(path: "t.xml", line: 2, column: 3))
        #expect(s.attribute("id")?.location == SourceLocation(path: "t.xml", line: 2, column: 7))
        #expect(s.attribute("id")?.value == "b")
        guard case .text(let text) = s.children[0] else { Issue.record("expected text"); return }
        #expect(text.value == "Zażółć & ")
        #expect(text.location == SourceLocation(path: "t.xml", line: 2, column: 14))
        // The 8th scalar (index 7) is the "&" written as &amp; at column 21.
        #expect(text.location(ofScalar: 7) == SourceLocation(path: "t.xml", line: 2, column: 21))
        #expect(text.location(ofScalar: 8) == SourceLocation(path: "t.xml", line: 2, column: 26))
        #expect(s.elements[0].location == SourceLocation(path: "t.xml", line: 2, column: 27))
    }

    /// An attribute is found where it is written, not where an earlier attribute's value
    /// happens to hold its name and an equals sign.
    @Test func attributePlacesSkipQuotedValues() throws {
        let root = try TestSupport.parse("<r note=\"see key=x\" key=\"k\" other='a key=\"b\" c' last=\"1\"/>")
        #expect(root.attribute("note")?.location.column == 4)
        #expect(root.attribute("key")?.location.column == 21)
        #expect(root.attribute("other")?.location.column == 29)
        #expect(root.attribute("last")?.location.column == 49)
        let reordered = try TestSupport.parse("<r b=\"a=1 a=2\" a=\"3\"/>")
        #expect(reordered.attribute("a")?.location.column == 16)
    }

    /// Random start tags (names with prefixes, values with references, both quotes, white
    /// space and line breaks around `=`, values holding other names and `=`): each attribute is
    /// placed at its name, wherever libxml2 hands its value from.
    @Test func attributePlacesInRandomTags() throws {
        var random = SystemRandomNumberGenerator()
        let names = ["a", "key", "xml:lang", "x:b", "note", "source-fingerprint", "k2"]
        let values = ["", "v", "key=v", "a b", "&amp;", "x&#65;y", "\u{0416}\u{04D9}", " = ", "a=\"1\"", "'"]
        let spaces = [" ", "  ", "\n", "\t", "\r\n ", "\n\n  "]
        for _ in 0..<400 {
            var text = "<r xmlns:x=\"urn:x\""
            var expected: [(name: String, line: Int, column: Int)] = []
            for name in names.shuffled(using: &random).prefix(Int.random(in: 1...5, using: &random)) {
                text += spaces.randomElement(using: &random)!
                let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                expected.append((name, lines.count, lines.last!.count + 1))
                var value = values.randomElement(using: &random)!
                let quote = value.contains("\"") ? "'" : value.contains("'") ? "\"" : ["\"", "'"].randomElement(using: &random)!
                if quote == "'" { value = value.replacingOccurrences(of: "'", with: "&apos;") }
                text += name + [" ", "", "\n"].randomElement(using: &random)! + "=" + ["", " ", "\t"].randomElement(using: &random)! + quote + value + quote
            }
            text += "/>"
            let root = try TestSupport.parse(text)
            for (name, line, column) in expected {
                let parts = name.split(separator: ":").map(String.init)
                let attribute = parts.count == 2
                    ? root.attributes.first { $0.name == parts[1] && $0.namespace != nil }
                    : root.attributes.first { $0.name == name && $0.namespace == nil }
                #expect(attribute?.location.line == line && attribute?.location.column == column, "\(name) in \(text.debugDescription)")
            }
        }
    }

    /// libxml2 reads the input a few kilobytes at a time and drops what it has read
    /// (`XMLReader.parse`): in a long file, start tags, attribute values and texts fall across
    /// those pieces anywhere, and each is still placed where it is written.
    @Test func placesHoldAcrossTheReadersPieces() throws {
        var random = SystemRandomNumberGenerator()
        var text = "<r>"
        var expected: [(element: (line: Int, column: Int), attributes: [(line: Int, column: Int)], text: (line: Int, column: Int))] = []
        var line = 1
        var column = 4
        func add(_ piece: String) {
            for scalar in piece.unicodeScalars {
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            text += piece
        }
        for index in 0..<3000 {
            add(["\n", "\n  ", " ", ""].randomElement(using: &random)!)
            let element = (line, column)
            add("<e")
            var attributes: [(line: Int, column: Int)] = []
            for name in ["a", "key", "long"].prefix(Int.random(in: 1...3, using: &random)) {
                add([" ", "\n    ", "  "].randomElement(using: &random)!)
                attributes.append((line, column))
                let value = String(repeating: ["x", "ż", "ә", "key=v "].randomElement(using: &random)!, count: Int.random(in: 0...400, using: &random))
                add("\(name)=\"\(value)\"")
            }
            add(">")
            let textPlace = (line, column)
            add("t\(index) \(String(repeating: "Қазақ ", count: Int.random(in: 1...40, using: &random)))</e>")
            expected.append((element, attributes, textPlace))
        }
        text += "\n</r>"
        #expect(text.utf8.count > 500_000, "long enough for many pieces")
        let root = try TestSupport.parse(text)
        let elements = root.elements
        try #require(elements.count == expected.count)
        for (element, want) in zip(elements, expected) {
            #expect(element.location.line == want.element.line && element.location.column == want.element.column)
            #expect(element.attributes.map { [$0.location.line, $0.location.column] } == want.attributes.map { [$0.line, $0.column] })
            guard case .text(let content) = element.children.first else { Issue.record("expected text"); continue }
            #expect(content.location.line == want.text.line && content.location.column == want.text.column)
        }
    }

    @Test func ampersandInAttributeIsDecoded() throws {
        let root = try TestSupport.parse("<r a=\"x&amp;y&#65;&lt;\"/>")
        #expect(root[attribute: "a"] == "x&yA<")
        // An ampersand followed by a combining mark (its reference's `;` and the mark make one
        // Character), and references written out as text, are read as written.
        let marked = try TestSupport.parse("<r a=\"x&amp;&#x301;y &amp;&#x200D; &amp;#38; &amp;&amp;\"/>")
        #expect(marked[attribute: "a"] == "x&\u{301}y &\u{200D} &#38; &&")
    }

    @Test func cdataIsTextWithItsPlace() throws {
        let root = try TestSupport.parse("<r>ab<![CDATA[<i>]]>c</r>")
        let texts = root.children.compactMap { if case .text(let t) = $0 { t } else { nil } }
        #expect(texts.map(\.value) == ["ab", "<i>", "c"])
        #expect(texts[1].location.column == 15)
    }

    @Test func malformedXMLIsPositioned() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <s>Қазақ <b>тілі</s>\n</r>") }
        #expect(d?.location.line == 2)
        #expect(d?.severity == .error)
        #expect(d?.message.contains("Opening and ending tag mismatch") == true)
    }

    @Test func bareAmpersandIsPositioned() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n<s>\n  <s id=\"a\">Zażółć gęślą jaźń & co</s></s></r>") }
        #expect(d?.location == SourceLocation(path: "t.xml", line: 3, column: 32))
        #expect(d?.message.contains("xmlParseEntityRef: no name") == true)
    }

    @Test func doctypeIsRefused() {
        let d = TestSupport.firstDiagnostic {
            _ = try TestSupport.parse("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>")
        }
        #expect(d?.message.contains("DOCTYPE is not allowed") == true)
        #expect(d?.location.line == 2)
    }

    @Test func billionLaughsFailsFast() {
        var doc = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for i in 1...9 { doc += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        doc += "]><lolz>&lol9;</lolz>"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(TestSupport.firstDiagnostic { _ = try TestSupport.parse(doc) }?.message.contains("DOCTYPE") == true)
        }
        #expect(elapsed < .seconds(1))
    }

    @Test func undefinedEntityNamesTheFix() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>a&nbsp;b</r>") }
        #expect(d?.message.contains("nbsp") == true)
        #expect(d?.message.contains("&#160;") == true)
    }

    @Test func processingInstructionIsRefused() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r><?php echo 1; ?></r>") }
        #expect(d?.message.contains("processing instruction") == true)
    }

    @Test func otherEncodingsAreRefused() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><r/>") }
        #expect(d?.message.contains("UTF-8") == true)
    }

    @Test func declaredEncodingsAreFoundWhereverTheDeclarationPutsThem() {
        for declaration in ["<?xml version=\"1.0\" encoding\t=\t\"ISO-8859-2\"?>",
                            "<?xml version=\"1.0\"\r\n  encoding\n=\n'windows-1250'?>",
                            "\u{FEFF}<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?>",
                            "<?xml version=\"1.0\"" + String(repeating: " ", count: 300) + "encoding=\"KOI8-R\"?>"] {
            let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse(declaration + "<r/>") }
            #expect(d?.message.contains("Brochure reads UTF-8 only") == true, "\(declaration.debugDescription)")
        }
    }

    @Test func utf16AndUCS4AreRefusedByName() {
        // A gzip file (1F 8B 08 00) has a zero byte too, but libxml2 reads it as UTF-8: not named.
        #expect(XMLReader.otherEncoding([0x1F, 0x8B, 0x08, 0x00, 0x12]) == nil)
        let text = "<?xml version=\"1.0\"?><r>Қазақстан</r>"
        let cases: [([UInt8], String)] = [
            ([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16"),
            ([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "UTF-16"),
            (text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16"),
            (text.unicodeScalars.flatMap { [0, 0, 0, UInt8(truncatingIfNeeded: $0.value)] }, "UCS-4"),
            ([0x4C, 0x6F, 0xA7, 0x94, 0x40], "EBCDIC"),
        ]
        for (bytes, name) in cases {
            let d = TestSupport.firstDiagnostic { _ = try XMLReader.parse(bytes, path: "u.xml") }
            #expect(d?.message == "the file is in \(name); Brochure reads UTF-8 only")
            #expect(d?.location.path == "u.xml")
        }
    }

    @Test func utf8IsReadWithOrWithoutItsMark() throws {
        for prefix: [UInt8] in [[], [0xEF, 0xBB, 0xBF]] {
            let root = try XMLReader.parse(prefix + Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r>Әлем ғ қ ң ө ұ ү һ і</r>".utf8), path: "m.xml")
            #expect(root.directText == "Әлем ғ қ ң ө ұ ү һ і")
        }
    }

    @Test func invalidUTF8IsPositioned() {
        var bytes = Array("<r>\nZa".utf8)
        bytes += [0xBF, 0xF3, 0xB3, 0xE6]
        bytes += Array("</r>".utf8)
        let d = TestSupport.firstDiagnostic { _ = try XMLReader.parse(bytes, path: "w.xml") }
        #expect(d?.location.line == 2)
        #expect(d?.message.contains("UTF-8") == true)
        #expect(d?.message.contains("\n") == false)
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: XMLReader.maximumInputSize + 1)
        let d = TestSupport.firstDiagnostic { _ = try XMLReader.parse(bytes, path: "big.xml") }
        #expect(d?.message.contains("too large") == true)
    }

    @Test func gzipIsNotUnpacked() {
        let gzip: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
        let d = TestSupport.firstDiagnostic { _ = try XMLReader.parse(gzip, path: "pl.xml") }
        #expect(d?.location.line == 1)
        #expect(d?.severity == .error)
    }

    @Test func deepNestingIsAnError() {
        let doc = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse(doc) }
        #expect(d?.message.contains("depth") == true)
    }

    @Test func linesBeyond65535AreExact() {
        let doc = "<r>\n" + String(repeating: "<a/>\n", count: 70_000) + "<b>&</b></r>"
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse(doc) }
        #expect(d?.location.line == 70_002)
    }

    /// Found by fuzzing: a start tag cut off by the end of the file crashed the position code.
    @Test func startTagCutOffAtTheEndIsAnError() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\nDud<ylo.") }
        #expect(d?.severity == .error)
        #expect(d?.location.line == 2)
    }
}
