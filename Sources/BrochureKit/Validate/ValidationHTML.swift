import BrochureDiagnostics
import BrochureWriters

/// The report an editor opens before sending a brochure to print: completeness per locale and
/// section as bars, then every finding with its place. One self-contained HTML file.
public enum ValidationHTML {
    public static let fileName = "validation.html"

    public static func render(_ report: ValidationReport, root: String) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Translation check</title>
        <style>
        body { font: 15px/1.5 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1d2733; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; border-bottom: 2px solid #c9d6de; }
        .summary { font-size: 1.05rem; } .ok { color: #1b7a3a; } .bad { color: #b3261e; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e1e8ec; }
        .bar { background: #e9eef1; border-radius: 3px; height: .8rem; width: 12rem; overflow: hidden; }
        .bar span { display: block; height: 100%; background: #0b5d7a; }
        .bar.full span { background: #1b7a3a; }
        ul.findings { list-style: none; padding: 0; } ul.findings li { margin: .4rem 0; padding: .3rem .6rem; border-left: 4px solid #c9d6de; }
        li.error { border-color: #b3261e; } li.warning { border-color: #c58a00; }
        code { font: .9em "DejaVu Sans Mono", monospace; } .notes { color: #56636f; font-size: .9em; white-space: pre-wrap; margin: .2rem 0 0; }
        </style>
        </head>
        <body>
        <h1>Translation check</h1>

        """
        let status = report.errorCount == 0 ? "ok" : "bad"
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        out += "<p class=\"summary \(status)\">\(count(report.errorCount, "error")), \(count(report.warningCount, "warning")) — \(Escaping.text(report.icu))</p>\n"
        out += "<h2>Completeness</h2>\n"
        for locale in report.completeness {
            out += "<h3 id=\"locale-\(Escaping.attribute(locale.language))\">\(Escaping.text(locale.language)) — \(Escaping.text(ReportFormat.relative(locale.path, root: root)))</h3>\n"
            out += "<p>\(locale.translated) of \(locale.messages) messages (\(locale.translatedWords) of \(locale.words) words); \(locale.missing) missing, \(locale.stale) stale.</p>\n"
            out += "<table>\n<thead><tr><th scope=\"col\">Document / section</th><th scope=\"col\">Messages</th><th scope=\"col\">Complete</th></tr></thead>\n<tbody>\n"
            out += row("all", locale.translated, locale.messages, locale.percent)
            for section in locale.sections {
                out += row("\(section.document) / \(section.section)", section.translated, section.messages, section.percent)
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<h2>Findings</h2>\n"
        if report.diagnostics.isEmpty { out += "<p class=\"ok\">None.</p>\n" }
        var currentPath: String?
        for d in report.diagnostics {
            let path = ReportFormat.relative(d.location.path, root: root)
            if path != currentPath {
                if currentPath != nil { out += "</ul>\n" }
                out += "<h3><code>\(Escaping.text(path))</code></h3>\n<ul class=\"findings\">\n"
                currentPath = path
            }
            out += "<li class=\"\(d.severity.rawValue)\"><code>\(d.location.line):\(d.location.column)</code> <strong>\(d.severity.rawValue)</strong> "
            out += "[\(Escaping.text(d.check))] \(Escaping.text(d.message))"
            if !d.notes.isEmpty { out += "<p class=\"notes\">\(Escaping.text(d.notes.joined(separator: "\n")))</p>" }
            out += "</li>\n"
        }
        if currentPath != nil { out += "</ul>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    private static func row(_ label: String, _ done: Int, _ total: Int, _ percent: Double) -> String {
        let width = ReportFormat.percent(percent)
        let full = done == total ? " full" : ""
        return "<tr><th scope=\"row\">\(Escaping.text(label))</th><td>\(done) / \(total)</td>"
            + "<td><div class=\"bar\(full)\" role=\"img\" aria-label=\"\(width)% complete\"><span style=\"width: \(width)%\"></span></div></td></tr>\n"
    }
}
