@testable import BrochureFuzzing
import BrochureDocument
import Foundation
import Testing

/// Replays the fuzzing corpus (FuzzTesting/Corpus: seeds, hostile inputs and every input a
/// crash was once found with) through the same harness the libFuzzer targets run.
@Suite struct FuzzReplayTests {
    static func corpus(_ kind: String) throws -> [String] {
        let folder = (TestSupport.packageRoot as NSString).appendingPathComponent("FuzzTesting/Corpus/\(kind)")
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    @Test(arguments: ["xml", "locale", "template"])
    func corpusKeepsEveryInvariant(kind: String) throws {
        let files = try Self.corpus(kind)
        #expect(files.count >= 3)
        for file in files {
            let bytes = try InputBytes.read(file)
            let broken = switch kind {
            case "xml": FuzzHarness.xml(bytes)
            case "locale": FuzzHarness.locale(bytes)
            default: FuzzHarness.template(bytes)
            }
            #expect(broken.isEmpty, "\((file as NSString).lastPathComponent): \(broken)")
        }
    }

    /// The harness drops each input's texts from the table of locations, never the fixture's:
    /// a finding that points into the fixture resolves on every call, not only the first.
    @Test func fixtureFindingsResolveOnEveryCall() {
        let template = Array(#"<template xmlns="urn:brochure:template:1" id="t"><title msg="t"/><section id="s" title="t"><p msg="x.a"/></section></template>"#.utf8)
        for _ in 0..<3 {
            #expect(FuzzHarness.template(template).isEmpty)
            #expect(FuzzHarness.locale(Array(#"<locale xmlns="urn:brochure:locale:1" xml:lang="pl"><message key="a">{n}</message></locale>"#.utf8)).isEmpty)
        }
    }

    /// The harness is not blind: were a writer to let a script link through, it would say so.
    @Test func harnessSeesAnActiveLink() {
        let document = Document(id: "t", language: "pl", title: [.text("t")], blocks: [.paragraph([.link(url: "javascript:alert(1)", [.text("x")])])])
        #expect(FuzzHarness.roundTrip(document) == ["HTML link to javascript:alert(1)"])
    }

    /// And a reader refusing such a link is not a broken invariant: its diagnostic is positioned.
    @Test func refusedLinkIsPositioned() {
        let bytes = Array("<locale xmlns=\"urn:brochure:locale:1\" xml:lang=\"pl\"><message key=\"a\"><link href=\"javascript:x\">a</link></message></locale>".utf8)
        #expect(FuzzHarness.locale(bytes).isEmpty)
    }
}
