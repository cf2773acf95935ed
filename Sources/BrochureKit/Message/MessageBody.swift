public import BrochureDiagnostics

/// One part of a message in its flat form (`MessageStore`), or the start of one that holds
/// others: an inline element, a plural or a select (whose branches follow it), a branch (whose
/// parts follow it). Such a start holds the index just past what it holds, so a walk can step
/// over it. A plain value: copying one counts no reference.
struct MessageOp: Sendable {
    enum Kind: UInt8, Sendable { case text, argument, plural, select, branch, markup, pound }

    /// What a text part holds (`MessageParser.PartTexts`).
    enum TextForm: UInt8 {
        /// A string (`MessagePart.text`).
        case string
        /// Bytes of the message's buffer (`MessagePart.textBytes`).
        case bytes
        /// Nothing: a reader that formats no text (`MessagePart.text("")`).
        case empty
    }

    /// The kinds of inline element (`InlineMarkup`); `foreign` and `link` keep their
    /// attribute's value in `name`.
    enum MarkupKind: UInt8 { case emphasis, strong, organization, place, foreign, link }

    var kind: Kind
    /// An argument's `ArgumentKind`, an element's `MarkupKind`, a text's `TextForm`; for a
    /// plural, 1 when its offset is too large for `second` (then `style` names it in decimal).
    var detail: UInt8 = 0
    /// The index in the store's names of an argument's, plural's or select's name, a branch's
    /// key, or the attribute value of `foreign` or `link`.
    var name: UInt32 = 0
    /// An argument's style: its index in the names plus one (0: no style).
    var style: UInt32 = 0
    /// Text: its first byte in the store's bytes. An element, plural, select or branch: the
    /// index of the part just past what it holds.
    var first: UInt32 = 0
    /// Text: its number of bytes. A plural: its offset.
    var second: UInt32 = 0
    var location: SourceLocation

    /// Where a text part stands is never asked (its literal runs know): a placeholder.
    static let noLocation = SourceLocation(pathID: 0, line: 0, column: 0)

    static let argumentKinds: [ArgumentKind] = [.simple, .number, .date, .name, .plural, .select]

    static func code(of kind: ArgumentKind) -> UInt8 {
        switch kind {
        case .simple: 0
        case .number: 1
        case .date: 2
        case .name: 3
        case .plural: 4
        case .select: 5
        }
    }
}

/// What a message's flat form keeps beside its parts: how many parts, names and bytes of
/// text its block holds after the header.
struct MessageStoreHeader {
    var count: Int
    var nameCount: Int
    var byteCount: Int
}

/// A message's parts, flat, in one block: the parts (`MessageOp`, in the order they are
/// written), then the names and keys they refer to, then the bytes of its texts (the bytes its
/// literal runs read). Made once, never changed.
final class MessageStore: ManagedBuffer<MessageStoreHeader, MessageOp> {
    private static let slot = MemoryLayout<MessageOp>.stride

    /// A store of `ops`, `names` and `bytes`, all copied into one block (the names and bytes
    /// after the parts: no block of their own).
    static func make(ops: UnsafeBufferPointer<MessageOp>, names: UnsafeBufferPointer<String>, bytes: UnsafeBufferPointer<UInt8>) -> MessageStore {
        make(ops: ops, nameCount: names.count, bytes: bytes) { room in
            if let source = names.baseAddress { room.initialize(from: source, count: names.count) }
        }
    }

    /// A store of `ops`, the names `names` holds (moved: `names` is left empty) and `bytes`.
    static func make(ops: UnsafeBufferPointer<MessageOp>, movingNamesFrom names: MovingBuffer<String>, bytes: UnsafeBufferPointer<UInt8>) -> MessageStore {
        make(ops: ops, nameCount: names.count, bytes: bytes) { names.moveAll(to: $0) }
    }

    private static func make(ops: UnsafeBufferPointer<MessageOp>, nameCount: Int, bytes: UnsafeBufferPointer<UInt8>,
                             names: (UnsafeMutablePointer<String>) -> Void) -> MessageStore {
        // The parts, room to align the names (a part is 36 bytes, aligned to 4; a string
        // needs 8), the names, the bytes: counted in parts.
        let needed = ops.count * slot + MemoryLayout<String>.alignment - 1 + nameCount * MemoryLayout<String>.stride + bytes.count
        let store = MessageStore.create(minimumCapacity: (needed + slot - 1) / slot) { _ in
            MessageStoreHeader(count: ops.count, nameCount: nameCount, byteCount: bytes.count)
        }
        store.withUnsafeMutablePointerToElements { elements in
            if let base = ops.baseAddress { elements.initialize(from: base, count: ops.count) }
            // The room after the parts holds names, and after them bytes, from here on.
            let nameRoom = namesStart(elements, count: ops.count)
            assert(Int(bitPattern: nameRoom) % MemoryLayout<String>.alignment == 0, "names aligned")
            names(nameRoom.bindMemory(to: String.self, capacity: nameCount))
            let byteRoom = (nameRoom + nameCount * MemoryLayout<String>.stride).bindMemory(to: UInt8.self, capacity: bytes.count)
            if let source = bytes.baseAddress { byteRoom.initialize(from: source, count: bytes.count) }
        }
        // `create` makes an instance of the class it is called on.
        return unsafeDowncast(store, to: MessageStore.self)
    }

    /// Where the names start: just past the `count` parts at `elements`, aligned for a string.
    @inline(__always)
    private static func namesStart(_ elements: UnsafeMutablePointer<MessageOp>, count: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(elements + count).alignedUp(for: String.self)
    }

    deinit {
        withUnsafeMutablePointers { header, elements in
            // The parts and bytes are plain values; the names hold strings, let go one by one
            // (a loop of the known type, not the run time's generic one).
            let names = Self.names(header, elements)
            for index in 0..<header.pointee.nameCount { (names + index).deinitialize(count: 1) }
        }
    }

    // The header is read through its pointer: reading `header` itself, a stored property of a
    // class, is checked for exclusive access at run time every time.

    var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// The number of bytes of the texts.
    var byteCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.byteCount } }

    @inline(__always)
    subscript(index: Int) -> MessageOp {
        withUnsafeMutablePointerToElements { $0[index] }
    }

    /// Where the names start, in a block whose header is `header` and parts `elements`.
    @inline(__always)
    private static func names(_ header: UnsafeMutablePointer<MessageStoreHeader>, _ elements: UnsafeMutablePointer<MessageOp>) -> UnsafeMutablePointer<String> {
        namesStart(elements, count: header.pointee.count).assumingMemoryBound(to: String.self)
    }

    /// Where the bytes start: just past the names.
    @inline(__always)
    private static func bytes(_ header: UnsafeMutablePointer<MessageStoreHeader>, _ elements: UnsafeMutablePointer<MessageOp>) -> UnsafePointer<UInt8> {
        UnsafeRawPointer(namesStart(elements, count: header.pointee.count) + header.pointee.nameCount * MemoryLayout<String>.stride)
            .assumingMemoryBound(to: UInt8.self)
    }

    @inline(__always)
    func name(_ index: UInt32) -> String {
        withUnsafeMutablePointers { header, elements in
            precondition(Int(index) < header.pointee.nameCount, "a name of the message")
            return Self.names(header, elements)[Int(index)]
        }
    }

    /// An argument's style, nil when it has none.
    func style(of op: MessageOp) -> String? { op.style == 0 ? nil : name(op.style - 1) }

    /// A plural's offset.
    func offset(of op: MessageOp) -> Int {
        op.detail == 1 ? Int(name(op.style - 1))! : Int(op.second)
    }

    /// Calls `body` with `count` bytes of the texts from `offset` on.
    @inline(__always)
    func withBytes<Result>(offset: UInt32, count: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointers { header, elements in
            precondition(Int(offset) + Int(count) <= header.pointee.byteCount, "bytes of the message")
            return try body(UnsafeBufferPointer(start: Self.bytes(header, elements) + Int(offset), count: Int(count)))
        }
    }

    /// Calls `body` with all the bytes of the texts.
    func withAllBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withBytes(offset: 0, count: UInt32(byteCount), body)
    }

    func argument(_ op: MessageOp) -> MessageArgument {
        MessageArgument(name: name(op.name), kind: MessageOp.argumentKinds[Int(op.detail)], style: style(of: op), location: op.location)
    }

    func markup(_ op: MessageOp) -> InlineMarkup {
        switch MessageOp.MarkupKind(rawValue: op.detail)! {
        case .emphasis: .emphasis
        case .strong: .strong
        case .organization: .organization
        case .place: .place
        case .foreign: .foreign(language: name(op.name))
        case .link: .link(url: name(op.name))
        }
    }

    /// Calls `body` with the name and kind of use of every argument, plural and select, at any
    /// depth, in the order they are written.
    func forEachArgument(_ body: (String, ArgumentKind) -> Void) {
        let count = self.count
        withUnsafeMutablePointers { header, ops in
            let names = Self.names(header, ops)
            for index in 0..<count {
                let op = ops[index]
                switch op.kind {
                case .argument: body(names[Int(op.name)], MessageOp.argumentKinds[Int(op.detail)])
                case .plural: body(names[Int(op.name)], .plural)
                case .select: body(names[Int(op.name)], .select)
                case .text, .branch, .markup, .pound: break
                }
            }
        }
    }

    // MARK: The tree of values

    /// The parts as a tree of values (`MessagePart`).
    func tree() -> [MessagePart] {
        var shared: MessageBytes?
        return tree(0..<count, shared: &shared)
    }

    private func tree(_ range: Range<Int>, shared: inout MessageBytes?) -> [MessagePart] {
        var parts: [MessagePart] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let op = self[index]
            switch op.kind {
            case .text:
                switch MessageOp.TextForm(rawValue: op.detail)! {
                case .empty: parts.append(.text(""))
                case .string:
                    parts.append(.text(withBytes(offset: op.first, count: op.second) { String(decoding: $0, as: UTF8.self) }))
                case .bytes:
                    if shared == nil {
                        let buffer = MessageBytes()
                        buffer.bytes = withAllBytes { Array($0) }
                        shared = buffer
                    }
                    parts.append(.textBytes(TextBytes(buffer: shared!, offset: op.first, count: op.second)))
                }
                index += 1
            case .argument:
                parts.append(.argument(argument(op)))
                index += 1
            case .pound:
                parts.append(.pound(op.location))
                index += 1
            case .markup:
                parts.append(.markup(markup(op), tree(index + 1..<Int(op.first), shared: &shared), op.location))
                index = Int(op.first)
            case .plural:
                parts.append(.plural(PluralArgument(name: name(op.name), offset: offset(of: op),
                                                    branches: branches(index, shared: &shared), location: op.location)))
                index = Int(op.first)
            case .select:
                parts.append(.select(SelectArgument(name: name(op.name), branches: branches(index, shared: &shared), location: op.location)))
                index = Int(op.first)
            case .branch:
                preconditionFailure("a branch stands only in a plural or select")
            }
        }
        return parts
    }

    private func branches(_ start: Int, shared: inout MessageBytes?) -> [Branch] {
        var branches: [Branch] = []
        var index = start + 1
        while index < Int(self[start].first) {
            let op = self[index]
            branches.append(Branch(key: name(op.name), parts: tree(index + 1..<Int(op.first), shared: &shared), location: op.location))
            index = Int(op.first)
        }
        return branches
    }

    // MARK: Written from a tree of values

    /// The flat form of `parts` (what `Message.init(_:literals:)` and setting `parts` make).
    static func encoded(_ parts: [MessagePart]) -> MessageStore {
        var writer = TreeWriter()
        writer.write(parts)
        return writer.ops.withUnsafeBufferPointer { ops in
            writer.names.withUnsafeBufferPointer { names in
                writer.bytes.withUnsafeBufferPointer { make(ops: ops, names: names, bytes: $0) }
            }
        }
    }

    private struct TreeWriter {
        var ops: [MessageOp] = []
        var names: [String] = []
        var bytes: [UInt8] = []

        mutating func name(_ text: String) -> UInt32 {
            names.append(text)
            return UInt32(names.count - 1)
        }

        mutating func text(_ text: some Collection<UInt8>, form: MessageOp.TextForm) {
            var op = MessageOp(kind: .text, location: MessageOp.noLocation)
            op.detail = form.rawValue
            op.first = UInt32(bytes.count)
            op.second = UInt32(text.count)
            bytes.append(contentsOf: text)
            ops.append(op)
        }

        mutating func write(_ parts: [MessagePart]) {
            for part in parts {
                switch part {
                case .text(let text): self.text(Array(text.utf8), form: .string)
                case .textBytes(let text): text.withBytes { self.text($0, form: .bytes) }
                case .pound(let location): ops.append(MessageOp(kind: .pound, location: location))
                case .argument(let argument):
                    var op = MessageOp(kind: .argument, location: argument.location)
                    op.detail = MessageOp.code(of: argument.kind)
                    op.name = name(argument.name)
                    if let style = argument.style { op.style = name(style) + 1 }
                    ops.append(op)
                case .markup(let markup, let inner, let location):
                    var op = MessageOp(kind: .markup, location: location)
                    switch markup {
                    case .emphasis: op.detail = MessageOp.MarkupKind.emphasis.rawValue
                    case .strong: op.detail = MessageOp.MarkupKind.strong.rawValue
                    case .organization: op.detail = MessageOp.MarkupKind.organization.rawValue
                    case .place: op.detail = MessageOp.MarkupKind.place.rawValue
                    case .foreign(let language): op.detail = MessageOp.MarkupKind.foreign.rawValue; op.name = name(language)
                    case .link(let url): op.detail = MessageOp.MarkupKind.link.rawValue; op.name = name(url)
                    }
                    let start = ops.count
                    ops.append(op)
                    write(inner)
                    ops[start].first = UInt32(ops.count)
                case .plural(let plural):
                    var op = MessageOp(kind: .plural, location: plural.location)
                    op.name = name(plural.name)
                    if let small = UInt32(exactly: plural.offset) {
                        op.second = small
                    } else {
                        op.detail = 1
                        op.style = name(String(plural.offset)) + 1
                    }
                    write(op, plural.branches)
                case .select(let select):
                    var op = MessageOp(kind: .select, location: select.location)
                    op.name = name(select.name)
                    write(op, select.branches)
                }
            }
        }

        private mutating func write(_ op: MessageOp, _ branches: [Branch]) {
            let start = ops.count
            ops.append(op)
            for branch in branches {
                var branchOp = MessageOp(kind: .branch, location: branch.location)
                branchOp.name = name(branch.key)
                let at = ops.count
                ops.append(branchOp)
                write(branch.parts)
                ops[at].first = UInt32(ops.count)
            }
            ops[start].first = UInt32(ops.count)
        }
    }
}

// MARK: Reading the flat form

/// A run of a message's parts, read where they stand in its flat form (`Message.body`, an
/// element's content, a branch's parts): a sequence of `MessageBody.Part`.
public struct MessageBody: Sequence, Sendable {
    nonisolated(unsafe) let store: MessageStore
    let range: Range<Int>

    /// One part, as a value made when it is read (an element, plural or select gives the
    /// bodies it holds as views again).
    public enum Part {
        case text(MessageText)
        case argument(MessageArgument)
        case plural(PluralView)
        case select(SelectView)
        case markup(InlineMarkup, MessageBody, SourceLocation)
        /// `#` inside a plural branch.
        case pound(SourceLocation)
    }

    public struct Iterator: IteratorProtocol {
        let store: MessageStore
        var index: Int
        let end: Int

        public mutating func next() -> Part? {
            guard index < end else { return nil }
            let (part, next) = store.part(at: index)
            index = next
            return part
        }
    }

    public func makeIterator() -> Iterator { Iterator(store: store, index: range.lowerBound, end: range.upperBound) }

    public var isEmpty: Bool { range.isEmpty }

    /// Whether a part of `kind` stands anywhere in the body, at any depth.
    func contains(_ kind: MessageOp.Kind) -> Bool {
        range.contains { store[$0].kind == kind }
    }

    /// Whether the last part is text.
    var endsWithText: Bool {
        var index = range.lowerBound
        var lastKind: MessageOp.Kind?
        while index < range.upperBound {
            let op = store[index]
            lastKind = op.kind
            switch op.kind {
            case .markup, .plural, .select, .branch: index = Int(op.first)
            case .text, .argument, .pound: index += 1
            }
        }
        return lastKind == .text
    }

    /// The last part, found by stepping over the ones before.
    public var last: Part? {
        var index = range.lowerBound
        var last: Int?
        while index < range.upperBound {
            last = index
            let op = store[index]
            switch op.kind {
            case .markup, .plural, .select, .branch: index = Int(op.first)
            case .text, .argument, .pound: index += 1
            }
        }
        return last.map { store.part(at: $0).part }
    }
}

extension MessageStore {
    /// The part at `index` and the index of the one after it.
    @inline(__always)
    func part(at index: Int) -> (part: MessageBody.Part, next: Int) {
        let op = self[index]
        switch op.kind {
        case .text:
            return (.text(MessageText(store: self, offset: op.first, count: op.second)), index + 1)
        case .argument:
            return (.argument(argument(op)), index + 1)
        case .pound:
            return (.pound(op.location), index + 1)
        case .markup:
            return (.markup(markup(op), MessageBody(store: self, range: index + 1..<Int(op.first)), op.location), Int(op.first))
        case .plural:
            return (.plural(PluralView(name: name(op.name), offset: offset(of: op), branches: BranchList(store: self, start: index),
                                       location: op.location)), Int(op.first))
        case .select:
            return (.select(SelectView(name: name(op.name), branches: BranchList(store: self, start: index), location: op.location)),
                    Int(op.first))
        case .branch:
            preconditionFailure("a branch stands only in a plural or select")
        }
    }
}

/// A text part's UTF-8, read where it stands (empty for a message read without its texts).
public struct MessageText: Sendable {
    nonisolated(unsafe) let store: MessageStore
    let offset: UInt32
    let count: UInt32

    /// Calls `body` with the text's bytes, read in place.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try store.withBytes(offset: offset, count: count, body)
    }

    /// The text, made from its bytes.
    public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
}

/// `{name, plural, offset:1 =0 {…} one {…} other {…}}`, read in place.
public struct PluralView: Sendable {
    public let name: String
    public let offset: Int
    public let branches: BranchList
    public let location: SourceLocation
}

/// `{name, select, key {…} other {…}}`, read in place.
public struct SelectView: Sendable {
    public let name: String
    public let branches: BranchList
    public let location: SourceLocation
}

/// One branch of a plural or select, read in place: its key and its parts.
public struct BranchView: Sendable {
    public let key: String
    public let parts: MessageBody
    public let location: SourceLocation
}

/// The branches of a plural or select, in the order they are written.
public struct BranchList: Sequence, Sendable {
    nonisolated(unsafe) let store: MessageStore
    /// The index of the plural or select.
    let start: Int

    public struct Iterator: IteratorProtocol {
        let store: MessageStore
        var index: Int
        let end: Int

        public mutating func next() -> BranchView? {
            guard index < end else { return nil }
            let op = store[index]
            defer { index = Int(op.first) }
            return BranchView(key: store.name(op.name), parts: MessageBody(store: store, range: index + 1..<Int(op.first)), location: op.location)
        }
    }

    public func makeIterator() -> Iterator { Iterator(store: store, index: start + 1, end: Int(store[start].first)) }
}
