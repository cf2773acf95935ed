public import BrochureDiagnostics

/// The mixed content of one element (text and inline elements) in one flat UTF-8 buffer.
///
/// A locale table holds tens of thousands of short messages; reading each as a tree of text
/// and element nodes cost more than everything done with it afterwards. The reader hands a
/// table's entries over in this form (docs/DECISIONS.md #17): the decoded text of all text
/// nodes in document order, with a mark byte where an inline element starts and one where it
/// ends. The marks are 0xFE and 0xFF, which never occur in UTF-8, so the syntax of a message
/// can be read straight from the buffer.
public struct FlatContent: Sendable {
    public static let startMark: UInt8 = 0xFE
    public static let endMark: UInt8 = 0xFF

    /// Decoded text and element marks.
    public private(set) var units: [UInt8] = []
    /// The text runs, in order: where each begins in `units` and in the file.
    public private(set) var texts: [Text] = []
    /// The inline elements, in the order they start (at any depth): the element (name,
    /// attributes, location; no children) and the indexes of its two marks in `units`.
    public private(set) var elements: [Element] = []
    /// Indexes in `elements` of the elements open while the content is being built.
    private var open: [Int] = []

    public struct Text: Sendable {
        /// The indexes of the run's first byte in `units` and of the byte after its last.
        public let start: Int
        public let end: Int
        public let anchor: TextAnchor
        /// True when the file holds the run byte for byte (see `XMLText.isVerbatim`).
        public let isVerbatim: Bool
    }

    /// An inline element: name, attributes and place (no children), kept part by part. Made as
    /// one `XMLElement` and handed over, each was copied and the copy's source destroyed (four
    /// reference counts each way) at every element of every message.
    public struct Element: Sendable {
        public let name: String
        public let namespace: String?
        public let attributes: [XMLAttribute]
        /// Where the start tag begins.
        public let location: SourceLocation
        /// The index of the start mark in `units`.
        public let start: Int
        /// The index of the end mark in `units`.
        public fileprivate(set) var end: Int

        /// The attribute of that name and namespace, if present (as `XMLElement.attribute`).
        public func attribute(_ name: String, namespace: String? = nil) -> XMLAttribute? {
            attributes.firstIndex { $0.name == name && $0.namespace == namespace }.map { attributes[$0] }
        }
    }

    public init() {}

    /// The content of `nodes`, flattened (elements keep their names, attributes and places).
    public init(_ nodes: [XMLNode]) {
        append(nodes)
    }

    private mutating func append(_ nodes: [XMLNode]) {
        for node in nodes {
            switch node {
            case .text(let text):
                var value = text.value
                value.withUTF8 { appendText($0, anchor: text.anchor, isVerbatim: text.isVerbatim) }
            case .element(let element):
                startElement(name: element.name, namespace: element.namespace, attributes: element.attributes, location: element.location)
                append(element.children)
                endElement()
            }
        }
    }

    /// Empties the content, keeping its buffers for the next element. A list already empty
    /// is left as it is (most messages hold no element; emptying costs a generic removal).
    mutating func removeAll() {
        if !units.isEmpty { units.removeAll(keepingCapacity: true) }
        if !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
        if !elements.isEmpty { elements.removeAll(keepingCapacity: true) }
        if !open.isEmpty { open.removeAll(keepingCapacity: true) }
    }

    /// The innermost element open while the content is being built, if any.
    var innermostOpen: Element? { open.last.map { elements[$0] } }

    /// True when the content is nothing but text (one run or several).
    public var isPlainText: Bool { elements.isEmpty }

    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, anchor: TextAnchor, isVerbatim: Bool) {
        guard !bytes.isEmpty else { return }
        texts.append(Text(start: units.count, end: units.count + bytes.count, anchor: anchor, isVerbatim: isVerbatim))
        units.append(contentsOf: bytes)
    }

    mutating func startElement(name: String, namespace: String?, attributes: consuming [XMLAttribute], location: SourceLocation) {
        open.append(elements.count)
        elements.append(Element(name: name, namespace: namespace, attributes: attributes, location: location,
                                start: units.count, end: units.count))
        units.append(Self.startMark)
    }

    mutating func endElement() {
        guard let index = open.popLast() else { return }
        elements[index].end = units.count
        units.append(Self.endMark)
    }

    /// The text run that holds byte `index` of `units` (the last run starting at or before it).
    /// The content must hold text.
    public func textIndex(of index: Int) -> Int {
        texts.withUnsafeBufferPointer { Self.textIndex(of: index, in: $0) }
    }

    /// `textIndex(of:)` in the content's `texts`, lent as a buffer.
    public static func textIndex(of index: Int, in texts: UnsafeBufferPointer<Text>) -> Int {
        precondition(!texts.isEmpty, "no text run holds a byte of content that has no text")
        var low = 0, high = texts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if texts[mid].start <= index { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The element whose start mark is at `index`, if there is one.
    public func elementIndex(startingAt index: Int) -> Int? {
        units.withUnsafeBufferPointer { units in
            elements.withUnsafeBufferPointer { Self.elementIndex(startingAt: index, units: units, elements: $0) }
        }
    }

    /// `elementIndex(startingAt:)` in the content's `units` and `elements`, lent as buffers.
    public static func elementIndex(startingAt index: Int, units: UnsafeBufferPointer<UInt8>,
                                    elements: UnsafeBufferPointer<Element>) -> Int? {
        guard index < units.count, units[index] == startMark else { return nil }
        var low = 0, high = elements.count - 1
        while low < high {
            let mid = (low + high) / 2
            if elements[mid].start < index { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
