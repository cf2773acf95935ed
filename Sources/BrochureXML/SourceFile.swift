public import BrochureDiagnostics

/// The bytes of one input file and the index that turns byte offsets into line:column.
public final class SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
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
        return SourceLocation(path: path, line: low + 1, column: column)
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
