import Synchronization

/// What a message argument is bound to when a message is formatted.
public enum ArgumentValue: Sendable {
    case fact(Fact)
    /// The number of entries of a profile list.
    case count(Int)
    case date(FactDate)
    /// A source of figures; it formats as its title message.
    case source(FactSource)
    case string(String)
}

/// The arguments in reach of a message: profile facts, loop entries, and the fact a template binds.
public struct ArgumentScope: Sendable {
    public var values: [String: ArgumentValue] {
        didSet { token = Self.newToken() }
    }
    /// A number no other set of values has had in this process: copies of a scope share it,
    /// and a change gives the scope a new one. A check remembers what passed in a scope by it
    /// (`MessageFormatter`), without looking the value up again.
    public private(set) var token: Int

    public init(_ values: [String: ArgumentValue] = [:]) {
        self.values = values
        token = Self.newToken()
    }

    private static let tokens = Atomic<Int>(0)
    private static func newToken() -> Int { tokens.wrappingAdd(1, ordering: .relaxed).newValue }

    public subscript(_ name: String) -> ArgumentValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The profile's top-level facts and list counts.
    public static func profile(_ profile: Profile) -> ArgumentScope {
        var scope = ArgumentScope()
        for (id, fact) in profile.facts { scope[id] = .fact(fact) }
        for (id, list) in profile.lists { scope[id] = .count(list.entries.count) }
        return scope
    }
}
