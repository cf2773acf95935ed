import Foundation
import Testing

/// `build --format pdf` through WeasyPrint, read back with poppler's pdfinfo, pdffonts, pdftotext.
@Suite(.serialized) struct PDFTests {
    static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let run = try TestSupport.run("/usr/bin/\(tool)", arguments)
        guard run.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(tool): \(run.stderr)"]) }
        // No-break spaces (Polish typography, ICU's digit groups) compared as spaces.
        return run.stdout.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }

    static func pages(_ pdf: String) throws -> Int {
        let info = try poppler("pdfinfo", [pdf])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    @Test func factSheetIsOnePageWithEmbeddedFontsAndItsFigures() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build", "factsheet", "--locale", "en", "--locale", "kk", "--format", "pdf"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        for language in ["en", "kk"] {
            let pdf = (project as NSString).appendingPathComponent("Output/factsheet.\(language).pdf")
            #expect(try Self.pages(pdf) == 1, "\(language)")
            // Every font is embedded (the emb column of pdffonts).
            let fonts = try Self.poppler("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty)
            for font in fonts {
                let columns = font.split(separator: " ", omittingEmptySubsequences: true)
                #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "\(font)")
            }
            let text = try Self.poppler("pdftotext", [pdf, "-"])
            if language == "en" {
                #expect(text.contains("224,000 km²") && text.contains("about 1.9 million") && text.contains("Taldykorgan"), "\(text)")
            } else {
                #expect(text.contains("Талдықорған") && text.contains("Қазақстан") && text.contains("мың км²"), "\(text)")
            }
        }
    }

    @Test func brochureHasACoverPageNumbersAndRunningHeads() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let run = try TestSupport.brochure(["build", "brochure", "--locale", "pl", "--locale", "pl+kk", "--format", "pdf"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = (project as NSString).appendingPathComponent("Output/brochure.pl.pdf")
        let count = try Self.pages(pdf)
        #expect(count >= 3)
        let cover = try Self.poppler("pdftotext", ["-f", "1", "-l", "1", pdf, "-"])
        #expect(cover.contains("Obwód Ałmatyński") && !cover.contains("Najważniejsze dane"))
        let second = try Self.poppler("pdftotext", ["-f", "2", "-l", "2", pdf, "-"])
        #expect(second.replacingOccurrences(of: " ", with: "").contains("2/\(count)"), "\(second)")
        #expect(second.contains("Obwód Ałmatyński"))
        #expect(second.contains("224 tys. km²"))
        let bilingual = try Self.poppler("pdftotext", [(project as NSString).appendingPathComponent("Output/brochure.pl+kk.pdf"), "-"])
        #expect(bilingual.contains("Najważniejsze dane") && bilingual.contains("Негізгі деректер"))
    }

    /// A draft's PDF says so at the top of every page, and keeps its cover whole.
    @Test func aDraftSaysSoOnEveryPage() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        let lines = try String(contentsOfFile: kk, encoding: .utf8).components(separatedBy: "\n")
        try lines.filter { !$0.contains("key=\"community.title\"") }.joined(separator: "\n").write(toFile: kk, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["build", "brochure", "--locale", "kk", "--format", "pdf", "--allow-incomplete"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = (project as NSString).appendingPathComponent("Output/brochure.kk.pdf")
        let count = try Self.pages(pdf)
        #expect(count >= 3)
        for page in 1...count {
            let text = try Self.poppler("pdftotext", ["-f", "\(page)", "-l", "\(page)", pdf, "-"])
            #expect(text.hasPrefix("Алдын ала нұсқа:"), "page \(page): \(text)")
            if page == 1 { #expect(text.contains("Алматы облысы") && !text.contains("Негізгі деректер"), "\(text)") }
        }
    }

    @Test func missingEngineSaysWhatToInstallAndChangesNothing() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build", "--locale", "pl"], in: project).status == 0)
        let before = try BuildCommandTests.snapshot(project)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "/nonexistent"
        let run = try TestSupport.run(TestSupport.executable, ["build", "--format", "pdf"], in: project, environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("PDF output needs WeasyPrint"))
        #expect(run.stderr.contains("apt-get install -y weasyprint"))
        #expect(try BuildCommandTests.snapshot(project) == before)
    }
}
