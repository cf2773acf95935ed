import BrochureDiagnostics

/// Rewrites entries of a locale table in place — attributes of the start tag, and the content
/// when it changed — and appends new ones, leaving every other byte as it was.
struct TableEditor {
    private var tags: StartTagEditor
    private let bytes: [UInt8]
    private var appended = ""

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.tags = StartTagEditor(bytes)
    }

    /// Sets attributes (and removes others) on the entry's start tag; replaces its content when given.
    mutating func replace(_ entry: LocaleEntry, attributes: [String: String], removing: Set<String>, content: String?) -> Bool {
        tags.set(attributes, removing: removing, inTagAt: entry.location, content: content, endTag: "</\(entry.kind.rawValue)>")
    }

    mutating func append(kind: LocaleEntry.Kind, key: String, attributes: [String: String], content: String) {
        var tag = "  <\(kind.rawValue) key=\"\(key)\""
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) { tag += " \(name)=\"\(value)\"" }
        appended += tag + ">\(content)</\(kind.rawValue)>\n"
    }

    func result() -> [UInt8] {
        var out = tags.result()
        guard !appended.isEmpty, let close = out.lastRange(of: Array("</locale>".utf8)) else { return out }
        out.insert(contentsOf: Array(appended.utf8), at: close.lowerBound)
        return out
    }
}

extension Array where Element == UInt8 {
    func lastRange(of needle: [UInt8]) -> Range<Int>? {
        guard needle.count <= count else { return nil }
        var index = count - needle.count
        while index >= 0 {
            if self[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index -= 1
        }
        return nil
    }
}
