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
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }

    public func attribute(_ name: String, namespace: String? = nil) -> XMLAttribute? {
        attributes.first { $0.name == name && $0.namespace == namespace }
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

/// A run of character data and the way back from a character in it to its place in the file.
public struct XMLText: Sendable {
    public var value: String
    let file: SourceFile?
    /// Where the text begins in the file.
    let start: TextPosition
    let isCDATA: Bool
    /// True when the file holds the text byte for byte (no references, no CR LF), so a
    /// UTF-8 offset in `value` is the same offset in the file.
    public let isVerbatim: Bool

    init(value: String, file: SourceFile, start: TextPosition, isCDATA: Bool) {
        self.value = value
        self.file = file
        self.start = start
        self.isCDATA = isCDATA
        var utf8 = value.utf8
        let count = utf8.count
        isVerbatim = start.byte + count <= file.bytes.count && file.bytes.withUnsafeBufferPointer { bytes in
            utf8.withContiguousStorageIfAvailable { memcmp(bytes.baseAddress! + start.byte, $0.baseAddress!, count) == 0 } ?? false
        }
    }

    /// Text made in code, with a fixed place (used by tests and synthetic inputs).
    public init(value: String, location: SourceLocation) {
        self.value = value
        self.file = nil
        self.start = TextPosition(byte: 0, line: location.line, column: location.column)
        self.isCDATA = false
        self.isVerbatim = false
        self.fixedLocation = location
    }

    private var fixedLocation: SourceLocation?

    /// Identifies the run of text in its file (two values from the same run compare equal).
    public var startByteIdentity: Int { start.byte }

    /// Where the text begins.
    public var location: SourceLocation { location(ofScalar: 0) }

    /// Where the scalar at `index` (counted in Unicode scalars of `value`) stands in the file.
    public func location(ofScalar index: Int) -> SourceLocation {
        if let fixedLocation { return fixedLocation }
        guard let file else { return .file("") }
        return file.location(file.position(ofByte: file.byteOffset(afterCharacters: index, from: start.byte, rawText: isCDATA), from: start))
    }

    /// Where the byte at UTF-8 offset `offset` of `value` stands, walking on from `from` (a
    /// position in this text at or before it); for verbatim text only.
    public func position(ofUTF8Offset offset: Int, from: TextPosition?) -> TextPosition? {
        guard isVerbatim, let file else { return nil }
        let target = start.byte + offset
        let origin = from.flatMap { $0.byte <= target && $0.byte >= start.byte ? $0 : nil } ?? start
        return file.position(ofByte: target, from: origin)
    }

    /// The location of a position in this text's file.
    public func location(_ position: TextPosition) -> SourceLocation {
        file?.location(position) ?? fixedLocation ?? .file("")
    }
}

/// A child of an element: more markup, or text.
public enum XMLNode: Sendable {
    case element(XMLElement)
    case text(XMLText)
}
