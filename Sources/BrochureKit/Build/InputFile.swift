public import BrochureDiagnostics
public import BrochureXML
import CFileSystem
import FoundationEssentials
import Glibc

/// Reads an input file from disk and parses it with the hardened XML reader.
public enum InputFile {
    /// Reads the bytes of `path`; a missing or unreadable file is a positioned error. The file
    /// is read straight into the array (its size from `fstat`), not through `Data`: a table of
    /// megabytes is neither copied nor held twice.
    public static func bytes(_ path: String) throws(DiagnosticError) -> [UInt8] {
        let (descriptor, status) = try open(path)
        defer { close(descriptor) }
        return try readAll(descriptor, size: Int(status.st_size), path: path)
    }

    /// Files at least this large are mapped (`contents`); smaller ones are read, which costs
    /// as little and keeps no mapping.
    static let mappingThreshold = 64 * 1024

    /// The bytes of the input file `path`, to parse: a regular file of `mappingThreshold`
    /// bytes or more is mapped read-only, its pages entered at once, instead of being read
    /// into fresh memory (DECISIONS 37). Should the file be cut shorter while it is mapped,
    /// the process ends with a message naming it and status 2 (`brochure_map_input`).
    public static func contents(_ path: String) throws(DiagnosticError) -> FileBytes {
        let (descriptor, status) = try open(path)
        defer { close(descriptor) }
        let size = Int(status.st_size)
        if status.st_mode & S_IFMT == S_IFREG && size >= mappingThreshold,
           // A file too large to read is mapped without its pages: only its size is looked at.
           let base = brochure_map_input(descriptor, size, path, size <= XMLReader.maximumInputSize ? 1 : 0) {
            return FileBytes(adopting: UnsafeMutableRawPointer(mutating: base), count: size) { base, count in
                brochure_unmap_input(base, count)
            }
        }
        return FileBytes(try readAll(descriptor, size: size, path: path))
    }

    /// Opens `path` for reading; a missing file, or a folder, is a positioned error.
    private static func open(_ path: String) throws(DiagnosticError) -> (descriptor: Int32, status: stat) {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), code == ENOENT || code == ENOTDIR ? "no such file"
                                                 : "cannot read the file: \(String(cString: strerror(code)))"))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), "cannot read the file: \(String(cString: strerror(code)))"))
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), "is a folder, not a file"))
        }
        return (descriptor, status)
    }

    /// Reads the file open on `descriptor` to its end, `size` (from `fstat`) its expected size.
    private static func readAll(_ descriptor: Int32, size: Int, path: String) throws(DiagnosticError) -> [UInt8] {
        // Read into uninitialised room for the size fstat gives and a byte more: a file that
        // grew meanwhile fills it, and is read on to its end.
        var failure: Int32?
        func readAll(into buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int) {
            while count < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failure = errno }
                if got <= 0 { break }
                count += got
            }
        }
        let room = max(size, 0) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: room) { readAll(into: $0, &$1) }
        var filled = bytes.count == room
        let chunk = max(room, 1 << 16)
        while failure == nil && filled {
            let more = [UInt8](unsafeUninitializedCapacity: chunk) { readAll(into: $0, &$1) }
            filled = more.count == chunk
            bytes += more
        }
        if let failure {
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), "cannot read the file: \(String(cString: strerror(failure)))"))
        }
        return bytes
    }

    /// Reads and parses `path`, checking that its root is `root` in `namespace`
    /// (`rootStarted` and `rootChild`: see `XMLReader.parse`).
    /// `namespace` and `knownNames` are best given as literals (see `XMLReader.parse`).
    public static func element(_ path: String, root: String, namespace: String, knownNames: [String] = [], keepsLayout: Bool = true,
                               rootStarted: ((_ root: XMLElement) -> Void)? = nil,
                               rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)? = nil) throws(DiagnosticError) -> XMLElement {
        let bytes = try contents(path)
        if let refusal = XMLReader.refusal(bytes, path: path) { throw refusal }
        return try element(SourceFile(path: path, contents: bytes), root: root, namespace: namespace, knownNames: knownNames,
                           keepsLayout: keepsLayout, rootStarted: rootStarted, rootChild: rootChild)
    }

    /// Parses `file` (its bytes found readable: `XMLReader.refusal`), checking that its root is
    /// `root` in `namespace`.
    static func element(_ file: SourceFile, root: String, namespace: String, knownNames: [String] = [], keepsLayout: Bool = true,
                        rootStarted: ((_ root: XMLElement) -> Void)? = nil,
                        rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)? = nil) throws(DiagnosticError) -> XMLElement {
        let element = try XMLReader.parse(file, knownNames: [namespace] + knownNames, keepsLayout: keepsLayout,
                                          rootStarted: rootStarted, rootChild: rootChild)
        guard element.name == root, element.namespace == namespace else {
            let found = element.namespace.map { "{\($0)}" } ?? ""
            throw DiagnosticError(Diagnostic(.error, "schema", at: element.location,
                "expected root element <\(root)> in namespace \(namespace), found <\(found)\(element.name)>",
                notes: ["is this the right kind of file? Put xmlns=\"\(namespace)\" on the root element"]))
        }
        return element
    }
}

/// Structural checks shared by the readers: allowed attributes and children, required values.
extension XMLElement {
    func schemaError(_ message: String, at location: SourceLocation? = nil, notes: [String] = []) -> DiagnosticError {
        DiagnosticError(Diagnostic(.error, "schema", at: location ?? self.location, message, notes: notes))
    }

    /// Throws at the first attribute not in `allowed` (namespaced ones other than xml:* included).
    func checkAttributes(_ allowed: Set<String>) throws(DiagnosticError) {
        try checkAttributes(Array(allowed))
    }

    func checkAttributes(_ allowed: [String]) throws(DiagnosticError) {
        for attribute in attributes where !allowed.contains(attribute.name) || (attribute.namespace != nil && attribute.namespace != "http://www.w3.org/XML/1998/namespace") {
            let list = allowed.sorted().joined(separator: ", ")
            throw schemaError("attribute \(attribute.name) is not allowed on <\(name)>", at: attribute.location,
                              notes: [allowed.isEmpty ? "<\(name)> takes no attributes" : "allowed: \(list)"])
        }
    }

    func required(_ attribute: String) throws(DiagnosticError) -> XMLAttribute {
        guard let found = self.attribute(attribute), !found.value.isEmpty else {
            throw schemaError("<\(name)> needs the attribute \(attribute)")
        }
        return found
    }

    /// Throws when the element holds non-whitespace text (for elements that hold only elements).
    func checkNoText() throws(DiagnosticError) {
        for child in children {
            // Only XML white space is layout: a no-break space or another Unicode space is text.
            if case .text(let text) = child, let index = text.value.unicodeScalars.firstIndex(where: { !Self.isXMLSpace($0) }) {
                let offset = text.value.unicodeScalars.distance(from: text.value.unicodeScalars.startIndex, to: index)
                let scalar = text.value.unicodeScalars[index]
                // A space one cannot see is named, or the finding would point at nothing visible.
                if scalar.properties.isWhitespace {
                    let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                    throw schemaError("a \(scalar.value == 0xA0 ? "no-break space" : "white-space character") (\(code)) stands directly inside <\(name)>; only spaces, tabs and line breaks may stand between elements",
                                      at: text.location(ofScalar: offset), notes: ["delete it, or move it into the text of an element"])
                }
                throw schemaError("text is not allowed directly inside <\(name)>", at: text.location(ofScalar: offset))
            }
        }
    }

    /// XML's white space (production S): space, tab, CR and LF.
    static func isXMLSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// An identifier attribute: letters, digits, `-`, `_`, `.`; starts with a letter.
    func identifier(_ attribute: String) throws(DiagnosticError) -> String {
        let found = try required(attribute)
        let value = found.value
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        let wellFormed = value.withUTF8Bytes { bytes in
            guard let first = bytes.first, isLetter(first) else { return false }
            return bytes.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
        }
        guard wellFormed else {
            throw schemaError("\(attribute)=\"\(value)\" is not an identifier (ASCII letters, digits, - _ . ; starting with a letter)", at: found.location)
        }
        return value
    }
}
