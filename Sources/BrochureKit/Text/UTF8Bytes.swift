extension String {
    /// Calls `body` with the text's UTF-8 bytes in one contiguous buffer: the byte-level fast
    /// paths of the checks and the text pipeline read through here. A native string already
    /// is contiguous, so nothing is copied; a bridged one is made native first.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var text = self
        return try text.withUTF8(body)
    }
}
