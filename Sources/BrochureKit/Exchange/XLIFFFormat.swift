public import BrochureDiagnostics
import BrochureWriters
import BrochureXML

/// XLIFF 2.0: one `<unit>` per entry; our inline elements become paired codes
/// `<pc type="fmt" subType="brochure:em">`, their attributes `brochure:lang` and `brochure:href`.
/// ICU MessageFormat syntax stays text, as CAT tools that know ICU expect.
public enum XLIFFFormat {
    public static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    public static let brochureNamespace = "urn:brochure:xliff:1"

    static func state(_ state: TranslationState) -> (state: String, subState: String?) {
        switch state {
        case .new: ("initial", nil)
        case .needsReview: ("initial", "brochure:needs-review")
        case .translated: ("translated", nil)
        case .reviewed: ("reviewed", nil)
        }
    }

    static func write(_ units: [ExchangeUnit], sourceLanguage: String, targetLanguage: String, original: String) throws(DiagnosticError) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<xliff xmlns=\"\(namespace)\" xmlns:brochure=\"\(brochureNamespace)\" version=\"2.0\""
        out += " srcLang=\"\(Escaping.attribute(sourceLanguage))\" trgLang=\"\(Escaping.attribute(targetLanguage))\">\n"
        out += "<file id=\"f1\" original=\"\(Escaping.attribute(original))\">\n"
        for unit in units {
            out += "<unit id=\"\(Escaping.attribute(unit.id))\" name=\"\(Escaping.attribute(unit.key))\""
            out += " brochure:kind=\"\(unit.kind.rawValue)\" brochure:fingerprint=\"\(unit.fingerprint)\">\n"
            var notes: [String] = []
            if let note = unit.note { notes.append("<note category=\"translator\">\(Escaping.text(note))</note>") }
            if let previous = unit.previousSource { notes.append("<note category=\"previous-source\">\(Escaping.text(previous))</note>") }
            if !notes.isEmpty { out += "<notes>" + notes.joined() + "</notes>\n" }
            let (state, subState) = state(unit.state)
            out += "<segment state=\"\(state)\"" + (subState.map { " subState=\"\($0)\"" } ?? "") + ">\n"
            out += "<source>\(try inline(unit.source, path: original))</source>\n"
            if let target = unit.target, unit.state != .new { out += "<target>\(try inline(target, path: original))</target>\n" }
            out += "</segment>\n</unit>\n"
        }
        out += "</file>\n</xliff>\n"
        return out
    }

    /// Canonical text → XLIFF inline content.
    static func inline(_ canonical: String, path: String) throws(DiagnosticError) -> String {
        var counter = 0
        func render(_ nodes: [XMLNode]) -> String {
            nodes.map { node -> String in
                switch node {
                case .text(let text):
                    return Escaping.text(text.value)
                case .element(let element):
                    counter += 1
                    var attributes = " id=\"\(counter)\" type=\"\(element.name == "link" ? "link" : "fmt")\" subType=\"brochure:\(element.name)\""
                    if let lang = element.attribute("lang", namespace: MessageParser.xmlNamespace) ?? element.attribute("lang") {
                        attributes += " brochure:lang=\"\(Escaping.attribute(lang.value))\""
                    }
                    if let href = element.attribute("href") { attributes += " brochure:href=\"\(Escaping.attribute(href.value))\"" }
                    return "<pc\(attributes)>" + render(element.children) + "</pc>"
                }
            }.joined()
        }
        return render(try InlineText.nodes(canonical, path: path))
    }

    /// Reads the units of an XLIFF 2.0 file (libxml2, hardened like every input).
    static func read(_ path: String) throws(DiagnosticError) -> (language: String, units: [ExchangeUnit]) {
        let root = try InputFile.element(path, root: "xliff", namespace: namespace)
        guard let language = root[attribute: "trgLang"] else { throw root.schemaError("<xliff> needs trgLang, the language of the translations") }
        var units: [ExchangeUnit] = []
        func walk(_ element: XMLElement) throws(DiagnosticError) {
            for child in element.elements {
                if child.name == "group" || child.name == "file" { try walk(child); continue }
                guard child.name == "unit" else { continue }
                units.append(try unit(child))
            }
        }
        try walk(root)
        return (language, units)
    }

    private static func unit(_ element: XMLElement) throws(DiagnosticError) -> ExchangeUnit {
        guard let kindText = element.attribute("kind", namespace: brochureNamespace)?.value, let kind = LocaleEntry.Kind(rawValue: kindText),
              let key = element[attribute: "name"], let fingerprint = element.attribute("fingerprint", namespace: brochureNamespace)?.value else {
            throw element.schemaError("<unit> lacks brochure:kind, name or brochure:fingerprint (was it exported by brochure?)")
        }
        guard let segment = element.elements.first(where: { $0.name == "segment" }),
              let source = segment.elements.first(where: { $0.name == "source" }) else {
            throw element.schemaError("<unit> has no <segment> with a <source>")
        }
        var state = TranslationState.new
        switch (segment[attribute: "state"] ?? "initial", segment[attribute: "subState"]) {
        case ("reviewed", _), ("final", _): state = .reviewed
        case ("translated", _): state = .translated
        case (_, "brochure:needs-review"): state = .needsReview
        default: state = .new
        }
        var target: String?
        var problems: [Diagnostic] = []
        if let targetElement = segment.elements.first(where: { $0.name == "target" }) {
            do throws(DiagnosticError) { target = try canonical(targetElement.children) } catch { problems = error.diagnostics }
        }
        if target != nil && state == .new { state = .translated }
        var unit = ExchangeUnit(kind: kind, key: key, source: (try? canonical(source.children)) ?? "", target: target, state: state,
                                fingerprint: fingerprint, note: nil, previousSource: nil, location: element.location)
        unit.problems = problems
        return unit
    }

    /// XLIFF inline content → our canonical inline text (paired codes back to elements).
    static func canonical(_ nodes: [XMLNode]) throws(DiagnosticError) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let text):
                out += Escaping.text(text.value)
            case .element(let element):
                guard element.name == "pc", let subType = element[attribute: "subType"], subType.hasPrefix("brochure:"),
                      InlineMarkup.elementNames.contains(String(subType.dropFirst(9))) else {
                    throw element.schemaError("inline code <\(element.name)\(element[attribute: "subType"].map { " subType=\"\($0)\"" } ?? "")> is not one Brochure exported",
                                              notes: ["keep the paired codes <pc subType=\"brochure:…\"> of the source; do not add others"])
                }
                let name = String(subType.dropFirst(9))
                var attributes = ""
                if let lang = element.attribute("lang", namespace: brochureNamespace) { attributes += " xml:lang=\"\(Escaping.attribute(lang.value))\"" }
                if let href = element.attribute("href", namespace: brochureNamespace) { attributes += " href=\"\(Escaping.attribute(href.value))\"" }
                out += "<\(name)\(attributes)>" + (try canonical(element.children)) + "</\(name)>"
            }
        }
        return out
    }
}
