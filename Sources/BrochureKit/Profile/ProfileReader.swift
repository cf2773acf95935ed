public import BrochureDiagnostics
public import BrochureXML

/// Reads a profile file (`Profiles/*.xml`, namespace `urn:brochure:profile:1`).
public enum ProfileReader {
    public static let namespace = "urn:brochure:profile:1"

    public static func read(_ path: String) throws(DiagnosticError) -> Profile {
        try read(InputFile.element(path, root: "profile", namespace: namespace), path: path)
    }

    /// Reads a profile already parsed (its root checked to be `<profile>`). Every element is
    /// read, so one run reports every element's error (an element with an error is left out,
    /// and what refers to it is not reported again).
    public static func read(_ root: XMLElement, path: String) throws(DiagnosticError) -> Profile {
        var found: [Diagnostic] = []
        /// Runs `body`; an error it throws is kept, and false returned.
        func reading(_ body: () throws(DiagnosticError) -> Void) -> Bool {
            do { try body(); return true } catch { found.append(contentsOf: error.diagnostics); return false }
        }
        var id = "", asOf: FactDate?
        _ = reading { () throws(DiagnosticError) in
            try root.checkAttributes(["id", "as-of"])
            try root.checkNoText()
            id = try root.identifier("id")
            asOf = try date(root, "as-of", required: false)
        }
        var sources: [String: FactSource] = [:]
        var facts: [String: Fact] = [:]
        var lists: [String: FactList] = [:]
        // Ids of facts that could not be read: a `ref` to one is not an error of its own.
        var unread = Set<String>()
        // The facts first, then the lists: an entry's fact may stand for a fact of the profile
        // (`ref`), written anywhere in the file.
        for child in root.elements where child.name != "list" {
            let read = reading { () throws(DiagnosticError) in
                try checkNamespace(child)
                switch child.name {
                case "source":
                    try child.checkAttributes(["id", "title", "url"])
                    let sourceID = try child.identifier("id")
                    guard sources[sourceID] == nil else { throw child.schemaError("source \"\(sourceID)\" is defined twice") }
                    sources[sourceID] = FactSource(id: sourceID, titleKey: try child.required("title").value,
                                                   url: child[attribute: "url"], location: child.location)
                default:
                    let fact = try fact(child)
                    guard facts[fact.id] == nil else { throw child.schemaError("\"\(fact.id)\" is defined twice") }
                    facts[fact.id] = fact
                }
            }
            if !read, let factID = child[attribute: "id"] { unread.insert(factID) }
        }
        for child in root.elements where child.name == "list" {
            var listID = ""
            guard reading({ () throws(DiagnosticError) in
                try checkNamespace(child)
                try child.checkAttributes(["id"])
                try child.checkNoText()
                listID = try child.identifier("id")
                guard lists[listID] == nil, facts[listID] == nil else { throw child.schemaError("\"\(listID)\" is defined twice") }
            }) else { continue }
            var entries: [ListEntry] = []
            for entry in child.elements {
                var entryID = ""
                guard reading({ () throws(DiagnosticError) in
                    try checkNamespace(entry)
                    guard entry.name == "entry" else { throw entry.schemaError("<\(entry.name)> is not allowed in <list>; expected <entry>") }
                    try entry.checkAttributes(["id"])
                    try entry.checkNoText()
                    entryID = try entry.identifier("id")
                    guard !entries.contains(where: { $0.id == entryID }) else { throw entry.schemaError("entry \"\(entryID)\" appears twice in list \"\(listID)\"") }
                }) else { continue }
                var entryFacts: [String: Fact] = [:]
                for factElement in entry.elements {
                    if let ref = factElement[attribute: "ref"], unread.contains(ref) { continue }
                    _ = reading { () throws(DiagnosticError) in
                        try checkNamespace(factElement)
                        let fact = try factElement.attribute("ref") != nil ? reference(factElement, to: facts) : fact(factElement)
                        guard entryFacts[fact.id] == nil else { throw factElement.schemaError("fact \"\(fact.id)\" is defined twice in this entry") }
                        entryFacts[fact.id] = fact
                    }
                }
                entries.append(ListEntry(id: entryID, facts: entryFacts, location: entry.location))
            }
            lists[listID] = FactList(id: listID, entries: entries, location: child.location)
        }
        let profile = Profile(id: id, path: path, asOf: asOf, sources: sources, facts: facts, lists: lists)
        found += sourceErrors(profile)
        guard found.isEmpty else { throw DiagnosticError(found.sorted { $0.location < $1.location }) }
        return profile
    }

    private static func checkNamespace(_ element: XMLElement) throws(DiagnosticError) {
        guard element.namespace == namespace else {
            throw element.schemaError("<\(element.name)> is not in the profile namespace \(namespace)")
        }
    }

    /// A list entry's fact that stands for a fact of the profile (`<date id="date"
    /// ref="agreementDate"/>`): the same value, precision, date and source, so a date the
    /// text and the timeline both show is written once.
    private static func reference(_ element: XMLElement, to facts: [String: Fact]) throws(DiagnosticError) -> Fact {
        try element.checkAttributes(["id", "ref"])
        try element.checkNoText()
        if let child = element.elements.first { throw child.schemaError("<\(element.name)> holds no elements") }
        let id = try element.identifier("id")
        let ref = try element.required("ref")
        guard let target = facts[ref.value] else {
            let near = Suggestion.closest(to: ref.value, among: facts.keys.sorted())
            throw element.schemaError("ref=\"\(ref.value)\" names no fact of the profile", at: ref.location,
                                      notes: near.map { ["did you mean \"\($0)\"?"] }
                                          ?? ["ref names a <quantity>, <date> or <name> of the profile, outside the lists"])
        }
        let kind: String = switch target.value {
        case .quantity: "quantity"
        case .date: "date"
        case .name: "name"
        }
        guard kind == element.name else {
            throw element.schemaError("ref=\"\(ref.value)\" names a <\(kind)>, not a <\(element.name)>", at: ref.location,
                                      notes: ["write <\(kind) id=\"\(id)\" ref=\"\(ref.value)\"/>"])
        }
        return Fact(id: id, value: target.value, approximate: target.approximate, asOf: target.asOf, source: target.source,
                    location: element.location)
    }

    private static func fact(_ element: XMLElement) throws(DiagnosticError) -> Fact {
        let common: Set<String> = ["id", "approximate", "as-of", "source"]
        let value: FactValue
        switch element.name {
        case "quantity":
            try element.checkAttributes(common.union(["value", "unit"]))
            let raw = try element.required("value")
            guard isDecimal(raw.value) else {
                throw element.schemaError("value=\"\(raw.value)\" is not a decimal number such as 224000 or 1.9", at: raw.location,
                                          notes: ["write the full number; the locale tables decide how it is shown (224 tys., 1,9 mln)"])
            }
            var unit: String?
            if let unitAttribute = element.attribute("unit") {
                guard let first = unitAttribute.value.first, first.isLetter, unitAttribute.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
                    throw element.schemaError("unit=\"\(unitAttribute.value)\" is not a CLDR unit id such as area-square-kilometer", at: unitAttribute.location)
                }
                unit = unitAttribute.value
                do {
                    _ = try ICU.formatNumber("1", skeleton: "measure-unit/\(unitAttribute.value)", locale: "en")
                } catch {
                    throw element.schemaError("unit=\"\(unitAttribute.value)\" is not a unit ICU knows", at: unitAttribute.location,
                                              notes: ["use a CLDR unit id: area-square-kilometer, length-kilometer, …"])
                }
            }
            value = .quantity(decimal: raw.value, unit: unit)
        case "date":
            try element.checkAttributes(common.union(["value"]))
            value = .date(try date(element, "value", required: true)!)
        case "name":
            try element.checkAttributes(common.union(["term"]))
            value = .name(term: try element.identifier("term"))
        default:
            throw element.schemaError("<\(element.name)> is not a profile element",
                                      notes: ["expected <source>, <quantity>, <date>, <name> or <list>"])
        }
        try element.checkNoText()
        if let child = element.elements.first { throw child.schemaError("<\(element.name)> holds no elements") }
        var approximate = false
        if let attribute = element.attribute("approximate") {
            guard attribute.value == "true" || attribute.value == "false" else {
                throw element.schemaError("approximate must be true or false", at: attribute.location)
            }
            approximate = attribute.value == "true"
        }
        return Fact(id: try element.identifier("id"), value: value, approximate: approximate,
                    asOf: try date(element, "as-of", required: false), source: element[attribute: "source"], location: element.location)
    }

    private static func date(_ element: XMLElement, _ name: String, required: Bool) throws(DiagnosticError) -> FactDate? {
        guard let attribute = element.attribute(name) else {
            if required { throw element.schemaError("<\(element.name)> needs the attribute \(name)") }
            return nil
        }
        guard let date = FactDate(iso: attribute.value) else {
            throw element.schemaError("\(name)=\"\(attribute.value)\" is not a date: write 2018, 2018-04 or 2018-04-12", at: attribute.location)
        }
        return date
    }

    static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        var integer = Substring(parts[0])
        if integer.first == "-" { integer = integer.dropFirst() }
        return !integer.isEmpty && integer.allSatisfy { $0.isASCII && $0.isNumber }
            && (parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber }))
    }

    /// A finding for each fact that names a source the profile does not define.
    private static func sourceErrors(_ profile: Profile) -> [Diagnostic] {
        let all = profile.facts.values + profile.lists.values.flatMap { $0.entries.flatMap { $0.facts.values } }
        return all.sorted(by: { $0.location < $1.location }).compactMap { fact in
            guard let source = fact.source, profile.sources[source] == nil else { return nil }
            return Diagnostic(.error, "schema", at: fact.location, "fact \"\(fact.id)\" names source \"\(source)\", which the profile does not define",
                              notes: ["add <source id=\"\(source)\" title=\"…\"/> to the profile"])
        }
    }
}
