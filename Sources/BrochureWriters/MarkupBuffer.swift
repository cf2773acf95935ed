import BrochureDocument
/// The file a writer is producing, as UTF-8 bytes.
///
/// A writer appends a tag or a text a million times for a large project; each `String`
/// append costs some hundreds of instructions (capacity and storage checks), an append to a
/// byte array some ninety (its uniqueness and capacity checks, for a copy of five bytes). The
/// bytes are kept in memory of the buffer's own, so an append is a capacity test and a copy.
/// Measured at 10,000 messages × 3 languages: 819,000 appends, 101 M instructions with an
/// array. A buffer cannot be copied (two copies would free one block twice): it belongs to
/// one writer.
struct MarkupBuffer: ~Copyable {
    // The memory is reached through these: an append touches no reference count.
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init() {
        capacity = 1 << 17
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    static func += (buffer: inout MarkupBuffer, text: String) {
        text.withUTF8Bytes { buffer.append($0) }
    }

    /// Appends markup written in the source (a tag, a line break): its bytes are in the
    /// binary, reached with no check of the string's form. A writer's `out += "<p>"` takes the
    /// `String` form (a literal prefers it), so fixed markup is written `out.write("<p>")`.
    mutating func write(_ markup: StaticString) {
        append(UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    /// Appends text content escaped (`Escaping.text`), written straight into the buffer: most
    /// text has nothing to escape and is copied as it is.
    mutating func appendEscaped(_ text: String) {
        text.withUTF8Bytes { appendEscaped(bytes: $0) }
    }

    /// `appendEscaped(_:)` of an inline's text, read where it is held (a string or bytes).
    mutating func appendEscaped(_ text: InlineString) {
        text.withUTF8 { appendEscaped(bytes: $0) }
    }

    private mutating func appendEscaped(bytes: UnsafeBufferPointer<UInt8>) {
        guard Escaping.needsEscaping(bytes, attribute: false) else { return append(bytes) }
        var run = 0
        for index in bytes.indices {
            guard let replacement = Escaping.textReplacement(bytes[index]) else { continue }
            append(UnsafeBufferPointer(rebasing: bytes[run..<index]))
            append(UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            run = index + 1
        }
        append(UnsafeBufferPointer(rebasing: bytes[run...]))
    }

    /// Appends an attribute value escaped (`Escaping.attribute`): mostly there is nothing to
    /// escape, and the value is copied as it is (an attribute built by interpolation was a new
    /// string per element).
    mutating func appendEscapedAttribute(_ value: String) {
        value.withUTF8Bytes { bytes in
            if Escaping.needsEscaping(bytes, attribute: true) {
                self += Escaping.attribute(value)
            } else {
                append(bytes)
            }
        }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    mutating func removeAll() { count = 0 }

    /// Lends the bytes written so far.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes as text (they are UTF-8 made from strings, so nothing is repaired).
    var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
}
