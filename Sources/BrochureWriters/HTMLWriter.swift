public import BrochureDocument

/// Writes a document as one self-contained HTML5 file: inline CSS, no scripts, no network.
public struct HTMLWriter: ~Copyable {
    /// The document as one HTML file.
    public static func write(_ document: Document) -> String {
        var writer = HTMLWriter(document: document)
        writer.render()
        return writer.out.text
    }

    /// The same file handed over in pieces of about 64 KiB as it is written, so a large
    /// document is never held whole in memory (the build writes them straight to disk).
    public static func write(_ document: Document, chunks: @escaping (UnsafeRawBufferPointer) -> Void) {
        var writer = HTMLWriter(document: document)
        writer.sink = chunks
        writer.render()
        writer.out.withUnsafeBytes(chunks)
    }

    /// The HTML for a PDF engine: the same document with CSS paged media added
    /// (page numbers, running heads, a cover for the brochure).
    public static func writePaged(_ document: Document) -> String {
        var writer = HTMLWriter(document: document)
        writer.paged = true
        writer.render()
        return writer.out.text
    }

    private let document: Document
    private var out = MarkupBuffer()
    /// Where full pieces of `out` go, when the caller takes the file in pieces.
    private var sink: ((UnsafeRawBufferPointer) -> Void)?
    /// The language of the text being written (the side, in a side-by-side edition).
    private var language: String
    private var paged = false

    private init(document: Document) {
        self.document = document
        self.language = document.language
    }

    /// A generated word in the current language, from the locale tables (`ui.*`).
    private func label(_ key: String, default fallback: String) -> String {
        document.labels["\(language):\(key)"] ?? document.labels["\(document.language):\(key)"] ?? fallback
    }

    private mutating func render() {
        let lang = Escaping.attribute(document.language)
        let classes = document.translations.isEmpty ? document.id : "\(document.id) side-by-side"
        out += "<!DOCTYPE html>\n<html lang=\"\(lang)\" class=\"\(Escaping.attribute(classes))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.write("<meta name=\"generator\" content=\"Brochure\">\n")
        // A draft is not for search engines, should it reach a published folder.
        if document.isDraft { out.write("<meta name=\"robots\" content=\"noindex\">\n") }
        let titles = [document.title] + document.translations.map(\.title)
        out += "<title>\(Escaping.text(titles.map(Inline.plainText).joined(separator: " / ")))</title>\n"
        out += "<style>\n\(HTMLStyle.css)\(paged ? HTMLStyle.paged : "")</style>\n</head>\n"
        out += "<body class=\"\(Escaping.attribute(document.id))\">\n"
        if document.isDraft {
            // Said once, before anything else, in the main language: not for print.
            out += "<p class=\"draft\" role=\"note\">\(Escaping.text(label("ui.draft", default: "Draft: some texts are not translated or out of date.")))</p>\n"
        }
        if document.translations.isEmpty {
            out.write("<header class=\"title-page\">\n<h1>")
            inlines(document.title)
            out.write("</h1>\n")
            subtitle(document.subtitle)
        } else {
            // Side by side: one h1 (the main language); the other titles look alike and carry their lang.
            out.write("<header class=\"title-page pair\">\n<div class=\"side\">\n<h1>")
            inlines(document.title)
            out.write("</h1>\n")
            subtitle(document.subtitle)
            out.write("</div>\n")
            for translation in document.translations {
                out += "<div class=\"side\" lang=\"\(Escaping.attribute(translation.language))\">\n<p class=\"title\">"
                language = translation.language
                inlines(translation.title)
                out.write("</p>\n")
                subtitle(translation.subtitle)
                language = document.language
                out.write("</div>\n")
            }
        }
        out.write("</header>\n<main>\n")
        for block in document.blocks { self.block(block, depth: 2) }
        out.write("</main>\n</body>\n</html>\n")
    }

    /// Hands the text written so far to the sink once it is large enough.
    private mutating func handOver() {
        guard let sink, out.count >= 1 << 16 else { return }
        out.withUnsafeBytes(sink)
        out.removeAll()
    }

    private mutating func subtitle(_ content: [Inline]) {
        guard !content.isEmpty else { return }
        out.write("<p class=\"subtitle\">")
        inlines(content)
        out.write("</p>\n")
    }

    // MARK: Blocks

    private mutating func block(_ block: Block, depth: Int) {
        defer { handOver() }
        switch block {
        case .section(let section):
            let id = Escaping.attribute(section.id)
            let level = min(depth, 6)
            out += "<section id=\"\(id)\" aria-labelledby=\"\(id)-title\">\n"
            if !section.translations.isEmpty { out.write("<div class=\"pair\">") }
            out += "<h\(level) id=\"\(id)-title\">"
            inlines(section.title)
            out += "</h\(level)>"
            for translation in section.translations {
                out += "<h\(level) lang=\"\(Escaping.attribute(translation.language))\">"
                language = translation.language
                inlines(translation.title)
                language = document.language
                out += "</h\(level)>"
            }
            out += section.translations.isEmpty ? "\n" : "</div>\n"
            for child in section.blocks { self.block(child, depth: depth + 1) }
            out.write("</section>\n")
        case .paragraph(let content):
            out.write("<p>")
            inlines(content)
            out.write("</p>\n")
        case .note(let content):
            out.write("<p class=\"note\">")
            inlines(content)
            out.write("</p>\n")
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            out += "<\(tag)>\n"
            for item in list.items {
                out.write("<li>")
                inlines(item)
                out.write("</li>\n")
            }
            out += "</\(tag)>\n"
        case .table(let table):
            self.table(table)
        case .timeline(let timeline):
            self.timeline(timeline, depth: depth)
        case .figure(let figure):
            out += "<figure class=\"graphic\" id=\"\(Escaping.attribute(figure.id))\">\n"
            out += SVGGraphic.render(figure.graphic, title: figure.alternative, id: figure.id) + "\n<figcaption>"
            inlines(figure.caption)
            out.write("</figcaption>\n</figure>\n")
        case .parallel(let parallel):
            // One unit per row of a two-column grid: each side faces its counterpart.
            out.write("<div class=\"pair\">\n")
            let outer = language
            for (index, (sideLanguage, side)) in zip(parallel.languages, parallel.sides).enumerated() {
                out += index == 0 ? "<div class=\"side\">\n" : "<div class=\"side\" lang=\"\(Escaping.attribute(sideLanguage))\">\n"
                language = sideLanguage
                for child in side { self.block(child, depth: depth) }
                out.write("</div>\n")
            }
            language = outer
            out.write("</div>\n")
        }
    }

    private mutating func table(_ table: Table) {
        let role = table.role.map { " class=\"\(Escaping.attribute($0))\"" } ?? ""
        out += "<table id=\"\(Escaping.attribute(table.id))\"\(role)>\n<caption>"
        inlines(table.caption)
        out.write("</caption>\n")
        if !table.columns.isEmpty {
            out.write("<thead>\n<tr>")
            for column in table.columns {
                out.write("<th scope=\"col\">")
                inlines(column)
                out.write("</th>")
            }
            out.write("</tr>\n</thead>\n")
        }
        out.write("<tbody>\n")
        for row in table.rows {
            out.write("<tr><th scope=\"row\">")
            inlines(row.header)
            out.write("</th>")
            for cell in row.cells {
                out.write("<td>")
                inlines(cell)
                out.write("</td>")
            }
            out.write("</tr>\n")
        }
        out.write("</tbody>\n</table>\n")
    }

    private mutating func timeline(_ timeline: Timeline, depth: Int) {
        let id = Escaping.attribute(timeline.id)
        out += "<figure class=\"timeline\" id=\"\(id)\">\n<figcaption>"
        inlines(timeline.caption)
        out.write("</figcaption>\n<ol>\n")
        let level = min(depth, 6)
        for event in timeline.events {
            out.write("<li>\n<p class=\"when\">")
            inlines(event.when)
            out.write("</p>\n")
            if !event.translations.isEmpty { out.write("<div class=\"pair\">\n<div class=\"side\">\n") }
            eventText(event.title, event.body, level: level)
            let outer = language
            for translation in event.translations {
                out += "</div>\n<div class=\"side\" lang=\"\(Escaping.attribute(translation.language))\">\n"
                language = translation.language
                eventText(translation.title, translation.body, level: level)
            }
            language = outer
            if !event.translations.isEmpty { out.write("</div>\n</div>\n") }
            out.write("</li>\n")
        }
        out.write("</ol>\n</figure>\n")
    }

    private mutating func eventText(_ title: [Inline], _ body: [[Inline]], level: Int) {
        out += "<h\(level)>"
        inlines(title)
        out += "</h\(level)>\n"
        for paragraph in body {
            out.write("<p>")
            inlines(paragraph)
            out.write("</p>\n")
        }
    }

    // MARK: Inlines

    private mutating func inlines(_ content: [Inline]) {
        for inline in content { self.inline(inline) }
    }

    private mutating func inline(_ inline: Inline) {
        switch inline {
        case .text(let text):
            out.appendEscaped(text)
        case .emphasis(let content):
            wrap("<em>", content, "</em>")
        case .strong(let content):
            wrap("<strong>", content, "</strong>")
        case .organization(let content):
            wrap("<span class=\"org\">", content, "</span>")
        case .place(let content):
            wrap("<span class=\"place\">", content, "</span>")
        case .foreign(let language, let content):
            wrap("<i lang=\"", value: language, content, "</i>")
        case .link(let url, let content):
            wrap("<a href=\"", value: url, content, "</a>")
        case .date(let iso, let content):
            wrap("<time datetime=\"", value: iso, content, "</time>")
        case .span(let language, let content):
            wrap("<span lang=\"", value: language, content, "</span>")
        case .fallback(let sourceLanguage, let content):
            let title = label("ui.untranslated", default: "not translated")
            wrap("span", content, attributes: " class=\"fallback\" lang=\"\(Escaping.attribute(sourceLanguage))\" title=\"\(Escaping.attribute(title))\"")
        case .outdated(let content):
            let title = label("ui.outdated", default: "translation out of date")
            wrap("span", content, attributes: " class=\"outdated\" title=\"\(Escaping.attribute(title))\"")
        }
    }

    /// An element whose tags are fixed: `start` is the whole start tag, `end` the end tag.
    private mutating func wrap(_ start: StaticString, _ content: [Inline], _ end: StaticString) {
        out.write(start)
        inlines(content)
        out.write(end)
    }

    /// An element with one attribute: `start` runs up to the attribute's opening quote, and
    /// `value` is escaped into the output after it.
    private mutating func wrap(_ start: StaticString, value: String, _ content: [Inline], _ end: StaticString) {
        out.write(start)
        out.appendEscapedAttribute(value)
        out.write("\">")
        inlines(content)
        out.write(end)
    }

    private mutating func wrap(_ tag: StaticString, _ content: [Inline], attributes: String = "") {
        // Appended piece by piece: an interpolated tag would be a new string each time.
        out.write("<")
        out.write(tag)
        if !attributes.isEmpty { out += attributes }
        out.write(">")
        inlines(content)
        out.write("</")
        out.write(tag)
        out.write(">")
    }
}
