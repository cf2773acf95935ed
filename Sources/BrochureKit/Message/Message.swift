public import BrochureDiagnostics
public import BrochureXML

/// A parsed message in ICU MessageFormat syntax, with inline markup from the allowed set.
public struct Message: Sendable, Hashable {
    public var parts: [MessagePart]
    /// The literal text of the message (not its syntax), run by run, with where each run stands.
    public var literals: [Literal] = []

    public init(_ parts: [MessagePart], literals: [Literal] = []) {
        self.parts = parts
        self.literals = literals
    }

    public static func == (a: Message, b: Message) -> Bool { a.parts == b.parts }
    public func hash(into hasher: inout Hasher) { hasher.combine(parts) }

    /// Every argument the message uses, with the kind of use, in order of first use.
    public var arguments: [(name: String, kind: ArgumentKind)] {
        var seen: [(name: String, kind: ArgumentKind)] = []
        Self.visit(parts, into: &seen)
        return seen
    }

    /// The names of the arguments the message uses, in order of first use (what `arguments`
    /// names, without building a pair for each).
    public var argumentNames: [String] {
        var names: [String] = []
        Self.visitNames(parts, into: &names)
        return names
    }

    /// `argumentNames` written into `names` (emptied first), so a caller can lend one buffer
    /// to many messages.
    public func collectArgumentNames(into names: inout [String]) {
        names.removeAll(keepingCapacity: true)
        Self.visitNames(parts, into: &names)
    }

    private static func visitNames(_ parts: [MessagePart], into names: inout [String]) {
        for part in parts {
            switch part {
            case .text, .pound: break
            case .markup(_, let inner, _): visitNames(inner, into: &names)
            case .argument(let a):
                if !names.contains(a.name) { names.append(a.name) }
            case .plural(let p):
                if !names.contains(p.name) { names.append(p.name) }
                for branch in p.branches { visitNames(branch.parts, into: &names) }
            case .select(let s):
                if !names.contains(s.name) { names.append(s.name) }
                for branch in s.branches { visitNames(branch.parts, into: &names) }
            }
        }
    }

    private static func visit(_ parts: [MessagePart], into seen: inout [(name: String, kind: ArgumentKind)]) {
        for part in parts {
            switch part {
            case .text, .pound: break
            case .markup(_, let inner, _): visit(inner, into: &seen)
            case .argument(let a):
                if !seen.contains(where: { $0.name == a.name }) { seen.append((a.name, a.kind)) }
            case .plural(let p):
                if !seen.contains(where: { $0.name == p.name }) { seen.append((p.name, .plural)) }
                for branch in p.branches { visit(branch.parts, into: &seen) }
            case .select(let s):
                if !seen.contains(where: { $0.name == s.name }) { seen.append((s.name, .select)) }
                for branch in s.branches { visit(branch.parts, into: &seen) }
            }
        }
    }
}

/// How an argument is used in a message.
public enum ArgumentKind: String, Sendable, Hashable {
    case simple, number, date, name, plural, select
}

public enum MessagePart: Sendable, Hashable {
    case text(String)
    indirect case markup(InlineMarkup, [MessagePart], SourceLocation)
    indirect case argument(MessageArgument)
    indirect case plural(PluralArgument)
    indirect case select(SelectArgument)
    /// `#` inside a plural branch: the number, formatted.
    case pound(SourceLocation)
}

/// `{name}`, `{name, number, ::skeleton}`, `{name, date, pattern}`, `{name, name, case}`.
public struct MessageArgument: Sendable, Hashable {
    public var name: String
    public var kind: ArgumentKind
    /// The style text after the second comma, trimmed; nil when absent.
    public var style: String?
    public var location: SourceLocation

    public init(name: String, kind: ArgumentKind, style: String?, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.style = style
        self.location = location
    }
}

/// `{name, plural, offset:1 =0 {…} one {…} other {…}}`.
public struct PluralArgument: Sendable, Hashable {
    public var name: String
    public var offset: Int
    public var branches: [Branch]
    public var location: SourceLocation

    public init(name: String, offset: Int, branches: [Branch], location: SourceLocation) {
        self.name = name
        self.offset = offset
        self.branches = branches
        self.location = location
    }
}

/// `{name, select, key {…} other {…}}`.
public struct SelectArgument: Sendable, Hashable {
    public var name: String
    public var branches: [Branch]
    public var location: SourceLocation

    public init(name: String, branches: [Branch], location: SourceLocation) {
        self.name = name
        self.branches = branches
        self.location = location
    }
}

/// One branch of a plural or select: its key (`one`, `=5`, `locative`) and content.
public struct Branch: Sendable, Hashable {
    public var key: String
    public var parts: [MessagePart]
    public var location: SourceLocation

    public init(key: String, parts: [MessagePart], location: SourceLocation) {
        self.key = key
        self.parts = parts
        self.location = location
    }
}

/// A run of literal text in a message and the way back to its place in the file.
public struct Literal: Sendable {
    public var text: String
    /// Where the text node the run comes from begins (not the node's text: the run is `text`).
    public var source: TextAnchor
    // Counts of scalars in one input file (at most 32 MiB): 32 bits each keep a literal small.
    private var storedStart: UInt32
    private var storedLength: UInt32
    /// Inside `<foreign>`: text in another language on purpose.
    public var isForeign: Bool

    public init(text: String, source: TextAnchor, start: Int, isForeign: Bool, length: Int = 1) {
        self.text = text
        self.source = source
        storedStart = UInt32(clamping: start)
        storedLength = UInt32(clamping: length)
        self.isForeign = isForeign
    }

    /// The index of the run's first scalar in `source`.
    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = UInt32(clamping: newValue) }
    }

    /// The number of scalars in `text`.
    public var length: Int {
        get { Int(storedLength) }
        set { storedLength = UInt32(clamping: newValue) }
    }

    /// Where the scalar at `offset` of `text` stands.
    public func location(ofScalar offset: Int) -> SourceLocation {
        source.location(ofScalar: start + offset)
    }
}
