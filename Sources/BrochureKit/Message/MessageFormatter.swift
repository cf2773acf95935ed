public import BrochureDiagnostics
public import BrochureDocument
import Synchronization

/// Formats parsed messages for one locale: arguments bound to profile facts, CLDR plurals,
/// ICU numbers and dates, terms in their grammatical case, inline markup kept.
///
/// A formatter keeps what it has formatted and checked (`TriedFormats`, not synchronised):
/// it belongs to one thread, and its locale, terms and sources are fixed when it is made,
/// so nothing it remembers can be read under another locale.
public struct MessageFormatter: Sendable {
    public let language: String
    /// Terms of the locale (proper names with their forms).
    public let terms: [String: LocaleEntry]
    public let sources: [String: FactSource]
    /// Looks up a message (for source titles); returns nil when absent.
    public let message: @Sendable (String) -> LocaleEntry?
    /// Check arguments, types and formats without formatting (what `validate` needs):
    /// each number skeleton and date pattern is tried with ICU once, not once per message.
    public var checkOnly = false
    private let tried = TriedFormats()

    public init(language: String, terms: [String: LocaleEntry], sources: [String: FactSource] = [:],
                message: @escaping @Sendable (String) -> LocaleEntry? = { _ in nil }) {
        self.language = language
        self.terms = terms
        self.sources = sources
        self.message = message
    }

    public func format(_ message: Message, scope: ArgumentScope) throws(DiagnosticError) -> [Inline] {
        if checkOnly {
            // The same walk and the same errors, without building the text.
            try check(message.body, scope: scope, pound: nil)
            return []
        }
        var builder = InlineBuilder(reusing: &tried.spareBuilder)
        // Polish typography is applied to each text as the builder makes it.
        if Typography.applies(to: language) { builder.startPolishing() }
        try format(message.body, scope: scope, pound: nil, into: &builder)
        return builder.finish(leaving: &tried.spareBuilder)
    }

    /// What `format(_:scope:pound:)` does, for its errors only.
    private func check(_ parts: MessageBody, scope: ArgumentScope, pound: (decimal: String, location: SourceLocation)?) throws(DiagnosticError) {
        // The parts are read where they stand, step by step (no value is made of each).
        let store = parts.store
        var index = parts.range.lowerBound
        while index < parts.range.upperBound {
            let op = store[index]
            switch op.kind {
            case .text:
                index += 1
            case .pound:
                guard let pound else { throw fail(op.location, "'#' outside a plural") }
                _ = try number(pound.decimal, skeleton: "", at: op.location)
                index += 1
            case .markup:
                try check(MessageBody(store: store, range: index + 1..<Int(op.first)), scope: scope, pound: pound)
                index = Int(op.first)
            case .argument:
                var discarded = InlineBuilder()
                try format(store.argument(op), scope: scope, into: &discarded)
                index += 1
            case .plural:
                let (branch, shifted) = try pluralBranch(store, at: index, scope: scope)
                try check(branch, scope: scope, pound: (shifted, op.location))
                index = Int(op.first)
            case .select:
                try check(try selectBranch(store, at: index, scope: scope), scope: scope, pound: pound)
                index = Int(op.first)
            case .branch:
                preconditionFailure("a branch stands only in a plural or select")
            }
        }
    }

    private func fail(_ location: SourceLocation, _ text: String, notes: [String] = []) -> DiagnosticError {
        DiagnosticError(Diagnostic(.error, "argument", at: location, text, notes: notes))
    }

    /// Formats parts into `builder` (which joins the texts and folds their white space).
    private func format(_ parts: MessageBody, scope: ArgumentScope, pound: (decimal: String, location: SourceLocation)?,
                        into builder: inout InlineBuilder) throws(DiagnosticError) {
        let store = parts.store
        var index = parts.range.lowerBound
        while index < parts.range.upperBound {
            let op = store[index]
            switch op.kind {
            case .text:
                store.withBytes(offset: op.first, count: op.second) { builder.text(bytes: $0) }
                index += 1
            case .pound:
                guard let pound else { throw fail(op.location, "'#' outside a plural") }
                builder.text(try number(pound.decimal, skeleton: "", at: op.location))
                index += 1
            case .markup:
                switch store.markup(op) {
                case .emphasis: builder.open(.emphasis([]))
                case .strong: builder.open(.strong([]))
                case .organization: builder.open(.organization([]))
                case .place: builder.open(.place([]))
                case .foreign(let language): builder.open(.foreign(language: language, []))
                case .link(let url): builder.open(.link(url: url, []))
                }
                try format(MessageBody(store: store, range: index + 1..<Int(op.first)), scope: scope, pound: pound, into: &builder)
                builder.close()
                index = Int(op.first)
            case .argument:
                try format(store.argument(op), scope: scope, into: &builder)
                index += 1
            case .plural:
                let (branch, shifted) = try pluralBranch(store, at: index, scope: scope)
                try format(branch, scope: scope, pound: (shifted, op.location), into: &builder)
                index = Int(op.first)
            case .select:
                try format(try selectBranch(store, at: index, scope: scope), scope: scope, pound: pound, into: &builder)
                index = Int(op.first)
            case .branch:
                preconditionFailure("a branch stands only in a plural or select")
            }
        }
    }

    /// The parts of the branch the number selects in the plural at `index`, and the number
    /// less the offset.
    private func pluralBranch(_ store: MessageStore, at index: Int, scope: ArgumentScope) throws(DiagnosticError) -> (MessageBody, String) {
        let op = store[index]
        let name = store.name(op.name)
        guard let value = scope[name] else { throw missing(name, at: op.location, scope: scope) }
        let decimal: String
        switch value {
        case .fact(let fact):
            guard case .quantity(let d, _) = fact.value else {
                throw fail(op.location, "\"\(name)\" is not a number; plural needs a quantity or a list")
            }
            decimal = d
        case .count(let n): decimal = String(n)
        default: throw fail(op.location, "\"\(name)\" is not a number; plural needs a quantity or a list")
        }
        let shifted = Self.subtract(store.offset(of: op), from: decimal)
        var category = "other"
        if !checkOnly {
            if let known = tried.formatted["c|" + shifted] {
                category = known
            } else {
                do { category = try ICU.pluralCategory(shifted, locale: language) } catch { throw fail(op.location, "ICU could not select a plural for \(decimal)") }
                tried.formatted["c|" + shifted] = category
            }
        }
        // An exact branch (`=5`) first, then the category's, then `other`.
        var (exact, byCategory, other): (Int?, Int?, Int?) = (nil, nil, nil)
        var branch = index + 1
        while branch < Int(op.first) {
            let key = store.name(store[branch].name)
            if exact == nil, key.utf8.first == UInt8(ascii: "="), Self.equal(String(key.dropFirst()), decimal) { exact = branch }
            if byCategory == nil, key == category { byCategory = branch }
            if other == nil, key == "other" { other = branch }
            branch = Int(store[branch].first)
        }
        // The parser refuses a plural without `other`.
        let chosen = exact ?? byCategory ?? other!
        return (MessageBody(store: store, range: chosen + 1..<Int(store[chosen].first)), shifted)
    }

    /// The parts of the branch the value picks in the select at `index`.
    private func selectBranch(_ store: MessageStore, at index: Int, scope: ArgumentScope) throws(DiagnosticError) -> MessageBody {
        let op = store[index]
        let name = store.name(op.name)
        guard let value = scope[name] else { throw missing(name, at: op.location, scope: scope) }
        let key: String
        switch value {
        case .fact(let fact):
            switch fact.value {
            case .quantity: key = fact.approximate ? "approximate" : "exact"
            case .name(let term): key = term
            case .date: throw fail(op.location, "\"\(name)\" is a date; select needs a name, a quantity or a word")
            }
        case .string(let text): key = text
        default: throw fail(op.location, "\"\(name)\" cannot be used in a select")
        }
        var (keyed, other): (Int?, Int?) = (nil, nil)
        var branch = index + 1
        while branch < Int(op.first) {
            let written = store.name(store[branch].name)
            if keyed == nil, written == key { keyed = branch; break }
            if other == nil, written == "other" { other = branch }
            branch = Int(store[branch].first)
        }
        // The parser refuses a select without `other`.
        let chosen = keyed ?? other!
        return MessageBody(store: store, range: chosen + 1..<Int(store[chosen].first))
    }

    private func missing(_ name: String, at location: SourceLocation, scope: ArgumentScope) -> DiagnosticError {
        let known = scope.values.keys.sorted().joined(separator: ", ")
        return fail(location, "argument \"\(name)\" is not a fact in reach of this message", notes: ["arguments here: \(known)"])
    }

    private func format(_ argument: MessageArgument, scope: ArgumentScope, into builder: inout InlineBuilder) throws(DiagnosticError) {
        guard checkOnly else {
            // The same argument (name, kind, style) in the same scope formats to the same text
            // again: the value it is bound to is the same, and so are ICU's and the term
            // table's answers. What it formatted to last time is added again.
            if let formatted = tried.formatted(argument, in: scope.token) {
                switch formatted {
                case .text(let text): builder.text(text)
                case .date(let date): builder.date(date)
                case .texts(let texts): for text in texts { builder.text(text) }
                }
                return
            }
            return try formatOnce(argument, scope: scope, into: &builder)
        }
        // A check of the same argument (name, kind, style) in the same scope passes again: the
        // value it is bound to is the same, and so is everything the check asks of it. Only a
        // check that passed is remembered (one that throws fails again, where it is).
        if tried.passed(argument, in: scope.token) { return }
        try formatOnce(argument, scope: scope, into: &builder)
        tried.recordPassed(argument, in: scope.token)
    }

    private func formatOnce(_ argument: MessageArgument, scope: ArgumentScope, into builder: inout InlineBuilder) throws(DiagnosticError) {
        guard let value = scope[argument.name] else { throw missing(argument.name, at: argument.location, scope: scope) }
        // A check learns nothing from a use it has seen pass: the same kind and style of
        // argument bound to the same kind of value passes again (the answers of ICU and of
        // the term table depend on nothing else).
        let use = checkOnly ? CheckedUse(argument, value) : nil
        if let use, tried.passed(use) { return }
        // What the argument formatted to, kept for its next use in this scope (a build's).
        var formatted: FormattedArgument?
        switch value {
        case .fact(let fact):
            switch fact.value {
            case .quantity(let decimal, let unit):
                guard argument.kind == .simple || argument.kind == .number else {
                    throw fail(argument.location, "\"\(argument.name)\" is a quantity; use {\(argument.name)} or {\(argument.name), number, …}")
                }
                let text = try formattedNumber(decimal, unit: unit, argument: argument)
                builder.text(text)
                formatted = .text(text)
            case .date(let date):
                formatted = try format(date, argument: argument, into: &builder).map(FormattedArgument.date)
            case .name(let term):
                guard argument.kind == .simple || argument.kind == .name else {
                    throw fail(argument.location, "\"\(argument.name)\" is a name; use {\(argument.name)} or {\(argument.name), name, case}")
                }
                formatted = try formatTerm(term, grammaticalCase: argument.style ?? "nominative", at: argument.location, into: &builder)
                    .map(FormattedArgument.texts)
            }
        case .count(let count):
            guard argument.kind == .simple || argument.kind == .number else {
                throw fail(argument.location, "\"\(argument.name)\" is a count; use {\(argument.name)} or {\(argument.name), number, …}")
            }
            let text = try formattedNumber(String(count), unit: nil, argument: argument)
            builder.text(text)
            formatted = .text(text)
        case .date(let date):
            formatted = try format(date, argument: argument, into: &builder).map(FormattedArgument.date)
        case .source(let source):
            guard let entry = message(source.titleKey) else {
                throw fail(argument.location, "the title of source \"\(source.id)\" (message \"\(source.titleKey)\") is missing")
            }
            try format(entry.message.body, scope: scope, pound: nil, into: &builder)
        case .string(let text):
            builder.text(text)
        }
        // Only a use that passed is remembered: one that failed fails again, where it is.
        if let use { tried.record(use) }
        if !checkOnly, let formatted { tried.recordFormatted(argument, in: scope.token, formatted) }
    }

    /// A term (proper name) in a grammatical case: the term's `case` select picks the form.
    /// Returns the texts added when the form is plain text (nil when it holds more).
    @discardableResult
    func formatTerm(_ id: String, grammaticalCase: String, at location: SourceLocation, into builder: inout InlineBuilder) throws(DiagnosticError) -> [String]? {
        guard let term = terms[id] else {
            throw fail(location, "term \"\(id)\" is not defined in the \(language) table", notes: ["add <term key=\"\(id)\">…</term>"])
        }
        // A term's form in a case is mostly plain text picked by `{case, select, …}`: its texts
        // are worked out once per term and case, and given to the builder as the walk would.
        let form = TermForm(term: id, grammaticalCase: grammaticalCase)
        if let texts = tried.termTexts[form] {
            for text in texts { builder.text(text) }
            return texts
        }
        if let texts = Self.plainTexts(term.message.body, grammaticalCase: grammaticalCase) {
            tried.termTexts[form] = texts
            for text in texts { builder.text(text) }
            return texts
        }
        try format(term.message.body, scope: ArgumentScope(["case": .string(grammaticalCase)]), pound: nil, into: &builder)
        return nil
    }

    /// The texts formatting `parts` with `case` bound to `grammaticalCase` gives the builder, in
    /// order, when they are nothing but text and selects on `case`; nil for anything else
    /// (which the walk formats, or reports).
    static func plainTexts(_ parts: MessageBody, grammaticalCase: String) -> [String]? {
        var texts: [String] = []
        for part in parts {
            switch part {
            case .text(let text):
                texts.append(text.string)
            case .select(let select) where select.name == "case":
                // The branch `branch(of:scope:)` picks for a string value.
                let branch = select.branches.first { $0.key == grammaticalCase } ?? select.branches.first { $0.key == "other" }!
                guard let inner = plainTexts(branch.parts, grammaticalCase: grammaticalCase) else { return nil }
                texts += inner
            default:
                return nil
            }
        }
        return texts
    }

    /// A number as an argument's style formats it: each number in a style is formatted once.
    private func formattedNumber(_ decimal: String, unit: String?, argument: MessageArgument) throws(DiagnosticError) -> String {
        let use = NumberUse(decimal: decimal, unit: unit, style: argument.style)
        if !checkOnly, let known = tried.numbers[use] { return known }
        let text = try number(decimal, skeleton: try skeleton(for: argument, unit: unit), at: argument.location)
        if !checkOnly { tried.numbers[use] = text }
        return text
    }

    private func skeleton(for argument: MessageArgument, unit: String?) throws(DiagnosticError) -> String {
        var skeleton: String
        switch argument.style {
        case nil: skeleton = ""
        case "integer": skeleton = "precision-integer"
        case "percent": skeleton = "percent"
        case let style? where style.hasPrefix("::"): skeleton = String(style.dropFirst(2)).trimmingPatternWhitespace()
        case let style?:
            throw fail(argument.location, "number style \"\(style)\" is not known", notes: ["use integer, percent or an ICU skeleton such as ::compact-short"])
        }
        if let unit, !skeleton.includes("unit/") {
            skeleton += (skeleton.isEmpty ? "" : " ") + "measure-unit/\(unit)"
            if !skeleton.includes("unit-width-") { skeleton += " unit-width-short" }
        }
        return skeleton
    }

    private func number(_ decimal: String, skeleton: String, at location: SourceLocation) throws(DiagnosticError) -> String {
        if checkOnly {
            if tried.succeeded("n|" + skeleton) { return "" }
            do { _ = try ICU.formatNumber("1", skeleton: skeleton, locale: language) } catch {
                throw fail(location, "ICU cannot format with the number skeleton \"\(skeleton)\"",
                           notes: ["see ICU's number skeletons: compact-short, compact-long, precision-integer, group-off, …"])
            }
            tried.record("n|" + skeleton)
            return ""
        }
        let key = decimal + "|" + skeleton
        if let known = tried.formatted[key] { return known }
        do {
            let text = try ICU.formatNumber(decimal, skeleton: skeleton, locale: language).text
            tried.formatted[key] = text
            return text
        } catch {
            throw fail(location, "ICU cannot format with the number skeleton \"\(skeleton)\"",
                       notes: ["see ICU's number skeletons: compact-short, compact-long, precision-integer, group-off, …"])
        }
    }

    /// Adds the date as the argument asks; returns it formatted (nil when only checked).
    @discardableResult
    private func format(_ date: FactDate, argument: MessageArgument, into builder: inout InlineBuilder) throws(DiagnosticError) -> InlineBuilder.FormattedDate? {
        guard argument.kind == .simple || argument.kind == .date else {
            throw fail(argument.location, "\"\(argument.name)\" is a date; use {\(argument.name)} or {\(argument.name), date, …}")
        }
        // A date in a style is formatted once (its ISO form too).
        let use = DateUse(date: date, style: argument.style)
        if !checkOnly, let known = tried.dates[use] { builder.date(known); return known }
        var pattern: String
        var isSkeleton = true
        switch argument.style {
        case nil: pattern = date.day != nil ? "yMMMMd" : date.month != nil ? "yMMMM" : "y"
        case "short": pattern = "yMd"
        case "medium": pattern = "yMMMd"
        case "long": pattern = "yMMMMd"
        case "full": pattern = "yMMMMEEEEd"
        case let style? where style.hasPrefix("::"): pattern = String(style.dropFirst(2)).trimmingPatternWhitespace()
        case let style?: pattern = style; isSkeleton = false
        }
        let key = (isSkeleton ? "s|" : "p|") + pattern
        if checkOnly && tried.succeeded(key) { return nil }
        do {
            let text = try ICU.formatDate(year: date.year, month: date.month ?? 1, day: date.day ?? 1, pattern: pattern, isSkeleton: isSkeleton, locale: language)
            if checkOnly {
                tried.record(key)
            } else {
                let formatted = InlineBuilder.FormattedDate(iso: date.description, text: text)
                tried.dates[use] = formatted
                builder.date(formatted)
                return formatted
            }
        } catch {
            throw fail(argument.location, "ICU cannot format a date with \"\(pattern)\"")
        }
        return nil
    }

    /// `decimal - offset`, exact for the integers and short decimals facts hold.
    static func subtract(_ offset: Int, from decimal: String) -> String {
        guard offset != 0 else { return decimal }
        if let integer = Int(decimal) { return String(integer - offset) }
        let parts = decimal.split(separator: ".")
        guard parts.count == 2, let whole = Int(parts[0]) else { return decimal }
        return "\(whole - offset).\(parts[1])"
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        func normal(_ s: String) -> String {
            guard s.utf8.contains(UInt8(ascii: ".")) else { return s }
            var t = s
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
            return t
        }
        return normal(a) == normal(b)
    }
}

/// What decides whether an argument passes a check: its kind and style, and the kind of value
/// bound to it (a quantity's unit, a date's precision, a name's term). Uses whose outcome
/// depends on more (a source's title, a string) are not remembered.
struct CheckedUse: Hashable {
    enum Bound: Hashable { case quantity(unit: String?), count, date(hasMonth: Bool, hasDay: Bool), name(String) }
    let kind: ArgumentKind
    let style: String?
    let bound: Bound

    init?(_ argument: MessageArgument, _ value: ArgumentValue) {
        kind = argument.kind
        style = argument.style
        switch value {
        case .fact(let fact):
            switch fact.value {
            case .quantity(_, let unit): bound = .quantity(unit: unit)
            case .date(let date): bound = .date(hasMonth: date.month != nil, hasDay: date.day != nil)
            case .name(let term): bound = .name(term)
            }
        case .count: bound = .count
        case .date(let date): bound = .date(hasMonth: date.month != nil, hasDay: date.day != nil)
        case .source, .string: return nil
        }
    }

    /// Hashed on what is quick to read (kind, the style's length, the kind of value); equality
    /// compares everything. A formatter remembers a handful of uses, looked up once for every
    /// argument of every message: hashing their strings cost more than the lookups saved.
    func hash(into hasher: inout Hasher) {
        var word = UInt64(truncatingIfNeeded: style?.utf8.count ?? 0xFFFF) << 16
        switch bound {
        case .quantity(let unit): word |= 1 | UInt64(truncatingIfNeeded: unit?.utf8.count ?? 0xFF) << 8
        case .count: word |= 2
        case .date(let hasMonth, let hasDay): word |= 3 | (hasMonth ? 0x100 : 0) | (hasDay ? 0x200 : 0)
        case .name(let term): word |= 4 | UInt64(truncatingIfNeeded: term.utf8.count & 0xFF) << 8
        }
        hasher.combine(word)
        hasher.combine(kind)
    }
}

/// A term in a grammatical case (whose form, with the locale's terms, is fixed).
struct TermForm: Hashable {
    let term: String
    let grammaticalCase: String

    /// Hashed on the lengths and first bytes (a formatter knows a handful of forms, looked up
    /// at every use of a name); equality compares the strings.
    func hash(into hasher: inout Hasher) {
        let term = term.utf8, grammaticalCase = grammaticalCase.utf8
        hasher.combine(term.count << 16 | grammaticalCase.count << 8 | Int(term.first ?? 0) ^ Int(grammaticalCase.first ?? 0) << 24)
    }
}

/// A number, its unit and the style it is formatted in (which, with the locale, decide the text).
struct NumberUse: Hashable {
    let decimal: String
    let unit: String?
    let style: String?
}

/// What an argument formatted to, added again where it is used again (`TriedFormats.formatted`).
enum FormattedArgument {
    case text(String)
    case date(InlineBuilder.FormattedDate)
    /// A term's form that is plain text.
    case texts([String])
}

/// A date and the style it is formatted in (which, with the locale, decide the text).
struct DateUse: Hashable {
    let date: FactDate
    let style: String?
}

/// Formats already tried with ICU by a checking formatter, and results already formatted
/// (ICU's answers are pure functions of value, format and locale). One per formatter: a
/// formatter is used by one resolver on one thread.
final class TriedFormats: @unchecked Sendable {
    // One formatter on one thread uses these (see the type's comment): the run-time
    // exclusivity checks are left out of lookups made for every argument of every message.
    @exclusivity(unchecked) private var keys = Set<String>()
    @exclusivity(unchecked) var formatted: [String: String] = [:]

    @exclusivity(unchecked) private var uses = Set<CheckedUse>()
    /// Numbers formatted, by number, unit and style.
    @exclusivity(unchecked) var numbers: [NumberUse: String] = [:]
    /// Dates formatted, by date and style: their ISO form, text and element.
    @exclusivity(unchecked) var dates: [DateUse: InlineBuilder.FormattedDate] = [:]
    /// The texts of terms in a case that are plain text (`MessageFormatter.formatTerm`).
    @exclusivity(unchecked) var termTexts: [TermForm: [String]] = [:]
    /// The working buffers of the last message formatted, for the next. A message formatted
    /// inside another (a term) finds them taken and starts without.
    @exclusivity(unchecked) var spareBuilder = InlineBuilder.Spare()

    /// Whether ICU accepted the number skeleton, date skeleton or date pattern `key` names,
    /// here or in any other formatter: whether ICU accepts one depends on its syntax alone,
    /// not on the locale, so a check in one language answers for all (opening ICU's date
    /// pattern generator for a locale to try a skeleton costs 3 M instructions).
    func succeeded(_ key: String) -> Bool {
        if keys.contains(key) { return true }
        guard Self.acceptedEverywhere.withLock({ $0.contains(key) }) else { return false }
        keys.insert(key)
        return true
    }

    func record(_ key: String) {
        keys.insert(key)
        Self.acceptedEverywhere.withLock { _ = $0.insert(key) }
    }

    private static let acceptedEverywhere = Mutex<Set<String>>([])

    /// Arguments that passed a check, by scope token, name, kind and style: a table of 64
    /// slots, each found from the token and the name's length and first byte, and overwritten
    /// by the next argument that falls there. A template's messages mostly share one scope
    /// and a handful of arguments: the lookup is a few comparisons, where the value's lookup,
    /// the use's strings and a hashed set cost some 500 instructions an argument.
    private struct PassedArgument {
        let scope: Int
        let name: String
        let kind: ArgumentKind
        let style: String?
    }
    @exclusivity(unchecked) private var passedArguments = [PassedArgument?](repeating: nil, count: 64)

    private static func slot(_ argument: MessageArgument, _ scope: Int) -> Int {
        let name = argument.name.utf8
        return (scope &* 31 &+ name.count &* 7 &+ Int(name.first ?? 0)) & 63
    }

    func passed(_ argument: MessageArgument, in scope: Int) -> Bool {
        guard let known = passedArguments[Self.slot(argument, scope)] else { return false }
        return known.scope == scope && known.kind == argument.kind && known.name == argument.name && known.style == argument.style
    }

    /// Records that the check of `argument` in the scope passed.
    func recordPassed(_ argument: MessageArgument, in scope: Int) {
        passedArguments[Self.slot(argument, scope)] = PassedArgument(scope: scope, name: argument.name, kind: argument.kind, style: argument.style)
    }
    /// Arguments formatted (by a build), by scope token, name, kind and style, in a table like
    /// `passedArguments`: the text a number or a plain term formatted to, or the date. The
    /// lookup is a few comparisons; formatting again costs the value's lookup, a hashed cache
    /// of ICU's answers and some 3,000 instructions an argument.
    private struct FormattedUse {
        let scope: Int
        let name: String
        let kind: ArgumentKind
        let style: String?
        let formatted: FormattedArgument
    }
    @exclusivity(unchecked) private var formattedArguments = [FormattedUse?](repeating: nil, count: 64)

    func formatted(_ argument: MessageArgument, in scope: Int) -> FormattedArgument? {
        guard let known = formattedArguments[Self.slot(argument, scope)],
              known.scope == scope && known.kind == argument.kind && known.name == argument.name && known.style == argument.style else { return nil }
        return known.formatted
    }

    func recordFormatted(_ argument: MessageArgument, in scope: Int, _ formatted: FormattedArgument) {
        formattedArguments[Self.slot(argument, scope)] = FormattedUse(scope: scope, name: argument.name, kind: argument.kind,
                                                                      style: argument.style, formatted: formatted)
    }

    func passed(_ use: CheckedUse) -> Bool { uses.contains(use) }
    func record(_ use: CheckedUse) { uses.insert(use) }
}
