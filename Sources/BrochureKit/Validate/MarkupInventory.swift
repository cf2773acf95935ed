/// The inline elements of a message, counted by kind, with the arguments each one holds: what
/// the markup check compares between a translation and its source, and what its notes name.
/// Foreign phrases are left out (they depend on the language).
struct MarkupInventory: Equatable {
    /// A kind of element: the element with the attribute that must stay as it is, and where it
    /// stands (inside other elements, in a plural or select branch).
    struct Kind: Hashable, Comparable {
        /// As written: `<place>`, `<link href="https://…">`.
        var element: String
        /// "" at the top, else e.g. " inside <place>", " in a plural or select branch".
        var context: String

        static func < (a: Kind, b: Kind) -> Bool { (a.element, a.context) < (b.element, b.context) }

        var description: String { element + context }
    }

    /// For each kind, the arguments each occurrence holds (`{a}, {b}`; "" when none), in the
    /// order written.
    private(set) var occurrences: [Kind: [String]] = [:]

    /// The elements of `parts`. Of a plural's or select's branches, which say the same thing in
    /// other forms, the one with the most elements counts.
    init(_ parts: MessageBody) {
        add(parts, context: "")
    }

    private init() {}

    /// How many elements of each kind: equal counts are the same markup.
    var counts: [Kind: Int] { occurrences.mapValues(\.count) }

    var total: Int { occurrences.values.reduce(0) { $0 + $1.count } }

    private mutating func add(_ parts: MessageBody, context: String) {
        for part in parts {
            switch part {
            case .markup(let markup, let inner, _):
                if case .foreign = markup {
                    add(inner, context: context)
                    continue
                }
                let element = Self.describe(markup)
                occurrences[Kind(element: element, context: context), default: []].append(Self.arguments(in: inner))
                add(inner, context: " inside \(element)" + context)
            case .plural(let p):
                addRichest(p.branches.map(\.parts), context: context)
            case .select(let s):
                addRichest(s.branches.map(\.parts), context: context)
            default:
                break
            }
        }
    }

    private mutating func addRichest(_ branches: [MessageBody], context: String) {
        var richest = MarkupInventory()
        for branch in branches {
            var inventory = MarkupInventory()
            inventory.add(branch, context: " in a plural or select branch" + context)
            if inventory.total > richest.total { richest = inventory }
        }
        for (kind, holds) in richest.occurrences { occurrences[kind, default: []].append(contentsOf: holds) }
    }

    static func describe(_ markup: InlineMarkup) -> String {
        switch markup {
        case .link(let url): "<link href=\"\(url)\">"
        case .foreign(let language): "<foreign xml:lang=\"\(language)\">"
        default: "<\(markup.elementName)>"
        }
    }

    /// The arguments in `parts` at any depth, each once, as written: `{a}, {b}`.
    static func arguments(in parts: MessageBody) -> String {
        var names: [String] = []
        func walk(_ parts: MessageBody) {
            for part in parts {
                switch part {
                case .argument(let a): if !names.contains(a.name) { names.append(a.name) }
                case .markup(_, let inner, _): walk(inner)
                case .plural(let p): p.branches.forEach { walk($0.parts) }
                case .select(let s): s.branches.forEach { walk($0.parts) }
                default: break
                }
            }
        }
        walk(parts)
        return names.map { "{\($0)}" }.joined(separator: ", ")
    }

    /// What a translation's markup lacks and adds against the source's, one line per kind of
    /// element whose count differs, those the translation lacks first:
    /// `the Polish has 4 <place> elements, this translation 3: <place> around {neighbourB} is missing`.
    /// The elements are named by the arguments they hold when that tells which they are.
    static func differences(translation: MarkupInventory, source: MarkupInventory) -> [String] {
        var lacking: [String] = [], adding: [String] = []
        for kind in Set(translation.occurrences.keys).union(source.occurrences.keys).sorted() {
            let mine = translation.occurrences[kind] ?? [], theirs = source.occurrences[kind] ?? []
            guard mine.count != theirs.count else { continue }
            func elements(_ count: Int) -> String { "\(count) \(kind.element) element\(count == 1 ? "" : "s")\(kind.context)" }
            func amount(_ count: Int) -> String { count == 0 ? "none" : String(count) }
            if theirs.count > mine.count {
                var line = "the Polish has \(elements(theirs.count)), this translation \(amount(mine.count))"
                if let which = named(theirs, without: mine, kind: kind) { line += ": \(list(which)) \(which.count == 1 ? "is" : "are") missing" }
                lacking.append(line)
            } else {
                var line = "this translation has \(elements(mine.count)), the Polish \(amount(theirs.count))"
                if let which = named(mine, without: theirs, kind: kind) { line += ": \(list(which)) \(which.count == 1 ? "is" : "are") not in the Polish" }
                adding.append(line)
            }
        }
        return lacking + adding
    }

    /// The occurrences of `more` that `fewer` lacks, by the arguments they hold (`<place>
    /// around {a}`), when `fewer`'s are all among `more`'s and each of the rest holds an argument;
    /// nil otherwise (then the count says it).
    private static func named(_ more: [String], without fewer: [String], kind: Kind) -> [String]? {
        var rest = more
        for holds in fewer {
            guard let index = rest.firstIndex(of: holds) else { return nil }
            rest.remove(at: index)
        }
        guard !rest.isEmpty, rest.allSatisfy({ !$0.isEmpty }) else { return nil }
        return rest.map { "\(kind.element)\(kind.context) around \($0)" }
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
