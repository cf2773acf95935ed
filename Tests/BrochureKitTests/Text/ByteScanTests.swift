@testable import BrochureKit
import CBytes
import Testing

/// The C scans that read sixteen bytes at a time (`Sources/CBytes`) answer exactly as a
/// reading byte by byte does, for every length around the blocks and bytes chosen to fall on
/// every rule (stops, marks, spaces before punctuation, punctuation before letters, continuation
/// bytes, Cyrillic lead bytes).
struct ByteScanTests {
    /// Bytes that matter to some rule, and plain ones; any byte value now and then.
    static func randomBytes(_ count: Int, using generator: inout SplitMix64) -> [UInt8] {
        let interesting: [UInt8] = [0x20, 0x20, 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x2D, 0x27, 0x7B, 0x7D, 0x23, 0xFE, 0xFF,
                                    0x30, 0x39, 0x41, 0x5A, 0x61, 0x7A, 0x40, 0x5B, 0x60, 0x7B, 0x80, 0xBF, 0xC0, 0xC3, 0xCF, 0xD0,
                                    0xD3, 0xD4, 0xD9, 0xDB, 0xDF, 0xE0, 0xE2, 0xF0, 0x09, 0x0A, 0x00, 0x7F]
        return (0..<count).map { _ in
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4: interesting.randomElement(using: &generator)!
            case 4..<6: UInt8.random(in: 0...255, using: &generator)
            case 6..<8: UInt8.random(in: 0x61...0x7A, using: &generator)
            default: [0xD0, 0xD1, 0x80, 0xB0, 0x92][Int.random(in: 0..<5, using: &generator)]
            }
        }
    }

    @Test func hintsEqualTheTableReadByteByByte() {
        var generator = SplitMix64(seed: 20261201)
        var differences = 0
        var bitsSeen: UInt8 = 0
        for round in 0..<20_000 {
            let count = round < 100 ? round : Int.random(in: 0...90, using: &generator)
            // Mostly one rule's bytes kept rare, so blocks without any flag occur as well.
            var bytes = Self.randomBytes(count, using: &generator)
            if round % 3 == 0 { bytes = bytes.map { $0 == 0x20 || $0 >= 0x80 ? $0 : 0x78 } }
            let fast = bytes.withUnsafeBufferPointer(LiteralHints.scalarsAndHints)
            let slow = bytes.withUnsafeBufferPointer(LiteralHints.scalarsAndHintsByteByByte)
            if fast.scalars != slow.scalars || fast.hints != slow.hints { differences += 1 }
            #expect(fast.scalars == slow.scalars && fast.hints == slow.hints, "\(bytes)")
            bitsSeen |= slow.hints.bits
        }
        #expect(differences == 0)
        // Every hint was raised somewhere, so the comparison covered each rule.
        #expect(bitsSeen == 0b1011_1011)
    }

    @Test func firstStopEqualsTheByteReading() {
        var generator = SplitMix64(seed: 20261202)
        for round in 0..<20_000 {
            let count = round < 100 ? round : Int.random(in: 0...90, using: &generator)
            var bytes = Self.randomBytes(count, using: &generator)
            // Stops kept rare in most rounds, so long runs without one occur.
            let stops: [UInt8] = [0x27, 0x7B, 0x7D, 0x23, 0xFE, 0xFF]
            if round % 2 == 0 {
                for index in bytes.indices where stops.contains(bytes[index]) && Bool.random(using: &generator) { bytes[index] = 0x61 }
            }
            for pound in [false, true] {
                func isStop(_ byte: UInt8) -> Bool {
                    byte >= 0xFE || byte == 0x27 || byte == 0x7B || byte == 0x7D || (pound && byte == 0x23)
                }
                let expected = bytes.firstIndex(where: isStop) ?? count
                let found = bytes.withUnsafeBufferPointer { brochure_first_stop($0.baseAddress, count, pound ? 1 : 0) }
                #expect(found == expected, "\(bytes) pound \(pound)")
            }
        }
    }

    @Test func lastByteEqualsTheByteReading() {
        var generator = SplitMix64(seed: 20261203)
        for _ in 0..<5_000 {
            let bytes = Self.randomBytes(Int.random(in: 1...90, using: &generator), using: &generator)
            let end = Int.random(in: 1...bytes.count, using: &generator)
            let expected = bytes[..<end].lastIndex(of: 0x7B) ?? -1
            #expect(bytes.withUnsafeBufferPointer { brochure_last_byte($0.baseAddress, end, 0x7B) } == expected)
        }
    }
}
