public import BrochureDiagnostics
public import BrochureXML

/// Reads a template (`Templates/*.xml`, namespace `urn:brochure:template:1`).
public enum TemplateReader {
    public static let namespace = "urn:brochure:template:1"

    public static func read(_ path: String) throws(DiagnosticError) -> Template {
        // A template's elements hold no text: the layout between them is not kept.
        try read(InputFile.element(path, root: "template", namespace: namespace, keepsLayout: false), path: path)
    }

    /// Reads a template already parsed (its root checked to be `<template>`).
    public static func read(_ root: XMLElement, path: String) throws(DiagnosticError) -> Template {
        try root.checkAttributes(["id", "side-by-side"])
        try root.checkNoText()
        let id = try root.identifier("id")
        var sideBySide = false
        if let attribute = root.attribute("side-by-side") {
            guard attribute.value == "true" || attribute.value == "false" else {
                throw root.schemaError("side-by-side must be true or false", at: attribute.location)
            }
            sideBySide = attribute.value == "true"
        }
        var title: TextRef?
        var subtitle: TextRef?
        var body: [TemplateNode] = []
        let elements = root.elements
        for child in elements {
            try checkNamespace(child)
            switch child.name {
            case "title":
                guard title == nil else { throw child.schemaError("<title> appears twice") }
                title = try textRef(child)
            case "subtitle":
                guard subtitle == nil else { throw child.schemaError("<subtitle> appears twice") }
                subtitle = try textRef(child)
            default:
                body.append(try block(child, loopVariables: []))
            }
        }
        guard let title else { throw root.schemaError("<template> needs a <title msg=\"…\"/>") }
        try checkSectionsLast(body, elements: elements.filter { $0.name != "title" && $0.name != "subtitle" })
        var template = Template(id: id, path: path, title: title, subtitle: subtitle, body: body)
        template.sideBySide = sideBySide
        return template
    }

    private static func checkNamespace(_ element: XMLElement) throws(DiagnosticError) {
        guard element.namespace == namespace else {
            throw element.schemaError("<\(element.name)> is not in the template namespace \(namespace)")
        }
    }

    /// `<x msg="key" fact="id"/>`: a message reference with no content of its own.
    private static func textRef(_ element: XMLElement, attribute: String = "msg", extra: Set<String> = [], loopVariables: [String] = []) throws(DiagnosticError) -> TextRef {
        try element.checkAttributes(extra.isEmpty ? (attribute == "msg" ? Self.referenceAttributes : [attribute, "fact"]) : Array(extra.union([attribute, "fact"])))
        try element.checkNoText()
        if extra.isEmpty, !element.children.isEmpty, let child = element.elements.first { throw child.schemaError("<\(element.name)> holds no elements") }
        let found = try element.required(attribute)
        try checkKeyPattern(found, loopVariables: loopVariables)
        return TextRef(key: found.value, fact: element[attribute: "fact"], location: found.location)
    }

    /// The attributes of a `msg=` reference (one array, not one per reference read).
    private static let referenceAttributes = ["msg", "fact"]

    private static func attributeRef(_ element: XMLElement, _ attribute: String, loopVariables: [String]) throws(DiagnosticError) -> TextRef {
        let found = try element.required(attribute)
        try checkKeyPattern(found, loopVariables: loopVariables)
        return TextRef(key: found.value, fact: nil, location: found.location)
    }

    /// Keys are identifiers with `{variable}` parts naming enclosing loop variables.
    private static func checkKeyPattern(_ attribute: XMLAttribute, loopVariables: [String]) throws(DiagnosticError) {
        // Most keys are plain identifiers.
        guard attribute.value.utf8.contains(UInt8(ascii: "{")) else { return }
        var rest = Substring(attribute.value)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw DiagnosticError(Diagnostic(.error, "schema", at: attribute.location, "'{' in key \"\(attribute.value)\" is not closed"))
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard loopVariables.contains(name) else {
                throw DiagnosticError(Diagnostic(.error, "schema", at: attribute.location, "key \"\(attribute.value)\" uses {\(name)}, which is not a loop variable here",
                                                 notes: loopVariables.isEmpty ? ["only keys inside <for each=… as=…> may use {variable}"] : ["loop variables here: " + loopVariables.joined(separator: ", ")]))
            }
            rest = rest[rest.index(after: close)...]
        }
    }

    private static func children(_ element: XMLElement, loopVariables: [String]) throws(DiagnosticError) -> [TemplateNode] {
        try element.checkNoText()
        var nodes: [TemplateNode] = []
        let elements = element.elements
        nodes.reserveCapacity(elements.count)
        for child in elements {
            try checkNamespace(child)
            nodes.append(try block(child, loopVariables: loopVariables))
        }
        try checkSectionsLast(nodes, elements: elements)
        return nodes
    }

    /// Once a section starts, only sections follow at that level (as in DocBook and in print).
    static func checkSectionsLast(_ nodes: [TemplateNode], elements: [XMLElement]) throws(DiagnosticError) {
        var sawSection = false
        for (node, element) in zip(nodes, elements) {
            if case .section = node { sawSection = true } else if sawSection {
                throw element.schemaError("<\(element.name)> follows a <section> at the same level",
                                          notes: ["put it inside a section, or before the first section"])
            }
        }
    }

    private static func block(_ element: XMLElement, loopVariables: [String]) throws(DiagnosticError) -> TemplateNode {
        switch element.name {
        case "section":
            try element.checkAttributes(["id", "title"])
            return .section(id: try element.identifier("id"), title: try attributeRef(element, "title", loopVariables: loopVariables),
                            children: try children(element, loopVariables: loopVariables), location: element.location)
        case "p":
            return .paragraph(try textRef(element, loopVariables: loopVariables))
        case "note":
            return .note(try textRef(element, loopVariables: loopVariables))
        case "list":
            try element.checkAttributes(["ordered"])
            let nodes = try children(element, loopVariables: loopVariables)
            try requireOnly(nodes, in: element, allowed: "<item>") { if case .item = $0 { true } else { false } }
            return .list(ordered: element[attribute: "ordered"] == "true", children: nodes, location: element.location)
        case "item":
            return .item(try textRef(element, loopVariables: loopVariables))
        case "table":
            return .table(try table(element, loopVariables: loopVariables))
        case "row":
            try element.checkAttributes(["header", "fact"])
            let header = try attributeRef(element, "header", loopVariables: loopVariables)
            var cells: [TextRef] = []
            try element.checkNoText()
            for cell in element.elements {
                try checkNamespace(cell)
                guard cell.name == "cell" else { throw cell.schemaError("<\(cell.name)> is not allowed in <row>; expected <cell>") }
                var ref = try textRef(cell, loopVariables: loopVariables)
                if ref.fact == nil { ref.fact = element[attribute: "fact"] }
                cells.append(ref)
            }
            return .row(header: TextRef(key: header.key, fact: element[attribute: "fact"], location: header.location), cells: cells, location: element.location)
        case "timeline":
            try element.checkAttributes(["id", "caption"])
            let nodes = try children(element, loopVariables: loopVariables)
            try requireOnly(nodes, in: element, allowed: "<event>") { if case .event = $0 { true } else { false } }
            return .timeline(id: try element.identifier("id"), caption: try attributeRef(element, "caption", loopVariables: loopVariables),
                             children: nodes, location: element.location)
        case "event":
            try element.checkAttributes(["date", "title"])
            try element.checkNoText()
            var body: [TextRef] = []
            for child in element.elements {
                try checkNamespace(child)
                guard child.name == "p" else { throw child.schemaError("<\(child.name)> is not allowed in <event>; expected <p>") }
                body.append(try textRef(child, loopVariables: loopVariables))
            }
            return .event(date: try element.required("date").value, title: try attributeRef(element, "title", loopVariables: loopVariables),
                          body: body, location: element.location)
        case "figure":
            try element.checkAttributes(["id", "kind", "caption", "alt"])
            let kindAttribute = try element.required("kind")
            guard let kind = FigureKind(rawValue: kindAttribute.value) else {
                throw element.schemaError("kind=\"\(kindAttribute.value)\" is not a figure kind", at: kindAttribute.location,
                                          notes: ["kinds: " + FigureKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            let nodes = try children(element, loopVariables: loopVariables)
            switch kind {
            case .timeline: try requireOnly(nodes, in: element, allowed: "<event>") { if case .event = $0 { true } else { false } }
            case .figures: try requireOnly(nodes, in: element, allowed: "<row>") { if case .row = $0 { true } else { false } }
            }
            return .figure(id: try element.identifier("id"), kind: kind, caption: try attributeRef(element, "caption", loopVariables: loopVariables),
                           alternative: try attributeRef(element, "alt", loopVariables: loopVariables), children: nodes, location: element.location)
        case "for":
            try element.checkAttributes(["each", "as"])
            let variable = try element.identifier("as")
            guard !loopVariables.contains(variable) else { throw element.schemaError("loop variable \"\(variable)\" hides an outer one of the same name") }
            return .forEach(list: try element.identifier("each"), variable: variable,
                            children: try children(element, loopVariables: loopVariables + [variable]), location: element.location)
        case "if":
            try element.checkAttributes(["exists", "missing"])
            let present = element.attribute("exists")
            let absent = element.attribute("missing")
            guard (present == nil) != (absent == nil), let name = present ?? absent else {
                throw element.schemaError("<if> needs exactly one of exists=\"fact-or-list\" or missing=\"fact-or-list\"")
            }
            return .when(name: name.value, present: present != nil, children: try children(element, loopVariables: loopVariables), location: element.location)
        default:
            throw element.schemaError("<\(element.name)> is not a template element",
                                      notes: ["expected one of: section, p, note, list, item, table, row, timeline, event, figure, for, if"])
        }
    }

    private static func table(_ element: XMLElement, loopVariables: [String]) throws(DiagnosticError) -> TemplateTable {
        try element.checkAttributes(["id", "caption", "role"])
        try element.checkNoText()
        var columns: [TextRef] = []
        var rows: [TemplateNode] = []
        for child in element.elements {
            try checkNamespace(child)
            if child.name == "column" {
                columns.append(try textRef(child, loopVariables: loopVariables))
            } else {
                rows.append(try block(child, loopVariables: loopVariables))
            }
        }
        try requireOnly(rows, in: element, allowed: "<column> and <row>") { if case .row = $0 { true } else { false } }
        return TemplateTable(id: try element.identifier("id"), role: element[attribute: "role"],
                             caption: try attributeRef(element, "caption", loopVariables: loopVariables),
                             columns: columns, children: rows, location: element.location)
    }

    /// Checks that `nodes` (looking through <for> and <if>) hold only what `accepts` allows.
    private static func requireOnly(_ nodes: [TemplateNode], in element: XMLElement, allowed: String, _ accepts: (TemplateNode) -> Bool) throws(DiagnosticError) {
        for node in nodes {
            switch node {
            case .forEach(_, _, let inner, _), .when(_, _, let inner, _):
                try requireOnly(inner, in: element, allowed: allowed, accepts)
            default:
                if !accepts(node) {
                    throw element.schemaError("<\(element.name)> may hold only \(allowed) (and <for>, <if> around them)")
                }
            }
        }
    }
}
