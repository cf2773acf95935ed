import BrochureDiagnostics
import CLibXML2

/// Parses HTML with libxml2's HTML parser into the same plain tree as XML; used to check
/// what the HTML writer produced (structure, attributes, language tags).
public enum HTMLReader {
    public static func parse(_ html: String, path: String = "output.html") -> XMLElement? {
        LibXML2.initializeOnce()
        let bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), path, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        return convert(root, path: path)
    }

    private static func convert(_ node: xmlNodePtr, path: String) -> XMLElement {
        let location = SourceLocation(path: path, line: Int(xmlGetLineNo(node)), column: 1)
        var element = XMLElement(name: String(cString: node.pointee.name), location: location)
        var property = node.pointee.properties
        while let attribute = property {
            var value = ""
            var text = attribute.pointee.children
            while let part = text {
                if let content = part.pointee.content { value += String(cString: content) }
                text = part.pointee.next
            }
            element.attributes.append(XMLAttribute(name: String(cString: attribute.pointee.name), value: value, location: location))
            property = attribute.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(convert(current, path: path)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    element.children.append(.text(XMLText(value: String(cString: content), location: location)))
                }
            default:
                break
            }
            child = current.pointee.next
        }
        return element
    }
}
