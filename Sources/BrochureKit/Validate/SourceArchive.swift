public import BrochureDiagnostics
import BrochureXML
import BrochureWriters
import FoundationEssentials

/// The Polish texts translations were made from, by fingerprint: `Locales/history/SOURCE.xml`.
/// It lets a stale finding show the old text next to the new one. `--accept` adds to it.
public struct SourceArchive: Sendable {
    public static let namespace = "urn:brochure:history:1"

    public var path: String
    public var language: String
    /// Fingerprint → (key, canonical text).
    public private(set) var texts: [String: (key: String, text: String)]

    public static func path(root: String, language: String) -> String {
        PathName.join(Project.relative("Locales", root), "history/\(language).xml")
    }

    /// Reads the archive; a missing file is an empty archive.
    public static func load(root: String, language: String) throws(DiagnosticError) -> SourceArchive {
        let path = path(root: root, language: language)
        var archive = SourceArchive(path: path, language: language, texts: [:])
        guard FileManager.default.fileExists(atPath: path) else { return archive }
        let element = try InputFile.element(path, root: "source-texts", namespace: namespace)
        for entry in element.elements {
            guard entry.name == "text" else { throw entry.schemaError("<\(entry.name)> is not allowed here; expected <text>") }
            try entry.checkAttributes(["fingerprint", "key"])
            archive.texts[try entry.required("fingerprint").value] = (try entry.required("key").value, entry.directText)
        }
        return archive
    }

    public func text(for fingerprint: String) -> String? { texts[fingerprint]?.text }

    public mutating func record(key: String, text: String) {
        texts[Fingerprint.of(text)] = (key, text)
    }

    /// The archive as XML, sorted by key then fingerprint (stable across runs).
    public func serialized() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<!-- Written by brochure validate (accept): the \(language) texts that translations were checked against. -->\n"
        out += "<source-texts xmlns=\"\(Self.namespace)\" xml:lang=\"\(language)\">\n"
        for (fingerprint, entry) in texts.sorted(by: { ($0.value.key, $0.key) < ($1.value.key, $1.key) }) {
            out += "  <text key=\"\(Escaping.attribute(entry.key))\" fingerprint=\"\(fingerprint)\">\(Escaping.text(entry.text))</text>\n"
        }
        out += "</source-texts>\n"
        return out
    }
}
