public import BrochureDocument

/// Writes a document as one self-contained HTML5 file: inline CSS, no scripts, no network.
public struct HTMLWriter {
    public static func write(_ document: Document) -> String {
        var writer = HTMLWriter(document: document)
        return writer.render()
    }

    private let document: Document
    private var out = ""

    private init(document: Document) { self.document = document }

    private mutating func render() -> String {
        let lang = Escaping.attribute(document.language)
        out += "<!DOCTYPE html>\n<html lang=\"\(lang)\" class=\"\(Escaping.attribute(document.id))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"Brochure\">\n"
        out += "<title>\(Escaping.text(Inline.plainText(document.title)))</title>\n"
        out += "<style>\n\(HTMLStyle.css)</style>\n</head>\n"
        out += "<body class=\"\(Escaping.attribute(document.id))\">\n"
        out += "<header class=\"title-page\">\n<h1>"
        inlines(document.title)
        out += "</h1>\n"
        if !document.subtitle.isEmpty {
            out += "<p class=\"subtitle\">"
            inlines(document.subtitle)
            out += "</p>\n"
        }
        out += "</header>\n<main>\n"
        for block in document.blocks { self.block(block, depth: 2) }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    // MARK: Blocks

    private mutating func block(_ block: Block, depth: Int) {
        switch block {
        case .section(let section):
            let id = Escaping.attribute(section.id)
            let level = min(depth, 6)
            out += "<section id=\"\(id)\" aria-labelledby=\"\(id)-title\">\n<h\(level) id=\"\(id)-title\">"
            inlines(section.title)
            out += "</h\(level)>\n"
            for child in section.blocks { self.block(child, depth: depth + 1) }
            out += "</section>\n"
        case .paragraph(let content):
            out += "<p>"
            inlines(content)
            out += "</p>\n"
        case .note(let content):
            out += "<p class=\"note\">"
            inlines(content)
            out += "</p>\n"
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            out += "<\(tag)>\n"
            for item in list.items {
                out += "<li>"
                inlines(item)
                out += "</li>\n"
            }
            out += "</\(tag)>\n"
        case .table(let table):
            self.table(table)
        case .timeline(let timeline):
            self.timeline(timeline, depth: depth)
        case .parallel(let parallel):
            out += "<div class=\"parallel\">\n"
            for (language, side) in zip(parallel.languages, parallel.sides) {
                out += "<div class=\"side\" lang=\"\(Escaping.attribute(language))\">\n"
                for child in side { self.block(child, depth: depth) }
                out += "</div>\n"
            }
            out += "</div>\n"
        }
    }

    private mutating func table(_ table: Table) {
        let role = table.role.map { " class=\"\(Escaping.attribute($0))\"" } ?? ""
        out += "<table id=\"\(Escaping.attribute(table.id))\"\(role)>\n<caption>"
        inlines(table.caption)
        out += "</caption>\n"
        if !table.columns.isEmpty {
            out += "<thead>\n<tr>"
            for column in table.columns {
                out += "<th scope=\"col\">"
                inlines(column)
                out += "</th>"
            }
            out += "</tr>\n</thead>\n"
        }
        out += "<tbody>\n"
        for row in table.rows {
            out += "<tr><th scope=\"row\">"
            inlines(row.header)
            out += "</th>"
            for cell in row.cells {
                out += "<td>"
                inlines(cell)
                out += "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
    }

    private mutating func timeline(_ timeline: Timeline, depth: Int) {
        let id = Escaping.attribute(timeline.id)
        out += "<figure class=\"timeline\" id=\"\(id)\">\n<figcaption>"
        inlines(timeline.caption)
        out += "</figcaption>\n<ol>\n"
        let level = min(depth, 6)
        for event in timeline.events {
            out += "<li>\n<p class=\"when\">"
            inlines(event.when)
            out += "</p>\n<h\(level)>"
            inlines(event.title)
            out += "</h\(level)>\n"
            for paragraph in event.body {
                out += "<p>"
                inlines(paragraph)
                out += "</p>\n"
            }
            out += "</li>\n"
        }
        out += "</ol>\n</figure>\n"
    }

    // MARK: Inlines

    private mutating func inlines(_ content: [Inline]) {
        for inline in content { self.inline(inline) }
    }

    private mutating func inline(_ inline: Inline) {
        switch inline {
        case .text(let text):
            out += Escaping.text(text)
        case .emphasis(let content):
            wrap("em", content)
        case .strong(let content):
            wrap("strong", content)
        case .organization(let content):
            wrap("span", content, attributes: " class=\"org\"")
        case .place(let content):
            wrap("span", content, attributes: " class=\"place\"")
        case .foreign(let language, let content):
            wrap("i", content, attributes: " lang=\"\(Escaping.attribute(language))\"")
        case .link(let url, let content):
            wrap("a", content, attributes: " href=\"\(Escaping.attribute(url))\"")
        case .date(let iso, let content):
            wrap("time", content, attributes: " datetime=\"\(Escaping.attribute(iso))\"")
        case .fallback(let language, let content):
            wrap("span", content, attributes: " class=\"fallback\" lang=\"\(Escaping.attribute(language))\" title=\"untranslated: \(Escaping.attribute(language))\"")
        }
    }

    private mutating func wrap(_ tag: String, _ content: [Inline], attributes: String = "") {
        out += "<\(tag)\(attributes)>"
        inlines(content)
        out += "</\(tag)>"
    }
}
