public import BrochureDiagnostics
public import BrochureXML

/// Reads a locale table (`Locales/<lang>.xml`, namespace `urn:brochure:locale:1`).
///
/// Every entry is parsed; all syntax and markup errors are reported, not only the first.
public enum LocaleReader {
    public static let namespace = "urn:brochure:locale:1"

    public static func read(_ path: String) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        try read(InputFile.element(path, root: "locale", namespace: namespace), path: path)
    }

    /// Reads a table already parsed (its root checked to be `<locale>`). The entries are
    /// independent: a large table is read on all cores, in slices, then put together in order.
    public static func read(_ root: XMLElement, path: String) throws(DiagnosticError) -> (table: LocaleTable, diagnostics: [Diagnostic]) {
        try root.checkAttributes(["lang", "source-lang"])
        try root.checkNoText()
        guard let langAttribute = root.attribute("lang", namespace: MessageParser.xmlNamespace) else {
            throw root.schemaError("<locale> needs xml:lang, the language of the table (e.g. xml:lang=\"kk\")")
        }
        guard LanguageTag.isWellFormed(langAttribute.value) else {
            throw root.schemaError("xml:lang=\"\(langAttribute.value)\" is not a language tag", at: langAttribute.location)
        }
        let sourceLanguage = root.attribute("source-lang")?.value
        var log = DiagnosticLog()
        var messages: [String: LocaleEntry] = [:]
        var terms: [String: LocaleEntry] = [:]
        var brokenKeys: Set<String> = []
        let elements = root.elements
        let translated = sourceLanguage != nil
        let sliceSize = 2_000
        let slices = stride(from: 0, to: elements.count, by: sliceSize).map { $0..<min($0 + sliceSize, elements.count) }
        let read = slices.parallelMap { slice in
            elements[slice].map { element -> Result<LocaleEntry, DiagnosticError>? in
                guard element.namespace == namespace, element.name == "message" || element.name == "term" else { return nil }
                do throws(DiagnosticError) { return .success(try entry(element, translated: translated)) } catch { return .failure(error) }
            }
        }.joined()
        for (element, result) in zip(elements, read) {
            guard let result else {
                log.add(element.schemaError("<\(element.name)> is not allowed in a locale table; expected <message> or <term>").diagnostics[0])
                continue
            }
            do throws(DiagnosticError) {
                let entry = try result.get()
                if entry.kind == .message {
                    if let earlier = messages[entry.key] {
                        log.error("duplicate", at: element.location, "message \"\(entry.key)\" is defined twice", notes: ["first defined at \(earlier.location)"])
                    } else {
                        messages[entry.key] = entry
                    }
                } else if let earlier = terms[entry.key] {
                    log.error("duplicate", at: element.location, "term \"\(entry.key)\" is defined twice", notes: ["first defined at \(earlier.location)"])
                } else {
                    terms[entry.key] = entry
                }
            } catch {
                log.add(contentsOf: error.diagnostics)
                if let key = element[attribute: "key"] { brokenKeys.insert(key) }
            }
        }
        var table = LocaleTable(language: langAttribute.value, path: path, sourceLanguage: sourceLanguage,
                                messages: messages, terms: terms, location: root.location)
        table.brokenKeys = brokenKeys
        return (table, log.sorted)
    }

    private static func entry(_ element: XMLElement, translated: Bool) throws(DiagnosticError) -> LocaleEntry {
        let isTerm = element.name == "term"
        try element.checkAttributes(translated ? ["key", "note", "source-fingerprint", "state"] : ["key", "note"])
        let key = try element.identifier("key")
        var state: TranslationState?
        if let stateAttribute = element.attribute("state") {
            guard let parsed = TranslationState(rawValue: stateAttribute.value) else {
                throw element.schemaError("state=\"\(stateAttribute.value)\" is not one of: " + TranslationState.allCases.map(\.rawValue).joined(separator: ", "),
                                          at: stateAttribute.location)
            }
            state = parsed
        }
        var fingerprint: String?
        if let attribute = element.attribute("source-fingerprint") {
            guard attribute.value.utf8.count == 16,
                  attribute.value.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw element.schemaError("source-fingerprint=\"\(attribute.value)\" is not 16 lower-case hex digits", at: attribute.location,
                                          notes: ["let `brochure validate --accept` write it"])
            }
            fingerprint = attribute.value
        }
        let message = try MessageParser.parse(element.children, end: element.location)
        return LocaleEntry(kind: isTerm ? .term : .message, key: key, message: message,
                           canonicalText: Fingerprint.canonical(element.children), sourceFingerprint: fingerprint,
                           state: state, note: element[attribute: "note"], location: element.location,
                           content: element.children)
    }
}
