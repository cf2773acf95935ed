public import BrochureDocument

/// Writes a document as a DocBook 5.0 `article`, valid against the RELAX NG schema.
public struct DocBookWriter: ~Copyable {
    public static let namespace = "http://docbook.org/ns/docbook"

    /// The document as one DocBook file.
    public static func write(_ document: Document) -> String {
        var writer = DocBookWriter()
        writer.render(document)
        return writer.out.text
    }

    /// The same file handed over in pieces of about 64 KiB as it is written (see `HTMLWriter`).
    public static func write(_ document: Document, chunks: @escaping (UnsafeRawBufferPointer) -> Void) {
        var writer = DocBookWriter()
        writer.sink = chunks
        writer.render(document)
        writer.out.withUnsafeBytes(chunks)
    }

    private var out = MarkupBuffer()
    /// Where full pieces of `out` go, when the caller takes the file in pieces.
    private var sink: ((UnsafeRawBufferPointer) -> Void)?

    /// Hands the text written so far to the sink once it is large enough.
    private mutating func handOver() {
        guard let sink, out.count >= 1 << 16 else { return }
        out.withUnsafeBytes(sink)
        out.removeAll()
    }
    private var language = ""

    private mutating func render(_ document: Document) {
        language = document.language
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out += "<article xmlns=\"\(Self.namespace)\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"5.0\""
        out += " xml:lang=\"\(Escaping.attribute(document.language))\" xml:id=\"\(Escaping.attribute(document.id))\""
        // DocBook's own mark of a draft: DocBook XSL (draft.mode "maybe", its default) prints
        // such a document with a DRAFT watermark.
        out.write(document.isDraft ? " status=\"draft\">\n" : ">\n")
        out.write("<info>\n<title>")
        inlines(document.title)
        for translation in document.translations { alternate(translation.language, translation.title) }
        out.write("</title>\n")
        if !document.subtitle.isEmpty {
            out.write("<subtitle>")
            inlines(document.subtitle)
            for translation in document.translations { alternate(translation.language, translation.subtitle) }
            out.write("</subtitle>\n")
        }
        out.write("</info>\n")
        blocks(document.blocks)
        out.write("</article>\n")
    }

    /// The same text in another language, after the main one in a title: " / <phrase xml:lang>".
    private mutating func alternate(_ language: String, _ content: [Inline]) {
        guard !content.isEmpty else { return }
        out.write(" / ")
        wrap("phrase", content, attributes: " xml:lang=\"\(Escaping.attribute(language))\"")
    }

    /// Blocks in order; a run of side-by-side units becomes one two-column informal table.
    private mutating func blocks(_ blocks: [Block]) {
        var index = 0
        while index < blocks.count {
            guard case .parallel(let first) = blocks[index] else {
                block(blocks[index])
                index += 1
                continue
            }
            var run = [first]
            index += 1
            while index < blocks.count, case .parallel(let next) = blocks[index], next.languages == first.languages {
                run.append(next)
                index += 1
            }
            parallelTable(run)
        }
    }

    private mutating func parallelTable(_ units: [Parallel]) {
        let languages = units[0].languages
        out += "<informaltable role=\"parallel\" frame=\"none\">\n<tgroup cols=\"\(languages.count)\">\n"
        for (index, language) in languages.enumerated() {
            out += "<colspec colnum=\"\(index + 1)\" colname=\"\(Escaping.attribute(language))\" colwidth=\"1*\"/>\n"
        }
        out.write("<tbody>\n")
        for unit in units {
            out.write("<row>\n")
            for (language, side) in zip(unit.languages, unit.sides) {
                out += "<entry xml:lang=\"\(Escaping.attribute(language))\">\n"
                for child in side { block(child) }
                out.write("</entry>\n")
            }
            out.write("</row>\n")
        }
        out.write("</tbody>\n</tgroup>\n</informaltable>\n")
    }

    private mutating func block(_ block: Block) {
        defer { handOver() }
        switch block {
        case .section(let section):
            out += "<section xml:id=\"\(Escaping.attribute(section.id))\">\n<title>"
            inlines(section.title)
            for translation in section.translations { alternate(translation.language, translation.title) }
            out.write("</title>\n")
            if section.blocks.isEmpty { out.write("<para/>\n") }
            blocks(section.blocks)
            out.write("</section>\n")
        case .paragraph(let content):
            para(content)
        case .note(let content):
            para(content, role: "note")
        case .list(let list):
            let tag = list.ordered ? "orderedlist" : "itemizedlist"
            out += "<\(tag)>\n"
            for item in list.items {
                out.write("<listitem>")
                para(item, newline: false)
                out.write("</listitem>\n")
            }
            out += "</\(tag)>\n"
        case .table(let table):
            self.table(table)
        case .timeline(let timeline):
            out += "<variablelist xml:id=\"\(Escaping.attribute(timeline.id))\" role=\"timeline\">\n<title>"
            inlines(timeline.caption)
            out.write("</title>\n")
            for event in timeline.events {
                out.write("<varlistentry>\n<term>")
                inlines(event.when)
                out.write("</term>\n<listitem>\n")
                if event.translations.isEmpty {
                    para(event.title, role: "event-title")
                    for paragraph in event.body { para(paragraph) }
                } else {
                    let languages = [language] + event.translations.map(\.language)
                    let texts = [(event.title, event.body)] + event.translations.map { ($0.title, $0.body) }
                    out += "<informaltable role=\"parallel\" frame=\"none\">\n<tgroup cols=\"\(texts.count)\">\n<tbody>\n<row>\n"
                    for (language, (title, body)) in zip(languages, texts) {
                        out += "<entry xml:lang=\"\(Escaping.attribute(language))\">\n"
                        para(title, role: "event-title")
                        for paragraph in body { para(paragraph) }
                        out.write("</entry>\n")
                    }
                    out.write("</row>\n</tbody>\n</tgroup>\n</informaltable>\n")
                }
                out.write("</listitem>\n</varlistentry>\n")
            }
            out.write("</variablelist>\n")
        case .parallel(let parallel):
            parallelTable([parallel])
        case .figure(let figure):
            out += "<figure xml:id=\"\(Escaping.attribute(figure.id))\">\n<title>"
            inlines(figure.caption)
            out.write("</title>\n<mediaobject>\n<imageobject>\n<imagedata format=\"svg\" width=\"100%\" scalefit=\"1\">")
            out += SVGGraphic.render(figure.graphic, title: figure.alternative, id: figure.id + "-svg")
            out += "</imagedata>\n</imageobject>\n<textobject><phrase>\(Escaping.text(figure.alternative))</phrase></textobject>\n</mediaobject>\n</figure>\n"
        }
    }

    private mutating func para(_ content: [Inline], role: String? = nil, newline: Bool = true) {
        out += role.map { "<para role=\"\(Escaping.attribute($0))\">" } ?? "<para>"
        inlines(content)
        out += newline ? "</para>\n" : "</para>"
    }

    private mutating func table(_ table: Table) {
        let columns = max(table.columns.count, 1 + (table.rows.map(\.cells.count).max() ?? 0))
        let role = table.role.map { " role=\"\(Escaping.attribute($0))\"" } ?? ""
        out += "<table xml:id=\"\(Escaping.attribute(table.id))\" frame=\"all\"\(role)>\n<title>"
        inlines(table.caption)
        out += "</title>\n<tgroup cols=\"\(columns)\">\n"
        if !table.columns.isEmpty {
            out.write("<thead>\n<row>")
            for column in table.columns { entry(column) }
            out.write("</row>\n</thead>\n")
        }
        out.write("<tbody>\n")
        for row in table.rows {
            out.write("<row>")
            entry(row.header, role: "rowheader")
            for cell in row.cells { entry(cell) }
            out.write("</row>\n")
        }
        out.write("</tbody>\n</tgroup>\n</table>\n")
    }

    private mutating func entry(_ content: [Inline], role: String? = nil) {
        out += role.map { "<entry role=\"\(Escaping.attribute($0))\">" } ?? "<entry>"
        inlines(content)
        out.write("</entry>")
    }

    private mutating func inlines(_ content: [Inline]) {
        for inline in content { self.inline(inline) }
    }

    /// Inside `orgname` DocBook allows only text and `phrase`: there every inline becomes a phrase.
    private var textOnly = 0

    private mutating func inline(_ inline: Inline) {
        if case .text(let text) = inline {
            out.appendEscaped(text)
            return
        }
        let content = inline.children
        if textOnly > 0 {
            wrap("phrase", content, attributes: Self.phraseAttributes(inline))
            return
        }
        switch inline {
        case .text:
            break
        case .emphasis:
            wrap("<emphasis>", content, "</emphasis>")
        case .strong:
            wrap("<emphasis role=\"strong\">", content, "</emphasis>")
        case .organization:
            textOnly += 1
            wrap("<orgname>", content, "</orgname>")
            textOnly -= 1
        case .place:
            wrap("<phrase role=\"place\">", content, "</phrase>")
        case .foreign(let language, _):
            wrap("<foreignphrase xml:lang=\"", value: language, content, "</foreignphrase>")
        case .link(let url, _):
            wrap("<link xlink:href=\"", value: url, content, "</link>")
        case .date:
            wrap("<phrase role=\"date\">", content, "</phrase>")
        case .fallback, .span, .outdated:
            wrap("phrase", content, attributes: Self.phraseAttributes(inline))
        }
    }

    /// The `phrase` that stands for an inline where DocBook allows nothing richer.
    private static func phraseAttributes(_ inline: Inline) -> String {
        switch inline {
        case .text: ""
        case .emphasis: " role=\"emphasis\""
        case .strong: " role=\"strong\""
        case .organization: " role=\"organization\""
        case .place: " role=\"place\""
        case .foreign(let language, _): " role=\"foreign\" xml:lang=\"\(Escaping.attribute(language))\""
        case .link(let url, _): " xlink:href=\"\(Escaping.attribute(url))\""
        case .date: " role=\"date\""
        case .fallback(let language, _): " role=\"untranslated\" xml:lang=\"\(Escaping.attribute(language))\""
        case .span(let language, _): " xml:lang=\"\(Escaping.attribute(language))\""
        case .outdated: " role=\"outdated\""
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
