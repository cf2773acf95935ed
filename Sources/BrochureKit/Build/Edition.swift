/// One output of a build: a template in one language (or two side by side) in one format.
public struct Edition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Format: String, Sendable, CaseIterable {
        case html, docbook, pdf

        /// What `build` makes when no format is named; PDF needs an engine installed.
        public static let defaults: [Format] = [.html, .docbook]

        public var fileExtension: String {
            switch self {
            case .html: "html"
            case .docbook: "xml"
            case .pdf: "pdf"
            }
        }
    }

    public var document: String
    /// One language, or two for a side-by-side edition (`pl+kk`).
    public var languages: [String]
    public var format: Format

    public init(document: String, languages: [String], format: Format) {
        self.document = document
        self.languages = languages
        self.format = format
    }

    /// The file name under `Output/`: `brochure.pl.html`, `factsheet.en.xml`, `brochure.pl+kk.html`.
    public var fileName: String { "\(document).\(languages.joined(separator: "+")).\(format.fileExtension)" }

    public var description: String { fileName }

    public static func < (a: Edition, b: Edition) -> Bool { a.fileName < b.fileName }
}
