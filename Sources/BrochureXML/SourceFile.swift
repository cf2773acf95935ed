import Synchronization
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
    public let bytes: FileBytes
    /// The file's number in `SourceTexts`.
    let registration: SourceTexts.Registration

    /// A file of `bytes` (copied).
    public convenience init(path: String, bytes: [UInt8]) {
        self.init(path: path, contents: FileBytes(bytes))
    }

    /// A file of `contents` (shared, not copied).
    public init(path: String, contents bytes: FileBytes) {
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
        let index = LineIndex(bytes: bytes, lineStarts: starts)
        registration = SourceTexts.register(pathID: pathID, bytes: bytes) { offset in index.lineAndColumn(ofByte: offset) }
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

    /// The byte offset just past `count` characters of decoded XML text that starts at `start`:
    /// entity and character references count as one character, CR LF as one.
    func byteOffset(afterCharacters count: Int, from start: Int, rawText: Bool) -> Int {
        bytes.withUnsafeBufferPointer { Self.byteOffset(in: $0, afterCharacters: count, from: start, rawText: rawText) }
    }

    /// `byteOffset(afterCharacters:from:rawText:)` in the bytes of a file.
    static func byteOffset(in bytes: UnsafeBufferPointer<UInt8>, afterCharacters count: Int, from start: Int, rawText: Bool) -> Int {
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

/// Turns a byte offset of a file into line and column (in Unicode scalars, both 1-based).
///
/// The line comes from a binary search of the line starts. The column is counted from the
/// line's start, or, more than `directly` bytes into a line (a table written on one line),
/// from the count of scalars before every `stride` bytes of the file, made the first time one
/// is asked for: so asking is never slower than counting `directly` bytes, and the findings of
/// a one-line file of megabytes are printed in linear time.
final class LineIndex: Sendable {
    let bytes: FileBytes
    let lineStarts: [Int]
    static let stride = 64
    /// Columns this far from the line's start (in bytes) are counted directly.
    static let directly = 1024
    private let checkpoints = Mutex<[Int]?>(nil)

    init(bytes: FileBytes, lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }

    func lineAndColumn(ofByte offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        if clamped - start <= Self.directly { return (low + 1, 1 + scalars(from: start, to: clamped)) }
        return (low + 1, 1 + scalars(before: clamped) - scalars(before: start))
    }

    /// The scalars that start in bytes `from..<to`.
    private func scalars(from: Int, to: Int) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var count = 0
            for index in from..<to where bytes[index] & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The scalars that start before byte `offset`.
    private func scalars(before offset: Int) -> Int {
        let table = checkpoints.withLock { table in
            if let table { return table }
            // table[k]: the scalars before byte k × stride.
            var made = [0]
            made.reserveCapacity(bytes.count / Self.stride + 1)
            var count = 0
            var next = Self.stride
            while next <= bytes.count {
                count += scalars(from: next - Self.stride, to: next)
                made.append(count)
                next += Self.stride
            }
            table = made
            return made
        }
        let block = offset / Self.stride
        return table[block] + scalars(from: block * Self.stride, to: offset)
    }
}
