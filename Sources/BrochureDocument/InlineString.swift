/// The text of an `Inline.text`: a string, or UTF-8 bytes that were never made into one.
///
/// A build writes each paragraph's text as it formatted it; making a `String` of those bytes
/// only to write them out again checked each byte as UTF-8 once more (some 15 instructions
/// a byte for Cyrillic; 40 M instructions of a build at N = 10,000). The inline builder hands
/// its bytes over as they are; a string is made only where one is asked for (`string`).
/// Two texts are equal when their UTF-8 is, however each is held.
public struct InlineString: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    // Visible to other modules' inlined code (`withUTF8`), so that the writers read the text
    // with no call or closure context in between (they write every text of every edition).
    @usableFromInline enum Storage: Sendable {
        case string(String)
        case utf8([UInt8])
    }

    @usableFromInline let storage: Storage

    public init(_ string: String) { storage = .string(string) }

    public init(stringLiteral value: String) { storage = .string(value) }

    /// Text held as its UTF-8 bytes. They must be valid UTF-8 (bytes taken from strings and
    /// from parsed XML, joined at character boundaries): they are written out as they are.
    public init(validUTF8 bytes: [UInt8]) { storage = .utf8(bytes) }

    /// The text as a string (made from the bytes when it is held as bytes).
    public var string: String {
        switch storage {
        case .string(let string): string
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The string the text is held as; nil when it is held as bytes.
    public var heldString: String? {
        if case .string(let string) = storage { string } else { nil }
    }

    public var description: String { string }

    public var isEmpty: Bool {
        switch storage {
        case .string(let string): string.isEmpty
        case .utf8(let bytes): bytes.isEmpty
        }
    }

    /// Calls `body` with the text's UTF-8, read in place.
    @inlinable
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .string(let string):
            if let result = try string.utf8.withContiguousStorageIfAvailable(body) { return result }
            var copy = string
            return try copy.withUTF8(body)
        case .utf8(let bytes):
            return try bytes.withUnsafeBufferPointer(body)
        }
    }

    public static func == (a: InlineString, b: InlineString) -> Bool {
        switch (a.storage, b.storage) {
        case (.string(let x), .string(let y)): x == y
        default: a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
