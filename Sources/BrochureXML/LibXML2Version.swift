import CLibXML2

extension XMLReader {
    /// The version of the libxml2 the process runs with, dotted ("2.9.14"), from its runtime
    /// `xmlParserVersion` ("20914"), which may differ from the headers it was built against.
    public static var libxml2Version: String {
        let written = String(cString: brochure_xml_parser_version())
        guard let number = Int(written) else { return written }
        return "\(number / 10000).\(number / 100 % 100).\(number % 100)"
    }
}
