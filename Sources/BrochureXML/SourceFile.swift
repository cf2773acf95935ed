public import BrochureDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input file and the index that turns byte offsets into line:column.
public final class SourceFile: Sendable {
    public let path: String
    public let pathID: UInt32
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.pathID = SourcePaths.id(path)
        self.bytes = bytes
        // Line feeds found with memchr: the index of a large file costs little.
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                starts.append(index + 1)
                offset = index + 1
            }
        }
        self.lineStarts = starts
    }

    /// True when the file holds `text` byte for byte at `offset`.
    func holds(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset + text.count <= bytes.count, let base = text.baseAddress else { return text.isEmpty }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, base, text.count) == 0 }
    }

    /// The line:column of a byte offset; the column counts Unicode scalars, 1-based.
    public func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(pathID: pathID, line: low + 1, column: column)
    }

    /// Walks forward from `start` to byte `offset`, counting lines and columns (scalars), so
    /// positions asked for in file order cost one pass over the file in all.
    public func position(ofByte offset: Int, from start: TextPosition) -> TextPosition {
        let target = min(offset, bytes.count)
        guard target >= start.byte else { return position(ofByte: target) }
        var line = start.line, column = start.column
        bytes.withUnsafeBufferPointer { buffer in
            var index = start.byte
            // Eight bytes at a time when they hold no line feed: the column grows by the
            // number of bytes that start a scalar (all but the continuation bytes 10xxxxxx).
            guard let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            while index < target {
                if index + 8 <= target {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let feeds = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    // A zero byte in `feeds` is a line feed (the has-zero-byte test).
                    if (feeds &- 0x0101_0101_0101_0101) & ~feeds & 0x8080_8080_8080_8080 == 0 {
                        column += 8 - (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                        index += 8
                        continue
                    }
                }
                let byte = buffer[index]
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        return TextPosition(byte: target, line: line, column: column)
    }

    /// The position of a byte, found from the line index.
    public func position(ofByte offset: Int) -> TextPosition {
        let location = location(ofByte: offset)
        return TextPosition(byte: max(0, min(offset, bytes.count)), line: location.line, column: location.column)
    }

    public func location(_ position: TextPosition) -> SourceLocation {
        SourceLocation(pathID: pathID, line: position.line, column: position.column)
    }

    /// The byte offset just past `count` characters of decoded XML text that starts at `start`:
    /// entity and character references count as one character, CR LF as one.
    func byteOffset(afterCharacters count: Int, from start: Int, rawText: Bool) -> Int {
        var offset = start
        var remaining = count
        while remaining > 0 && offset < bytes.count {
            let byte = bytes[offset]
            if !rawText && byte == UInt8(ascii: "&") {
                while offset < bytes.count && bytes[offset] != UInt8(ascii: ";") { offset += 1 }
                offset += 1
            } else if byte == UInt8(ascii: "\r") && offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n") {
                offset += 2
            } else {
                offset += 1
                while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            }
            remaining -= 1
        }
        return offset
    }
}

/// A byte offset in a file with its line and column, to walk on from.
public struct TextPosition: Sendable, Equatable {
    public var byte: Int
    public var line: Int
    public var column: Int

    public init(byte: Int, line: Int, column: Int) {
        self.byte = byte
        self.line = line
        self.column = column
    }
}
