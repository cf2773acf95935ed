public import BrochureDiagnostics

/// The structure of a document: sections, paragraphs, tables, lists, the timeline;
/// with references to messages and facts, loops over profile lists and conditions.
/// It says nothing language- or format-specific.
public struct Template: Sendable {
    public var id: String
    public var path: String
    public var title: TextRef
    public var subtitle: TextRef?
    public var body: [TemplateNode]
    /// Also built, by default, side by side: the source language facing each translation.
    public var sideBySide = false
}

/// A reference to a message. The key may name loop variables in braces
/// (`sector.{sector}`); `fact` binds one fact's value, as-of date and source as arguments.
public struct TextRef: Sendable {
    public var key: String
    public var fact: String?
    public var location: SourceLocation
}

public indirect enum TemplateNode: Sendable {
    case section(id: String, title: TextRef, children: [TemplateNode], location: SourceLocation)
    case paragraph(TextRef)
    case note(TextRef)
    case list(ordered: Bool, children: [TemplateNode], location: SourceLocation)
    case item(TextRef)
    case table(TemplateTable)
    case row(header: TextRef, cells: [TextRef], location: SourceLocation)
    case timeline(id: String, caption: TextRef, children: [TemplateNode], location: SourceLocation)
    case event(date: String, title: TextRef, body: [TextRef], location: SourceLocation)
    case forEach(list: String, variable: String, children: [TemplateNode], location: SourceLocation)
    case when(name: String, present: Bool, children: [TemplateNode], location: SourceLocation)
    /// A picture drawn from facts: a `timeline` of events, or key `figures` from rows.
    case figure(id: String, kind: FigureKind, caption: TextRef, alternative: TextRef, children: [TemplateNode], location: SourceLocation)
}

public enum FigureKind: String, Sendable, CaseIterable {
    case timeline, figures
}

public struct TemplateTable: Sendable {
    public var id: String
    public var role: String?
    public var caption: TextRef
    public var columns: [TextRef]
    public var children: [TemplateNode]
    public var location: SourceLocation
}
