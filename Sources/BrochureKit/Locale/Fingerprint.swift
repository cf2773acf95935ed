import BrochureXML
import Foundation

/// The fingerprint of a source text: 64-bit FNV-1a over its canonical UTF-8, as 16 hex digits.
/// It detects change, not tampering; see docs/DECISIONS.md.
public enum Fingerprint {
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Message content in canonical form: well-formed XML content — text with XML white space
    /// folded to one space and trimmed, `& < >` escaped; elements as `<name attr="value">…</name>`
    /// with attributes sorted.
    static func canonical(_ content: [XMLNode]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        func append(_ nodes: [XMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    var utf8 = text.value.utf8
                    utf8.withContiguousStorageIfAvailable { bytes in
                        // Runs of ordinary bytes are copied whole.
                        var run = 0
                        for index in 0..<bytes.count {
                            let byte = bytes[index]
                            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
                            guard isSpace || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") else { continue }
                            if run < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                            run = index + 1
                            if isSpace {
                                if let last = out.last, last != 0x20 { out.append(0x20) }
                            } else if byte == UInt8(ascii: "&") {
                                out.append(contentsOf: "&amp;".utf8)
                            } else if byte == UInt8(ascii: "<") {
                                out.append(contentsOf: "&lt;".utf8)
                            } else {
                                out.append(contentsOf: "&gt;".utf8)
                            }
                        }
                        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
                    }
                case .element(let element):
                    out.append(UInt8(ascii: "<"))
                    out.append(contentsOf: element.name.utf8)
                    for attribute in element.attributes.sorted(by: { $0.name < $1.name }) {
                        let prefix = attribute.namespace == MessageParser.xmlNamespace ? "xml:" : ""
                        let value = attribute.value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                            .replacingOccurrences(of: "\"", with: "&quot;")
                        out.append(contentsOf: " \(prefix)\(attribute.name)=\"\(value)\"".utf8)
                    }
                    out.append(UInt8(ascii: ">"))
                    append(element.children)
                    out.append(contentsOf: "</\(element.name)>".utf8)
                }
            }
        }
        append(content)
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
