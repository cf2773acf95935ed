import BrochureXML

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

    /// Message content in canonical form: text with XML white space folded to one space
    /// and trimmed; elements as `<name attr="value">…</name>` with attributes sorted.
    static func canonical(_ content: [XMLNode]) -> String {
        var out = ""
        func append(_ nodes: [XMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    for scalar in text.value.unicodeScalars {
                        if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                            if !out.isEmpty && !out.hasSuffix(" ") { out += " " }
                        } else {
                            out.unicodeScalars.append(scalar)
                        }
                    }
                case .element(let element):
                    out += "<" + element.name
                    for attribute in element.attributes.sorted(by: { $0.name < $1.name }) {
                        let prefix = attribute.namespace == MessageParser.xmlNamespace ? "xml:" : ""
                        out += " \(prefix)\(attribute.name)=\"\(attribute.value)\""
                    }
                    out += ">"
                    append(element.children)
                    out += "</\(element.name)>"
                }
            }
        }
        append(content)
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
