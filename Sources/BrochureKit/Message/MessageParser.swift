public import BrochureDiagnostics
public import BrochureXML

/// Parses the content of a `<message>` element (text and inline elements) as ICU MessageFormat.
///
/// Braces may not cross element boundaries: each inline element's content is a message
/// body of its own, so `{n, plural, one {<em>#</em> firma} …}` parses and
/// `<em>{n, plural, one {x</em>…` is an error at the unclosed brace.
public struct MessageParser {
    public static let argumentTypes = ["number", "date", "name", "plural", "select"]
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The content as one flat array: a Unicode scalar value, or `elementMark | i` for `elements[i]`.
    private var units: [UInt32] = []
    private static let elementMark: UInt32 = 0x8000_0000
    private var elements: [XMLElement] = []
    private var texts: [XMLText] = []
    /// The unit index of each text's first scalar, and its length in scalars (texts in order).
    private var textStarts: [Int] = []
    private var textLengths: [Int] = []
    private var position = 0
    private let end: SourceLocation
    /// Token indexes of the `{` of the arguments being parsed, innermost last.
    private var openBraces: [Int] = []
    /// Literal text seen so far, run by run.
    private var literals: [Literal] = []
    private var isForeign = false

    /// Parses `content`; `end` is where diagnostics point when the message ends too early.
    public static func parse(_ content: [XMLNode], end: SourceLocation) throws(DiagnosticError) -> Message {
        var parser = MessageParser(content, end: end)
        let parts = try parser.parseBody(inPlural: false, nested: false)
        return Message(parts, literals: parser.literals)
    }

    private init(_ content: [XMLNode], end: SourceLocation) {
        self.end = end
        for node in content {
            switch node {
            case .element(let element):
                units.append(Self.elementMark | UInt32(elements.count))
                elements.append(element)
            case .text(let text):
                texts.append(text)
                textStarts.append(units.count)
                units.append(contentsOf: text.value.unicodeScalars.lazy.map(\.value))
                textLengths.append(units.count - textStarts[textStarts.count - 1])
            }
        }
    }

    // MARK: Positions and errors

    private func location(at index: Int) -> SourceLocation {
        guard index < units.count else { return end }
        if let element = element(at: index) { return element.location }
        let (text, offset) = origin(of: index)
        return texts[text].location(ofScalar: offset)
    }

    private func element(at index: Int) -> XMLElement? {
        guard index < units.count, units[index] & Self.elementMark != 0 else { return nil }
        return elements[Int(units[index] & ~Self.elementMark)]
    }

    /// The text a scalar unit comes from, and its index there.
    private func origin(of index: Int) -> (text: Int, offset: Int) {
        var low = 0, high = textStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if textStarts[mid] <= index { low = mid } else { high = mid - 1 }
        }
        return (low, index - textStarts[low])
    }

    private func fail(_ message: String, at index: Int? = nil, notes: [String] = []) -> DiagnosticError {
        if index == nil && position >= units.count, let open = openBraces.last {
            return DiagnosticError(Diagnostic(.error, "syntax", at: location(at: open), "'{' is not closed: the message ends inside it",
                                              notes: ["close it with '}'; to write a brace as text, quote it: '{'"]))
        }
        return DiagnosticError(Diagnostic(.error, "syntax", at: location(at: index ?? position), message, notes: notes))
    }

    private var current: Unicode.Scalar? { scalar(at: position) }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        guard index < units.count, units[index] & Self.elementMark == 0 else { return nil }
        return Unicode.Scalar(units[index])
    }

    private mutating func skipWhitespace() {
        while let s = current, s.isPatternWhitespace { position += 1 }
    }

    // MARK: Bodies

    private mutating func parseBody(inPlural: Bool, nested: Bool) throws(DiagnosticError) -> [MessagePart] {
        var parts: [MessagePart] = []
        var text = ""
        func flush() {
            if !text.isEmpty { parts.append(.text(text)); text = "" }
        }
        while position < units.count {
            if let element = element(at: position) {
                flush()
                parts.append(try parseMarkup(element, inPlural: inPlural))
                position += 1
                continue
            }
            let s = Unicode.Scalar(units[position])!
            switch s {
            case "'":
                text += quoted(inPlural: inPlural)
            case "{":
                flush()
                parts.append(try parseArgument())
            case "}":
                if nested { flush(); return parts }
                throw fail("'}' closes nothing", notes: ["to write a brace as text, quote it: '}'"])
            case "#" where inPlural:
                flush()
                parts.append(.pound(location(at: position)))
                position += 1
            default:
                // A run of plain text: taken in one piece, not scalar by scalar.
                let start = position
                var run = String.UnicodeScalarView()
                while position < units.count, units[position] & Self.elementMark == 0 {
                    let c = Unicode.Scalar(units[position])!
                    if c == "'" || c == "{" || c == "}" || (c == "#" && inPlural) { break }
                    run.append(c)
                    position += 1
                }
                text.unicodeScalars.append(contentsOf: run)
                recordLiteral(run, from: start, count: position - start)
            }
        }
        flush()
        return parts
    }

    /// Adds literal text that starts at unit `from` to the runs: one run per stretch of one text node.
    private mutating func recordLiteral(_ run: String.UnicodeScalarView, from: Int, count: Int) {
        var (textIndex, index) = origin(of: from)
        var remaining = run[...]
        var left = count
        while left > 0 {
            let length = min(textLengths[textIndex] - index, left)
            left -= length
            let pieceEnd = remaining.index(remaining.startIndex, offsetBy: length)
            let piece = String(remaining[remaining.startIndex..<pieceEnd])
            if let last = literals.last, last.source.startByteIdentity == texts[textIndex].startByteIdentity,
               last.start + last.length == index {
                literals[literals.count - 1].text += piece
                literals[literals.count - 1].length += length
            } else {
                var literal = Literal(text: piece, source: texts[textIndex], start: index, isForeign: isForeign)
                literal.length = length
                literals.append(literal)
            }
            remaining = remaining[pieceEnd...]
            textIndex += 1
            index = 0
        }
    }

    /// ICU apostrophe rules: `''` is one apostrophe; `'` before `{ } | #` starts quoted text.
    private mutating func quoted(inPlural: Bool) -> String {
        let next = scalar(at: position + 1)
        if next == "'" { position += 2; return "'" }
        guard let next, next == "{" || next == "}" || next == "|" || (inPlural && next == "#") else {
            position += 1
            return "'"
        }
        position += 1
        var literal = ""
        while let s = current {
            if s == "'" {
                if scalar(at: position + 1) == "'" { literal += "'"; position += 2; continue }
                position += 1
                return literal
            }
            literal.unicodeScalars.append(s)
            position += 1
        }
        return literal
    }

    // MARK: Markup

    private mutating func parseMarkup(_ element: XMLElement, inPlural: Bool) throws(DiagnosticError) -> MessagePart {
        let markup = try Self.markup(for: element)
        var parser = MessageParser(element.children, end: element.location)
        if case .foreign = markup { parser.isForeign = true } else { parser.isForeign = isForeign }
        let inner = try parser.parseBody(inPlural: inPlural, nested: false)
        literals.append(contentsOf: parser.literals)
        return .markup(markup, inner, element.location)
    }

    static func markup(for element: XMLElement) throws(DiagnosticError) -> InlineMarkup {
        func refuse(_ message: String, at location: SourceLocation? = nil, notes: [String] = []) -> DiagnosticError {
            DiagnosticError(Diagnostic(.error, "markup", at: location ?? element.location, message, notes: notes))
        }
        let allowed: [String: [String]] = ["em": [], "strong": [], "org": [], "place": [], "foreign": ["lang"], "link": ["href"]]
        guard let permitted = allowed[element.name] else {
            throw refuse("element <\(element.name)> is not allowed in a message",
                         notes: ["allowed inline elements: " + InlineMarkup.elementNames.map { "<\($0)>" }.joined(separator: ", ")])
        }
        for attribute in element.attributes where !permitted.contains(attribute.name) {
            throw refuse("attribute \(attribute.name) is not allowed on <\(element.name)>", at: attribute.location)
        }
        switch element.name {
        case "em": return .emphasis
        case "strong": return .strong
        case "org": return .organization
        case "place": return .place
        case "foreign":
            guard let lang = element.attribute("lang", namespace: xmlNamespace) ?? element.attribute("lang") else {
                throw refuse("<foreign> needs xml:lang, the language of the phrase (e.g. xml:lang=\"kk\")")
            }
            guard LanguageTag.isWellFormed(lang.value) else {
                throw refuse("xml:lang=\"\(lang.value)\" is not a language tag such as \"kk\" or \"en-GB\"", at: lang.location)
            }
            return .foreign(language: lang.value)
        default:
            guard let href = element.attribute("href") else { throw refuse("<link> needs href") }
            let url = href.value
            let lower = url.lowercased()
            guard ["https://", "http://", "mailto:"].contains(where: { lower.hasPrefix($0) }),
                  !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
                throw refuse("link address \"\(url)\" is not allowed: only https:, http: and mailto: addresses without spaces",
                             at: href.location)
            }
            return .link(url: url)
        }
    }

    // MARK: Arguments

    private mutating func parseIdentifier(_ what: String) throws(DiagnosticError) -> String {
        var name = ""
        while let s = current, s == "_" || s == "-" || s.isIdentifierCharacter {
            name.unicodeScalars.append(s)
            position += 1
        }
        if name.isEmpty {
            if element(at: position) != nil {
                throw fail("markup is not allowed inside {…} syntax; put it inside a branch's braces")
            }
            throw fail("expected \(what) here")
        }
        return name
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ what: String) throws(DiagnosticError) {
        guard current == scalar else {
            if position >= units.count { throw fail("the message ends before \(what)") }
            throw fail("expected \(what) here")
        }
        position += 1
    }

    private mutating func parseArgument() throws(DiagnosticError) -> MessagePart {
        let open = position
        let openLocation = location(at: open)
        openBraces.append(open)
        defer { openBraces.removeLast() }
        position += 1
        skipWhitespace()
        let name = try parseIdentifier("an argument name")
        if name.unicodeScalars.first!.properties.numericType != nil {
            throw fail("argument names start with a letter: \(name)", at: open + 1)
        }
        skipWhitespace()
        if current == "}" {
            position += 1
            return .argument(MessageArgument(name: name, kind: .simple, style: nil, location: openLocation))
        }
        try expect(",", "',' or '}' after the argument name")
        skipWhitespace()
        let typeStart = position
        let type = try parseIdentifier("an argument type (\(Self.argumentTypes.joined(separator: ", ")))")
        skipWhitespace()
        switch type {
        case "plural":
            try expect(",", "',' and the plural branches")
            return .plural(try parsePlural(name: name, at: openLocation, open: open))
        case "select":
            try expect(",", "',' and the select branches")
            let branches = try parseBranches(inPlural: false, open: open)
            return .select(SelectArgument(name: name, branches: branches, location: openLocation))
        case "number", "date", "name":
            let kind = ArgumentKind(rawValue: type)!
            if current == "}" {
                position += 1
                return .argument(MessageArgument(name: name, kind: kind, style: nil, location: openLocation))
            }
            try expect(",", "',' or '}' after the argument type")
            var style = ""
            while let s = current, s != "}" {
                if s == "{" { throw fail("'{' is not allowed in an argument style") }
                style.unicodeScalars.append(s)
                position += 1
            }
            if element(at: position) != nil {
                throw fail("markup is not allowed inside {…} syntax")
            }
            if position >= units.count { throw fail("'{' is not closed", at: open) }
            position += 1
            let trimmed = style.trimmingPatternWhitespace()
            return .argument(MessageArgument(name: name, kind: kind, style: trimmed.isEmpty ? nil : trimmed, location: openLocation))
        default:
            throw fail("unknown argument type \"\(type)\"", at: typeStart,
                       notes: ["argument types: " + Self.argumentTypes.joined(separator: ", ")])
        }
    }

    private mutating func parsePlural(name: String, at openLocation: SourceLocation, open: Int) throws(DiagnosticError) -> PluralArgument {
        skipWhitespace()
        var offset = 0
        if current == "o", scalar(at: position + 1) == "f" {
            let start = position
            let word = try parseIdentifier("offset")
            guard word == "offset", current == ":" else { throw fail("expected offset:N", at: start) }
            position += 1
            var digits = ""
            while let s = current, s.properties.numericType != nil, s.isASCII { digits.unicodeScalars.append(s); position += 1 }
            guard let value = Int(digits) else { throw fail("expected a whole number after offset:") }
            offset = value
        }
        let branches = try parseBranches(inPlural: true, open: open)
        return PluralArgument(name: name, offset: offset, branches: branches, location: openLocation)
    }

    private mutating func parseBranches(inPlural: Bool, open: Int) throws(DiagnosticError) -> [Branch] {
        var branches: [Branch] = []
        while true {
            skipWhitespace()
            if position >= units.count { throw fail("'{' is not closed", at: open) }
            if current == "}" { position += 1; break }
            let keyStart = position
            var key = ""
            if inPlural && current == "=" {
                position += 1
                key = "=" + (try parseIdentifier("a number after '='"))
                guard Int(key.dropFirst()) != nil else { throw fail("expected a whole number after '='", at: keyStart + 1) }
            } else {
                key = try parseIdentifier(inPlural ? "a plural category (zero, one, two, few, many, other) or =N" : "a select key")
            }
            if branches.contains(where: { $0.key == key }) { throw fail("branch \"\(key)\" appears twice", at: keyStart) }
            skipWhitespace()
            try expect("{", "'{' to open the branch \"\(key)\"")
            let parts = try parseBody(inPlural: inPlural, nested: true)
            if position >= units.count { throw fail("the branch \"\(key)\" is not closed", at: keyStart) }
            position += 1
            branches.append(Branch(key: key, parts: parts, location: location(at: keyStart)))
        }
        guard branches.contains(where: { $0.key == "other" }) else {
            throw fail("a \(inPlural ? "plural" : "select") needs an \"other\" branch", at: open)
        }
        return branches
    }
}

extension String {
    func trimmingPatternWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.isPatternWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isPatternWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

/// BCP 47 language tags, as far as Brochure needs them.
public enum LanguageTag {
    /// A primary language of 2–3 letters and optional subtags of 2–8 letters or digits.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

extension Unicode.Scalar {
    /// Pattern_White_Space, answered without a property lookup for ASCII.
    var isPatternWhitespace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isPatternWhitespace
    }

    /// A letter or digit of an argument name or select key.
    var isIdentifierCharacter: Bool {
        if isASCII { return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return properties.isAlphabetic || properties.numericType != nil
    }
}
