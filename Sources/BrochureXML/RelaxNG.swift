public import BrochureDiagnostics
import CLibXML2

/// Validates XML against a RELAX NG schema with libxml2. Both are parsed from memory with
/// the same hardening as inputs (no network, no DTD loading, no entity substitution).
public enum RelaxNG {
    /// The schema violations of `document`, each with its line (libxml2 gives no column).
    public static func validate(_ document: [UInt8], path: String, schema: [UInt8], schemaPath: String) -> [Diagnostic] {
        LibXML2.initializeOnce()
        let collector = ErrorCollector(path: path)
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
        guard let schemaDoc = parse(schema, path: schemaPath, options: options) else {
            return [Diagnostic(.error, "schema", at: .file(schemaPath), "the schema is not well-formed XML")]
        }
        defer { xmlFreeDoc(schemaDoc) }
        guard let doc = parse(document, path: path, options: options) else {
            return [Diagnostic(.error, "xml", at: .file(path), "the document is not well-formed XML")]
        }
        defer { xmlFreeDoc(doc) }
        guard let parserContext = xmlRelaxNGNewDocParserCtxt(schemaDoc) else {
            return [Diagnostic(.error, "schema", at: .file(schemaPath), "libxml2 could not read the schema")]
        }
        defer { xmlRelaxNGFreeParserCtxt(parserContext) }
        guard let compiled = xmlRelaxNGParse(parserContext) else {
            return [Diagnostic(.error, "schema", at: .file(schemaPath), "libxml2 could not compile the schema")]
        }
        defer { xmlRelaxNGFree(compiled) }
        guard let validator = xmlRelaxNGNewValidCtxt(compiled) else { return [] }
        defer { xmlRelaxNGFreeValidCtxt(validator) }
        xmlRelaxNGSetValidStructuredErrors(validator, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
            collector.add(error.pointee)
        }, unmanaged.toOpaque())
        let result = xmlRelaxNGValidateDoc(validator, doc)
        if result != 0 && collector.diagnostics.isEmpty {
            collector.diagnostics.append(Diagnostic(.error, "schema", at: .file(path), "the document does not match the schema"))
        }
        return collector.diagnostics
    }

    private static func parse(_ bytes: [UInt8], path: String, options: Int32) -> xmlDocPtr? {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), path, "UTF-8", options)
                }
            }
        }
    }

    private final class ErrorCollector {
        let path: String
        var diagnostics: [Diagnostic] = []

        init(path: String) { self.path = path }

        func add(_ error: xmlError) {
            var message = error.message.map { String(cString: $0) } ?? "schema error"
            while message.last == "\n" { message.removeLast() }
            let line = max(Int(error.line), 1)
            diagnostics.append(Diagnostic(.error, "schema", at: SourceLocation(path: path, line: line, column: 1), message))
        }
    }
}
