public import BrochureDiagnostics

/// gettext PO: one entry per unit, `msgctxt "message:KEY"`, markup kept as our inline elements
/// (PO tools keep tags as text), ICU syntax as text; stale units are `fuzzy` with the previous
/// Polish as `#| msgid`. The fingerprint travels as an extracted comment.
public enum POFormat {
    /// A note on one comment line: each line feed (a scalar, also the one of a CR LF) becomes a
    /// space. Matching by `Character` would miss it: "\r\n" is one Character.
    static func oneLine(_ note: String) -> String {
        String(String.UnicodeScalarView(note.unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func write(_ units: [ExchangeUnit], sourceLanguage: String, targetLanguage: String) -> String {
        var out = "# Brochure translations, \(sourceLanguage) → \(targetLanguage). Keep msgctxt and the #. lines.\n"
        out += "msgid \"\"\nmsgstr \"\"\n"
        out += "\"Project-Id-Version: Brochure\\n\"\n\"PO-Revision-Date: 1970-01-01 00:00+0000\\n\"\n"
        out += "\"Last-Translator: none\\n\"\n\"Language-Team: \(targetLanguage)\\n\"\n"
        out += "\"Language: \(targetLanguage)\\n\"\n\"MIME-Version: 1.0\\n\"\n"
        out += "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n"
        out += "\"X-Brochure-Source-Language: \(sourceLanguage)\\n\"\n"
        for unit in units {
            out += "\n"
            if let note = unit.note { out += "#. \(Self.oneLine(note))\n" }
            out += "#. fingerprint: \(unit.fingerprint)\n"
            if unit.state == .reviewed { out += "#. state: reviewed\n" }
            if unit.state == .needsReview { out += "#, fuzzy\n" }
            if let previous = unit.previousSource {
                out += "#| msgctxt \(quote("\(unit.kind.rawValue):\(unit.key)"))\n#| msgid \(quote(previous))\n"
            }
            out += "msgctxt \(quote("\(unit.kind.rawValue):\(unit.key)"))\n"
            out += "msgid \(quote(unit.source))\n"
            out += "msgstr \(quote(unit.state == .new ? "" : unit.target ?? ""))\n"
        }
        return out
    }

    /// Reads a PO file written by `write` (and edited by a translator).
    static func read(_ path: String) throws(DiagnosticError) -> (language: String, units: [ExchangeUnit]) {
        let text = String(decoding: try InputFile.bytes(path), as: UTF8.self)
        var language: String?
        var units: [ExchangeUnit] = []
        var comments: [String] = []
        var fields: [String: String] = [:]
        var current: String?
        var start = 1
        func fail(_ message: String, line: Int) -> DiagnosticError {
            DiagnosticError(Diagnostic(.error, "po", at: SourceLocation(path: path, line: line, column: 1), message))
        }
        func finish(line: Int) throws(DiagnosticError) {
            defer { comments = []; fields = [:]; current = nil }
            guard let msgid = fields["msgid"] else { return }
            if msgid.isEmpty {
                for header in (fields["msgstr"] ?? "").split(separator: "\n") where header.hasPrefix("Language:") {
                    language = String(header.dropFirst(9)).trimmingWhitespace(newlines: false)
                }
                return
            }
            guard let context = fields["msgctxt"], let colon = context.firstIndex(of: ":"),
                  let kind = LocaleEntry.Kind(rawValue: String(context[..<colon])) else {
                throw fail("entry without msgctxt \"message:KEY\" or \"term:KEY\" (was it exported by brochure?)", line: start)
            }
            guard let fingerprint = comments.first(where: { $0.hasPrefix("#. fingerprint: ") }).map({ String($0.dropFirst(16)) }) else {
                throw fail("entry lacks its \"#. fingerprint:\" line", line: start)
            }
            let target = fields["msgstr"] ?? ""
            var state: TranslationState = target.isEmpty ? .new : .translated
            if comments.contains(where: { $0.hasPrefix("#,") && $0.contains("fuzzy") }) { state = .needsReview }
            else if comments.contains("#. state: reviewed") && !target.isEmpty { state = .reviewed }
            units.append(ExchangeUnit(kind: kind, key: String(context[context.index(after: colon)...]), source: msgid,
                                      target: target.isEmpty ? nil : target, state: state, fingerprint: fingerprint,
                                      note: nil, previousSource: nil, location: SourceLocation(path: path, line: start, column: 1)))
        }
        // Lines end at LF; a CR before it (a file saved on Windows) is part of the line break.
        // (Split on scalars: "\r\n" is one Character, so a Character split would not see it.)
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.last == "\r" ? line.dropLast() : line)
        }
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingWhitespace(newlines: false)
            let number = index + 1
            if line.isEmpty { try finish(line: number); continue }
            if line.hasPrefix("#") {
                if fields["msgid"] != nil { try finish(line: number) }
                if comments.isEmpty { start = number }
                comments.append(line)
                continue
            }
            if comments.isEmpty && fields.isEmpty { start = number }
            if line.hasPrefix("\"") {
                guard let field = current else { throw fail("a string continues nothing", line: number) }
                fields[field, default: ""] += try unquote(line, path: path, line: number)
                continue
            }
            guard let space = line.firstIndex(of: " ") else { throw fail("cannot read this line", line: number) }
            let keyword = String(line[..<space])
            guard ["msgctxt", "msgid", "msgstr"].contains(keyword) else { throw fail("\(keyword) is not supported here (plural forms travel as ICU text)", line: number) }
            if keyword == "msgctxt" && fields["msgid"] != nil { try finish(line: number) }
            current = keyword
            fields[keyword] = try unquote(String(line[line.index(after: space)...]), path: path, line: number)
        }
        try finish(line: lines.count)
        guard let language else { throw fail("the header has no \"Language:\"", line: 1) }
        return (language, units)
    }

    static func unquote(_ text: String, path: String, line: Int) throws(DiagnosticError) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else {
            throw DiagnosticError(Diagnostic(.error, "po", at: SourceLocation(path: path, line: line, column: 1), "expected a quoted string"))
        }
        var out = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
