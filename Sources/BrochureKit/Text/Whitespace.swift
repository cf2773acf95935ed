public import BrochureDocument

/// Folds XML white space (space, tab, CR, LF) in formatted text to single spaces and trims the ends,
/// across markup boundaries. No-break spaces are kept: they are typography, not layout.
public enum Whitespace {
    /// Folds already-built inline content (the same rules as `InlineBuilder`, which applies
    /// them while the content is being formatted).
    public static func fold(_ inlines: [Inline]) -> [Inline] {
        var builder = InlineBuilder()
        builder.replay(inlines)
        return builder.finish()
    }

    static func isFoldable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}

/// Builds formatted inline content in one pass, as the formatter walks a message: adjacent
/// texts are joined into one, XML white space (space, tab, CR, LF) is folded to single
/// spaces across markup boundaries and trimmed at the ends. No-break spaces are kept: they
/// are typography, not layout.
///
/// A builder is used in place (`inout`), never copied: copies would share its content buffer.
struct InlineBuilder {
    /// The content built so far, of every level: the outermost level's, then that of each
    /// element open. When an element closes, its content is moved into an array of exactly
    /// its size (no array grown inline by inline). Made on first use.
    private var items: MovingBuffer<Inline>?
    /// The elements open, the outermost first, each with the index in `items` where its
    /// content starts.
    private var open: [(element: Inline, start: Int)] = []
    /// The text of the current run, not yet written out as an inline.
    private var run: [UInt8] = []
    /// The current run when it is one text added as it stands (no space to fold or trim): its
    /// string, shared, instead of its bytes in `run` (then empty). Spelled out into `run` as
    /// soon as anything is added to it.
    private var whole: String?
    /// White space seen and not yet written.
    private var pending = false
    /// At the start, or right after a written space: further white space is dropped.
    private var suppress = true
    /// Polish typography, applied to each text as it is made (`Typography`): the last two
    /// scalars written before it. Nil for other languages.
    private var polishing: Typography.Context?

    init() {}

    /// The working buffers a finished builder leaves to the next (`init(reusing:)`), empty
    /// and with their room kept: a builder grown from nothing copies its text to larger
    /// memory again and again as a message's texts are added.
    struct Spare {
        fileprivate var run: [UInt8] = []
        fileprivate var open: [(element: Inline, start: Int)] = []
        fileprivate var items: MovingBuffer<Inline>?
    }

    /// A builder that works in the buffers `spare` holds (taken: `spare` is left empty).
    init(reusing spare: inout Spare) {
        swap(&run, &spare.run)
        swap(&open, &spare.open)
        swap(&items, &spare.items)
    }

    /// From here on each text is polished as Polish typography wants, as it is made: the same
    /// texts as `Typography.apply` gives the finished content, without making each again.
    mutating func startPolishing() {
        polishing = Typography.Context()
    }

    /// Adds text.
    mutating func text(_ text: String) {
        text.withUTF8Bytes { add($0, string: text) }
    }

    /// Adds text given as UTF-8 bytes.
    mutating func text(bytes: UnsafeBufferPointer<UInt8>) {
        add(bytes, string: nil)
    }

    /// Adds the text of `bytes`; `string` holds the same text when the caller has it as a
    /// string (a run that is that text alone shares it, and is not copied).
    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, string: String?) {
        // Most text is plain: spaces at the ends at most, single spaces inside, no tab
        // or line break. Then the ends are trimmed and the inside kept as it is.
        var leading = 0
        while leading < bytes.count && bytes[leading] == 0x20 { leading += 1 }
        var trailing = 0
        while trailing < bytes.count - leading && bytes[bytes.count - 1 - trailing] == 0x20 { trailing += 1 }
        let plain = Self.isPlainInside(UnsafeBufferPointer(rebasing: bytes[leading..<(bytes.count - trailing)]))
        if plain {
            if leading > 0 && !suppress { pending = true }
            guard leading < bytes.count else { return }
            if !pending && leading == 0 && trailing == 0 && run.isEmpty && whole == nil, let string {
                // The whole text starts the run: it is kept as it is, not copied.
                whole = string
            } else {
                spellWhole()
                if pending { run.append(0x20) }
                run.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[leading..<(bytes.count - trailing)]))
            }
            pending = false
            suppress = false
            if trailing > 0 { pending = true }
            return
        }
        spellWhole()
        // The foldable characters are ASCII: fold the UTF-8 bytes.
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if !suppress { pending = true }
            } else {
                if pending { run.append(0x20) }
                pending = false
                suppress = false
                run.append(byte)
            }
        }
    }

    /// True when `bytes` hold no tab, line break or carriage return and no two spaces in a row:
    /// nothing to fold. Eight bytes are read at a time; a word where a test may have found
    /// something (the word tests can raise a flag a byte above a true one, never miss one) is
    /// read byte by byte.
    static func isPlainInside(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var previousIsSpace = false
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            func zeroBytes(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
            let spaces = zeroBytes(word ^ 0x2020_2020_2020_2020)
            // Any byte below 0x0E (tab, line feed, carriage return and a few other controls)
            // in one test: such a word is read byte by byte.
            let controls = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
            // Two flagged bytes in a row, or a flagged first byte after a space.
            if controls == 0 && spaces & (spaces << 8) == 0 && !(previousIsSpace && spaces & 0x80 != 0) {
                previousIsSpace = spaces >> 63 != 0
                index += 8
                continue
            }
            for byte in UnsafeBufferPointer(rebasing: bytes[index..<index + 8]) {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousIsSpace) { return false }
                previousIsSpace = byte == 0x20
            }
            index += 8
        }
        for byte in UnsafeBufferPointer(rebasing: bytes[index...]) {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousIsSpace) { return false }
            previousIsSpace = byte == 0x20
        }
        return true
    }

    /// Opens an element (given without children); what follows goes inside it until `close()`.
    mutating func open(_ element: Inline) {
        // A space before an element belongs outside it.
        if pending {
            spellWhole()
            run.append(0x20)
            pending = false
            suppress = true
        }
        flushRun()
        open.append((element, items?.count ?? 0))
    }

    /// Closes the element opened last.
    mutating func close() {
        flushRun()
        guard let (element, start) = open.popLast() else { return }
        append(element.with(children: items?.take(from: start) ?? []))
    }

    private mutating func append(_ inline: Inline) {
        if items == nil { items = MovingBuffer() }
        items!.append(inline)
    }

    /// A date formatted: its ISO form, its text and, when the text is plain (no white space
    /// to fold at its ends or inside, as formatted dates are), its whole `.date` element, made
    /// once and shared by every use of the date.
    struct FormattedDate {
        let iso: String
        let text: String
        let element: Inline?

        init(iso: String, text: String) {
            self.iso = iso
            self.text = text
            element = InlineBuilder.isPlain(text) ? .date(iso: iso, [.text(text)]) : nil
        }
    }

    /// Adds a date: its text inside a `.date` element.
    mutating func date(iso: String, _ text: String) {
        date(FormattedDate(iso: iso, text: text))
    }

    /// Adds a date formatted before.
    mutating func date(_ date: FormattedDate) {
        // Plain text: the element is added whole, as `open`, `text` and `close` would add it.
        if let element = date.element {
            if pending { spellWhole(); run.append(0x20); pending = false }
            flushRun()
            if let polished = polished(date.text.utf8) {
                append(.date(iso: date.iso, [.text(InlineString(validUTF8: polished))]))
            } else {
                append(element)
            }
            suppress = false
            return
        }
        open(.date(iso: date.iso, []))
        self.text(date.text)
        close()
    }

    /// True when text is not empty and has no XML white space but single spaces inside.
    static func isPlain(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20 && last != 0x20 else { return false }
            var previousIsSpace = false
            for byte in bytes {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousIsSpace) { return false }
                previousIsSpace = byte == 0x20
            }
            return true
        }
    }

    /// Adds content already built, element by element.
    mutating func replay(_ inlines: [Inline]) {
        for inline in inlines {
            if case .text(let text) = inline {
                if let string = text.heldString { self.text(string) } else { text.withUTF8 { self.text(bytes: $0) } }
            } else {
                open(inline.with(children: []))
                replay(inline.children)
                close()
            }
        }
    }

    /// The content built, with white space at its end trimmed.
    mutating func finish() -> [Inline] {
        while !open.isEmpty { close() }
        flushRun()
        var result = items?.takeAll() ?? []
        Self.trimTrailing(&result)
        return result
    }

    /// `finish()`, leaving the working buffers in `spare` for the next builder.
    mutating func finish(leaving spare: inout Spare) -> [Inline] {
        let content = finish()
        swap(&run, &spare.run)
        swap(&open, &spare.open)
        swap(&items, &spare.items)
        return content
    }

    /// The text of a run: up to 15 bytes a string (Swift keeps it in the value, with nothing
    /// allocated, and checking so few bytes costs little); longer, a copy of the bytes of
    /// exactly their size (the run's own buffer, with its room, stays for the next run:
    /// `Array(run)` would share it, and the next write copy it whole).
    private static func inlineString(_ run: [UInt8]) -> InlineString {
        if run.count <= 15 { return InlineString(String(decoding: run, as: UTF8.self)) }
        return InlineString(validUTF8: run.withUnsafeBufferPointer { Array($0) })
    }

    /// Writes the current run out as a text. Bytes stay bytes (`InlineString(validUTF8:)`): they
    /// were joined from strings and parsed text at character boundaries, and a string made of
    /// them would only check each byte again before the writers read them back.
    private mutating func flushRun() {
        if let whole {
            self.whole = nil
            if let polished = polished(whole.utf8) {
                append(.text(InlineString(validUTF8: polished)))
            } else {
                append(.text(whole))
            }
            return
        }
        guard !run.isEmpty else { return }
        if let polished = polished(run) {
            append(.text(InlineString(validUTF8: polished)))
        } else {
            append(.text(Self.inlineString(run)))
        }
        run.removeAll(keepingCapacity: true)
    }

    /// A text about to be made, polished (nil: unchanged, or no polishing); the context goes on.
    private mutating func polished(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        guard var context = polishing else { return nil }
        defer { polishing = context }
        return bytes.withContiguousStorageIfAvailable { Typography.polished(bytes: $0, context: &context) }
            ?? Array(bytes).withUnsafeBufferPointer { Typography.polished(bytes: $0, context: &context) }
    }

    /// Writes the run kept whole into `run`, before anything is added to it.
    private mutating func spellWhole() {
        guard let whole else { return }
        self.whole = nil
        whole.withUTF8Bytes { run.append(contentsOf: $0) }
    }

    private static func trimTrailing(_ inlines: inout [Inline]) {
        guard let last = inlines.last else { return }
        if case .text(let held) = last {
            // Mostly the last byte is no white space: nothing to trim, nothing to decode.
            if let byte = held.withUTF8({ $0.last }), byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return }
            var text = held.string
            while let scalar = text.unicodeScalars.last, Whitespace.isFoldable(scalar) { text.unicodeScalars.removeLast() }
            if text.isEmpty { inlines.removeLast(); trimTrailing(&inlines) } else { inlines[inlines.count - 1] = .text(text) }
        }
    }
}

extension Inline {
    /// The same inline with other children (text keeps its text).
    func with(children: [Inline]) -> Inline {
        switch self {
        case .text: self
        case .emphasis: .emphasis(children)
        case .strong: .strong(children)
        case .organization: .organization(children)
        case .place: .place(children)
        case .foreign(let language, _): .foreign(language: language, children)
        case .link(let url, _): .link(url: url, children)
        case .date(let iso, _): .date(iso: iso, children)
        case .fallback(let language, _): .fallback(language: language, children)
        case .outdated: .outdated(children)
        case .span(let language, _): .span(language: language, children)
        }
    }
}
