public import BrochureDiagnostics
import FoundationEssentials

/// `validate --accept LANG KEY…`: a translator has checked these translations against the
/// current Polish; record the Polish fingerprint on each entry (and the Polish text in the
/// archive, so a later change can show what it was). Only those attributes change in the file.
public enum AcceptAction {
    public struct Result: Sendable {
        public var accepted: [String]
        public var path: String
    }

    public static func run(_ project: Project, language: String, keys: [String], all: Bool) throws(DiagnosticError) -> Result {
        guard let table = project.table(language), !table.isSource else {
            throw DiagnosticError(Diagnostic(.error, "usage", at: .file(Project.relative("Locales", project.root)),
                                             "--accept needs a translated table; \"\(language)\" is " + (project.table(language) == nil ? "not a table" : "the source")))
        }
        let source = project.sourceTable
        var entries: [LocaleEntry] = []
        if all {
            entries = table.allEntries
        } else {
            for key in Set(keys).sorted() {
                // A key may name a message and a term at once: accept both.
                let found = [table.messages[key], table.terms[key]].compactMap { $0 }
                guard !found.isEmpty else {
                    throw DiagnosticError(Diagnostic(.error, "usage", at: table.location, "\(table.path) has no message or term \"\(key)\""))
                }
                entries.append(contentsOf: found)
            }
        }
        let bytes = try InputFile.bytes(table.path)
        var archive = try SourceArchive.load(root: project.root, language: source.language)
        var accepted: [String] = []
        var editor = StartTagEditor(bytes)
        for entry in entries.sorted(by: { $0.location < $1.location }) {
            let original = entry.kind == .message ? source.messages[entry.key] : source.terms[entry.key]
            guard let original else { continue } // obsolete: nothing to accept against
            var attributes = ["source-fingerprint": original.fingerprint]
            if entry.state == .new || entry.state == .needsReview { attributes["state"] = TranslationState.translated.rawValue }
            guard editor.set(attributes, inTagAt: entry.location) else {
                throw DiagnosticError(Diagnostic(.error, "io", at: entry.location, "cannot find the start tag to update"))
            }
            archive.record(key: entry.key, text: original.canonicalText)
            accepted.append(entry.key)
        }
        try write(editor.result(), to: table.path)
        let archivePath = archive.path
        try? FileManager.default.createDirectory(atPath: PathName.parent(archivePath), withIntermediateDirectories: true)
        try write(Array(archive.serialized().utf8), to: archivePath)
        return Result(accepted: accepted.sorted(), path: table.path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(DiagnosticError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DiagnosticError(Diagnostic(.error, "io", at: .file(path), "cannot write: \(OutputFolder.reason(error))"))
        }
    }
}

/// Sets attributes in start tags of an XML file, leaving every other byte as it was.
/// Edits are given in file order and applied in one pass.
struct StartTagEditor {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    private var edits: [(range: Range<Int>, replacement: [UInt8])] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
    }

    /// Rewrites the start tag at `location`; false when there is none.
    mutating func set(_ attributes: [String: String], inTagAt location: SourceLocation) -> Bool {
        set(attributes, removing: [], inTagAt: location, content: nil, endTag: "")
    }

    /// Rewrites the start tag at `location` (setting and removing attributes) and, when `content`
    /// is given, everything up to the end tag `endTag`.
    mutating func set(_ attributes: [String: String], removing: Set<String>, inTagAt location: SourceLocation,
                      content: String?, endTag: String) -> Bool {
        guard let start = offset(of: location), start < bytes.count, bytes[start] == UInt8(ascii: "<"),
              edits.last.map({ $0.range.upperBound <= start }) ?? true else { return false }
        var end = start
        var quote: UInt8?
        while end < bytes.count {
            let byte = bytes[end]
            if let q = quote { if byte == q { quote = nil } } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte } else if byte == UInt8(ascii: ">") { break }
            end += 1
        }
        guard end < bytes.count else { return false }
        var tag = String(decoding: bytes[start..<end], as: UTF8.self)
        let selfClosing = tag.hasSuffix("/")
        if selfClosing { tag.removeLast() }
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            if let range = tag.firstRange(of: " \(name)=\"") {
                let valueStart = range.upperBound
                guard let close = tag[valueStart...].firstIndex(of: "\"") else { return false }
                tag.replaceSubrange(valueStart..<close, with: value)
            } else {
                while tag.last == " " { tag.removeLast() }
                tag += " \(name)=\"\(value)\""
            }
        }
        for name in removing {
            if let range = tag.firstRange(of: " \(name)=\"") {
                guard let close = tag[range.upperBound...].firstIndex(of: "\"") else { return false }
                tag.removeSubrange(range.lowerBound...close)
            }
        }
        guard let content else {
            if selfClosing { tag += "/" }
            edits.append((start..<end, Array(tag.utf8)))
            return true
        }
        // Replace the content too: from the start tag to the end of the end tag.
        var elementEnd = end + 1
        if !selfClosing {
            let needle = Array(endTag.utf8)
            var index = end + 1
            while index + needle.count <= bytes.count && !bytes[index..<index + needle.count].elementsEqual(needle) { index += 1 }
            guard index + needle.count <= bytes.count else { return false }
            elementEnd = index + needle.count
        }
        edits.append((start..<elementEnd, Array((tag + ">" + content + endTag).utf8)))
        return true
    }

    /// The file with every edit applied.
    func result() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.count * 40)
        var from = 0
        for edit in edits {
            out.append(contentsOf: bytes[from..<edit.range.lowerBound])
            out.append(contentsOf: edit.replacement)
            from = edit.range.upperBound
        }
        out.append(contentsOf: bytes[from...])
        return out
    }

    /// The byte offset of a line:column (column in Unicode scalars).
    private func offset(of location: SourceLocation) -> Int? {
        // A location read from the file is its byte offset already (the file as it was read).
        if let byte = location.byteOffset { return byte }
        guard location.line >= 1, location.line <= lineStarts.count else { return nil }
        var index = lineStarts[location.line - 1]
        var column = 1
        while column < location.column && index < bytes.count {
            index += 1
            while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }
}
