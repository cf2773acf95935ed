import BrochureXML

/// The version of Brochure, and of the libraries that decide what its outputs hold.
public enum BrochureVersion {
    /// The tool's version, printed by `brochure --version`: raise it with each release.
    public static let tool = "0.9.0"

    /// "libxml2 2.9.14, ICU 72.1, CLDR 42.0": the libraries the process runs with. libxml2
    /// reads every input; ICU and its CLDR data format every number, date and plural, so the
    /// same inputs give the same bytes only with the same versions.
    public static var components: String {
        "libxml2 \(XMLReader.libxml2Version), \(ICU.versionDescription)"
    }

    /// What `brochure --version` prints: the tool's version, then the libraries'.
    public static var description: String {
        "brochure \(tool)\n\(components)"
    }
}
