public import BrochureDocument

/// Draws a graphic as SVG, the same drawing for HTML (inline) and DocBook (`imagedata`).
/// Text is escaped like all text; sizes are in user units of a 640-wide canvas.
public enum SVGGraphic {
    static let width = 640
    static let font = "DejaVu Sans, Noto Sans, Liberation Sans, Arial, sans-serif"
    static let accent = "#0b5d7a", ink = "#1d2733", muted = "#56636f", rule = "#c9d6de"

    /// The `<svg>` element; `title` is its text alternative.
    public static func render(_ graphic: Graphic, title: String, id: String) -> String {
        switch graphic {
        case .timeline(let points): timeline(points, title: title, id: id)
        case .figures(let values): figures(values, title: title, id: id)
        }
    }

    private static func open(height: Int, title: String, id: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
            + " role=\"img\" aria-labelledby=\"\(Escaping.attribute(id))-alt\">"
            + "<title id=\"\(Escaping.attribute(id))-alt\">\(Escaping.text(title))</title>"
    }

    private static func text(_ value: String, x: Int, y: Int, size: Int, weight: String = "normal", fill: String = ink, anchor: String = "middle") -> String {
        "<text x=\"\(x)\" y=\"\(y)\" font-family=\"\(font)\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"\(fill)\" text-anchor=\"\(anchor)\">\(Escaping.text(value))</text>"
    }

    /// A horizontal axis from the first year to the year after the last; events as dots with
    /// their date and label, each at the middle of the period its date names (`position`), in
    /// the order of those places; events at one place keep their order. Labels take the
    /// nearest free row above or below the axis, so that neighbours never overlap.
    static func timeline(_ points: [TimePoint], title: String, id: String) -> String {
        let left = 40, right = width - 40
        let placed = points.enumerated().compactMap { index, point in Self.position(of: point.iso).map { (point, $0, index) } }
            .sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map { ($0.0, $0.1) }
        let years = placed.map(\.1)
        let first = (years.min() ?? 2000).rounded(.down), last = (years.max() ?? first).rounded(.down) + 1
        func x(_ value: Double) -> Int { left + Int((value - first) / max(last - first, 1) * Double(right - left)) }
        let rows = Self.rows(placed.map { point, position in
            let cx = x(position)
            return (span: extent(of: point, at: cx, left: left, right: right), x: cx)
        })
        let levels = ((rows.max() ?? 0) / 2) + 1
        let band = 42, axis = 30 + levels * band, height = axis * 2
        var out = open(height: height, title: title, id: id)
        out += "<line x1=\"\(left)\" y1=\"\(axis)\" x2=\"\(right)\" y2=\"\(axis)\" stroke=\"\(rule)\" stroke-width=\"4\"/>"
        for year in stride(from: Int(first), through: Int(last), by: 1) {
            out += "<line x1=\"\(x(Double(year)))\" y1=\"\(axis - 6)\" x2=\"\(x(Double(year)))\" y2=\"\(axis + 6)\" stroke=\"\(rule)\" stroke-width=\"2\"/>"
            out += text(String(year), x: x(Double(year)), y: axis + 22, size: 11, fill: muted)
        }
        for ((point, position), row) in zip(placed, rows) {
            let cx = x(position), above = row % 2 == 0, level = row / 2
            let offset = 40 + level * band
            out += "<circle cx=\"\(cx)\" cy=\"\(axis)\" r=\"8\" fill=\"\(accent)\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
            let tip = above ? axis - offset + 4 : axis + offset - 4
            out += "<line x1=\"\(cx)\" y1=\"\(above ? axis - 10 : axis + 28)\" x2=\"\(cx)\" y2=\"\(tip)\" stroke=\"\(accent)\" stroke-width=\"1\"/>"
            let anchor = Self.anchor(at: cx, labelWidth: labelWidth(point), left: left, right: right)
            out += text(point.when, x: cx, y: above ? axis - offset - 16 : axis + offset + 12, size: 12, weight: "bold", fill: accent, anchor: anchor)
            out += text(point.label, x: cx, y: above ? axis - offset : axis + offset + 28, size: 12, anchor: anchor)
        }
        return out + "</svg>"
    }

    /// The row of each label, in order: 0, 1, … above the axis and below it, alternately. A
    /// label takes the first row where its width is free and where no leader line crosses a
    /// label: its own line, drawn from the axis through the rows nearer to the axis on its
    /// side, must pass no label there, and the lines of labels already farther out must not
    /// pass through it. Where no row up to the eighth allows that (many events at one date),
    /// the first row where its width is free.
    static func rows(_ labels: [(span: ClosedRange<Int>, x: Int)]) -> [Int] {
        var rows: [Int] = []
        for (index, label) in labels.enumerated() {
            let placed = zip(labels[..<index], rows)
            func widthFree(_ row: Int) -> Bool { !placed.contains { $0.1 == row && $0.0.span.overlaps(label.span) } }
            func linesClear(_ row: Int) -> Bool {
                !placed.contains { other, otherRow in
                    otherRow % 2 == row % 2
                        && ((otherRow < row && other.span.contains(label.x)) || (otherRow > row && label.span.contains(other.x)))
                }
            }
            let row = (0..<8).first { widthFree($0) && linesClear($0) } ?? (0...).first(where: widthFree)!
            rows.append(row)
        }
        return rows
    }

    /// Labels near the ends of the axis grow inwards, and so does a label that, centred on its
    /// dot, would run past the edge of the drawing (a year-only date stands at mid-year, and the
    /// last year's Kazakh label came within a letter of the right edge).
    static func anchor(at x: Int, labelWidth: Int, left: Int, right: Int) -> String {
        x < left + 70 || x - labelWidth / 2 < 0 ? "start" : x > right - 70 || x + labelWidth / 2 > width ? "end" : "middle"
    }

    /// The horizontal room a label takes (12px DejaVu Sans: about 7.5 units a character), with a margin.
    static func labelWidth(_ point: TimePoint) -> Int {
        Int(Double(max(point.when.count, point.label.count)) * 7.5) + 16
    }

    static func extent(of point: TimePoint, at x: Int, left: Int, right: Int) -> ClosedRange<Int> {
        let width = labelWidth(point)
        switch anchor(at: x, labelWidth: width, left: left, right: right) {
        case "start": return x...(x + width)
        case "end": return (x - width)...x
        default: return (x - width / 2)...(x + width / 2)
        }
    }

    /// Where a date stands on the axis, in years: the middle of the period it names. "2018"
    /// is the whole year, 2018.5; "2018-04" is April, 2018 + 3.5/12; "2018-04-12" is that day.
    /// A date known only to the year was drawn at the year's start, so "2018" came before
    /// "2018-04" in the graphic while the calendar list, in the profile's order, has the April
    /// agreement first (DECISIONS 46). The year ticks stay at the years' starts: a year-only
    /// event stands between its year's tick and the next.
    static func position(of iso: String) -> Double? {
        let parts = iso.split(separator: "-").compactMap { Double($0) }
        guard let year = parts.first else { return nil }
        guard parts.count > 1 else { return year + 0.5 }
        let month = parts[1]
        guard parts.count > 2 else { return year + (month - 0.5) / 12 }
        let leap = Int(year) % 4 == 0 && (Int(year) % 100 != 0 || Int(year) % 400 == 0)
        let days: [Double] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return year + (month - 1) / 12 + (parts[2] - 0.5) / days[min(max(Int(month) - 1, 0), 11)] / 12
    }

    /// The font size, at most `largest`, at which `value` in bold fits `room` pixels: SVG text
    /// does not wrap, and a figure written out in words ("шамамен 1,9 миллион") ran over its
    /// tile. A bold sans glyph is taken as 0.68 em wide, a little over the average of DejaVu
    /// Sans Bold's Latin and Cyrillic letters, so an estimate errs on the small side.
    static func fittingSize(_ value: String, room: Int, largest: Int) -> Int {
        let characters = max(value.count, 1)
        return max(12, min(largest, Int(Double(room) / (Double(characters) * 0.68))))
    }

    /// Key figures as tiles: a large number over its label.
    static func figures(_ values: [Figure.Value], title: String, id: String) -> String {
        let height = 120, gap = 16
        let count = max(values.count, 1)
        let tile = (width - gap * (count - 1)) / count
        var out = open(height: height, title: title, id: id)
        for (index, value) in values.enumerated() {
            let x = index * (tile + gap)
            out += "<rect x=\"\(x)\" y=\"0\" width=\"\(tile)\" height=\"\(height)\" rx=\"10\" fill=\"#e3f0f5\"/>"
            out += text(value.value, x: x + tile / 2, y: 62, size: fittingSize(value.value, room: tile - 24, largest: count > 3 ? 22 : 28),
                        weight: "bold", fill: accent)
            out += text(value.label, x: x + tile / 2, y: 92, size: 14, fill: muted)
        }
        return out + "</svg>"
    }
}
