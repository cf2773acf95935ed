extension String {
    /// Calls `body` with the text's UTF-8 bytes in one contiguous buffer: the byte-level fast
    /// paths of the checks and the text pipeline read through here. A native string already
    /// is contiguous, so nothing is copied; a bridged one is made native first. The bytes are
    /// borrowed through the UTF-8 view: a `var` copy of the string would cost a retain and a
    /// release (atomic operations) on every call.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return try text.withUTF8(body)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The scalar whose first byte is at `start`, and its length in bytes (the bytes of a
    /// Swift string: valid UTF-8).
    func scalar(startingAt start: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = self[start]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where start + offset < count { value = value << 6 | UInt32(self[start + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The scalar whose last byte is just before `end`, and the index of its first byte.
    func scalar(endingAt end: Int) -> (scalar: Unicode.Scalar, start: Int) {
        var start = end - 1
        while start > 0 && self[start] & 0xC0 == 0x80 { start -= 1 }
        return (scalar(startingAt: start).scalar, start)
    }
}
