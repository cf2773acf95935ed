import Synchronization

/// A place in an input file: path, 1-based line and 1-based column (in Unicode scalars).
///
/// The path is held as a small number that names it in a process-wide table, so a location
/// is plain data: copying one (and everything that carries one: elements, message parts,
/// findings) costs no reference counting. See docs/DECISIONS.md.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path's number in `SourcePaths`.
    public private(set) var pathID: UInt32
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.pathID = SourcePaths.id(path)
        self.line = line
        self.column = column
    }

    /// A location in a file whose path is already numbered (readers number each file once).
    public init(pathID: UInt32, line: Int, column: Int) {
        self.pathID = pathID
        self.line = line
        self.column = column
    }

    public var path: String {
        get { SourcePaths.path(pathID) }
        set { pathID = SourcePaths.id(newValue) }
    }

    /// A location for a whole file, when no finer position is known.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: 1, column: 1)
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.pathID != b.pathID { return a.path < b.path }
        return (a.line, a.column) < (b.line, b.column)
    }
}

/// The process-wide table of input paths: each path gets a number once, for good.
public enum SourcePaths {
    private struct Table {
        var paths: [String] = []
        var ids: [String: UInt32] = [:]
    }
    private static let table = Mutex(Table())

    /// The number of `path`, given on first use.
    public static func id(_ path: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[path] { return id }
            let id = UInt32(table.paths.count)
            table.paths.append(path)
            table.ids[path] = id
            return id
        }
    }

    public static func path(_ id: UInt32) -> String {
        table.withLock { $0.paths[Int(id)] }
    }
}
