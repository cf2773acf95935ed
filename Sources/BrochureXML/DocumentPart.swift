public import BrochureDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A part of a large file of many root children (a locale table of thousands of entries), to be
/// parsed as a document of its own on another core (`XMLReader.parse(part:of:)`), and joined
/// with the other parts in file order. See docs/DECISIONS.md #34.
///
/// libxml2 is handed the part's range of the file between a copy of the root's start tag
/// (`head`, for every part but the first) and the root's end tag (`tail`, for every part but
/// the last). A part starts where the file holds the `<` of a root child's start tag, after a
/// line break, so each part is the file's own bytes from one root child to another; the places
/// of everything read are the file's (`StreamMap`).
///
/// A cut is only a guess of where a root child begins, made without parsing (`split`). It is
/// never trusted: a part whose parse finds anything at all, or whose root differs from the
/// first part's, makes the caller read the file again whole. A cut that is not between two
/// root children leaves an element, a comment or a section open at the end of the part before
/// it (the root's end tag then does not close the root) and is an error there.
public struct DocumentPart: Sendable {
    /// The root's start tag in the file, handed over first (nil for the first part).
    public let head: Range<Int>?
    /// The part's own bytes in the file.
    public let body: Range<Int>
    /// The root's end tag, handed over last (empty for the last part).
    public let tail: [UInt8]

    public init(head: Range<Int>?, body: Range<Int>, tail: [UInt8]) {
        self.head = head
        self.body = body
        self.tail = tail
    }

    /// `bytes` cut into at most `count` parts of at least `minimumSize` bytes each, at the
    /// start tags of root children that stand at the start of a line after an end tag; nil when
    /// the file is not cut (too small, or no such places, or a prolog other than an XML
    /// declaration, comments and white space: a document type is read whole).
    public static func split(_ bytes: [UInt8], into count: Int, minimumSize: Int) -> [DocumentPart]? {
        bytes.withUnsafeBufferPointer { split($0, into: count, minimumSize: minimumSize) }
    }

    /// `split(_:into:minimumSize:)` of a file's bytes.
    public static func split(_ bytes: FileBytes, into count: Int, minimumSize: Int) -> [DocumentPart]? {
        bytes.withUnsafeBufferPointer { split($0, into: count, minimumSize: minimumSize) }
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, into count: Int, minimumSize: Int) -> [DocumentPart]? {
        guard count > 1, bytes.count >= 2 * minimumSize else { return nil }
        guard let root = rootStartTag(bytes) else { return nil }
        let wanted = min(count, bytes.count / minimumSize)
        var cuts: [Int] = []
        for index in 1..<wanted {
            let from = max(bytes.count / wanted * index, (cuts.last ?? root.tag.upperBound) + minimumSize)
            guard from < bytes.count - minimumSize, let cut = rootChildStart(in: bytes, from: from),
                  cut < bytes.count - minimumSize else { break }
            cuts.append(cut)
        }
        guard !cuts.isEmpty else { return nil }
        let end = Array("</".utf8) + root.name + [UInt8(ascii: ">")]
        let starts = [0] + cuts, ends = cuts + [bytes.count]
        return starts.indices.map { index in
            DocumentPart(head: index == 0 ? nil : root.tag, body: starts[index]..<ends[index],
                         tail: index == starts.count - 1 ? [] : end)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// The root's start tag and qualified name, after a prolog of an XML declaration, comments
    /// and white space only; nil otherwise, or when the root is empty (`<root/>`) or its name
    /// is not ASCII.
    private static func rootStartTag(_ bytes: UnsafeBufferPointer<UInt8>) -> (tag: Range<Int>, name: [UInt8])? {
        var at = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func starts(_ text: String) -> Bool {
            let utf8 = Array(text.utf8)
            return at + utf8.count <= bytes.count && bytes[at..<at + utf8.count].elementsEqual(utf8)
        }
        func skip(past text: String) -> Bool {
            let utf8 = Array(text.utf8)
            while at + utf8.count <= bytes.count {
                if bytes[at..<at + utf8.count].elementsEqual(utf8) { at += utf8.count; return true }
                at += 1
            }
            return false
        }
        if starts("<?xml") { guard skip(past: "?>") else { return nil } }
        while true {
            while at < bytes.count && isSpace(bytes[at]) { at += 1 }
            guard starts("<!--") else { break }
            guard skip(past: "-->") else { return nil }
        }
        guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "<"), isNameStart(bytes[at + 1]) else { return nil }
        let start = at
        at += 1
        while at < bytes.count, !isSpace(bytes[at]), bytes[at] != UInt8(ascii: ">"), bytes[at] != UInt8(ascii: "/") {
            guard bytes[at] < 0x80 else { return nil }
            at += 1
        }
        let name = Array(bytes[start + 1..<at])
        // The tag ends at the first `>` outside a quoted value.
        var quote: UInt8 = 0
        while at < bytes.count {
            let byte = bytes[at]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                guard bytes[at - 1] != UInt8(ascii: "/") else { return nil }
                return (start..<at + 1, name)
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            at += 1
        }
        return nil
    }

    /// The first `<` at or after `from` that starts a start tag at the start of a line (after
    /// spaces or tabs), where the line before ends with an end tag (`</name>`).
    private static func rootChildStart(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var at = from
        while at < bytes.count {
            guard let found = memchrOffset(bytes, 0x0A, from: at) else { return nil }
            at = found + 1
            var start = at
            while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
            guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "<"), isNameStart(bytes[start + 1]) else { continue }
            // The line before ends with `>` of a tag that began with `</`.
            var end = found
            while end > 0 && (bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
            guard end > 0, bytes[end - 1] == UInt8(ascii: ">") else { continue }
            var open = end - 1
            while open > 0 && bytes[open] != UInt8(ascii: "<") && bytes[open] != 0x0A { open -= 1 }
            guard bytes[open] == UInt8(ascii: "<"), open + 1 < bytes.count, bytes[open + 1] == UInt8(ascii: "/") else { continue }
            return start
        }
        return nil
    }

    private static func memchrOffset(_ bytes: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

/// Where the bytes libxml2 was handed stand in the file: for a part (`DocumentPart`), the head
/// is the root's start tag, the body the part's range, the tail past the end of the range.
struct StreamMap {
    private let headCount: Int
    private let headStart: Int
    private let bodyStart: Int
    private let bodyCount: Int

    /// The whole file, handed over as it is.
    static let identity = StreamMap(DocumentPart(head: nil, body: 0..<Int.max, tail: []))

    init(_ part: DocumentPart) {
        headStart = part.head?.lowerBound ?? 0
        headCount = part.head?.count ?? 0
        bodyStart = part.body.lowerBound
        bodyCount = part.body.count
    }

    /// The file offset of `offset` in the bytes handed over (the tail's bytes stand at the end
    /// of the body).
    @inline(__always)
    func fileOffset(_ offset: Int) -> Int {
        if offset < headCount { return headStart + offset }
        return bodyStart + min(offset - headCount, bodyCount)
    }
}
