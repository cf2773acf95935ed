import BrochureDocument
@testable import BrochureWriters
import Testing

/// An inline's text is a string or UTF-8 bytes (what the inline builder hands over); either
/// way it is the same text: equal, hashed alike, read alike, written alike.
struct InlineStringTests {
    static let samples = ["", " ", "a", "ała", "Талдықорған", "Ә ғ қ ң ө ұ ү һ і", "2018\u{00A0}r.", "a & b < c > d\r", "😀 中"]

    @Test func aTextHeldAsBytesIsTheTextHeldAsAString() {
        for sample in Self.samples {
            let string = InlineString(sample), bytes = InlineString(validUTF8: Array(sample.utf8))
            #expect(string == bytes)
            #expect(bytes == string)
            #expect(string.hashValue == bytes.hashValue)
            #expect(Set([string, bytes]).count == 1)
            #expect(bytes.string == sample)
            #expect(bytes.isEmpty == sample.isEmpty)
            #expect(bytes.withUTF8 { Array($0) } == Array(sample.utf8))
            #expect(string.withUTF8 { Array($0) } == Array(sample.utf8))
            #expect(bytes.heldString == nil && string.heldString == sample)
            #expect(Inline.text(sample) == Inline.text(bytes))
            // Written out, both are escaped alike.
            var fromString = MarkupBuffer(), fromBytes = MarkupBuffer()
            fromString.appendEscaped(string)
            fromBytes.appendEscaped(bytes)
            #expect(fromString.text == Escaping.text(sample))
            #expect(fromBytes.text == Escaping.text(sample))
        }
        // Different texts differ whatever holds them.
        for (a, b) in zip(Self.samples, Self.samples.dropFirst()) {
            #expect(InlineString(a) != InlineString(validUTF8: Array(b.utf8)))
            #expect(InlineString(validUTF8: Array(a.utf8)) != InlineString(validUTF8: Array(b.utf8)))
        }
    }
}
