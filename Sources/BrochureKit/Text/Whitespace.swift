public import BrochureDocument

/// Folds XML white space (space, tab, CR, LF) in formatted text to single spaces and trims the ends,
/// across markup boundaries. No-break spaces are kept: they are typography, not layout.
public enum Whitespace {
    public static func fold(_ inlines: [Inline]) -> [Inline] {
        var state = State()
        var result = fold(inlines, state: &state)
        trimTrailing(&result)
        return result
    }

    static func isFoldable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private struct State {
        /// White space seen and not yet written.
        var pending = false
        /// At the start, or right after a written space: further white space is dropped.
        var suppress = true
    }

    private static func fold(_ inlines: [Inline], state: inout State) -> [Inline] {
        var out: [Inline] = []
        out.reserveCapacity(inlines.count)
        // Adjacent texts are joined in one buffer, written out before the next element.
        var run = ""
        var hasRun = false
        func appendText(_ text: String) {
            if hasRun { run += text } else { run = text; hasRun = true }
        }
        func flushRun() {
            if hasRun { out.append(.text(run)); run = ""; hasRun = false }
        }
        for inline in inlines {
            switch inline {
            case .text(let text):
                // Most text is plain: spaces at the ends at most, single spaces inside, no tab
                // or line break. Then the ends are trimmed and the inside kept as it is.
                let plain = text.withUTF8Bytes { bytes -> (leading: Int, trailing: Int)? in
                    var leading = 0
                    while leading < bytes.count && bytes[leading] == 0x20 { leading += 1 }
                    var trailing = 0
                    while trailing < bytes.count - leading && bytes[bytes.count - 1 - trailing] == 0x20 { trailing += 1 }
                    var previousIsSpace = false
                    for byte in bytes[leading..<(bytes.count - trailing)] {
                        if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousIsSpace) { return nil }
                        previousIsSpace = byte == 0x20
                    }
                    return (leading, trailing)
                }
                if let (leading, trailing) = plain {
                    let view = text.utf8
                    let count = view.count
                    if leading > 0 && !state.suppress { state.pending = true }
                    if leading < count {
                        if state.pending { appendText(" ") }
                        state.pending = false
                        state.suppress = false
                        if leading == 0 && trailing == 0 {
                            appendText(text)
                        } else {
                            let inside = view.index(view.startIndex, offsetBy: leading)..<view.index(view.endIndex, offsetBy: -trailing)
                            appendText(String(Substring(text.utf8[inside])))
                        }
                        if trailing > 0 { state.pending = true }
                    }
                    continue
                }
                // The foldable characters are ASCII: fold the UTF-8 bytes.
                let utf8 = text.utf8
                var folded: [UInt8] = []
                folded.reserveCapacity(utf8.count + 1)
                for byte in utf8 {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                        if !state.suppress { state.pending = true }
                    } else {
                        if state.pending { folded.append(0x20) }
                        state.pending = false
                        state.suppress = false
                        folded.append(byte)
                    }
                }
                if !folded.isEmpty {
                    appendText(folded.count == utf8.count && folded.elementsEqual(utf8) ? text : String(decoding: folded, as: UTF8.self))
                }
            default:
                // A space before an element belongs outside it.
                if state.pending {
                    appendText(" ")
                    state.pending = false
                    state.suppress = true
                }
                flushRun()
                let inner = fold(inline.children, state: &state)
                out.append(inline.with(children: inner))
            }
        }
        flushRun()
        return out
    }

    private static func trimTrailing(_ inlines: inout [Inline]) {
        guard let last = inlines.last else { return }
        if case .text(var text) = last {
            while let scalar = text.unicodeScalars.last, isFoldable(scalar) { text.unicodeScalars.removeLast() }
            if text.isEmpty { inlines.removeLast(); trimTrailing(&inlines) } else { inlines[inlines.count - 1] = .text(text) }
        }
    }

}

extension Inline {
    /// The same inline with other children (text keeps its text).
    func with(children: [Inline]) -> Inline {
        switch self {
        case .text: self
        case .emphasis: .emphasis(children)
        case .strong: .strong(children)
        case .organization: .organization(children)
        case .place: .place(children)
        case .foreign(let language, _): .foreign(language: language, children)
        case .link(let url, _): .link(url: url, children)
        case .date(let iso, _): .date(iso: iso, children)
        case .fallback(let language, _): .fallback(language: language, children)
        case .span(let language, _): .span(language: language, children)
        }
    }
}
