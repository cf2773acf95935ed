public import BrochureDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input file and the index that turns byte offsets into line:column.
///
/// Each file is registered in `SourceTexts` when it is made: its locations are byte offsets,
/// turned into line and column only when a finding is printed or sorted (DECISIONS #26).
public final class SourceFile: Sendable {
    public let path: String
    public let pathID: UInt32
    public let bytes: [UInt8]
    /// The file's number in `SourceTexts`.
    let registration: SourceTexts.Registration

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
        // The table holds the bytes and the index (shared with this file, not copied).
        let lineStarts = starts
        registration = SourceTexts.register(pathID: pathID) { offset in
            Self.lineAndColumn(ofByte: offset, bytes: bytes, lineStarts: lineStarts)
        }
    }

    /// True when the file holds `text` byte for byte at `offset`.
    func holds(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset + text.count <= bytes.count, let base = text.baseAddress else { return text.isEmpty }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, base, text.count) == 0 }
    }

    /// The location of a byte offset (clamped to the file); its line and column are found when
    /// asked for.
    public func location(ofByte offset: Int) -> SourceLocation {
        SourceLocation(text: registration, byteOffset: max(0, min(offset, bytes.count)))
    }

    /// The line:column of a byte offset; the column counts Unicode scalars, 1-based.
    static func lineAndColumn(ofByte offset: Int, bytes: [UInt8], lineStarts: [Int]) -> (line: Int, column: Int) {
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
        return (low + 1, column)
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
