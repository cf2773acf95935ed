public import BrochureDiagnostics
public import BrochureXML
import CBytes
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the content of a `<message>` element (text and inline elements) as ICU MessageFormat.
///
/// Braces may not cross element boundaries: each inline element's content is a message
/// body of its own, so `{n, plural, one {<em>#</em> firma} …}` parses and
/// `<em>{n, plural, one {x</em>…` is an error at the unclosed brace.
public struct MessageParser {
    public static let argumentTypes = ["number", "date", "name", "plural", "select"]
    static let xmlNamespace = XMLReader.xmlNamespace

    /// The content: one flat UTF-8 buffer of its text, with a mark where each inline element
    /// starts and ends (`FlatContent`). The syntax characters are all ASCII, so the parser
    /// works on bytes and decodes a scalar only where a name or white space may be non-ASCII.
    ///
    /// The content's arrays are lent to the parser as buffers for the time of one parse
    /// (`parse(_:end:scratch:)`): reading them costs no bounds checks, and the parser holds
    /// no reference (making and dropping one costs atomic reference counting per message).
    private var units: UnsafeBufferPointer<UInt8>
    private var texts: UnsafeBufferPointer<FlatContent.Text>
    private var elements: UnsafeBufferPointer<FlatContent.Element>
    /// The end of the body being read: the end of the content, or the end mark of the inline
    /// element being read (braces may not cross element boundaries).
    private var limit: Int
    private var position = 0
    /// Where diagnostics point when the body being read ends too early.
    private var end: SourceLocation
    /// The byte index of the `{` of the innermost argument being parsed.
    private var innermostOpenBrace: Int?
    /// Literal text seen so far, run by run.
    private var literals: LiteralBuffer
    /// The parts read so far, flat (`MessageStore`).
    private let ops: MovingBuffer<MessageOp>
    /// The names, keys and styles the parts refer to.
    private let nameList: MovingBuffer<String>
    /// Argument names, branch keys and styles read before (in this message or one before it).
    private let names: NameCache
    /// The kinds of part read so far, at any depth.
    private var features: MessageFeatures = []
    private var isForeign = false
    /// The text of the part being read. A body writes its text out before it reads a nested
    /// body, so one buffer serves all of them.
    private var pendingText: [UInt8] = []
    /// The bytes of the literal runs read so far, one after another: copied into the message's
    /// buffer of exactly their size when it is read (`Literal.place(in:)`).
    private let literalBytes: MovingBuffer<UInt8>
    /// What text parts hold (`parse(_:end:scratch:partTexts:)`).
    private var partTexts: PartTexts
    /// Where the pending plain run's bytes begin in `literalBytes`.
    private var pendingRunOffset = 0

    /// Parses `content`; `end` is where diagnostics point when the message ends too early.
    public static func parse(_ content: [XMLNode], end: SourceLocation) throws(DiagnosticError) -> Message {
        try parse(FlatContent(content), end: end)
    }

    /// Parses content read in flat form.
    public static func parse(_ content: FlatContent, end: SourceLocation) throws(DiagnosticError) -> Message {
        var scratch = Scratch()
        return try parse(content, end: end, scratch: &scratch)
    }

    /// A parser and its working buffers, which one parse lends the next, so a table's
    /// thousands of messages do not each allocate their own (a reader parses its table's
    /// messages one after another). The parser is made once and started again for each
    /// message: made for each, it counted a reference to each of its five buffers and let them
    /// go again, ten atomic operations a message.
    public struct Scratch {
        fileprivate var parser = MessageParser()

        public init() {}
    }

    /// What the text parts of a message hold.
    public enum PartTexts: Sendable {
        /// A string each (`.text`), made and checked as UTF-8: what every reader but `validate`
        /// and `build` is handed.
        case strings
        /// Empty text, for a reader that never formats the message (`validate` checks messages
        /// and formats none; its literal runs keep their bytes for the checks).
        case none
        /// Their bytes, in the buffer the message's literal runs share (`.textBytes`; text with
        /// a quote, whose bytes are not those of its runs, is a string): for a build, which
        /// formats the text into editions and needs no string of each part.
        case bytes
    }

    /// Parses content read in flat form, with buffers kept from the parse before
    /// (`partTexts`: what its text parts hold).
    public static func parse(_ content: FlatContent, end: SourceLocation, scratch: inout Scratch,
                             partTexts: PartTexts = .strings) throws(DiagnosticError) -> Message {
        let result = content.units.withUnsafeBufferPointer { units in
            content.texts.withUnsafeBufferPointer { texts in
                content.elements.withUnsafeBufferPointer { elements in
                    Result { () throws(DiagnosticError) -> Message in
                        try parse(units: units, texts: texts, elements: elements, end: end, scratch: &scratch, partTexts: partTexts)
                    }
                }
            }
        }
        return try result.get()
    }

    private static func parse(units: UnsafeBufferPointer<UInt8>, texts: UnsafeBufferPointer<FlatContent.Text>,
                              elements: UnsafeBufferPointer<FlatContent.Element>, end: SourceLocation,
                              scratch: inout Scratch, partTexts: PartTexts) throws(DiagnosticError) -> Message {
        scratch.parser.start(units: units, texts: texts, elements: elements, end: end, partTexts: partTexts)
        defer { scratch.parser.finish() }
        return try scratch.parser.parseMessage()
    }

    /// Reads the message the parser was started on.
    private mutating func parseMessage() throws(DiagnosticError) -> Message {
        try parseBody(inPlural: false, nested: false)
        // The parts, their names and the runs' bytes (and the texts' in quotes) in one block
        // of exactly their size, which the runs read too.
        let store = ops.withBuffer { ops in
            literalBytes.withBuffer { MessageStore.make(ops: ops, movingNamesFrom: nameList, bytes: $0) }
        }
        literals.updateAll { $0.place(in: store) }
        // A table keeps every message's literal runs: no room to spare in their arrays. They
        // are moved there, not copied.
        return Message(store: store, literals: literals.takeAll(), features: features)
    }

    /// A parser with empty buffers, started on nothing yet.
    private init() {
        units = UnsafeBufferPointer(start: nil, count: 0)
        texts = UnsafeBufferPointer(start: nil, count: 0)
        elements = UnsafeBufferPointer(start: nil, count: 0)
        limit = 0
        end = MessageOp.noLocation
        literals = LiteralBuffer()
        ops = MovingBuffer()
        nameList = MovingBuffer()
        names = NameCache()
        literalBytes = MovingBuffer()
        partTexts = .strings
    }

    /// Starts the parser on a message: everything but its buffers (and the names it has
    /// read) as a new parser's.
    private mutating func start(units: UnsafeBufferPointer<UInt8>, texts: UnsafeBufferPointer<FlatContent.Text>,
                                elements: UnsafeBufferPointer<FlatContent.Element>, end: SourceLocation, partTexts: PartTexts) {
        self.units = units
        self.texts = texts
        self.elements = elements
        self.end = end
        self.partTexts = partTexts
        limit = units.count
        position = 0
        innermostOpenBrace = nil
        features = []
        isForeign = false
        pendingRunOffset = 0
        originCursor = (-1, 0, 0)
        pendingHasQuotedText = false
        pendingRun = 0..<0
        pendingText.reserveCapacity(units.count)
    }

    /// Empties the buffers (what a failed parse left too) and lets the message's bytes go.
    private mutating func finish() {
        pendingText.removeAll(keepingCapacity: true)
        literalBytes.removeAll()
        literals.removeAll()
        ops.removeAll()
        nameList.removeAll()
        units = UnsafeBufferPointer(start: nil, count: 0)
        texts = UnsafeBufferPointer(start: nil, count: 0)
        elements = UnsafeBufferPointer(start: nil, count: 0)
    }

    // MARK: Positions and errors

    private mutating func location(at index: Int) -> SourceLocation {
        guard index < limit, !texts.isEmpty || units[index] == FlatContent.startMark else { return end }
        if let element = FlatContent.elementIndex(startingAt: index, units: units, elements: elements) { return elements[element].location }
        let text = FlatContent.textIndex(of: index, in: texts)
        let source = texts[text]
        if source.isVerbatim, let location = source.anchor.location(ofByteOffset: index - source.start) {
            return location
        }
        let (_, offset) = origin(of: index)
        return source.anchor.location(ofScalar: offset)
    }

    private func element(at index: Int) -> Int? {
        FlatContent.elementIndex(startingAt: index, units: units, elements: elements)
    }

    /// The last answer of `origin(of:)`: literal runs are recorded in order, so each count of
    /// scalars goes on from the one before instead of from the start of its text.
    private var originCursor = (text: -1, byte: 0, scalars: 0)
    // What is pending is quoted text (then `pendingHasQuotedText` is set) or else exactly one
    // plain run (`pendingRun`): every other stop (a brace, `#` in a plural, an element, the end
    // of a body) writes it out first.

    /// True when quoted text (an apostrophe, or text in quotes) went into the pending text.
    private var pendingHasQuotedText = false
    /// Without quoted text, the one plain run pending, as bytes of `units`: it is copied into
    /// the pending text only when quoted text joins it (then `pendingHasQuotedText` is set).
    /// Mostly it never is: its part's text is made from `units` directly.
    private var pendingRun = 0..<0

    /// The text a byte comes from, and the index of its scalar there.
    @inline(__always)
    private mutating func origin(of index: Int) -> (text: Int, offset: Int) {
        let low = FlatContent.textIndex(of: index, in: texts)
        var (from, scalars) = (texts[low].start, 0)
        if originCursor.text == low && originCursor.byte <= index { (from, scalars) = (originCursor.byte, originCursor.scalars) }
        scalars += Self.scalarCount(units, from: from, to: index)
        originCursor = (low, index, scalars)
        return (low, scalars)
    }

    /// The number of scalars that start in bytes `from..<to`.
    private static func scalarCount(_ units: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        for index in from..<to where units[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    private mutating func fail(_ message: String, at index: Int? = nil, notes: [String] = []) -> DiagnosticError {
        if index == nil && position >= limit, let open = innermostOpenBrace {
            return DiagnosticError(Diagnostic(.error, "syntax", at: location(at: open), "'{' is not closed: the message ends inside it",
                                              notes: ["close it with '}'; to write a brace as text, quote it: '{'"]))
        }
        return DiagnosticError(Diagnostic(.error, "syntax", at: location(at: index ?? position), message, notes: notes))
    }

    /// The byte at the position, or nil at the end of the body (an element mark is returned as is).
    private var current: UInt8? { position < limit ? units[position] : nil }

    private func byte(at index: Int) -> UInt8? { index < limit ? units[index] : nil }

    private static func isMark(_ byte: UInt8) -> Bool { byte >= FlatContent.startMark }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// The scalar that starts at `index` and its length in bytes; nil at the end or at an element.
    private func scalar(at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < limit, !Self.isMark(units[index]) else { return nil }
        let lead = units[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        // A text run holds whole scalars: no mark falls inside one.
        return units.scalar(startingAt: index)
    }

    private mutating func skipWhitespace() {
        // ASCII on the byte; a scalar is decoded only past ASCII (U+0085, U+200E, U+2028…).
        while position < limit {
            let byte = units[position]
            if byte < 0x80 {
                guard Self.isASCIIWhitespace(byte) else { return }
                position += 1
            } else {
                guard let (s, length) = scalar(at: position), s.isPatternWhitespace else { return }
                position += length
            }
        }
    }

    // MARK: Bodies

    /// Writes out the text pending, as a text part.
    private mutating func flush() {
        var op = MessageOp(kind: .text, location: MessageOp.noLocation)
        if !pendingHasQuotedText {
            guard !pendingRun.isEmpty else { return }
            if partTexts == .none {
                op.detail = MessageOp.TextForm.empty.rawValue
            } else {
                // The run's bytes are its literal runs', one after another in their buffer.
                op.detail = (partTexts == .bytes ? MessageOp.TextForm.bytes : .string).rawValue
                op.first = UInt32(truncatingIfNeeded: pendingRunOffset)
                op.second = UInt32(truncatingIfNeeded: pendingRun.count)
            }
            ops.append(op)
            pendingRun = 0..<0
            return
        }
        guard !pendingText.isEmpty else { return }
        if partTexts == .none {
            op.detail = MessageOp.TextForm.empty.rawValue
        } else {
            // Text with a quote is not the bytes of its runs: its own bytes join the buffer.
            op.detail = MessageOp.TextForm.string.rawValue
            op.first = UInt32(truncatingIfNeeded: literalBytes.count)
            op.second = UInt32(truncatingIfNeeded: pendingText.count)
            pendingText.withUnsafeBufferPointer { literalBytes.append(contentsOf: $0) }
        }
        ops.append(op)
        pendingText.removeAll(keepingCapacity: true)
        pendingHasQuotedText = false
    }

    /// Reads a body, writing its parts to `ops` (flat: `MessageStore`).
    private mutating func parseBody(inPlural: Bool, nested: Bool) throws(DiagnosticError) {
        while position < limit {
            let byte = units[position]
            switch byte {
            case FlatContent.startMark:
                flush()
                try parseMarkup(inPlural: inPlural)
            case UInt8(ascii: "'"):
                quoted(inPlural: inPlural)
            case UInt8(ascii: "{"):
                flush()
                try parseArgument()
            case UInt8(ascii: "}"):
                if nested { flush(); return }
                throw fail("'}' closes nothing", notes: ["to write a brace as text, quote it: '}'"])
            case UInt8(ascii: "#") where inPlural:
                flush()
                ops.append(MessageOp(kind: .pound, location: location(at: position)))
                position += 1
            default:
                // A run of plain text: taken in one piece, not scalar by scalar. It ends at an
                // element mark, `'`, `{`, `}` (and `#` in a plural), found sixteen bytes at a time.
                let start = position
                position += brochure_first_stop(units.baseAddress! + position, limit - position, inPlural ? 1 : 0)
                if pendingHasQuotedText {
                    pendingText.append(contentsOf: UnsafeBufferPointer(rebasing: units[start..<position]))
                } else {
                    // The one plain run: every stop but a quote writes the pending text out.
                    assert(pendingRun.isEmpty && pendingText.isEmpty, "one plain run pending at most")
                    pendingRun = start..<position
                    pendingRunOffset = literalBytes.count
                }
                recordLiteral(from: start, to: position)
            }
        }
        flush()
    }

    /// Adds the literal text in bytes `from..<to` (no element inside) to the runs: one run per
    /// stretch of one text node.
    private mutating func recordLiteral(from: Int, to: Int) {
        var (textIndex, index) = origin(of: from)
        var start = from
        while start < to {
            let end = min(texts[textIndex].end, to)
            let bytes = UnsafeBufferPointer(rebasing: units[start..<end])
            // The scalars are counted and the hints worked out in one pass over the bytes.
            let (length, hints) = LiteralHints.scalarsAndHints(bytes)
            // A run never continues the one before: a stop character that was consumed, or the
            // end of a text node, always lies between two. No string is made: the run's bytes
            // join the message's buffer.
            literals.append(Literal(byteCount: bytes.count, at: literalBytes.count, source: texts[textIndex].anchor, start: index,
                                    isForeign: isForeign, length: length, hints: hints))
            literalBytes.append(contentsOf: bytes)
            // The next run is counted on from here, not again from where this one began.
            originCursor = (textIndex, end, index + length)
            start = end
            textIndex += 1
            index = 0
        }
    }

    /// ICU apostrophe rules: `''` is one apostrophe; `'` before `{ } | #` starts quoted text.
    private mutating func quoted(inPlural: Bool) {
        if !pendingHasQuotedText {
            // The plain run before the quote goes first.
            pendingText.append(contentsOf: UnsafeBufferPointer(rebasing: units[pendingRun]))
            pendingRun = 0..<0
        }
        pendingHasQuotedText = true
        let apostrophe = UInt8(ascii: "'")
        let next = byte(at: position + 1)
        if next == apostrophe { position += 2; pendingText.append(apostrophe); return }
        guard let next, next == UInt8(ascii: "{") || next == UInt8(ascii: "}") || next == UInt8(ascii: "|")
                || (inPlural && next == UInt8(ascii: "#")) else {
            position += 1
            pendingText.append(apostrophe)
            return
        }
        position += 1
        while let c = current, !Self.isMark(c) {
            if c == apostrophe {
                if byte(at: position + 1) == apostrophe { pendingText.append(apostrophe); position += 2; continue }
                position += 1
                return
            }
            pendingText.append(c)
            position += 1
        }
    }

    // MARK: Markup

    /// Reads the inline element that starts at the position: its content is a body of its own,
    /// which ends at the element's end mark.
    private mutating func parseMarkup(inPlural: Bool) throws(DiagnosticError) {
        // The element is read where it stands (a copy counts a reference to each of its parts).
        let record = FlatContent.elementIndex(startingAt: position, units: units, elements: elements)!
        let markup = try Self.markup(for: elements[record])
        let (start, recordEnd, location) = (elements[record].start, elements[record].end, elements[record].location)
        let outer = (limit: limit, end: end, brace: innermostOpenBrace, isForeign: isForeign)
        (limit, end, innermostOpenBrace) = (recordEnd, location, nil)
        features.insert(.markup)
        if case .foreign = markup { isForeign = true }
        position = start + 1
        var op = MessageOp(kind: .markup, location: location)
        switch markup {
        case .emphasis: op.detail = MessageOp.MarkupKind.emphasis.rawValue
        case .strong: op.detail = MessageOp.MarkupKind.strong.rawValue
        case .organization: op.detail = MessageOp.MarkupKind.organization.rawValue
        case .place: op.detail = MessageOp.MarkupKind.place.rawValue
        case .foreign(let language): op.detail = MessageOp.MarkupKind.foreign.rawValue; op.name = addName(language)
        case .link(let url): op.detail = MessageOp.MarkupKind.link.rawValue; op.name = addName(url)
        }
        let at = ops.count
        ops.append(op)
        try parseBody(inPlural: inPlural, nested: false)
        ops[at].first = UInt32(truncatingIfNeeded: ops.count)
        (limit, end, innermostOpenBrace, isForeign) = outer
        position = recordEnd + 1
    }

    /// Adds a name, key, style or attribute value to the message's names; returns its index.
    private func addName(_ name: String) -> UInt32 {
        nameList.append(name)
        return UInt32(truncatingIfNeeded: nameList.count - 1)
    }

    /// Adds an argument of `kind` (not a plural or select).
    private func addArgument(_ name: String, kind: ArgumentKind, style: String?, at location: SourceLocation) {
        var op = MessageOp(kind: .argument, location: location)
        op.detail = MessageOp.code(of: kind)
        op.name = addName(name)
        if let style { op.style = addName(style) + 1 }
        ops.append(op)
    }

    /// The inline elements a message may hold.
    private enum Element { case em, strong, org, place, foreign, link }

    /// The element `name` names, told by length first: a name compared with a literal of
    /// another length is a call into the string library each time.
    private static func element(named name: String) -> Element? {
        switch name.utf8.count {
        case 2 where name == "em": .em
        case 6 where name == "strong": .strong
        case 3 where name == "org": .org
        case 5 where name == "place": .place
        case 7 where name == "foreign": .foreign
        case 4 where name == "link": .link
        default: nil
        }
    }

    /// The attributes an inline element may carry.
    private static func allowedAttributes(of element: Element) -> [String] {
        switch element {
        case .em, .strong, .org, .place: []
        case .foreign: ["lang"]
        case .link: ["href"]
        }
    }

    static func markup(for element: borrowing FlatContent.Element) throws(DiagnosticError) -> InlineMarkup {
        func refuse(_ message: String, at location: SourceLocation? = nil, notes: [String] = []) -> DiagnosticError {
            DiagnosticError(Diagnostic(.error, "markup", at: location ?? element.location, message, notes: notes))
        }
        guard let kind = Self.element(named: element.name) else {
            throw refuse("element <\(element.name)> is not allowed in a message",
                         notes: ["allowed inline elements: " + InlineMarkup.elementNames.map { "<\($0)>" }.joined(separator: ", ")])
        }
        if !element.attributes.isEmpty {
            let permitted = allowedAttributes(of: kind)
            for attribute in element.attributes where !permitted.contains(attribute.name) {
                throw refuse("attribute \(attribute.name) is not allowed on <\(element.name)>", at: attribute.location)
            }
        }
        switch kind {
        case .em: return .emphasis
        case .strong: return .strong
        case .org: return .organization
        case .place: return .place
        case .foreign:
            guard let lang = element.attribute("lang", namespace: xmlNamespace) ?? element.attribute("lang") else {
                throw refuse("<foreign> needs xml:lang, the language of the phrase (e.g. xml:lang=\"kk\")")
            }
            guard LanguageTag.isWellFormed(lang.value) else {
                throw refuse("xml:lang=\"\(lang.value)\" is not a language tag such as \"kk\" or \"en-GB\"", at: lang.location)
            }
            return .foreign(language: lang.value)
        case .link:
            guard let href = element.attribute("href") else { throw refuse("<link> needs href") }
            let url = href.value
            let lower = url.lowercased()
            guard ["https://", "http://", "mailto:"].contains(where: { lower.hasPrefix($0) }),
                  !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
                throw refuse("link address \"\(url)\" is not allowed: only https:, http: and mailto: addresses without spaces",
                             at: href.location)
            }
            return .link(url: url)
        }
    }

    // MARK: Arguments

    /// `what` names the expected thing in the error, built only when there is one.
    private mutating func parseIdentifier(_ what: @autoclosure () -> String) throws(DiagnosticError) -> String {
        let range = try parseIdentifierRange(what())
        return names.name(UnsafeBufferPointer(rebasing: units[range]))
    }

    /// Reads an identifier; returns its bytes' range in `units`.
    private mutating func parseIdentifierRange(_ what: @autoclosure () -> String) throws(DiagnosticError) -> Range<Int> {
        let start = position
        while let c = current {
            if c < 0x80 {
                guard c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || Unicode.Scalar(c).isIdentifierCharacter else { break }
                position += 1
            } else {
                guard let (s, length) = scalar(at: position), s.isIdentifierCharacter else { break }
                position += length
            }
        }
        if position == start {
            if element(at: position) != nil {
                throw fail("markup is not allowed inside {…} syntax; put it inside a branch's braces")
            }
            throw fail("expected \(what()) here")
        }
        return start..<position
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ what: @autoclosure () -> String) throws(DiagnosticError) {
        guard let c = current, UInt32(c) == scalar.value else {
            if position >= limit { throw fail("the message ends before \(what())") }
            throw fail("expected \(what()) here")
        }
        position += 1
    }

    private func isCurrent(_ scalar: Unicode.Scalar) -> Bool {
        guard let c = current else { return false }
        return UInt32(c) == scalar.value
    }

    private mutating func parseArgument() throws(DiagnosticError) {
        let open = position
        let openLocation = location(at: open)
        let enclosing = innermostOpenBrace
        innermostOpenBrace = open
        defer { innermostOpenBrace = enclosing }
        position += 1
        skipWhitespace()
        let name = try parseIdentifier("an argument name")
        if let first = name.utf8.first, first < 0x80 ? (0x30...0x39).contains(first) : name.unicodeScalars.first!.properties.numericType != nil {
            throw fail("argument names start with a letter: \(name)", at: open + 1)
        }
        skipWhitespace()
        if isCurrent("}") {
            position += 1
            return addArgument(name, kind: .simple, style: nil, at: openLocation)
        }
        try expect(",", "',' or '}' after the argument name")
        skipWhitespace()
        let typeStart = position
        let type = try parseIdentifierKind("an argument type (\(Self.argumentTypes.joined(separator: ", ")))")
        let typeEnd = position
        skipWhitespace()
        switch type {
        case .plural?:
            features.insert(.plural)
            try expect(",", "',' and the plural branches")
            try parsePlural(name: name, at: openLocation, open: open)
        case .select?:
            features.insert(.select)
            try expect(",", "',' and the select branches")
            var op = MessageOp(kind: .select, location: openLocation)
            op.name = addName(name)
            let at = ops.count
            ops.append(op)
            try parseBranches(inPlural: false, open: open, container: at)
        case let kind? where kind == .number || kind == .date || kind == .name:
            if kind == .name { features.insert(.nameArgument) }
            if isCurrent("}") {
                position += 1
                return addArgument(name, kind: kind, style: nil, at: openLocation)
            }
            try expect(",", "',' or '}' after the argument type")
            let styleStart = position
            while let c = current, !Self.isMark(c), c != UInt8(ascii: "}") {
                if c == UInt8(ascii: "{") { throw fail("'{' is not allowed in an argument style") }
                position += 1
            }
            if element(at: position) != nil {
                throw fail("markup is not allowed inside {…} syntax")
            }
            if position >= limit { throw fail("'{' is not closed", at: open) }
            // ASCII white space at the ends is dropped on bytes; anything else is trimmed as text.
            var (from, to) = (styleStart, position)
            while from < to && Self.isASCIIWhitespace(units[from]) { from += 1 }
            while to > from && Self.isASCIIWhitespace(units[to - 1]) { to -= 1 }
            let trimmed = names.name(UnsafeBufferPointer(rebasing: units[from..<to])).trimmingPatternWhitespace()
            position += 1
            addArgument(name, kind: kind, style: trimmed.isEmpty ? nil : trimmed, at: openLocation)
        default:
            let written = String(decoding: UnsafeBufferPointer(rebasing: units[typeStart..<typeEnd]), as: UTF8.self)
            throw fail("unknown argument type \"\(written)\"", at: typeStart,
                       notes: ["argument types: " + Self.argumentTypes.joined(separator: ", ")])
        }
    }

    /// An argument type, read as an identifier and matched on its bytes; nil for any other
    /// word (an unknown type).
    private mutating func parseIdentifierKind(_ what: @autoclosure () -> String) throws(DiagnosticError) -> ArgumentKind? {
        let word = try parseIdentifierRange(what())
        let bytes = units
        func equals(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == word.count && memcmp(literal.utf8Start, bytes.baseAddress! + word.lowerBound, word.count) == 0
        }
        if equals("number") { return .number }
        if equals("date") { return .date }
        if equals("name") { return .name }
        if equals("plural") { return .plural }
        if equals("select") { return .select }
        return nil
    }

    private mutating func parsePlural(name: String, at openLocation: SourceLocation, open: Int) throws(DiagnosticError) {
        skipWhitespace()
        var offset = 0
        if isCurrent("o"), byte(at: position + 1) == UInt8(ascii: "f") {
            let start = position
            let word = try parseIdentifier("offset")
            guard word == "offset", isCurrent(":") else { throw fail("expected offset:N", at: start) }
            position += 1
            let digitsStart = position
            while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { position += 1 }
            guard let value = Int(String(decoding: UnsafeBufferPointer(rebasing: units[digitsStart..<position]), as: UTF8.self)) else {
                throw fail("expected a whole number after offset:")
            }
            offset = value
        }
        var op = MessageOp(kind: .plural, location: openLocation)
        op.name = addName(name)
        if let small = UInt32(exactly: offset) {
            op.second = small
        } else {
            op.detail = 1
            op.style = addName(String(offset)) + 1
        }
        let at = ops.count
        ops.append(op)
        try parseBranches(inPlural: true, open: open, container: at)
    }

    /// Whether a branch of the plural or select at `container` read so far has the key `key`.
    private func hasBranch(_ key: String, in container: Int) -> Bool {
        var index = container + 1
        // The container's index past its branches is written after each branch.
        while index < Int(ops[container].first) {
            if nameList[Int(ops[index].name)] == key { return true }
            index = Int(ops[index].first)
        }
        return false
    }

    /// Reads the branches of the plural or select at `container` in `ops`, and writes the index
    /// past them there.
    private mutating func parseBranches(inPlural: Bool, open: Int, container: Int) throws(DiagnosticError) {
        while true {
            skipWhitespace()
            if position >= limit { throw fail("'{' is not closed", at: open) }
            if isCurrent("}") { position += 1; break }
            let keyStart = position
            var key = ""
            if inPlural && isCurrent("=") {
                position += 1
                key = "=" + (try parseIdentifier("a number after '='"))
                guard Int(key.dropFirst()) != nil else { throw fail("expected a whole number after '='", at: keyStart + 1) }
            } else {
                key = try parseIdentifier(inPlural ? "a plural category (zero, one, two, few, many, other) or =N" : "a select key")
            }
            if hasBranch(key, in: container) { throw fail("branch \"\(key)\" appears twice", at: keyStart) }
            skipWhitespace()
            try expect("{", "'{' to open the branch \"\(key)\"")
            var op = MessageOp(kind: .branch, location: MessageOp.noLocation)
            op.name = addName(key)
            let at = ops.count
            ops.append(op)
            try parseBody(inPlural: inPlural, nested: true)
            if position >= limit { throw fail("the branch \"\(key)\" is not closed", at: keyStart) }
            position += 1
            ops[at].first = UInt32(truncatingIfNeeded: ops.count)
            ops[at].location = location(at: keyStart)
            // The branches so far end here (a branch's key is checked against them).
            ops[container].first = UInt32(truncatingIfNeeded: ops.count)
        }
        ops[container].first = UInt32(truncatingIfNeeded: ops.count)
        guard hasBranch("other", in: container) else {
            throw fail("a \(inPlural ? "plural" : "select") needs an \"other\" branch", at: open)
        }
    }
}

extension String {
    func trimmingPatternWhitespace() -> String {
        // Mostly there is nothing to trim: the first and last bytes are not white space.
        let ends = withUTF8Bytes { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }
        if let (first, last) = ends, first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.isPatternWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isPatternWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

/// BCP 47 language tags, as far as Brochure needs them.
public enum LanguageTag {
    /// A primary language of 2–3 letters and optional subtags of 2–8 letters or digits.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

extension Unicode.Scalar {
    /// Pattern_White_Space, answered without a property lookup for ASCII.
    var isPatternWhitespace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isPatternWhitespace
    }

    /// A letter or digit of an argument name or select key.
    var isIdentifierCharacter: Bool {
        if isASCII { return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return properties.isAlphabetic || properties.numericType != nil
    }
}

/// Values made one after another and then moved, all or the last few, into an array of
/// exactly their number: the literal runs of the message being parsed, and the parts of the
/// bodies being read (a body's parts lie on top of those of the bodies around it). The memory
/// is kept from one message to the next. Moving costs no reference counting: a copy counts a
/// reference to each string and array a value holds, and dropping the buffer's copies counts
/// them again.
final class MovingBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 8
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func append(_ element: consuming Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Appends copies of `elements` (values without references: bytes).
    func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        if count + elements.count > capacity { grow(to: count + elements.count) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    private func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// The elements from index `start` on, moved into an array of exactly their number; the
    /// buffer keeps the ones before.
    func take(from start: Int) -> [Element] {
        let taken = count - start
        guard taken > 0 else { return [] }
        // Reserved and appended to: `Array(unsafeUninitializedCapacity:)` allocates through an
        // unspecialised generic path that looks the array's type up at run time, every call.
        var result: [Element] = []
        result.reserveCapacity(taken)
        for index in start..<count { result.append((base + index).move()) }
        count = start
        return result
    }

    /// Every element, moved into an array of exactly their number; the buffer is left empty.
    func takeAll() -> [Element] { take(from: 0) }

    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    /// Calls `body` with the elements, read in place.
    func withBuffer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Moves every element to `destination` (uninitialised room for `count`); the buffer is
    /// left empty.
    func moveAll(to destination: UnsafeMutablePointer<Element>) {
        destination.moveInitialize(from: base, count: count)
        count = 0
    }

    /// Changes every element where it stands.
    func updateAll(_ body: (inout Element) -> Void) {
        for index in 0..<count { body(&base[index]) }
    }
}

/// The literal runs of the message being parsed.
typealias LiteralBuffer = MovingBuffer<Literal>

/// Names read before, by their bytes: a table's thousands of messages use a few dozen
/// argument names and branch keys, and a name found here is not decoded and checked as UTF-8
/// again. A name of at most 15 bytes is kept (a string that short is held in the value
/// itself: handing it out counts no reference), in one of 64 places its bytes choose.
final class NameCache {
    private struct Place {
        var words: (UInt64, UInt64) = (0, 0)
        /// The number of bytes; 0 for a place not used yet.
        var count = 0
        var name = ""
    }

    private static let size = 64
    private let places: UnsafeMutablePointer<Place>

    init() {
        places = .allocate(capacity: Self.size)
        places.initialize(repeating: Place(), count: Self.size)
    }

    deinit {
        places.deinitialize(count: Self.size)
        places.deallocate()
    }

    /// The name spelled by `bytes` (valid UTF-8): the one kept if the same bytes were read
    /// before, otherwise a new one, then kept.
    func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0 && count <= 15 else { return String(decoding: bytes, as: UTF8.self) }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        let mixed = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        let place = places + Int(truncatingIfNeeded: mixed >> 58)
        if place.pointee.count == count && place.pointee.words == words { return place.pointee.name }
        let name = String(decoding: bytes, as: UTF8.self)
        place.pointee = Place(words: words, count: count, name: name)
        return name
    }
}
