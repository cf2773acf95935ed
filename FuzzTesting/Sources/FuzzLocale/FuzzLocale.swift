import BrochureFuzzing

/// libFuzzer entry point: one input through FuzzHarness.locale; a broken invariant is a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let broken = FuzzHarness.locale(Array(UnsafeBufferPointer(start: data, count: size)))
    if let first = broken.first { fatalError("invariant broken: \(first)") }
    return 0
}
