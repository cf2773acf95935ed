public import BrochureDiagnostics

/// The facts of one region: every number, date and name a document shows comes from here.
public struct Profile: Sendable {
    public var id: String
    public var path: String
    /// The date the profile as a whole describes.
    public var asOf: FactDate?
    public var sources: [String: FactSource]
    public var facts: [String: Fact]
    public var lists: [String: FactList]

    public init(id: String, path: String, asOf: FactDate?, sources: [String: FactSource], facts: [String: Fact], lists: [String: FactList]) {
        self.id = id
        self.path = path
        self.asOf = asOf
        self.sources = sources
        self.facts = facts
        self.lists = lists
    }
}

/// Where a figure comes from; its title is a message key, so it is shown in every language.
public struct FactSource: Sendable {
    public var id: String
    public var titleKey: String
    public var url: String?
    public var location: SourceLocation
}

/// One fact: a value with its precision, the date it holds for and its source.
/// A class, read once and never changed: every argument bound to a fact hands it around,
/// and a reference costs one count where a copy of its fields cost several.
public final class Fact: Sendable {
    public let id: String
    public let value: FactValue
    public let approximate: Bool
    public let asOf: FactDate?
    public let source: String?
    public let location: SourceLocation

    public init(id: String, value: FactValue, approximate: Bool, asOf: FactDate?, source: String?, location: SourceLocation) {
        self.id = id
        self.value = value
        self.approximate = approximate
        self.asOf = asOf
        self.source = source
        self.location = location
    }
}

public enum FactValue: Sendable {
    /// A number (kept as exact decimal text) with an optional ICU/CLDR unit id (`area-square-kilometer`).
    case quantity(decimal: String, unit: String?)
    case date(FactDate)
    /// A proper name, spelled in the locale tables as the term with this id.
    case name(term: String)
}

/// A calendar date of year, month or day precision.
public struct FactDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2018`, `2018-04` or `2018-04-12`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        self.year = year
        if parts.count > 1 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.month = month
        }
        if parts.count > 2 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return nil }
            self.day = day
        }
    }

    /// ISO 8601 at the date's own precision.
    public var description: String {
        var text = String(year)
        if let month { text += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { text += "-" + (day < 10 ? "0" : "") + String(day) }
        return text
    }

    public static func < (a: FactDate, b: FactDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}

/// A list of entries (timeline events, sectors, partners), each with its own facts.
public struct FactList: Sendable {
    public var id: String
    public var entries: [ListEntry]
    public var location: SourceLocation
}

public struct ListEntry: Sendable {
    public var id: String
    public var facts: [String: Fact]
    public var location: SourceLocation
}
