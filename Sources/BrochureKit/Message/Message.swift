public import BrochureDiagnostics
public import BrochureXML
import CBytes

/// A parsed message in ICU MessageFormat syntax, with inline markup from the allowed set.
///
/// A message is held flat (`MessageStore`): its parts one after another in the order they are
/// written, each element, plural, select and branch followed by what it holds, in one buffer
/// with the names and texts they refer to. The checks and the formatter walk it as a body of
/// parts (`body`), which reads the buffer in place; `parts` builds the same parts as a tree of
/// values, for callers that want one (DECISIONS 36).
public struct Message: Sendable, Hashable {
    /// The parts, flat.
    private(set) nonisolated(unsafe) var store: MessageStore
    /// The literal text of the message (not its syntax), run by run, with where each run stands.
    public var literals: [Literal] = []
    /// The kinds of part the message holds anywhere in it.
    public private(set) var features: MessageFeatures

    public init(_ parts: [MessagePart], literals: [Literal] = []) {
        store = MessageStore.encoded(parts)
        self.literals = literals
        features = MessageFeatures(parts)
    }

    /// A message its parser wrote flat, with the features it noted while it read the parts.
    init(store: MessageStore, literals: [Literal], features: MessageFeatures) {
        self.store = store
        self.literals = literals
        self.features = features
        assert(features == MessageFeatures(store.tree()), "the parser's features are the parts'")
    }

    /// The parts as a tree of values (built from the flat form at each call).
    public var parts: [MessagePart] {
        get { store.tree() }
        set {
            store = MessageStore.encoded(newValue)
            features = MessageFeatures(newValue)
        }
    }

    /// The parts, read where they stand.
    public var body: MessageBody { MessageBody(store: store, range: 0..<store.count) }

    public static func == (a: Message, b: Message) -> Bool { a.parts == b.parts }
    public func hash(into hasher: inout Hasher) { hasher.combine(parts) }

    /// Every argument the message uses, with the kind of use, in order of first use.
    public var arguments: [(name: String, kind: ArgumentKind)] {
        var seen: [(name: String, kind: ArgumentKind)] = []
        store.forEachArgument { name, kind in
            if !seen.contains(where: { $0.name == name }) { seen.append((name, kind)) }
        }
        return seen
    }

    /// The names of the arguments the message uses, in order of first use (what `arguments`
    /// names, without building a pair for each).
    public var argumentNames: [String] {
        var names: [String] = []
        collectArgumentNames(into: &names)
        return names
    }

    /// `argumentNames` written into `names` (emptied first), so a caller can lend one buffer
    /// to many messages.
    public func collectArgumentNames(into names: inout [String]) {
        names.removeAll(keepingCapacity: true)
        store.forEachArgument { name, _ in
            if !names.contains(name) { names.append(name) }
        }
    }
}

/// The kinds of part a message holds at any depth, known once it is read: a check that looks
/// for one kind skips the messages without it instead of walking their parts (a walk copies
/// each part it passes, counting references to its strings).
public struct MessageFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// An inline element.
    public static let markup = MessageFeatures(rawValue: 1 << 0)
    public static let plural = MessageFeatures(rawValue: 1 << 1)
    public static let select = MessageFeatures(rawValue: 1 << 2)
    /// An argument of kind `name` (`{x, name}`, `{x, name, case}`).
    public static let nameArgument = MessageFeatures(rawValue: 1 << 3)

    /// The features of `parts`, found by walking them.
    public init(_ parts: [MessagePart]) {
        self = []
        add(parts)
    }

    private mutating func add(_ parts: [MessagePart]) {
        for part in parts {
            switch part {
            case .text, .textBytes, .pound: break
            case .markup(_, let inner, _): insert(.markup); add(inner)
            case .argument(let a): if a.kind == .name { insert(.nameArgument) }
            case .plural(let p): insert(.plural); for branch in p.branches { add(branch.parts) }
            case .select(let s): insert(.select); for branch in s.branches { add(branch.parts) }
            }
        }
    }
}

/// How an argument is used in a message.
public enum ArgumentKind: String, Sendable, Hashable {
    case simple, number, date, name, plural, select
}

public enum MessagePart: Sendable, Hashable {
    case text(String)
    /// Text kept as UTF-8 in a buffer its message shares, not as a string of its own: what a
    /// build reads (`MessageParser.PartTexts.bytes`). The same text as `.text(bytes.string)`.
    case textBytes(TextBytes)
    indirect case markup(InlineMarkup, [MessagePart], SourceLocation)
    indirect case argument(MessageArgument)
    indirect case plural(PluralArgument)
    indirect case select(SelectArgument)
    /// `#` inside a plural branch: the number, formatted.
    case pound(SourceLocation)
}

/// A text part's UTF-8 in its message's buffer (`MessagePart.textBytes`). Equal to another
/// when the bytes are.
public struct TextBytes: Sendable, Hashable {
    let buffer: MessageBytes
    let offset: UInt32
    let count: UInt32

    /// Calls `body` with the text's UTF-8 bytes, read in place.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try buffer.bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(offset)..<Int(offset) + Int(count)]))
        }
    }

    /// The text, made from its bytes.
    public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    public static func == (a: TextBytes, b: TextBytes) -> Bool {
        a.withBytes { first in b.withBytes { second in first.elementsEqual(second) } }
    }

    public func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// The bytes of a message's literal text, which its runs and its text parts read: handed over
/// once the message is read (the parser writes it once, before the message is returned).
final class MessageBytes: @unchecked Sendable {
    var bytes: [UInt8] = []
}

/// `{name}`, `{name, number, ::skeleton}`, `{name, date, pattern}`, `{name, name, case}`.
public struct MessageArgument: Sendable, Hashable {
    public var name: String
    public var kind: ArgumentKind
    /// The style text after the second comma, trimmed; nil when absent.
    public var style: String?
    public var location: SourceLocation

    public init(name: String, kind: ArgumentKind, style: String?, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.style = style
        self.location = location
    }
}

/// `{name, plural, offset:1 =0 {…} one {…} other {…}}`.
public struct PluralArgument: Sendable, Hashable {
    public var name: String
    public var offset: Int
    public var branches: [Branch]
    public var location: SourceLocation

    public init(name: String, offset: Int, branches: [Branch], location: SourceLocation) {
        self.name = name
        self.offset = offset
        self.branches = branches
        self.location = location
    }
}

/// `{name, select, key {…} other {…}}`.
public struct SelectArgument: Sendable, Hashable {
    public var name: String
    public var branches: [Branch]
    public var location: SourceLocation

    public init(name: String, branches: [Branch], location: SourceLocation) {
        self.name = name
        self.branches = branches
        self.location = location
    }
}

/// One branch of a plural or select: its key (`one`, `=5`, `locative`) and content.
public struct Branch: Sendable, Hashable {
    public var key: String
    public var parts: [MessagePart]
    public var location: SourceLocation

    public init(key: String, parts: [MessagePart], location: SourceLocation) {
        self.key = key
        self.parts = parts
        self.location = location
    }
}

/// A run of literal text in a message and the way back to its place in the file.
///
/// The run's bytes lie in a buffer all the runs of its message share, made once the message
/// is read (`MessageParser`): a run is not a string of its own (making one is an allocation
/// and a check of its UTF-8). The checks read the bytes (`withTextBytes`); `text` makes a
/// string when one is asked for.
public struct Literal: Sendable {
    /// The store of the message the run stands in, which holds its bytes (`storedOffset`,
    /// `storedByteCount`); nil until it is placed. Never changed once placed (`MessageStore`
    /// is not `Sendable`).
    private nonisolated(unsafe) var storage: MessageStore?
    private var storedOffset: UInt32
    private var storedByteCount: UInt32
    /// Where the text node the run comes from begins (not the node's text: the run is `text`).
    public var source: TextAnchor
    // Counts of scalars in one input file (at most 32 MiB): 32 bits each keep a literal small.
    private var storedStart: UInt32
    private var storedLength: UInt32
    /// Inside `<foreign>`: text in another language on purpose.
    public var isForeign: Bool
    /// Which byte-level checks of the text can find something (`LiteralHints`), worked out
    /// once from the text when the literal is made.
    public internal(set) var hints: LiteralHints

    public init(text: String, source: TextAnchor, start: Int, isForeign: Bool, length: Int = 1) {
        let bytes = Array(text.utf8)
        self.init(byteCount: bytes.count, at: 0, source: source, start: start, isForeign: isForeign, length: length,
                  hints: bytes.withUnsafeBufferPointer(LiteralHints.init))
        storage = bytes.withUnsafeBufferPointer { MessageStore.make(ops: UnsafeBufferPointer(start: nil, count: 0), names: UnsafeBufferPointer(start: nil, count: 0), bytes: $0) }
    }

    /// A run of `byteCount` bytes at `offset` in its message's buffer, whose hints were worked
    /// out from them already (`LiteralHints.scalarsAndHints`). It reads no bytes until the
    /// buffer is handed to it (`place(in:)`).
    init(byteCount: Int, at offset: Int, source: TextAnchor, start: Int, isForeign: Bool, length: Int, hints: LiteralHints) {
        storage = nil
        // Within one message of a file of at most 32 MiB.
        storedOffset = UInt32(truncatingIfNeeded: offset)
        storedByteCount = UInt32(truncatingIfNeeded: byteCount)
        self.source = source
        storedStart = UInt32(clamping: start)
        storedLength = UInt32(clamping: length)
        self.isForeign = isForeign
        self.hints = hints
    }

    /// Hands the run the store of its message, which holds its bytes.
    mutating func place(in store: MessageStore) {
        precondition(Int(storedOffset) + Int(storedByteCount) <= store.byteCount, "the run lies in the store's bytes")
        storage = store
    }

    /// Calls `body` with the run's UTF-8 bytes, read in place.
    public func withTextBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage!.withBytes(offset: storedOffset, count: storedByteCount, body)
    }

    /// The run's text, made from its bytes.
    public var text: String { withTextBytes { String(decoding: $0, as: UTF8.self) } }

    /// The index of the run's first scalar in `source`.
    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = UInt32(clamping: newValue) }
    }

    /// The number of scalars in `text`.
    public var length: Int {
        get { Int(storedLength) }
        set { storedLength = UInt32(clamping: newValue) }
    }

    /// Where the scalar at `offset` of `text` stands.
    public func location(ofScalar offset: Int) -> SourceLocation {
        source.location(ofScalar: start + offset)
    }
}

/// What one pass over a literal's UTF-8 bytes tells the text checks (`TextChecks`): whether
/// its numbers, typography and script can hold a finding at all. Each flag is conservative:
/// a flag that is set sends the literal to the exact check; a flag that is clear means that
/// check has nothing to find. Most literals raise no flag, and their three checks cost a test
/// of one byte each instead of a pass over the text each.
public struct LiteralHints: Sendable, Equatable {
    let bits: UInt8

    /// A byte that may begin a digit of any script (`TextChecks.mayStartDigit`):
    /// `checkNumbers` has to look.
    static let digitOrWide: UInt8 = 1 << 0
    /// A hyphen-minus.
    static let hyphen: UInt8 = 1 << 1
    /// A space (table only; a space followed by `pairsAfterSpace` sets `spacePair`).
    static let space: UInt8 = 1 << 2
    /// A byte that is suspect after a space: a space, `, . ; : ! ? )`.
    static let pairsAfterSpace: UInt8 = 1 << 3
    /// A byte at or above 0xD0: Cyrillic or beyond, in a language written in Latin.
    static let cyrillicOrBeyond: UInt8 = 1 << 4
    /// An ASCII letter, or the lead byte of a scalar outside ASCII and Cyrillic (U+0400–U+04FF)
    /// in a language written in Cyrillic.
    static let latinOrBeyond: UInt8 = 1 << 5
    /// A mark of `, . ; : ! ?` (table) followed by a byte that may begin a letter: an ASCII
    /// letter or a lead byte at or above 0xC0 (`latinOrBeyond` or `cyrillicOrBeyond`): a
    /// space may be missing after the mark.
    static let markThenLetter: UInt8 = 1 << 7

    /// The flags of each byte value.
    private static let table: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        var flags: UInt8 = 0
        if TextChecks.mayStartDigit(byte) { flags |= digitOrWide }
        if byte == 0x2D { flags |= hyphen }
        if byte == 0x20 { flags |= space }
        if [0x20, 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29].contains(byte) { flags |= pairsAfterSpace }
        if [0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F].contains(byte) { flags |= markThenLetter }
        if byte >= 0xD0 { flags |= cyrillicOrBeyond }
        if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (byte >= 0xC0 && !(0xD0...0xD3).contains(byte)) {
            flags |= latinOrBeyond
        }
        if byte & 0xC0 == 0x80 { flags |= continuation }
        return flags
    }

    /// A continuation byte (10xxxxxx): counted, never kept in the hints.
    private static let continuation: UInt8 = 1 << 6

    /// Every check has to look (text whose bytes were not read).
    public static let all = LiteralHints(bits: 0xFF)

    private init(bits: UInt8) { self.bits = bits }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self = Self.scalarsAndHints(bytes).hints
    }

    /// The number of scalars in `bytes` (valid UTF-8) and their hints, in one pass (in C,
    /// sixteen bytes at a time: `brochure_scan_hints`).
    static func scalarsAndHints(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalars: Int, hints: LiteralHints) {
        guard let base = bytes.baseAddress else { return (0, LiteralHints(bits: 0)) }
        let scan = brochure_scan_hints(base, bytes.count)
        return (scan.scalars, LiteralHints(bits: scan.bits))
    }

    /// `scalarsAndHints`, byte by byte through the table: what short texts take, and what the
    /// tests hold the block reading to.
    static func scalarsAndHintsByteByByte(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalars: Int, hints: LiteralHints) {
        var found: UInt8 = 0
        var pairs: UInt8 = 0
        var previous: UInt8 = 0
        var continuations = 0
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                let flags = table[Int(byte)]
                found |= flags
                // A space before a byte of `pairsAfterSpace`: the space's bit, moved up one,
                // meets the next byte's.
                pairs |= (previous & Self.space) << 1 & flags
                // A mark before a byte that may begin a letter.
                if flags & (Self.latinOrBeyond | Self.cyrillicOrBeyond) != 0 { pairs |= previous & Self.markThenLetter }
                previous = flags
                // Every byte but a continuation byte starts a scalar.
                continuations &+= Int(flags >> 6 & 1)
            }
        }
        // The space and mark bits themselves say nothing; the pairs do.
        let pairBits = Self.pairsAfterSpace | Self.markThenLetter
        let hints = LiteralHints(bits: (found & ~(Self.space | pairBits | Self.continuation)) | (pairs & pairBits))
        return (bytes.count - continuations, hints)
    }

    /// `checkNumbers` may find a number typed into the text.
    var mayHoldDigits: Bool { bits & Self.digitOrWide != 0 }
    /// `checkTypography` may find a doubled space, a space before punctuation, a hyphen or a
    /// space missing after punctuation.
    var mayBreakTypography: Bool { bits & (Self.hyphen | Self.pairsAfterSpace | Self.markThenLetter) != 0 }
    /// `checkScript` may find a letter of the other script (for text in `expected` script).
    func mayHoldOtherScript(latinExpected: Bool) -> Bool {
        bits & (latinExpected ? Self.cyrillicOrBeyond : Self.latinOrBeyond) != 0
    }
}
