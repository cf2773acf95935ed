public import BrochureDocument

/// Puts the same document in several languages side by side, unit facing unit.
///
/// The editions come from one template and one profile, so their trees have the same shape:
/// they are walked together. Headings, paragraphs, notes, lists and timeline events become
/// pairs; tables merge into one, with both languages in the headings and a value written once
/// where it reads the same in both.
public enum SideBySide {
    /// `documents[0]` is the main language; the others face it.
    public static func combine(_ documents: [Document]) -> Document {
        guard let main = documents.first, documents.count > 1 else { return documents[0] }
        let languages = documents.map(\.language)
        let others = documents.dropFirst()
        var combined = Document(
            id: main.id, language: main.language, languages: languages, title: main.title, subtitle: main.subtitle,
            blocks: pair(documents.map(\.blocks), languages: languages),
            labels: Labels(documents.reduce(into: [:]) { all, document in all.merge(document.labels.values) { first, _ in first } }),
            translations: others.map { Translation(language: $0.language, title: $0.title, subtitle: $0.subtitle) })
        combined.isDraft = documents.contains { $0.isDraft }
        return combined
    }

    private static func pair(_ lists: [[Block]], languages: [String]) -> [Block] {
        let count = lists[0].count
        guard lists.allSatisfy({ $0.count == count }) else {
            return [.parallel(Parallel(languages: languages, sides: lists))]
        }
        return (0..<count).map { index in pair(lists.map { $0[index] }, languages: languages) }
    }

    private static func pair(_ blocks: [Block], languages: [String]) -> Block {
        switch blocks[0] {
        case .section(let main):
            let sections = blocks.compactMap { if case .section(let s) = $0 { s } else { nil } }
            guard sections.count == blocks.count else { break }
            return .section(Section(
                id: main.id, title: main.title, blocks: pair(sections.map(\.blocks), languages: languages),
                translations: zip(languages, sections).dropFirst().map { Translation(language: $0, title: $1.title) }))
        case .table(let main):
            let tables = blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
            guard tables.count == blocks.count, tables.allSatisfy({ $0.rows.count == main.rows.count && $0.columns.count == main.columns.count }) else { break }
            return .table(Table(
                id: main.id, caption: merge(tables.map(\.caption), languages),
                columns: main.columns.indices.map { c in merge(tables.map { $0.columns[c] }, languages) },
                rows: main.rows.indices.map { r in
                    TableRow(header: merge(tables.map { $0.rows[r].header }, languages),
                             cells: main.rows[r].cells.indices.map { c in merge(tables.map { $0.rows[r].cells[c] }, languages) })
                },
                role: main.role))
        case .timeline(let main):
            let timelines = blocks.compactMap { if case .timeline(let t) = $0 { t } else { nil } }
            guard timelines.count == blocks.count, timelines.allSatisfy({ $0.events.count == main.events.count }) else { break }
            return .timeline(Timeline(
                id: main.id, caption: merge(timelines.map(\.caption), languages),
                events: main.events.indices.map { e in
                    let events = timelines.map { $0.events[e] }
                    return TimelineEvent(iso: events[0].iso, when: merge(events.map(\.when), languages), title: events[0].title, body: events[0].body,
                                         translations: zip(languages, events).dropFirst().map { Translation(language: $0, title: $1.title, body: $1.body) })
                }))
        case .figure:
            // Each language draws its own picture; ids stay unique in the one document.
            let sides = zip(languages, blocks).enumerated().map { index, pair -> [Block] in
                guard index > 0, case .figure(var figure) = pair.1 else { return [pair.1] }
                figure.id += "-\(pair.0)"
                return [.figure(figure)]
            }
            return .parallel(Parallel(languages: languages, sides: sides))
        case .paragraph, .note, .list, .parallel:
            break
        }
        return .parallel(Parallel(languages: languages, sides: blocks.map { [$0] }))
    }

    /// One text in several languages: written once when it reads the same, else joined with " / ".
    static func merge(_ texts: [[Inline]], _ languages: [String]) -> [Inline] {
        var out = texts[0]
        var seen = [Inline.plainText(texts[0])]
        for (language, text) in zip(languages, texts).dropFirst() where !text.isEmpty {
            let plain = Inline.plainText(text)
            if seen.contains(plain) { continue }
            seen.append(plain)
            out += [.text(" / "), .span(language: language, text)]
        }
        return out
    }
}
