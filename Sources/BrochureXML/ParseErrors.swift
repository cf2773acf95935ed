import BrochureDiagnostics
import CBytes
import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libxml2's own errors, placed where the construct they are about begins.
///
/// libxml2 reports an error where its parser stands when it finds it: past an end tag that
/// does not match, past the `;` of an undefined entity, past the value of an attribute written
/// twice. Its columns are not quite the file's either (some of its loops count bytes, others
/// characters). So an error's place is the parser's offset in the file (as every other place
/// is), moved back in the file's bytes to the start of the construct the error is about: the
/// `<` of a tag, the `&` of a reference, the name of an attribute; an element left open at the
/// end of the file is reported at its start tag. libxml2's line and column are kept only when
/// the parser's offset is not on the line libxml2 names (a part of a file, DECISIONS #34).
///
/// All of this runs only when libxml2 reports an error: nothing is kept for it while a file
/// that reads is read.
extension TreeBuilder {
    func record(_ error: xmlError, ctxt: xmlParserCtxtPtr) {
        var message = error.message.map { String(cString: $0) } ?? "XML error"
        message = message.split(whereSeparator: \.isNewline).map { String($0.drop { $0 == " " || $0 == "\t" }) }.joined(separator: " ")
        // libxml2 suggests an option that turns off its safety limits; Brochure never sets it.
        if let hint = message.firstRange(of: " use XML_PARSE_HUGE option") {
            message = String(message[..<hint.lowerBound]) + " (Brochure allows at most 256 nested elements)"
        }
        if error.code == XML_ERR_INVALID_ENCODING.rawValue || message.hasPrefix("Input is not proper UTF-8"),
           let finding = EncodingErrors.notUTF8(file) {
            log.add(finding)
            return
        }
        let str1 = error.str1.map { String(cString: $0) }
        let str2 = error.str2.map { String(cString: $0) }
        let str3 = error.str3.map { String(cString: $0) }
        // The first fatal error stops libxml2's calls to the tree builder (it goes on parsing
        // to report more): until then, the builder's open elements are the parser's. The errors
        // that follow it are never placed before the place libxml2 gives them, so that the
        // first error stays the first one listed.
        let isFirst = ctxt.pointee.disableSAX == 0
        var at = parserOffset(ctxt, line: Int(error.line))
        var notes: [String] = []
        switch UInt32(bitPattern: error.code) {
        case XML_ERR_TAG_NAME_MISMATCH.rawValue:
            at = at.map(tagStart(before:))
            if let str1 { notes.append(openElementNote(str1, line: Int(error.int1), before: at, isFirst: isFirst)) }
        case XML_ERR_GT_REQUIRED.rawValue:
            if isFirst { at = at.map(tagStart(before:)) }
        case XML_ERR_TAG_NOT_FINISHED.rawValue:
            if let str1, let start = openElementStart(str1, line: Int(error.int1), before: at, isFirst: isFirst) {
                if isFirst { at = start }
                let name = writtenName(atTag: start) ?? str1
                let (line, column) = file.location(ofByte: start).lineAndColumn
                notes.append("the file ends inside <\(name)>, started at \(line):\(column): end it with </\(name)>")
            }
        case XML_ERR_UNDECLARED_ENTITY.rawValue, XML_WAR_UNDECLARED_ENTITY.rawValue:
            at = at.map(referenceStart(before:))
            notes.append(Self.entityNote(str1))
        case XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue, XML_ERR_INVALID_HEX_CHARREF.rawValue,
             XML_ERR_INVALID_DEC_CHARREF.rawValue, XML_ERR_INVALID_CHARREF.rawValue:
            at = at.map(referenceStart(before:))
        case XML_ERR_INVALID_CHAR.rawValue where message.hasPrefix("xmlParseCharRef"):
            at = at.map(referenceStart(before:))
        case XML_ERR_NAME_REQUIRED.rawValue where message.hasPrefix("xmlParseEntityRef"):
            at = at.map(referenceStart(before:))
        case XML_ERR_ATTRIBUTE_REDEFINED.rawValue:
            // libxml2 names a prefixed attribute as prefix, local name.
            if let str1, let found = at.flatMap({ lastAttribute(str2.map { "\(str1):\($0)" } ?? str1, before: $0) }) { at = found }
        case XML_ERR_ATTRIBUTE_WITHOUT_VALUE.rawValue:
            if let str1, let found = at.flatMap({ name(str1, endingBefore: $0) }) { at = found }
        case XML_NS_ERR_UNDEFINED_NAMESPACE.rawValue:
            // An attribute's prefix (prefix, attribute, element) or the element's (prefix, element).
            if let str1, let str2, str3 != nil {
                if let found = at.flatMap({ lastAttribute("\(str1):\(str2)", before: $0) }) { at = found }
            } else {
                at = at.map(tagStart(before:))
            }
        default:
            break
        }
        let location = at.map { file.location(ofByte: $0) }
            ?? SourceLocation(path: file.path, line: max(Int(error.line), 1), column: max(Int(error.int2), 1))
        let severity: Severity = error.level == XML_ERR_WARNING ? .warning : .error
        log.add(Diagnostic(severity, "xml", at: location, "\(message) [libxml2 \(error.code)]", notes: notes))
    }

    /// The parser's byte offset in the file, when it is on the line libxml2 reports.
    private func parserOffset(_ ctxt: xmlParserCtxtPtr, line: Int) -> Int? {
        guard ctxt.pointee.input != nil else { return nil }
        let at = max(0, min(offset(ctxt), file.bytes.count))
        return file.location(ofByte: at).line == line ? at : nil
    }

    /// The `<` of the tag the parser stands in or just after (the last `<` before `at`).
    private func tagStart(before at: Int) -> Int {
        file.bytes.withUnsafeBufferPointer { bytes in
            guard at > 0, let base = bytes.baseAddress else { return at }
            let found = brochure_last_byte(base, min(at, bytes.count), UInt8(ascii: "<"))
            return found >= 0 ? found : at
        }
    }

    /// The `&` of the entity or character reference the parser stands in or just after; `at`
    /// when the bytes before it are not a reference's.
    private func referenceStart(before at: Int) -> Int {
        file.bytes.withUnsafeBufferPointer { bytes in
            var index = min(at, bytes.count) - 1
            while index >= 0 && at - index <= 256 {
                switch bytes[index] {
                case UInt8(ascii: "&"): return index
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return at
                default: index -= 1
                }
            }
            return at
        }
    }

    /// The last attribute `name` written in the tag that holds `at`, before `at`.
    private func lastAttribute(_ name: String, before at: Int) -> Int? {
        var from = tagStart(before: at)
        var last: Int?
        while let found = attributeOffset(name, in: from..<min(at + 1, file.bytes.count)) {
            last = found
            from = found + name.utf8.count
        }
        return last
    }

    /// Where `name` starts when it ends before `at` and white space.
    private func name(_ name: String, endingBefore at: Int) -> Int? {
        file.bytes.withUnsafeBufferPointer { bytes in
            var end = min(at, bytes.count)
            while end > 0 && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
            let start = end - name.utf8.count
            guard start >= 0, bytes[start..<end].elementsEqual(name.utf8) else { return nil }
            return start
        }
    }

    /// The qualified name of the tag that starts at `offset`, as it is written.
    private func writtenName(atTag offset: Int) -> String? {
        file.bytes.withUnsafeBufferPointer { bytes in
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "<") else { return nil }
            var end = offset + 1
            while end < bytes.count && ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[end]) { end += 1 }
            return end > offset + 1 ? String(decoding: bytes[(offset + 1)..<end], as: UTF8.self) : nil
        }
    }

    /// What to do about an end tag that is not the open element's: which element is open,
    /// and where it starts (line and column when that is found, else the line libxml2 gives).
    private func openElementNote(_ local: String, line: Int, before at: Int?, isFirst: Bool) -> String {
        if let start = openElementStart(local, line: line, before: at, isFirst: isFirst) {
            let name = writtenName(atTag: start) ?? local
            let (line, column) = file.location(ofByte: start).lineAndColumn
            return "<\(name)>, started at \(line):\(column), is the element open here: end it with </\(name)>"
        }
        let started = line > 0 ? ", started on line \(line)," : ""
        return "<\(local)>\(started) is the element open here: end it with </\(local)>"
    }

    /// Where the start tag of the element libxml2 names as open (by its local name and the
    /// line it starts on) begins. Up to the first fatal error, that is the innermost element of
    /// the tree built; after it, the tree is no longer built, and the start tag is the last
    /// one of that name on that line (before `at`, the error's place).
    private func openElementStart(_ local: String, line: Int, before at: Int?, isFirst: Bool) -> Int? {
        if isFirst, let open = innermostOpenElement, open.name == local, let offset = open.location.byteOffset { return offset }
        guard line > 0 else { return nil }
        return file.bytes.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var start = 0
            for _ in 1..<line {
                guard start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
                start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if let at, at >= start { end = min(end, at) }
            var last: Int?
            for index in start..<end where bytes[index] == UInt8(ascii: "<") {
                if let name = writtenName(atTag: index), name.split(separator: ":").last.map(String.init) == local { last = index }
            }
            return last
        }
    }

    /// What to write instead of an entity XML does not define: the character itself or its
    /// number. The HTML entities a text is most likely to hold are named with their characters.
    static func entityNote(_ name: String?) -> String {
        let five = "XML has only five named entities (&amp; &lt; &gt; &quot; &apos;)"
        guard let name, let value = htmlEntities[name], let scalar = Unicode.Scalar(value) else {
            return "\(five): write the character itself, or its number as &#…;"
        }
        let hex = String(value, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let named = scalar.properties.name.map { " \($0)" } ?? ""
        return "\(five): write the character itself (U+\(code)\(named)) or &#\(value);"
    }

    /// HTML entities a text is likely to hold, and their code points.
    static let htmlEntities: [String: UInt32] = [
        "nbsp": 0xA0, "shy": 0xAD, "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "minus": 0x2212,
        "laquo": 0xAB, "raquo": 0xBB, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
        "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "thinsp": 0x2009, "ensp": 0x2002,
        "emsp": 0x2003, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "deg": 0xB0, "times": 0xD7,
        "euro": 0x20AC, "middot": 0xB7, "bull": 0x2022, "sect": 0xA7, "para": 0xB6, "plusmn": 0xB1,
        "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE, "sup2": 0xB2, "sup3": 0xB3, "micro": 0xB5,
    ]
}
