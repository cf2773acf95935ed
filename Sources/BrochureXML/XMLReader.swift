public import BrochureDiagnostics
import CLibXML2

/// Reads XML with libxml2, hardened: no network, no DTD, no entities beyond XML's own,
/// UTF-8 only, a size cap. The libxml2 context is freed before a pure Swift tree is returned.
public enum XMLReader {
    /// Inputs larger than this are refused before libxml2 sees them (docs/DECISIONS.md).
    public static let maximumInputSize = 32 * 1024 * 1024
    /// The namespace of `xml:` attributes (`xml:lang`).
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Parses `bytes` (the contents of `path`) into its root element.
    ///
    /// With `rootChild`, each child element of the root is handed to it when it ends, with the
    /// child's content in flat form (the child itself comes without children), and is not
    /// kept: a large file of independent entries is read without its whole tree in memory.
    /// The returned root then holds only its text children that are not layout (ASCII white
    /// space between elements is dropped). `rootStarted` is handed the root element when its
    /// start tag has been read (with its attributes, before any child): the root is not handed
    /// to each child's call (a value handed through a closure is copied each time).
    ///
    /// `knownNames`: names and namespaces the caller expects, given as string literals. A
    /// name read that equals one of them is that literal: a literal string is never counted,
    /// so the many copies of a long name (a namespace on every element) cost no atomic
    /// reference counting.
    ///
    /// `keepsLayout: false`: text of XML white space only (spaces, tabs, line breaks) is not
    /// kept anywhere in the tree, for a file whose elements hold no text of their own (a
    /// template): the layout between its thousands of elements is never read.
    public static func parse(_ bytes: [UInt8], path: String, knownNames: [String] = [], keepsLayout: Bool = true,
                             rootStarted: ((_ root: XMLElement) -> Void)? = nil,
                             rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)? = nil) throws(DiagnosticError) -> XMLElement {
        if let refusal = refusal(bytes, path: path) { throw refusal }
        return try parse(SourceFile(path: path, bytes: bytes), knownNames: knownNames, keepsLayout: keepsLayout,
                         rootStarted: rootStarted, rootChild: rootChild)
    }

    /// Parses `file` whole, its bytes already found readable (`refusal(_:path:)` is nil).
    public static func parse(_ file: SourceFile, knownNames: [String] = [], keepsLayout: Bool = true,
                             rootStarted: ((_ root: XMLElement) -> Void)? = nil,
                             rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)? = nil) throws(DiagnosticError) -> XMLElement {
        let everything = DocumentPart(head: nil, body: 0..<file.bytes.count, tail: [])
        return try parse(everything, of: file, knownNames: knownNames, keepsLayout: keepsLayout, strict: false,
                         rootStarted: rootStarted, rootChild: rootChild)
    }

    /// Parses one part of `file` (`split(_:into:minimumSize:)`) as the document it makes: its
    /// root element, with the children that stand in the part. Places are the file's.
    ///
    /// Any finding at all, warning or error, is thrown: a part is read only to be joined with
    /// the others, and a file with findings is read again whole, where they have their places
    /// (libxml2's own line and column count the bytes it was handed).
    public static func parse(part: DocumentPart, of file: SourceFile, knownNames: [String] = [], keepsLayout: Bool = true,
                             rootStarted: ((_ root: XMLElement) -> Void)? = nil,
                             rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)? = nil) throws(DiagnosticError) -> XMLElement {
        try parse(part, of: file, knownNames: knownNames, keepsLayout: keepsLayout, strict: true, rootStarted: rootStarted, rootChild: rootChild)
    }

    /// Why `bytes` are not read at all (too large, not UTF-8), or nil.
    public static func refusal(_ bytes: [UInt8], path: String) -> DiagnosticError? {
        bytes.withUnsafeBufferPointer { refusal($0, path: path) }
    }

    /// Why a file's bytes are not read at all (too large, not UTF-8), or nil.
    public static func refusal(_ bytes: FileBytes, path: String) -> DiagnosticError? {
        bytes.withUnsafeBufferPointer { refusal($0, path: path) }
    }

    private static func refusal(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> DiagnosticError? {
        if bytes.count > maximumInputSize {
            return DiagnosticError(Diagnostic(.error, "xml", at: .file(path),
                "file too large (\(bytes.count) bytes > \(maximumInputSize) bytes)",
                notes: ["split the file, or check that it is the file you meant"]))
        }
        // Bytes that are not UTF-8 in a file that declares UTF-8 or nothing are found by libxml2 as it
        // reads them, and reported at the first of them (`EncodingErrors.notUTF8`).
        if let other = otherEncoding(bytes) {
            return DiagnosticError(Diagnostic(.error, "encoding", at: .file(path),
                "the file is in \(other); Brochure reads UTF-8 only",
                notes: [EncodingErrors.saveAsUTF8]))
        }
        if let declared = declaredEncoding(bytes), declared.lowercased() != "utf-8" {
            return DiagnosticError(Diagnostic(.error, "encoding", at: declarationPlace(bytes, path: path),
                "the file declares encoding \"\(declared)\"; Brochure reads UTF-8 only",
                notes: [EncodingErrors.saveAsUTF8 + ", and declare encoding=\"UTF-8\" or none"]))
        }
        return nil
    }

    /// Where `encoding` stands in the XML declaration (1:1 if it is not found): asked for only
    /// when the file is refused for the encoding it declares.
    private static func declarationPlace(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> SourceLocation {
        let end = bytes.firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
        let word = Array("encoding".utf8)
        guard word.count <= end,
              let found = (0...(end - word.count)).first(where: { bytes[$0..<($0 + word.count)].elementsEqual(word) }) else { return .file(path) }
        var line = 1, column = 1
        for byte in bytes[..<found] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    private static func parse(_ part: DocumentPart, of file: SourceFile, knownNames: [String], keepsLayout: Bool, strict: Bool,
                              rootStarted: ((_ root: XMLElement) -> Void)?,
                              rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)?) throws(DiagnosticError) -> XMLElement {
        let path = file.path
        LibXML2.initializeOnce()
        let builder = TreeBuilder(file: file)
        builder.rootStarted = rootStarted
        builder.rootChild = rootChild
        builder.keepsLayout = keepsLayout
        builder.knownNames = knownNames + TreeBuilder.xmlNames
        builder.map = StreamMap(part)
        guard let ctxt = xmlNewParserCtxt() else {
            throw DiagnosticError(Diagnostic(.error, "xml", at: .file(path), "libxml2 could not create a parser"))
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }
        ctxt.pointee._private = unmanaged.toOpaque()
        builder.install(on: ctxt)

        // UTF-8 is libxml2's own encoding. Named, it would put every byte through a converter
        // that copies it (the input twice in memory, 64 KiB at a time). So no encoding is named
        // and the declaration's is ignored: the other encodings libxml2 detects from the first
        // bytes, and every declared one, are refused above.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        // libxml2 reads the bytes through a callback, a few kilobytes at a time, as it reads
        // a file: from memory (`xmlCtxtReadMemory`) it would first copy the whole input into
        // a buffer of its own, touching as much new memory again. A part is handed over as the
        // pieces it is made of (the root's start tag, its range of the file, the root's end tag).
        let doc = file.bytes.withUnsafeBufferPointer { bytes in
            part.tail.withUnsafeBufferPointer { tail in
                func piece(_ range: Range<Int>?) -> UnsafeRawBufferPointer {
                    range.map { UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[$0])) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
                }
                var feed = Feed(pieces: [piece(part.head), piece(part.body), UnsafeRawBufferPointer(tail)])
                return withUnsafeMutablePointer(to: &feed) { cursor in
                    xmlCtxtReadIO(ctxt, { context, destination, length in
                        guard let context, let destination, length > 0 else { return 0 }
                        let feed = context.assumingMemoryBound(to: Feed.self)
                        return Int32(feed.pointee.give(into: UnsafeMutableRawPointer(destination), Int(length)))
                    }, nil, cursor, path, nil, options)
                }
            }
        }
        if let doc { xmlFreeDoc(doc) }
        if ctxt.pointee.wellFormed == 0 && !builder.log.hasErrors {
            builder.log.error("xml", at: .file(path), "the file is not well-formed XML")
        }
        if strict && !builder.log.all.isEmpty { throw DiagnosticError(builder.log.sorted) }
        try builder.log.throwIfErrors()
        guard let root = builder.root else {
            throw DiagnosticError(Diagnostic(.error, "xml", at: .file(path), "the file has no root element"))
        }
        return root
    }

    /// The bytes handed to libxml2, piece after piece.
    private struct Feed {
        var pieces: [UnsafeRawBufferPointer]
        var index = 0

        init(pieces: [UnsafeRawBufferPointer]) { self.pieces = pieces }

        /// Copies up to `length` bytes to `destination`; 0 at the end.
        mutating func give(into destination: UnsafeMutableRawPointer, _ length: Int) -> Int {
            while index < pieces.count && pieces[index].isEmpty { index += 1 }
            guard index < pieces.count, let from = pieces[index].baseAddress else { return 0 }
            let count = min(length, pieces[index].count)
            destination.copyMemory(from: from, byteCount: count)
            pieces[index] = UnsafeRawBufferPointer(rebasing: pieces[index][count...])
            return count
        }
    }

    /// The encoding other than UTF-8 that libxml2 would find in the first bytes of `bytes`
    /// (`xmlDetectCharEncoding`): UCS-4 and UTF-16 by the zero bytes around `<` or `<?`, or by
    /// a byte order mark; EBCDIC by `<?xm` in code page 37. Nil otherwise (UTF-8, with or
    /// without its mark, or bytes libxml2 reads as UTF-8 and reports on).
    static func otherEncoding(_ bytes: some Collection<UInt8>) -> String? {
        let first = Array(bytes.prefix(4))
        switch first {
        case [0x00, 0x00, 0x00, 0x3C], [0x3C, 0x00, 0x00, 0x00], [0x00, 0x00, 0x3C, 0x00], [0x00, 0x3C, 0x00, 0x00]: return "UCS-4"
        case [0x00, 0x3C, 0x00, 0x3F], [0x3C, 0x00, 0x3F, 0x00]: return "UTF-16"
        case [0x4C, 0x6F, 0xA7, 0x94]: return "EBCDIC"
        default: return first.starts(with: [0xFE, 0xFF]) || first.starts(with: [0xFF, 0xFE]) ? "UTF-16" : nil
        }
    }

    /// The encoding named in the XML declaration (after a UTF-8 byte order mark), if any.
    static func declaredEncoding(_ bytes: some Collection<UInt8>) -> String? {
        let prefix = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard prefix.starts(with: Array("<?xml".utf8)),
              let end = prefix.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: prefix[..<end], as: UTF8.self)
        guard let found = declaration.firstRange(of: "encoding") else { return nil }
        let rest = declaration[found.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}

/// Process-wide libxml2 set-up: done once, before any parse.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        // Defence in depth: no external entity, DTD or schema include is ever fetched
        // through the global loader. Our schemas are read from memory.
        xmlSetExternalEntityLoader { _, _, ctxt in
            if let ctxt, let raw = ctxt.pointee._private {
                let builder = Unmanaged<TreeBuilder>.fromOpaque(raw).takeUnretainedValue()
                builder.refuse("an external resource was requested; Brochure loads none", ctxt: ctxt)
            }
            return nil
        }
        return true
    }()

    static func initializeOnce() { _ = initialized }
}
