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
///
/// It holds no reference to the file (every literal run of every message carries one anchor,
/// and a reference would be counted at each copy): the file's bytes are found through the
/// location table (`SourceTexts`) when a character's place is asked for.
public struct TextAnchor: Sendable {
    /// Where the text begins: a byte offset in its file, or for text made in code its fixed
    /// location.
    let origin: SourceLocation
    let isCDATA: Bool

    init(file: SourceFile, start: Int, isCDATA: Bool) {
        origin = file.location(ofByte: start)
        self.isCDATA = isCDATA
    }

    init(fixed location: SourceLocation) {
        origin = location
        isCDATA = false
    }

    /// Identifies the run of text in its file (two anchors of the same run compare equal).
    public var startByteIdentity: Int { origin.byteOffset ?? 0 }

    /// Where the byte `offset` bytes after the start stands, for text the file holds byte for
    /// byte; nil for text made in code.
    public func location(ofByteOffset offset: Int) -> SourceLocation? {
        origin.advanced(byBytes: offset)
    }

    /// Where the scalar at `index` (counted in Unicode scalars of the text) stands in the file.
    public func location(ofScalar index: Int) -> SourceLocation {
        guard let start = origin.byteOffset else { return origin }
        let end = SourceTexts.withBytes(of: origin) { bytes in
            SourceFile.byteOffset(in: bytes, afterCharacters: index, from: start, rawText: isCDATA)
        } ?? start
        return origin.advanced(byBytes: end - start) ?? origin
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
        anchor = TextAnchor(fixed: location)
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
