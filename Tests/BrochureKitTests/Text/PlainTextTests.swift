@testable import BrochureKit
import Foundation
import Testing

/// The tool needs only FoundationEssentials; the few NSString operations it used are written
/// out in `PlainText.swift`. These tests hold them to Foundation's answers (the test target may
/// link all of Foundation).
struct PlainTextTests {
    static let paths = ["", "/", ".", "a", "a/", "a//", "a//b", "a/b.xml", "a/b/", "a//b//", "/x", "/tmp//p/", "./x/",
                        "Profiles/kk.xml", "Locales/history/pl.xml", "ż/ółć.xml", "//", "a/./b", "../a"]

    /// The inline builder's test for text with nothing to fold (eight bytes at a time) answers
    /// as the byte-by-byte reading does, on random texts of every length around the words.
    @Test func plainInsideEqualsTheByteReading() {
        func reference(_ bytes: [UInt8]) -> Bool {
            var previousIsSpace = false
            for byte in bytes {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previousIsSpace) { return false }
                previousIsSpace = byte == 0x20
            }
            return true
        }
        let pieces = ["a", "bcdefg", " ", "  ", "!", "\u{21}", " !", "ж", "қала", "\t", "\n", "\r", "\u{0B}", "\u{00A0}", ".", "1"]
        var generator = SplitMix64(seed: 0xF01D_2026)
        var plain = 0
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let bytes = Array(text.utf8)
            let quick = bytes.withUnsafeBufferPointer { InlineBuilder.isPlainInside($0) }
            #expect(quick == reference(bytes), "\(text.debugDescription)")
            if quick { plain += 1 }
        }
        #expect(plain > 500 && plain < 4_500)
    }

    @Test func joinIsNSStringsAppendingPathComponent() {
        for directory in Self.paths {
            for name in ["", "b", "/b", "Output", "history/pl.xml", "ąę"] {
                #expect(PathName.join(directory, name) == (directory as NSString).appendingPathComponent(name), "\(directory) + \(name)")
            }
        }
    }

    @Test func lastComponentAndParentAreNSStrings() {
        // Foundation (Linux) traps on a path without a slash, and answers "" for "//": those
        // are held to the answers NSString gives on Darwin. The tool's paths all have a folder.
        for (path, last, parent) in [("", "", ""), ("a", "a", ""), (".", ".", ""), ("a/", "a", ""), ("a//", "a", ""), ("//", "/", "/")] {
            #expect(PathName.lastComponent(path) == last && PathName.parent(path) == parent, "\(path)")
        }
        for path in Self.paths where path.dropLast(path.hasSuffix("/") ? 1 : 0).dropLast(path.hasSuffix("//") ? 1 : 0).contains("/") && path != "//" {
            #expect(PathName.lastComponent(path) == (path as NSString).lastPathComponent, "\(path)")
            #expect(PathName.parent(path) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
    }

    @Test func trimmingIsFoundationsWhitespaceSets() {
        let samples = ["", " ", "x", " \t\u{A0}x y\u{2028}\r\n ", " \t\u{A0}x\u{2028}\r\n\u{85} ", "\u{3000}słowo\u{2009}", " \u{301}x",
                       "\n\u{85}\u{2029}Қазақ\u{0B}", "\u{200B}x\u{200B}", "\u{FEFF} y \u{1680}",
                       "\u{2000}\u{200A}\u{202F}\u{205F}z\u{200C}", "\u{180E}q\u{2060}"]
        for text in samples {
            #expect(text.trimmingWhitespace(newlines: false) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(text.trimmingWhitespace(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    @Test func paddingIsNSStrings() {
        for text in ["", "abc", "pl/section", "brochure/kooperacja-gospodarcza-i-inne", "ąęółść", "a😀b"] {
            for length in [0, 2, 3, 5, 34] {
                #expect(text.padded(toUTF16Length: length) == text.padding(toLength: length, withPad: " ", startingAt: 0), "\(text) \(length)")
            }
        }
    }

    @Test func nfcIsICUsAndFoundationsForTheLettersWeMeet() {
        let samples = ["", "abc", "e\u{301}", "Ła\u{328}ka", "и\u{306}", "Қазақ", "A\u{30A}\u{301}", "\u{212B}", "ə\u{301}", "Ѐ"]
        for text in samples {
            #expect(ICU.nfc(text) == text.precomposedStringWithCanonicalMapping, "\(text.debugDescription)")
        }
        let long = String(repeating: "e\u{301}ż", count: 2000)
        #expect(ICU.nfc(long) == long.precomposedStringWithCanonicalMapping)
    }
}
