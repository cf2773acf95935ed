import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A place in an input file: path, 1-based line and 1-based column (in Unicode scalars).
///
/// The path is held as a small number that names it in a process-wide table, so a location
/// is plain data: copying one (and everything that carries one: elements, message parts,
/// findings) costs no reference counting. See docs/DECISIONS.md.
///
/// A location in a file that was read is kept as its byte offset in a registered text
/// (`SourceTexts`); its line and column are worked out only when asked for (a table of tens of
/// thousands of entries yields locations for all, and findings for few). Two forms of the same
/// place compare equal; locations in one text compare by offset, which orders them as line and
/// column do. See docs/DECISIONS.md #26.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path's number in `SourcePaths`.
    public let pathID: UInt32
    /// 0: `first` and `second` are the line and column. Otherwise the number of the text in
    /// `SourceTexts` whose byte `first` this is.
    private let textID: UInt32
    // 32 bits each (an input file has at most 32 MiB): a location is 16 bytes, and so a
    // message part that holds one fits in 24 (the parts and literal runs of every message
    // of every table are kept). Larger values are clamped.
    private var storedFirst: UInt32
    private let storedSecond: UInt32

    private var first: Int { Int(storedFirst) }
    private var second: Int { Int(storedSecond) }

    public init(path: String, line: Int, column: Int) {
        self.init(pathID: SourcePaths.id(path), line: line, column: column)
    }

    /// A location in a file whose path is already numbered (readers number each file once).
    public init(pathID: UInt32, line: Int, column: Int) {
        self.pathID = pathID
        textID = 0
        storedFirst = UInt32(clamping: line)
        storedSecond = UInt32(clamping: column)
    }

    /// The byte at `byteOffset` of a registered text (`SourceTexts.register`); its line and
    /// column are found when asked for.
    public init(text: SourceTexts.Registration, byteOffset: Int) {
        precondition(text.id != 0, "a registered text")
        pathID = text.pathID
        textID = text.id
        storedFirst = UInt32(clamping: byteOffset)
        storedSecond = 0
    }

    public var path: String { SourcePaths.path(pathID) }

    /// The byte offset in its text, for a location kept that way (nil for a line and column).
    public var byteOffset: Int? { textID == 0 ? nil : first }

    /// The number of its text in `SourceTexts`, for a location kept as a byte offset.
    var registeredTextID: UInt32? { textID == 0 ? nil : textID }

    /// The place `bytes` further on in the same text, for a location kept as a byte offset
    /// (nil for a line and column). The caller keeps within the text.
    public func advanced(byBytes bytes: Int) -> SourceLocation? {
        guard textID != 0 else { return nil }
        var moved = self
        moved.storedFirst = UInt32(clamping: first + bytes)
        return moved
    }

    /// The line and the column, found together.
    public var lineAndColumn: (line: Int, column: Int) {
        textID == 0 ? (first, second) : SourceTexts.lineAndColumn(textID, byteOffset: first)
    }

    public var line: Int { lineAndColumn.line }
    public var column: Int { lineAndColumn.column }

    /// A location for a whole file, when no finer position is known.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: 1, column: 1)
    }

    public var description: String {
        let (line, column) = lineAndColumn
        return "\(path):\(line):\(column)"
    }

    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        guard a.pathID == b.pathID else { return false }
        if a.textID == b.textID { return a.first == b.first && a.second == b.second }
        return a.lineAndColumn == b.lineAndColumn
    }

    public func hash(into hasher: inout Hasher) {
        let (line, column) = lineAndColumn
        hasher.combine(pathID)
        hasher.combine(line)
        hasher.combine(column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.pathID != b.pathID { return a.path < b.path }
        if a.textID == b.textID && a.textID != 0 { return a.first < b.first }
        return a.lineAndColumn < b.lineAndColumn
    }
}

/// The process-wide table of texts read from files, each able to turn a byte offset into
/// line and column (a reader registers each file it reads, once).
public enum SourceTexts {
    /// A registered text: its own number and its path's.
    public struct Registration: Sendable {
        public let id: UInt32
        public let pathID: UInt32
    }

    private struct Entry {
        var resolve: @Sendable (Int) -> (line: Int, column: Int)
        /// The text itself (shared with its reader, not copied).
        var bytes: FileBytes?
        var thread: pthread_t
    }

    private static let entries = Mutex<[Entry?]>([])

    /// Registers a text of the file `pathID`; `resolve` gives the line and column of a byte
    /// offset in it. The table keeps it for the rest of the process (see `forget`).
    public static func register(pathID: UInt32, bytes: FileBytes? = nil,
                                resolve: @escaping @Sendable (Int) -> (line: Int, column: Int)) -> Registration {
        let entry = Entry(resolve: resolve, bytes: bytes, thread: pthread_self())
        return entries.withLock { entries in
            entries.append(entry)
            // Number 0 stands for "no text": the first text is number 1.
            return Registration(id: UInt32(entries.count), pathID: pathID)
        }
    }

    /// How many texts have been registered: a mark for `forget(registeredSince:)`.
    public static var count: Int { entries.withLock { $0.count } }

    /// Drops the texts this thread registered since `mark`, for a harness that reads many
    /// inputs in one process (a fuzzer) and keeps nothing of them. A location in a dropped
    /// text must not be asked for its line again.
    public static func forget(registeredSince mark: Int) {
        let thread = pthread_self()
        entries.withLock { entries in
            for index in mark..<entries.count where entries[index].map({ pthread_equal($0.thread, thread) != 0 }) == true {
                entries[index] = nil
            }
        }
    }

    /// Calls `body` with the bytes of the text `location` is in; nil for a location kept as a
    /// line and column. Text read from files carries no reference to its file: what needs the
    /// file's bytes (a character's place in text with references) finds them here.
    public static func withBytes<Result>(of location: SourceLocation, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard let id = location.registeredTextID else { return nil }
        guard let entry = entries.withLock({ $0[Int(id) - 1] }) else {
            preconditionFailure("the text of a location in a text dropped by SourceTexts.forget")
        }
        guard let bytes = entry.bytes else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return bytes.withUnsafeBufferPointer(body)
    }

    static func lineAndColumn(_ id: UInt32, byteOffset: Int) -> (line: Int, column: Int) {
        guard let resolve = entries.withLock({ $0[Int(id) - 1]?.resolve }) else {
            preconditionFailure("the line of a location in a text dropped by SourceTexts.forget")
        }
        return resolve(byteOffset)
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
