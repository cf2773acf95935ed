public import BrochureDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element as read from an input file: names, attributes and children, each with its place.
public struct XMLElement: Sendable {
    /// The local name, e.g. `message`.
    public var name: String
    /// The namespace URI, or nil for none.
    public var namespace: String?
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// Where the start tag begins (its `<`).
    public var location: SourceLocation

    public init(name: String, namespace: String? = nil, attributes: [XMLAttribute] = [], children: [XMLNode] = [], location: SourceLocation) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.location = location
    }

    /// The value of an attribute without namespace, if present.
    public subscript(attribute name: String) -> String? {
        // Found by index and read in place: only the value is copied, not the whole attribute.
        attributes.firstIndex { $0.name == name && $0.namespace == nil }.map { attributes[$0].value }
    }

    public func attribute(_ name: String, namespace: String? = nil) -> XMLAttribute? {
        attributes.firstIndex { $0.name == name && $0.namespace == namespace }.map { attributes[$0] }
    }

    /// The child elements, in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    /// The text of all text children, concatenated (no descent into elements).
    public var directText: String {
        children.map { if case .text(let t) = $0 { t.value } else { "" } }.joined()
    }
}

/// An attribute and where it stands.
public struct XMLAttribute: Sendable {
    public var name: String
    public var namespace: String?
    public var value: String
    public var location: SourceLocation

    public init(name: String, namespace: String? = nil, value: String, location: SourceLocation) {
        self.name = name
        self.namespace = namespace
        self.value = value
        self.location = location
    }
}

/// Where a run of character data begins, and how to find a character of it in the file:
/// everything of `XMLText` but the text itself, so a parsed message can point back into the
/// file without keeping a second copy of its text.
public struct TextAnchor: Sendable {
    let file: SourceFile?
    /// Where the text begins in the file (for text made in code: its fixed line and column).
    let start: TextPosition
    let isCDATA: Bool
    /// For text made in code: the path number of its fixed location.
    let fixedPathID: UInt32?

    /// Identifies the run of text in its file (two anchors of the same run compare equal).
    public var startByteIdentity: Int { start.byte }

    /// Where the byte `offset` bytes after the start stands, walking on from `from` (a
    /// position in the text at or before it); for text the file holds byte for byte.
    public func position(ofByteOffset offset: Int, from: TextPosition?) -> TextPosition? {
        guard let file, fixedPathID == nil else { return nil }
        let target = start.byte + offset
        let origin = from.flatMap { $0.byte <= target && $0.byte >= start.byte ? $0 : nil } ?? start
        return file.position(ofByte: target, from: origin)
    }

    /// The location of a position found by `position(ofByteOffset:from:)`.
    public func location(_ position: TextPosition) -> SourceLocation {
        if let file { return file.location(position) }
        return location(ofScalar: 0)
    }

    /// Where the scalar at `index` (counted in Unicode scalars of the text) stands in the file.
    public func location(ofScalar index: Int) -> SourceLocation {
        if let fixedPathID { return SourceLocation(pathID: fixedPathID, line: start.line, column: start.column) }
        guard let file else { return .file("") }
        return file.location(file.position(ofByte: file.byteOffset(afterCharacters: index, from: start.byte, rawText: isCDATA), from: start))
    }
}

/// A run of character data and the way back from a character in it to its place in the file.
public struct XMLText: Sendable {
    public var value: String
    public let anchor: TextAnchor
    /// True when the file holds the text byte for byte (no references, no CR LF), so a
    /// UTF-8 offset in `value` is the same offset in the file.
    public let isVerbatim: Bool

    init(value: String, anchor: TextAnchor, isVerbatim: Bool) {
        self.value = value
        self.anchor = anchor
        self.isVerbatim = isVerbatim
    }

    /// Text made in code, with a fixed place (used by tests and synthetic inputs).
    public init(value: String, location: SourceLocation) {
        self.value = value
        anchor = TextAnchor(file: nil, start: TextPosition(byte: 0, line: location.line, column: location.column),
                            isCDATA: false, fixedPathID: location.pathID)
        isVerbatim = false
    }

    /// Identifies the run of text in its file (two values from the same run compare equal).
    public var startByteIdentity: Int { anchor.startByteIdentity }

    /// Where the text begins.
    public var location: SourceLocation { location(ofScalar: 0) }

    /// Where the scalar at `index` (counted in Unicode scalars of `value`) stands in the file.
    public func location(ofScalar index: Int) -> SourceLocation { anchor.location(ofScalar: index) }
}

/// A child of an element: more markup, or text.
public enum XMLNode: Sendable {
    case element(XMLElement)
    case text(XMLText)
}
