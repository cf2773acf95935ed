import Foundation
import Testing

/// The DocBook editions through DocBook XSL and Apache FOP (Publishing/): no letter lost.
@Suite(.serialized) struct FOPTests {
    @Test(arguments: ["pl", "kk"])
    func docbookRendersThroughFOPWithEveryLetter(language: String) throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build", "brochure", "--locale", language, "--format", "docbook"], in: project).status == 0)
        let publishing = (TestSupport.packageRoot as NSString).appendingPathComponent("Publishing")
        let fo = (project as NSString).appendingPathComponent("brochure.fo")
        let pdf = (project as NSString).appendingPathComponent("brochure.pdf")
        let xslt = try TestSupport.run("/usr/bin/xsltproc", ["--nonet", "-o", fo, (publishing as NSString).appendingPathComponent("docbook-fo.xsl"),
                                                            (project as NSString).appendingPathComponent("Output/brochure.\(language).xml")])
        #expect(xslt.status == 0, "\(xslt.stderr)")
        let foText = try String(contentsOfFile: fo, encoding: .utf8)
        #expect(foText.contains("instream-foreign-object"), "the SVG pictures reach the FO")
        let fop = try TestSupport.run("/usr/bin/fop", ["-c", (publishing as NSString).appendingPathComponent("fop.xconf"), "-fo", fo, "-pdf", pdf])
        #expect(fop.status == 0, "\(fop.stderr)")
        // FOP exits 0 even when it prints "#" for letters its fonts lack: read its log.
        #expect(!(fop.stdout + fop.stderr).contains("not available in font"), "\(fop.stderr)")
        let text = try PDFTests.poppler("pdftotext", [pdf, "-"])
        #expect(text.contains(language == "pl" ? "Obwód Ałmatyński" : "Алматы облысы"))
        #expect(text.contains(language == "pl" ? "Tałdykorgan" : "Талдықорған"))
        let fonts = try PDFTests.poppler("pdffonts", [pdf])
        #expect(fonts.contains("DejaVu"))
    }
}
