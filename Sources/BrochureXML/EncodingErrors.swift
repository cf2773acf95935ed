import BrochureDiagnostics

/// What is said of a file that is not UTF-8. Everything here runs only after libxml2 has
/// found bytes it cannot read as UTF-8, or a declaration of another encoding: never on the
/// path of a file that reads.
enum EncodingErrors {
    /// The note every encoding finding ends with: what to do.
    static let saveAsUTF8 = "save the file as UTF-8 (in most editors: Save As → Encoding: UTF-8)"

    /// The finding for a file whose bytes are not UTF-8: at its first byte that is not, with
    /// the legacy encoding the bytes look like, if one does. Nil when all of `bytes` is UTF-8.
    static func notUTF8(_ file: SourceFile) -> Diagnostic? {
        file.bytes.withUnsafeBufferPointer { bytes -> Diagnostic? in
            guard let bad = firstInvalidByte(bytes) else { return nil }
            let byte = bytes[bad]
            var notes: [String] = []
            if let guess = LegacyEncoding.guess(bytes) {
                notes.append("the file looks like \(guess.name)"
                             + (guess.encoding.letter(byte).map { ", where \(hex(byte)) is \"\($0)\"" } ?? ""))
            }
            notes.append(saveAsUTF8)
            return Diagnostic(.error, "encoding", at: file.location(ofByte: bad),
                              "the file is not UTF-8: byte \(hex(byte)) here cannot be read as UTF-8", notes: notes)
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }

    /// The offset of the first byte of `bytes` that does not begin a well-formed UTF-8
    /// sequence (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
    /// U+10FFFF), or nil.
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length == 0 { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when there is none.
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}

/// The single-byte encodings a Polish or Kazakh file not in UTF-8 is most likely in, each with
/// the letters of its language it holds above ASCII.
enum LegacyEncoding: CaseIterable {
    case windows1250, iso8859_2, windows1251, kz1048

    /// Which encoding the bytes that are not UTF-8 look like: the one in which most of them
    /// are letters of its language (Polish for the first two, Russian and Kazakh Cyrillic for
    /// the others), if that is at least three in four of them. Windows-1250 and ISO-8859-2
    /// share most Polish letters: when the bytes do not tell them apart, both are named.
    static func guess(_ bytes: UnsafeBufferPointer<UInt8>) -> (encoding: LegacyEncoding, name: String)? {
        var counts = [Int](repeating: 0, count: allCases.count)
        var invalid = 0
        var index = 0
        while index < bytes.count {
            let length = EncodingErrors.sequenceLength(bytes, at: index)
            if length > 0 { index += length; continue }
            invalid += 1
            for (number, encoding) in allCases.enumerated() where encoding.letter(bytes[index]) != nil { counts[number] += 1 }
            index += 1
        }
        // The first of the highest counts: Polish before Cyrillic, Windows-1251 before KZ-1048
        // (whose letters include all of Windows-1251's that are counted).
        var best = 0
        for number in counts.indices where counts[number] > counts[best] { best = number }
        guard invalid > 0, counts[best] * 4 >= invalid * 3 else { return nil }
        let encoding = allCases[best]
        if encoding == .windows1250 && counts[1] == counts[0] {
            return (encoding, "Windows-1250 or ISO-8859-2 (Central European)")
        }
        return (encoding, encoding.name)
    }

    var name: String {
        switch self {
        case .windows1250: "Windows-1250 (Central European)"
        case .iso8859_2: "ISO-8859-2 (Central European)"
        case .windows1251: "Windows-1251 (Cyrillic)"
        case .kz1048: "KZ-1048 (Kazakh)"
        }
    }

    /// The letter `byte` stands for in this encoding, when it is one of its language's.
    func letter(_ byte: UInt8) -> Character? {
        switch self {
        case .windows1250: Self.polish1250[byte]
        case .iso8859_2: Self.polishLatin2[byte]
        case .windows1251: Self.cyrillic(byte)
        case .kz1048: Self.kazakh[byte] ?? Self.cyrillic(byte)
        }
    }

    private static let polish1250: [UInt8: Character] = [
        0xA5: "Ą", 0xB9: "ą", 0xC6: "Ć", 0xE6: "ć", 0xCA: "Ę", 0xEA: "ę", 0xA3: "Ł", 0xB3: "ł", 0xD1: "Ń",
        0xF1: "ń", 0xD3: "Ó", 0xF3: "ó", 0x8C: "Ś", 0x9C: "ś", 0x8F: "Ź", 0x9F: "ź", 0xAF: "Ż", 0xBF: "ż",
    ]
    private static let polishLatin2: [UInt8: Character] = [
        0xA1: "Ą", 0xB1: "ą", 0xC6: "Ć", 0xE6: "ć", 0xCA: "Ę", 0xEA: "ę", 0xA3: "Ł", 0xB3: "ł", 0xD1: "Ń",
        0xF1: "ń", 0xD3: "Ó", 0xF3: "ó", 0xA6: "Ś", 0xB6: "ś", 0xAC: "Ź", 0xBC: "ź", 0xAF: "Ż", 0xBF: "ż",
    ]
    /// KZ-1048's Kazakh letters, where Windows-1251 has Serbian, Macedonian and Ukrainian ones.
    private static let kazakh: [UInt8: Character] = [
        0x8D: "Қ", 0x8E: "Һ", 0x9D: "қ", 0x9E: "һ", 0xA1: "Ұ", 0xA2: "ұ", 0xA3: "Ә", 0xA5: "Ө",
        0xAA: "Ғ", 0xAF: "Ү", 0xB4: "ө", 0xBA: "ғ", 0xBC: "ә", 0xBD: "Ң", 0xBE: "ң", 0xBF: "ү",
    ]

    /// А–я, Ё ё and І і, where Windows-1251 and KZ-1048 both have them.
    private static func cyrillic(_ byte: UInt8) -> Character? {
        switch byte {
        case 0xC0...0xFF: Character(Unicode.Scalar(0x0410 + UInt32(byte - 0xC0))!)
        case 0xA8: "Ё"
        case 0xB8: "ё"
        case 0xB2: "І"
        case 0xB3: "і"
        default: nil
        }
    }
}
