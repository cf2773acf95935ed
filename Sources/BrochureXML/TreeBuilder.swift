import BrochureDiagnostics
import CBytes
import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives libxml2's SAX2 events for one parse and builds the Swift tree with positions.
final class TreeBuilder {
    let file: SourceFile
    var log = DiagnosticLog()
    var root: XMLElement?
    /// When set, each child element of the root is handed over as soon as it ends instead of
    /// being kept in the tree; its content comes flat, not as child nodes. The root keeps only
    /// the text between its children that is not layout (the root itself goes to
    /// `rootStarted`, once).
    var rootChild: ((_ child: XMLElement, _ content: FlatContent) -> Void)?
    /// Handed the root element once its start tag is read (`XMLReader.parse`).
    var rootStarted: ((_ root: XMLElement) -> Void)?
    /// False: a text of XML white space only is dropped wherever it stands (`XMLReader.parse`).
    var keepsLayout = true
    /// The content of the root child being read, when `rootChild` is set.
    @exclusivity(unchecked) private var flat = FlatContent()
    /// How many elements are open inside that root child.
    @exclusivity(unchecked) private var flatDepth = 0
    /// True while the parser is inside a root child that is read flat.
    private var readsFlat: Bool { rootChild != nil && stack.count >= 2 }
    // One builder serves one parse on one thread, and no access to these overlaps another:
    // the run-time exclusivity checks are left out of the per-event work.
    private let stack = ElementStack()
    /// The text of the current run, gathered from libxml2's pieces (it hands a text over in
    /// chunks of some hundred bytes), in memory of the builder's own: an append is a capacity
    /// test and a copy, where an array's cost some hundred instructions (uniqueness, capacity,
    /// and a generic path to empty it again).
    @exclusivity(unchecked) private var pendingBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
    @exclusivity(unchecked) private var pendingCount = 0
    @exclusivity(unchecked) private var pendingCapacity = 4096
    @exclusivity(unchecked) private var pendingStart = 0
    @exclusivity(unchecked) private var markupEnd = 0
    /// The attribute list of the last root child read flat, for the next one to write over.
    @exclusivity(unchecked) private var spareAttributes: [XMLAttribute] = []
    /// libxml2 interns names in its dictionary: each distinct name becomes a Swift string once.
    @exclusivity(unchecked) private var names: [UnsafePointer<xmlChar>: String] = [:]

    /// Where the bytes handed to libxml2 stand in the file (a part of it, `DocumentPart`).
    var map = StreamMap.identity
    /// Literals to use for names read (see `XMLReader.parse`).
    var knownNames: [String] = []
    /// XML's own namespace, known to every parse.
    static let xmlNames = [XMLReader.xmlNamespace]

    init(file: SourceFile) { self.file = file }

    deinit { pendingBytes.deallocate() }

    private func appendPending(_ bytes: UnsafePointer<UInt8>, count: Int) {
        if pendingCount + count > pendingCapacity {
            var larger = pendingCapacity * 2
            while larger < pendingCount + count { larger *= 2 }
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            moved.initialize(from: pendingBytes, count: pendingCount)
            pendingBytes.deallocate()
            pendingBytes = moved
            pendingCapacity = larger
        }
        (pendingBytes + pendingCount).initialize(from: bytes, count: count)
        pendingCount += count
    }

    private func location(ofByte offset: Int) -> SourceLocation {
        file.location(ofByte: offset)
    }

    /// The names met most recently, looked at before the dictionary: a file uses few names.
    /// Told by address alone: libxml2 keeps each name it reads at one address in its
    /// dictionary, which lives as long as the parse (and this builder serves one parse), so an
    /// address met again is the same name. The bytes are compared once, when an address is
    /// first met (`lookUp`).
    @exclusivity(unchecked) private var recentNames: [(pointer: UnsafePointer<xmlChar>, name: String)] = []

    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let found: String? = recentNames.withUnsafeBufferPointer { recent in
            for index in recent.indices where recent[index].pointer == pointer { return recent[index].name }
            return nil
        }
        if let found { return found }
        let name = lookUp(pointer)
        if recentNames.count < 16 && !name.isEmpty { recentNames.append((pointer, name)) }
        return name
    }

    private func lookUp(_ pointer: UnsafePointer<xmlChar>) -> String {
        // The dictionary keeps each name at one address for the whole parse; the bytes are
        // compared all the same, so a reused address can never yield the wrong name.
        if let known = names[pointer] {
            let length = Int(xmlStrlen(pointer))
            let utf8 = known.utf8
            let same = utf8.count == length && utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, pointer, length) == 0 } == true
            if same { return known }
        }
        var name = String(cString: pointer)
        // Compared as bytes: String's == is canonical equivalence ("K" == "\u{212A}"), and a
        // name must keep the very characters it was written with.
        if let known = knownNames.first(where: { $0.utf8.elementsEqual(name.utf8) }) { name = known }
        names[pointer] = name
        return name
    }

    /// Calls `body` with the builder of a parse, borrowed: the events come by the hundred
    /// thousand, and taking the builder as a strong reference would count it twice per event.
    /// The parse holds the builder (XMLReader) for as long as events come.
    @inline(__always)
    static func with(_ ctx: UnsafeMutableRawPointer?, _ body: (TreeBuilder, xmlParserCtxtPtr) -> Void) {
        guard let ctx else { return }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let raw = ctxt.pointee._private else { return }
        Unmanaged<TreeBuilder>.fromOpaque(raw)._withUnsafeGuaranteedRef { body($0, ctxt) }
    }

    static func from(_ ctx: UnsafeMutableRawPointer?) -> (TreeBuilder, xmlParserCtxtPtr)? {
        guard let ctx else { return nil }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let raw = ctxt.pointee._private else { return nil }
        return (Unmanaged<TreeBuilder>.fromOpaque(raw).takeUnretainedValue(), ctxt)
    }

    /// The byte offset of the parser's current position in the bytes it was handed.
    static func streamOffset(_ ctxt: xmlParserCtxtPtr) -> Int {
        guard let input = ctxt.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else { return 0 }
        return Int(input.pointee.consumed) + (cur - base)
    }

    /// The byte offset of the parser's current position in the file.
    func offset(_ ctxt: xmlParserCtxtPtr) -> Int {
        map.fileOffset(Self.streamOffset(ctxt))
    }

    func refuse(_ message: String, ctxt: xmlParserCtxtPtr, notes: [String] = []) {
        var start = min(offset(ctxt), file.bytes.count)
        while start > 0 && file.bytes[start - 1] != UInt8(ascii: "<") { start -= 1 }
        log.error("xml", at: file.location(ofByte: max(start - 1, 0)), message, notes: notes)
        xmlStopParser(ctxt)
    }

    func install(on ctxt: xmlParserCtxtPtr) {
        let sax = ctxt.pointee.sax!
        sax.pointee.startDocument = nil
        sax.pointee.endDocument = nil
        sax.pointee.startElement = nil
        sax.pointee.endElement = nil
        sax.pointee.startElementNs = { ctx, localname, prefix, uri, _, _, count, _, attributes in
            TreeBuilder.with(ctx) { builder, ctxt in builder.startElement(ctxt, localname, prefix, uri, Int(count), attributes) }
        }
        sax.pointee.endElementNs = { ctx, _, _, _ in
            TreeBuilder.with(ctx) { builder, ctxt in builder.endElement(ctxt) }
        }
        let characters: charactersSAXFunc = { ctx, chars, length in
            guard let chars else { return }
            TreeBuilder.with(ctx) { builder, _ in
                if builder.pendingCount == 0 { builder.pendingStart = builder.markupEnd }
                builder.appendPending(chars, count: Int(length))
            }
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = { ctx, chars, length in
            guard let (builder, ctxt) = TreeBuilder.from(ctx), let chars else { return }
            builder.flushText()
            let end = builder.offset(ctxt)
            let bytes = UnsafeBufferPointer(start: chars, count: Int(length))
            builder.appendText(bytes, start: end - 3 - bytes.count, isCDATA: true)
            builder.markupEnd = end
        }
        sax.pointee.comment = { ctx, _ in
            guard let (builder, ctxt) = TreeBuilder.from(ctx) else { return }
            builder.flushText()
            builder.markupEnd = builder.offset(ctxt)
        }
        sax.pointee.processingInstruction = { ctx, target, _ in
            guard let (builder, ctxt) = TreeBuilder.from(ctx) else { return }
            let name = target.map { String(cString: $0) } ?? ""
            builder.refuse("processing instruction <?\(name)?> is not allowed in Brochure inputs", ctxt: ctxt)
        }
        sax.pointee.internalSubset = { ctx, _, _, _ in
            guard let (builder, ctxt) = TreeBuilder.from(ctx) else { return }
            builder.refuse("DOCTYPE is not allowed: Brochure inputs use no DTD and no entities", ctxt: ctxt,
                notes: ["remove the <!DOCTYPE …> declaration; write characters directly or as &#…; references"])
        }
        sax.pointee.reference = { ctx, name in
            guard let (builder, ctxt) = TreeBuilder.from(ctx) else { return }
            let entity = name.map { String(cString: $0) } ?? ""
            builder.refuse("entity &\(entity); is not allowed", ctxt: ctxt,
                notes: ["use the character itself or a numeric reference, e.g. &#160; for a non-breaking space"])
        }
        sax.pointee.serror = { _, error in
            guard let error, let ctx = error.pointee.ctxt,
                  let (builder, ctxt) = TreeBuilder.from(ctx) else { return }
            builder.record(error.pointee, ctxt: ctxt)
        }
    }

    /// The innermost element open in the tree built so far: its local name and where its start
    /// tag begins. For error paths only (`record`).
    var innermostOpenElement: (name: String, location: SourceLocation)? {
        if readsFlat && flatDepth > 0, let element = flat.innermostOpen { return (element.name, element.location) }
        guard !stack.isEmpty else { return nil }
        return (stack.top.pointee.name, stack.top.pointee.location)
    }

    private func startElement(_ ctxt: xmlParserCtxtPtr, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                              _ uri: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        // The parser may stand at the very end of the input (a start tag cut off by EOF).
        let stream = Self.streamOffset(ctxt)
        // A tag lies in one piece of what libxml2 was handed: its bytes are the file's,
        // `shift` bytes on.
        let shift = map.fileOffset(stream) - stream
        let (tagStart, tagEnd) = file.bytes.withUnsafeBufferPointer { bytes in
            let current = min(stream + shift, bytes.count - 1)
            // The last `<` at or before `current` (else 0), and the first `>` at or after it
            // (else the end).
            guard current >= 0, let base = bytes.baseAddress else { return (current, current) }
            let start = UnsafeRawPointer(base)
            let tagStart = max(brochure_last_byte(base, current + 1, UInt8(ascii: "<")), 0)
            let tagEnd = memchr(start + current, Int32(UInt8(ascii: ">")), bytes.count - current).map { start.distance(to: $0) } ?? bytes.count
            return (tagStart, tagEnd)
        }
        markupEnd = min(tagEnd + 1, file.bytes.count)

        let name = interned(localname) ?? "", namespace = interned(uri)
        var elementAttributes: [XMLAttribute] = []
        // A root child read flat takes the attribute list the one before it left, and writes
        // its own attributes over those (each written over is let go then), in place.
        if rootChild != nil && stack.count == 1 { swap(&elementAttributes, &spareAttributes) }
        if let attributes {
            elementAttributes.reserveCapacity(count)
            // Attributes come in the order they are written: each is looked for after the last.
            var searchFrom = tagStart
            for index in 0..<count {
                let base = index * 5
                let name = interned(attributes[base]) ?? ""
                let attributePrefix = interned(attributes[base + 1])
                let namespace = interned(attributes[base + 2])
                var value = ""
                if let start = attributes[base + 3], let end = attributes[base + 4] {
                    value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                    if memchr(start, Int32(UInt8(ascii: "&")), end - start) != nil { value = value.replacingAmpersandReferences() }
                }
                let qualified = attributePrefix.map { "\($0):\(name)" } ?? name
                // Mostly libxml2 hands the value where it stands in the input: the name is then
                // found a few bytes before it. Otherwise (a value it had to rewrite) the tag is
                // searched from the attribute before.
                var found: Int?
                if let value = attributes[base + 3] { found = nameOffset(qualified, beforeValueAt: value, ctxt: ctxt, tagStart: tagStart - shift).map { $0 + shift } }
                if found == nil { found = attributeOffset(qualified, in: searchFrom..<markupEnd) ?? attributeOffset(qualified, in: tagStart..<markupEnd) }
                if let found { searchFrom = found + qualified.utf8.count }
                let at = found ?? tagStart
                // Written over field by field: an attribute made whole and then stored is copied
                // and the made one let go (the optimiser keeps both), each a count of its strings.
                if index < elementAttributes.count {
                    elementAttributes[index].name = name
                    elementAttributes[index].namespace = namespace
                    elementAttributes[index].value = value
                    elementAttributes[index].location = location(ofByte: at)
                } else {
                    elementAttributes.append(XMLAttribute(name: name, namespace: namespace, value: value, location: location(ofByte: at)))
                }
            }
        }
        let kept = attributes == nil ? 0 : count
        if elementAttributes.count > kept { elementAttributes.removeLast(elementAttributes.count - kept) }
        _ = prefix
        if readsFlat {
            flat.startElement(name: name, namespace: namespace, attributes: consume elementAttributes, location: location(ofByte: tagStart))
            flatDepth += 1
        } else {
            // Its attribute list is handed over (`consume`). The element itself is still copied
            // onto the stack and the made one let go (the optimiser keeps both; building it on
            // the stack field by field, or leaving an entry there to be written over, cost more).
            stack.push(XMLElement(name: name, namespace: namespace, attributes: consume elementAttributes, location: location(ofByte: tagStart)))
            if stack.count == 1, let rootStarted { rootStarted(stack.bottom.pointee) }
        }
    }

    private func endElement(_ ctxt: xmlParserCtxtPtr) {
        flushText()
        markupEnd = min(offset(ctxt), file.bytes.count)
        if flatDepth > 0 {
            flat.endElement()
            flatDepth -= 1
            return
        }
        guard !stack.isEmpty else { return }
        var element = stack.pop()
        if stack.isEmpty {
            root = consume element
        } else if stack.count == 1, let rootChild {
            // The content is lent from a local: handed over from the property, it would be
            // copied, a reference counted for each of its arrays.
            var content = FlatContent()
            swap(&content, &flat)
            rootChild(element, content)
            swap(&content, &flat)
            flat.removeAll()
            // The element's attribute list is kept for the next root child (the receiver keeps
            // values, not the list).
            swap(&element.attributes, &spareAttributes)
        } else {
            stack.top.pointee.children.append(.element(consume element))
        }
    }

    private func appendText(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, isCDATA: Bool) {
        guard !stack.isEmpty else { return }
        // Between the entries of a file read in streaming mode, layout (ASCII white space) is
        // not kept: it is all that stands there in a well-made file, and nothing reads it.
        if (!keepsLayout || (rootChild != nil && stack.count == 1)) && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            return
        }
        let anchor = TextAnchor(file: file, start: start, isCDATA: isCDATA)
        let isVerbatim = file.holds(bytes, at: start)
        if readsFlat {
            flat.appendText(bytes, anchor: anchor, isVerbatim: isVerbatim)
        } else {
            let text = XMLText(value: String(decoding: bytes, as: UTF8.self), anchor: anchor, isVerbatim: isVerbatim)
            stack.top.pointee.children.append(.text(text))
        }
    }

    fileprivate func flushText() {
        guard pendingCount > 0 else { return }
        appendText(UnsafeBufferPointer(start: pendingBytes, count: pendingCount), start: pendingStart, isCDATA: false)
        pendingCount = 0
    }

    /// Where the attribute `name` starts, read back from its value when the value lies in the
    /// parser's input (`value`, a pointer libxml2 handed over): a quote, white space, `=`, white
    /// space, then the name, itself after white space; all within the tag from `tagStart`. Read
    /// in libxml2's input, which holds the file's bytes. Offsets are in the bytes handed to
    /// libxml2. Nil when the value is not in the input
    /// (libxml2 made a copy) or the bytes before it are not that.
    private func nameOffset(_ name: String, beforeValueAt value: UnsafePointer<xmlChar>, ctxt: xmlParserCtxtPtr, tagStart: Int) -> Int? {
        guard let input = ctxt.pointee.input, let base = input.pointee.base, let end = input.pointee.end,
              value > base && value <= end else { return nil }
        let consumed = Int(input.pointee.consumed)
        let lowest = base + max(tagStart - consumed, 0)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var at = value - 1
        guard at > lowest, at.pointee == UInt8(ascii: "\"") || at.pointee == UInt8(ascii: "'") else { return nil }
        at -= 1
        while at > lowest && isSpace(at.pointee) { at -= 1 }
        guard at > lowest, at.pointee == UInt8(ascii: "=") else { return nil }
        at -= 1
        while at > lowest && isSpace(at.pointee) { at -= 1 }
        let count = name.utf8.count
        guard at - lowest >= count else { return nil }
        let start = at + 1 - count
        guard isSpace((start - 1).pointee),
              name.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, start, count) == 0 }) == true else { return nil }
        return consumed + (start - base)
    }

    /// Finds `name=` inside a start tag, so an attribute's diagnostics point at it. Quoted
    /// values are passed over: an earlier attribute's value may hold ` name=` itself. `range`
    /// starts at the tag's `<` or right after an attribute's name, never inside a value.
    func attributeOffset(_ name: String, in range: Range<Int>) -> Int? {
        func find(_ needle: UnsafeBufferPointer<UInt8>) -> Int? {
            file.bytes.withUnsafeBufferPointer { bytes -> Int? in
                func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
                guard let first = needle.first else { return nil }
                var index = range.lowerBound
                var quote: UInt8 = 0
                while index + needle.count < range.upperBound {
                    let byte = bytes[index]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                        index += 1
                        continue
                    }
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                        index += 1
                        continue
                    }
                    if index > 0, isSpace(bytes[index - 1]), byte == first,
                       memcmp(bytes.baseAddress! + index, needle.baseAddress!, needle.count) == 0 {
                        var after = index + needle.count
                        while after < range.upperBound && isSpace(bytes[after]) { after += 1 }
                        if after < range.upperBound && bytes[after] == UInt8(ascii: "=") { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
        // The name's bytes are borrowed through its UTF-8 view (a `var` copy costs a retain).
        if let found = name.utf8.withContiguousStorageIfAvailable(find) { return found }
        var copy = name
        return copy.withUTF8(find)
    }

}


extension String {
    /// libxml2's SAX2 hands `&` in attribute values back as `&#38;`; undo that. Done on the
    /// bytes (the reference is ASCII): matched as `Character`s, a reference followed by a
    /// combining mark (`;` and the mark are one Character) was left in the value.
    func replacingAmpersandReferences() -> String {
        guard utf8.contains(UInt8(ascii: "&")) else { return self }
        let reference = Array("&#38;".utf8)
        var bytes = Array(utf8)
        var read = 0, write = 0
        while read < bytes.count {
            bytes[write] = bytes[read]
            if bytes[read] == UInt8(ascii: "&") && bytes[read...].starts(with: reference) {
                read += reference.count
            } else {
                read += 1
            }
            write += 1
        }
        return String(decoding: bytes[..<write], as: UTF8.self)
    }
}

/// The elements open, the root first, in memory of the builder's own: an element is moved on
/// and off (an array's `popLast` hands its last element out as a copy in an optional, and each
/// copy counts a reference to each of its strings and lists).
private final class ElementStack {
    private var base: UnsafeMutablePointer<XMLElement>
    private var capacity = 16
    private(set) var count = 0

    init() { base = .allocate(capacity: capacity) }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    func push(_ element: consuming XMLElement) {
        reserveOne()
        (base + count).initialize(to: element)
        count += 1
    }

    private func reserveOne() {
        if count == capacity {
            let larger = UnsafeMutablePointer<XMLElement>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
    }

    /// The element on top, moved off. The stack must not be empty.
    func pop() -> XMLElement {
        precondition(count > 0, "an element to pop")
        count -= 1
        return (base + count).move()
    }

    /// The root (the first element pushed), where it stands. The stack must not be empty.
    var bottom: UnsafeMutablePointer<XMLElement> {
        precondition(count > 0, "a root")
        return base
    }

    /// The element on top, where it stands. The stack must not be empty.
    var top: UnsafeMutablePointer<XMLElement> {
        precondition(count > 0, "an element on top")
        return base + count - 1
    }
}
