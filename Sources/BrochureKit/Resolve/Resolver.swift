public import BrochureDiagnostics
public import BrochureDocument
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Merges a template, the profile and one locale table into a document.
///
/// Every problem is collected with its place, so one run reports all of them.
public struct Resolver {
    public var template: Template
    public var profile: Profile
    public var table: LocaleTable
    /// The source table (Polish): the fallback when `allowIncomplete` is set.
    public var sourceTable: LocaleTable?
    public var allowIncomplete: Bool

    public private(set) var log = DiagnosticLog()
    /// Keys that fell back to the source language (in a draft), and why: missing, or marked new.
    public private(set) var fallbacks: [(key: String, location: SourceLocation, reason: String)] = []
    /// Keys whose translation was made from an earlier source text, shown marked (in a draft).
    public private(set) var outdated: [(key: String, location: SourceLocation)] = []
    /// Every message key the template used, with where, and the top-level section it is in
    /// (nil for the title page).
    public private(set) var usedKeys: [(key: String, location: SourceLocation, section: String?)] = []
    /// False: `usedKeys` is left empty (only the source's uses are read: which keys the
    /// documents use, and where).
    public var recordsUses = true
    private var sections: [String] = []
    /// Where in the table the next message is looked for first: templates mostly use their
    /// messages in the table's order, so the key is seldom hashed (`LocaleTable.entry`).
    private var cursor = 0

    private let formatter: MessageFormatter
    private let sourceFormatter: MessageFormatter?
    /// A draft's edition (`allowIncomplete`, not `checkOnly`): its translations marked new
    /// or made from an earlier source text are marked (a check of the texts needs no marks).
    private let marksDraft: Bool

    public init(template: Template, profile: Profile, table: LocaleTable, sourceTable: LocaleTable?, allowIncomplete: Bool = false,
                checkOnly: Bool = false) {
        self.template = template
        self.profile = profile
        self.table = table
        self.sourceTable = sourceTable
        self.allowIncomplete = allowIncomplete
        let messages = table.messages
        var formatter = MessageFormatter(language: table.language, terms: table.terms, sources: profile.sources) { messages[$0] }
        formatter.checkOnly = checkOnly
        marksDraft = allowIncomplete && !checkOnly && sourceTable != nil && !table.isSource
        self.formatter = formatter
        if let sourceTable, !table.isSource {
            let sourceMessages = sourceTable.messages
            sourceFormatter = MessageFormatter(language: sourceTable.language, terms: sourceTable.terms, sources: profile.sources) { sourceMessages[$0] }
        } else {
            sourceFormatter = nil
        }
    }

    /// Builds the document; check `log` for errors afterwards.
    public mutating func document() -> Document {
        var scope = ArgumentScope.profile(profile)
        if let asOf = profile.asOf { scope["asOf"] = .date(asOf) }
        let title = text(template.title, scope: scope, variables: [:])
        let subtitle = template.subtitle.map { text($0, scope: scope, variables: [:]) } ?? []
        let blocks = resolve(template.body, scope: scope, variables: [:])
        var document = Document(id: template.id, language: table.language, title: title, subtitle: subtitle, blocks: blocks, labels: labels(scope: scope))
        document.isDraft = !fallbacks.isEmpty || !outdated.isEmpty
        return document
    }

    /// Words the writers add on their own (`ui.*` messages), keyed `LANG:key`, in plain text.
    private mutating func labels(scope: ArgumentScope) -> Labels {
        var values: [String: String] = [:]
        // "ui." read as bytes: keys are ASCII identifiers, and `hasPrefix` compares characters
        // under canonical equivalence, a call into the string library for each of thousands.
        for (key, entry) in table.messages where key.withUTF8Bytes({ $0.count > 2 && $0[0] == 0x75 && $0[1] == 0x69 && $0[2] == 0x2E }) {
            do throws(DiagnosticError) {
                values["\(table.language):\(key)"] = Inline.plainText(try formatter.format(entry.message, scope: scope))
            } catch {
                log.add(contentsOf: error.diagnostics)
            }
        }
        return Labels(values)
    }

    // MARK: Nodes

    private mutating func resolve(_ nodes: [TemplateNode], scope: ArgumentScope, variables: [String: String]) -> [Block] {
        var blocks: [Block] = []
        for node in nodes {
            switch node {
            case .section(let id, let title, let children, _):
                sections.append(id)
                blocks.append(.section(Section(id: id, title: text(title, scope: scope, variables: variables),
                                               blocks: resolve(children, scope: scope, variables: variables))))
                sections.removeLast()
            case .paragraph(let ref):
                blocks.append(.paragraph(text(ref, scope: scope, variables: variables)))
            case .note(let ref):
                blocks.append(.note(text(ref, scope: scope, variables: variables)))
            case .list(let ordered, let children, _):
                blocks.append(.list(List(ordered: ordered, items: inlines(children, scope: scope, variables: variables))))
            case .table(let table):
                let rows = expand(table.children, scope: scope, variables: variables).compactMap { item -> TableRow? in
                    guard case .row(let header, let cells, _) = item.node else { return nil }
                    return TableRow(header: text(header, scope: item.scope, variables: item.variables),
                                    cells: cells.map { text($0, scope: item.scope, variables: item.variables) })
                }
                blocks.append(.table(Table(id: table.id, caption: text(table.caption, scope: scope, variables: variables),
                                           columns: table.columns.map { text($0, scope: scope, variables: variables) },
                                           rows: rows, role: table.role)))
            case .timeline(let id, let caption, let children, _):
                let events = expand(children, scope: scope, variables: variables).compactMap { item -> TimelineEvent? in
                    guard case .event(let dateName, let title, let body, let location) = item.node else { return nil }
                    let date = self.date(dateName, scope: item.scope, at: location)
                    let when = date.map { dateLabel($0, at: location) } ?? []
                    return TimelineEvent(iso: date?.description ?? "", when: when,
                                         title: text(title, scope: item.scope, variables: item.variables),
                                         body: body.map { text($0, scope: item.scope, variables: item.variables) })
                }
                blocks.append(.timeline(Timeline(id: id, caption: text(caption, scope: scope, variables: variables), events: events)))
            case .figure(let id, let kind, let caption, let alternative, let children, _):
                let items = expand(children, scope: scope, variables: variables)
                let graphic: Graphic
                switch kind {
                case .timeline:
                    graphic = .timeline(items.compactMap { item -> TimePoint? in
                        guard case .event(let dateName, let title, _, let location) = item.node, let date = self.date(dateName, scope: item.scope, at: location) else { return nil }
                        let when = dateLabel(date, at: location)
                        return TimePoint(iso: date.description, when: Inline.plainText(when), label: Inline.plainText(text(title, scope: item.scope, variables: item.variables)))
                    })
                case .figures:
                    graphic = .figures(items.compactMap { item -> Figure.Value? in
                        guard case .row(let header, let cells, _) = item.node else { return nil }
                        let value = cells.first.map { Inline.plainText(text($0, scope: item.scope, variables: item.variables)) } ?? ""
                        return Figure.Value(label: Inline.plainText(text(header, scope: item.scope, variables: item.variables)), value: value)
                    })
                }
                blocks.append(.figure(Figure(id: id, caption: text(caption, scope: scope, variables: variables),
                                             alternative: Inline.plainText(text(alternative, scope: scope, variables: variables)), graphic: graphic)))
            case .item, .row, .event:
                break // Read only inside their containers.
            case .forEach, .when:
                for item in expand([node], scope: scope, variables: variables) {
                    blocks.append(contentsOf: resolve([item.node], scope: item.scope, variables: item.variables))
                }
            }
        }
        return blocks
    }

    private mutating func inlines(_ nodes: [TemplateNode], scope: ArgumentScope, variables: [String: String]) -> [[Inline]] {
        expand(nodes, scope: scope, variables: variables).compactMap { item in
            guard case .item(let ref) = item.node else { return nil }
            return text(ref, scope: item.scope, variables: item.variables)
        }
    }

    private struct Expanded {
        var node: TemplateNode
        var scope: ArgumentScope
        var variables: [String: String]
    }

    /// Unrolls `<for>` loops over profile lists and keeps or drops `<if>` branches.
    private mutating func expand(_ nodes: [TemplateNode], scope: ArgumentScope, variables: [String: String]) -> [Expanded] {
        var out: [Expanded] = []
        for node in nodes {
            switch node {
            case .forEach(let listID, let variable, let children, let location):
                guard let list = profile.lists[listID] else {
                    log.error("template", at: location, "the profile has no list \"\(listID)\"",
                              notes: ["lists in \(profile.path): " + profile.lists.keys.sorted().joined(separator: ", ")])
                    continue
                }
                for entry in list.entries {
                    var inner = scope
                    for (id, fact) in entry.facts { inner[id] = .fact(fact) }
                    var names = variables
                    names[variable] = entry.id
                    out.append(contentsOf: expand(children, scope: inner, variables: names))
                }
            case .when(let name, let present, let children, let location):
                let exists = profile.facts[name] != nil || !(profile.lists[name]?.entries.isEmpty ?? true)
                if profile.facts[name] == nil && profile.lists[name] == nil {
                    log.warning("template", at: location, "the profile has no fact or list \"\(name)\"; the condition is \(present ? "false" : "true")")
                }
                if exists == present { out.append(contentsOf: expand(children, scope: scope, variables: variables)) }
            default:
                out.append(Expanded(node: node, scope: scope, variables: variables))
            }
        }
        return out
    }

    /// A date as a label (its own precision: "2015", "kwiecień 2018").
    private mutating func dateLabel(_ date: FactDate, at location: SourceLocation) -> [Inline] {
        do throws(DiagnosticError) {
            return try formatter.format(Message([.argument(MessageArgument(name: "date", kind: .simple, style: nil, location: location))]),
                                        scope: ArgumentScope(["date": .date(date)]))
        } catch {
            log.add(contentsOf: error.diagnostics)
            return []
        }
    }

    private mutating func date(_ name: String, scope: ArgumentScope, at location: SourceLocation) -> FactDate? {
        switch scope[name] {
        case .fact(let fact)?:
            if case .date(let date) = fact.value { return date }
        case .date(let date)?:
            return date
        default:
            break
        }
        log.error("template", at: location, "date=\"\(name)\" does not name a date fact in reach")
        return nil
    }

    // MARK: Messages

    /// The key with loop variables filled in.
    static func key(_ pattern: String, variables: [String: String]) -> String {
        var key = pattern
        for (name, value) in variables { key = key.replacingAll("{\(name)}", with: value) }
        return key
    }

    private mutating func text(_ ref: TextRef, scope: ArgumentScope, variables: [String: String]) -> [Inline] {
        let key = Self.key(ref.key, variables: variables)
        if let factID = ref.fact {
            guard case .fact(let fact)? = scope[factID] else {
                recordUse(key, at: ref.location)
                log.error("template", at: ref.location, "fact=\"\(factID)\" does not name a fact in reach")
                return []
            }
            var scope = scope
            scope["value"] = .fact(fact)
            if let asOf = fact.asOf ?? profile.asOf { scope["asOf"] = .date(asOf) }
            if let source = fact.source.flatMap({ profile.sources[$0] }) { scope["source"] = .source(source) }
            return text(key, at: ref.location, scope: scope)
        }
        // The scope as it came: a copy to change counts a reference to its values, and most
        // texts bind no fact of their own.
        return text(key, at: ref.location, scope: scope)
    }

    /// Records that the template uses `key` at `location` (when uses are recorded).
    private mutating func recordUse(_ key: String, at location: SourceLocation) {
        if recordsUses { usedKeys.append((key, location, sections.first)) }
    }

    /// The message `key` formatted in `scope` (what `text(_:scope:variables:)` resolves to).
    private mutating func text(_ key: String, at location: SourceLocation, scope: ArgumentScope) -> [Inline] {
        // The entry is read where the table keeps it (`lentEntry`).
        var reason = "is not translated"
        if let lent = table.lentEntry(.message, key, cursor: &cursor) {
            recordUse(key, at: location)
            // A draft shows what a finished edition may not: a translation marked new stands
            // down for the source text, and one made from an earlier source text is marked.
            let draft = marksDraft ? lent._withUnsafeGuaranteedRef { entry -> (new: Bool, outdated: Bool) in
                let outdated = entry.sourceFingerprintValue.map { recorded in
                    sourceTable?.messages[key].map { $0.fingerprintValue != recorded } ?? false
                } ?? false
                return (entry.state == .new, outdated)
            } : (new: false, outdated: false)
            if draft.new {
                reason = "is marked new (not translated yet)"
            } else {
                let formatted = lent._withUnsafeGuaranteedRef { entry in
                    Result { () throws(DiagnosticError) -> [Inline] in try formatter.format(entry.message, scope: scope) }
                }
                switch formatted {
                case .success(let inlines) where draft.outdated:
                    outdated.append((key, location))
                    return [.outdated(inlines)]
                case .success(let inlines):
                    return inlines
                case .failure(let error):
                    log.add(contentsOf: error.diagnostics)
                    return []
                }
            }
        }
        // A key the source lacks (mistyped in the template, or never written in Polish) is
        // one finding at the template, whichever language is resolved: there is nothing to
        // translate, and it is no use of a message (nothing to count as translated or not).
        // A source entry that could not be read has its own finding where it stands.
        if let source = table.isSource ? table : sourceTable, source.messages[key] == nil {
            if !source.brokenKeys.contains(key) { log.add(Self.unknownKey(key, at: location, source: source)) }
            return []
        }
        recordUse(key, at: location)
        if allowIncomplete, let sourceFormatter, let entry = sourceTable?.messages[key] {
            fallbacks.append((key, location, reason))
            do {
                return [.fallback(language: sourceFormatter.language, try sourceFormatter.format(entry.message, scope: scope))]
            } catch {
                log.add(contentsOf: error.diagnostics)
                return []
            }
        }
        log.error("missing", at: location, "message \"\(key)\" is missing from \(table.path)",
                  notes: table.isSource ? ["add <message key=\"\(key)\">…</message> to \(table.path)"]
                                        : ["translate it in \(table.path), or build a draft with --allow-incomplete"])
        return []
    }

    /// The finding for a template's use of `key`, which the source table lacks, with the
    /// source's nearest key when one is close enough to be a typo of it.
    static func unknownKey(_ key: String, at location: SourceLocation, source: LocaleTable) -> Diagnostic {
        var notes: [String] = []
        if let near = KeySuggestion.nearest(to: key, among: source.messages.keys), let entry = source.messages[near] {
            notes.append("did you mean \"\(near)\"? (\(entry.location))")
            notes.append("correct the key in the template, or add <message key=\"\(key)\">…</message> to \(source.path)")
        } else {
            notes.append("add <message key=\"\(key)\">…</message> to \(source.path), or correct the key in the template")
        }
        return Diagnostic(.error, "unknown-key", at: location, "message \"\(key)\" is not in the Polish source table \(source.path)", notes: notes)
    }
}

extension String {
    /// True when `needle` occurs in the text, compared as UTF-8 bytes (Foundation's
    /// `contains` goes through NSString and costs thousands of instructions a call).
    func includes(_ needle: String) -> Bool {
        var haystack = self, pattern = needle
        return haystack.withUTF8 { haystack in
            pattern.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard pattern.count <= haystack.count else { return false }
                for start in 0...(haystack.count - pattern.count) where haystack[start] == first {
                    if memcmp(haystack.baseAddress! + start, pattern.baseAddress!, pattern.count) == 0 { return true }
                }
                return false
            }
        }
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, includes(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
