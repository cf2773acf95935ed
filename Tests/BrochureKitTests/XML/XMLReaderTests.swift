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

    /// At the `&` itself (libxml2 reports the place after it).
    @Test func bareAmpersandIsPositioned() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n<s>\n  <s id=\"a\">Zażółć gęślą jaźń & co</s></s></r>") }
        #expect(d?.location == SourceLocation(path: "t.xml", line: 3, column: 31))
        #expect(d?.message.contains("xmlParseEntityRef: no name") == true)
        let inValue = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m a=\"Қ & y\">y</m>\n</r>") }
        #expect(inValue?.location == SourceLocation(path: "t.xml", line: 2, column: 11))
    }

    /// Reads `text` whole and again with its root's children read flat (as a locale table is),
    /// and returns the first finding of each.
    static func bothWays(_ text: String) -> [Diagnostic?] {
        [TestSupport.firstDiagnostic { _ = try TestSupport.parse(text) },
         TestSupport.firstDiagnostic { _ = try XMLReader.parse(Array(text.utf8), path: "t.xml", rootChild: { _, _ in }) }]
    }

    /// libxml2 reports a mismatched end tag after its `>`: it is placed at its `<`, with a note
    /// naming the element open there and where that starts.
    @Test func mismatchedEndTagIsPlacedAtItsStartWithTheOpenElement() {
        for d in Self.bothWays("<r>\n  <m>Қаз <place>x</plac> y</m>\n</r>") {
            #expect(d?.location == SourceLocation(path: "t.xml", line: 2, column: 18))
            #expect(d?.check == "xml")
            #expect(d?.message == "Opening and ending tag mismatch: place line 2 and plac [libxml2 76]")
            #expect(d?.notes == ["<place>, started at 2:10, is the element open here: end it with </place>"])
        }
        // An inline element left open: the end tag of the one around it is where it shows.
        for d in Self.bothWays("<r>\n  <m>Қаз <em>x</m>\n</r>") {
            #expect(d?.location == SourceLocation(path: "t.xml", line: 2, column: 15))
            #expect(d?.notes == ["<em>, started at 2:10, is the element open here: end it with </em>"])
        }
        // The open element's name as written, with its prefix.
        let prefixed = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r xmlns:p=\"urn:p\">\n<p:m>Қ</p:n>\n</r>") }
        #expect(prefixed?.location == SourceLocation(path: "t.xml", line: 2, column: 7))
        #expect(prefixed?.notes == ["<p:m>, started at 2:1, is the element open here: end it with </p:m>"])
        // After a first error libxml2 no longer builds the tree, and goes on: the open element
        // is found on the line libxml2 gives, the last of its name there. Errors that follow the
        // first are not placed before it (the start tag of an element open at the end is not
        // where that error stands then).
        do {
            _ = try TestSupport.parse("<r>\n  <m>a&nbsp;b</m> <m><place>1</place> <place>x</plac></m>\n  <m><em>y</m>\n")
            Issue.record("expected errors")
        } catch {
            let found = error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message) \($0.notes)" }
            #expect(found == [
                "2:7 Entity 'nbsp' not defined [libxml2 26] [\"XML has only five named entities (&amp; &lt; &gt; &quot; &apos;): write the character itself (U+00A0 NO-BREAK SPACE) or &#160;\"]",
                "2:47 Opening and ending tag mismatch: place line 2 and plac [libxml2 76] [\"<place>, started at 2:39, is the element open here: end it with </place>\"]",
                "3:11 Opening and ending tag mismatch: em line 3 and m [libxml2 76] [\"<em>, started at 3:6, is the element open here: end it with </em>\"]",
                "4:1 Premature end of data in tag m line 3 [libxml2 77] [\"the file ends inside <m>, started at 3:3: end it with </m>\"]",
            ])
        }
    }

    /// An element still open at the end of the file is reported at its start tag; a start tag
    /// cut off by the end, at its `<`.
    @Test func elementOpenAtTheEndIsPlacedAtItsStartTag() {
        for d in Self.bothWays("<r>\n  <m>Қаз <em>x") {
            #expect(d?.location == SourceLocation(path: "t.xml", line: 2, column: 10))
            #expect(d?.message == "Premature end of data in tag em line 2 [libxml2 77]")
            #expect(d?.notes == ["the file ends inside <em>, started at 2:10: end it with </em>"])
        }
        let cut = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m>Қаз <em") }
        #expect(cut?.location == SourceLocation(path: "t.xml", line: 2, column: 10))
        #expect(cut?.message == "Couldn't find end of Start Tag em line 2 [libxml2 73]")
    }

    /// Undefined entities and bad character references are placed at their `&`, in text and in
    /// attribute values.
    @Test func referencesArePlacedAtTheirAmpersand() {
        let text = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m>Қаз&nbsp;x</m>\n</r>") }
        #expect(text?.location == SourceLocation(path: "t.xml", line: 2, column: 9))
        let value = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m a=\"Қаз&mdash;\">y</m>\n</r>") }
        #expect(value?.location == SourceLocation(path: "t.xml", line: 2, column: 12))
        let characterReference = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m>Қаз&#x1;x</m>\n</r>") }
        #expect(characterReference?.location == SourceLocation(path: "t.xml", line: 2, column: 9))
        #expect(characterReference?.message == "xmlParseCharRef: invalid xmlChar value 1 [libxml2 9]")
        let badDigits = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m>Қаз&#xZZ;x</m>\n</r>") }
        #expect(badDigits?.location == SourceLocation(path: "t.xml", line: 2, column: 9))
        let noSemicolon = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m>Қаз&nbsp x</m>\n</r>") }
        #expect(noSemicolon?.location == SourceLocation(path: "t.xml", line: 2, column: 9))
        // A raw control character is placed where it stands, as libxml2 has it.
        let raw = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m>Қаз\u{1}x</m>\n</r>") }
        #expect(raw?.location == SourceLocation(path: "t.xml", line: 2, column: 9))
    }

    /// Attribute errors are placed at the attribute's name: the second of two with one name, one
    /// without a value, one whose prefix is not declared.
    @Test func attributeErrorsArePlacedAtTheAttribute() {
        let twice = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m a=\"1\" a=\"2\">x</m>\n</r>") }
        #expect(twice?.location == SourceLocation(path: "t.xml", line: 2, column: 12))
        #expect(twice?.message == "Attribute a redefined [libxml2 42]")
        let prefixedTwice = TestSupport.firstDiagnostic {
            _ = try TestSupport.parse("<r xmlns:x=\"urn:x\">\n  <m x:a=\"x:a=\" b=\"2\"\n     x:a=\"3\">x</m>\n</r>")
        }
        #expect(prefixedTwice?.location == SourceLocation(path: "t.xml", line: 3, column: 6))
        let noValue = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m ключ \"1\">x</m>\n</r>") }
        #expect(noValue?.location == SourceLocation(path: "t.xml", line: 2, column: 6))
        #expect(noValue?.message == "Specification mandates value for attribute ключ [libxml2 41]")
        let undeclared = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <m b=\"Қ\" x:a=\"1\">y</m>\n</r>") }
        #expect(undeclared?.location == SourceLocation(path: "t.xml", line: 2, column: 12))
        let element = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>\n  <x:m>y</x:m>\n</r>") }
        #expect(element?.location == SourceLocation(path: "t.xml", line: 2, column: 3))
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

    /// XML's five named entities are all there are: a note says what to write instead, with the
    /// character and its number for the HTML entities a text is likely to hold.
    @Test func undefinedEntityNamesTheFix() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>a&nbsp;b</r>") }
        #expect(d?.message == "Entity 'nbsp' not defined [libxml2 26]")
        #expect(d?.notes == ["XML has only five named entities (&amp; &lt; &gt; &quot; &apos;): write the character itself (U+00A0 NO-BREAK SPACE) or &#160;"])
        let dash = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>a&ndash;b</r>") }
        #expect(dash?.notes == ["XML has only five named entities (&amp; &lt; &gt; &quot; &apos;): write the character itself (U+2013 EN DASH) or &#8211;"])
        let unknown = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r>a&tenge;b</r>") }
        #expect(unknown?.notes == ["XML has only five named entities (&amp; &lt; &gt; &quot; &apos;): write the character itself, or its number as &#…;"])
    }

    @Test func processingInstructionIsRefused() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<r><?php echo 1; ?></r>") }
        #expect(d?.message.contains("processing instruction") == true)
    }

    /// A declared encoding is refused at the declaration's `encoding`, with the note every
    /// encoding finding has.
    @Test func otherEncodingsAreRefused() {
        let d = TestSupport.firstDiagnostic { _ = try TestSupport.parse("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><r/>") }
        #expect(d?.location == SourceLocation(path: "t.xml", line: 1, column: 21))
        #expect(d?.check == "encoding")
        #expect(d?.message == "the file declares encoding \"ISO-8859-2\"; Brochure reads UTF-8 only")
        #expect(d?.notes == ["save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8), and declare encoding=\"UTF-8\" or none"])
        let broken = TestSupport.firstDiagnostic { _ = try TestSupport.parse("\u{FEFF}<?xml version=\"1.0\"\r\n  encoding\n=\n'windows-1250'?><r/>") }
        #expect(broken?.location == SourceLocation(path: "t.xml", line: 2, column: 3))
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
            #expect(d?.check == "encoding")
            #expect(d?.notes == ["save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8)"])
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
        #expect(d?.location == SourceLocation(path: "w.xml", line: 2, column: 3))
        #expect(d?.check == "encoding")
        #expect(d?.message == "the file is not UTF-8: byte 0xBF here cannot be read as UTF-8")
        #expect(d?.notes == ["the file looks like Windows-1250 or ISO-8859-2 (Central European), where 0xBF is \"ż\"",
                             "save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8)"])
        // The first byte that is not UTF-8 in the file, after valid Kazakh and Polish letters,
        // in an attribute value; no guess when the bytes are no legacy encoding's letters.
        let late = Array("<r>\nҚаз ż <m a=\"x".utf8) + [0x81, 0x81, 0x90] + Array("\"/></r>".utf8)
        let found = TestSupport.firstDiagnostic { _ = try XMLReader.parse(late, path: "w.xml") }
        #expect(found?.location == SourceLocation(path: "w.xml", line: 2, column: 14))
        #expect(found?.message == "the file is not UTF-8: byte 0x81 here cannot be read as UTF-8")
        #expect(found?.notes == ["save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8)"])
    }

    /// UTF-8 as Unicode defines it: overlong forms, surrogates, code points above U+10FFFF and
    /// sequences cut short are not.
    @Test func firstByteThatIsNotUTF8() {
        let cases: [([UInt8], Int?)] = [
            (Array("Қазақ ż 😀".utf8), nil),
            ([0x41, 0xC0, 0x80], 1), ([0x41, 0xE0, 0x9F, 0xBF], 1), ([0x41, 0xED, 0xA0, 0x80], 1),
            ([0x41, 0xF4, 0x90, 0x80, 0x80], 1), ([0x41, 0xF0, 0x9F, 0x98], 1), ([0xD2, 0x9A, 0x80], 2), ([0xF8], 0),
        ]
        for (bytes, expected) in cases {
            #expect(bytes.withUnsafeBufferPointer { EncodingErrors.firstInvalidByte($0) } == expected, "\(bytes)")
        }
    }

    /// The legacy encoding a file looks like, from the letters its bytes that are not UTF-8
    /// would be.
    @Test func legacyEncodingIsGuessedFromItsLetters() {
        func guess(_ bytes: [UInt8]) -> String? { bytes.withUnsafeBufferPointer { LegacyEncoding.guess($0)?.name } }
        let polish = Array("Wsp".utf8) + [0xF3, 0xB3] + Array("praca z Lubelszczyzn".utf8)
        #expect(guess(polish + [0xB9]) == "Windows-1250 (Central European)")   // ą in Windows-1250
        #expect(guess(polish + [0xB1]) == "ISO-8859-2 (Central European)")     // ą in ISO-8859-2
        #expect(guess(polish) == "Windows-1250 or ISO-8859-2 (Central European)")
        let almaty: [UInt8] = [0xC0, 0xEB, 0xEC, 0xE0, 0xF2, 0xFB, 0x20, 0xEE, 0xE1, 0xEB, 0xFB, 0xF1, 0xFB]   // Алматы облысы
        #expect(guess(almaty) == "Windows-1251 (Cyrillic)")
        #expect(guess(almaty + [0x20, 0x8D, 0xE0, 0xE7, 0xE0, 0x9D, 0xF1, 0xF2, 0xE0, 0xED]) == "KZ-1048 (Kazakh)")   // Қазақстан
        #expect(guess([0x41, 0x81, 0x41, 0x90, 0x41, 0x98]) == nil)
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
