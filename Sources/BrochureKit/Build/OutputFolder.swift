import CFileSystem
import Dispatch
import FoundationEssentials
import Glibc
import Synchronization

/// Replaces the files of `Output/` all at once: everything is written to a staging folder
/// beside it, which then takes `Output/`'s place in one rename. A failure at any point
/// leaves `Output/` as it was.
///
/// The set a build replaces is kept beside the folder, in `.Output.previous/` (named after
/// the folder), and the next build writes its files over those files in place: a file
/// written over costs the file system neither new blocks nor freeing the old ones, where a
/// new file and the unlinking of the old cost some 6 ms a build at N = 10,000 (DECISIONS 40).
/// Between builds it holds what the last build replaced.
public struct OutputFolder: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The check id: `io`, or `usage` for a folder that may not be an output folder.
        public var check = "io"
        public var description: String { "\(path): error: [\(check)] \(reason)" }

        public init(path: String, reason: String, check: String = "io") {
            self.path = path
            self.reason = reason
            self.check = check
        }
    }

    public var path: String
    /// The project the files are made from: a folder that is the project, holds it, or lies
    /// in one of its input folders is refused (`refusal(of:project:)`).
    public var project: String?

    public init(path: String, project: String? = nil) {
        self.path = path
        self.project = project
    }

    /// Why `output` cannot be the output folder of the project in `project`, or nil. The folder
    /// is replaced as a whole: given the project folder (`--output .`), a build would put a
    /// copy of the project in the project's place; given `Locales/`, its files would be read
    /// as locale tables by the next build.
    public static func refusal(of output: String, project: String) -> String? {
        guard let root = canonical(project), let folder = canonical(output) else { return nil }
        func within(_ path: String, _ folder: String) -> Bool {
            path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
        }
        if folder == root {
            return "is the project folder itself, and a build replaces its output folder as a whole; give a folder of its own (the default is Output/)"
        }
        if within(root, folder) {
            return "holds the project folder, and a build replaces its output folder as a whole; give a folder of its own (the default is Output/)"
        }
        for input in ["Profiles", "Templates", "Locales", ".git"] where within(folder, PathName.join(root, input)) {
            return "lies in the project's \(input)/ folder, which a build reads; give a folder of its own (the default is Output/)"
        }
        return nil
    }

    /// `path` with every link resolved; a path not there yet is resolved through the deepest
    /// folder above it that is.
    private static func canonical(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let resolved = realpath(absolute, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let url = URL(fileURLWithPath: absolute)
        let parent = url.deletingLastPathComponent().path
        guard parent != absolute, let base = canonical(parent) else { return nil }
        return PathName.join(base, url.lastPathComponent)
    }

    /// Writes `files` (name → contents) into the folder. Files already there that are not
    /// replaced are kept. Returns when the new set is in place.
    public func replace(with files: [String: [UInt8]]) throws(Failure) {
        let staging = try stage(replacing: Set(files.keys))
        do throws(Failure) {
            for (file, bytes) in files.sorted(by: { $0.key < $1.key }) { try staging.write(bytes, name: file) }
            try staging.commit()
        } catch {
            staging.abandon()
            throw error
        }
    }

    /// Starts a new set of files beside the folder: the files already there that are not in
    /// `names` are kept (copied into the set). Write the new files into the returned staging
    /// as they are made, from any thread; `commit()` puts the set in the folder's place at
    /// once, `abandon()` drops it and leaves the folder as it was.
    public func stage(replacing names: Set<String>) throws(Failure) -> Staging {
        if let project, let refusal = Self.refusal(of: path, project: project) {
            throw Failure(path: path, reason: refusal, check: "usage")
        }
        let fm = FileManager.default
        var url = URL(fileURLWithPath: path).standardizedFileURL
        // A folder reached through a symbolic link (`Output` → a web server's folder) is
        // replaced where it is: the new set is made beside the folder the link names, and the
        // link is left as it is. (Swapped itself, the link would be replaced by a folder, and
        // the old set removed through it.)
        var info = stat()
        var linked = false
        if lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(url.path, nil) else {
                let reason = String(cString: strerror(errno))
                let destination = (try? fm.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                throw Failure(path: path, reason: "is a symbolic link to \"\(destination)\", which cannot be reached (\(reason)); point it at a folder, or remove it")
            }
            url = URL(fileURLWithPath: String(cString: resolved))
            free(resolved)
            linked = true
        }
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let staging = PathName.join(parent, ".\(name).staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        removeStaleStaging(parent: parent, name: name, target: url.path)
        var isDirectory = false
        let exists = fm.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && !isDirectory {
            throw Failure(path: path, reason: "exists but is not a folder; move it away and build again")
        }
        let previous = PathName.join(parent, ".\(name).previous")
        let reuses = Self.claim(previous, as: staging, keeping: names)
        if !reuses {
            do {
                // Readable by its owner alone until it becomes the folder (`commit`): a folder
                // published by a web server must not serve a set half made.
                try fm.createDirectory(atPath: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            } catch {
                let link = linked ? " (\(path) is a link to \(url.path): the new set is made beside it, so this folder must be writable)" : ""
                throw Failure(path: parent, reason: "cannot create a staging folder: \(Self.reason(error))\(link)")
            }
        }
        return Staging(folder: self, path: staging, target: url.path, targetExists: exists, replacing: names,
                       previous: previous, reusesFiles: reuses)
    }

    /// Takes the set the last build replaced (`previous`) as the new staging folder, with only
    /// the files named in `names` left in it, to be written over. False when there is none
    /// to take (or it is not a plain folder of ours): the caller makes a new one.
    ///
    /// The folder is taken by renaming it, so two builds at once never take the same one. A
    /// set that is mostly other files (a build's, when one report is written) is left for a
    /// build to take: taking it would cost more unlinking than it saves.
    private static func claim(_ previous: String, as staging: String, keeping names: Set<String>) -> Bool {
        var info = stat()
        guard lstat(previous, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(),
              let held = try? FileManager.default.contentsOfDirectory(atPath: previous),
              held.count(where: { !names.contains($0) }) <= names.count,
              rename(previous, staging) == 0 else { return false }
        // What was renamed is ours alone now; it is used only if it is still a plain folder of
        // ours, made like a new one (its mode is what `Output/` will have), holding only plain
        // files the new set replaces. Anything that cannot be made so: the folder goes back,
        // as far as it was cleared, and a new one is made.
        guard lstat(staging, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            _ = unlink(staging)
            return false
        }
        let fm = FileManager.default
        var usable = info.st_uid == geteuid() && chmod(staging, 0o700) == 0
        if usable, let entries = try? fm.contentsOfDirectory(atPath: staging) {
            for entry in entries {
                let path = PathName.join(staging, entry)
                if names.contains(entry) && lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { continue }
                do { try fm.removeItem(atPath: path) } catch { usable = false; break }
            }
        } else {
            usable = false
        }
        if !usable && rename(staging, previous) != 0 { try? fm.removeItem(atPath: staging) }
        return usable
    }

    /// A new set of files being written beside the folder (see `stage(replacing:)`).
    public final class Staging: Sendable {
        let folder: OutputFolder
        let path: String
        let target: String
        let targetExists: Bool
        /// The files the set replaces; the folder's other files are kept.
        let replacing: Set<String>
        /// Each file written is synced (fsync) on this queue, one after another, while the
        /// build goes on making the others; `commit()` waits for the queue before the set
        /// takes the folder's place. Synced at commit, one after another, the six files of a
        /// build at N = 10,000 kept it waiting 3 ms on one core at its very end (DECISIONS 37).
        private let syncing = DispatchQueue(label: "brochure.output.sync")
        /// Files handed to `syncing` and not synced yet, and the syncs that failed.
        private let syncs = Mutex<(pending: Int, failures: [Failure])>((0, []))
        /// Where the set this one replaces is kept for the next build to write over.
        let previous: String
        /// The folder is the set before the last (`claim`): its files are written over.
        let reusesFiles: Bool
        /// The names written so far: a name is written once, and in a folder that was the set
        /// before the last, a name the set replaces but that was not written must not keep
        /// its old file.
        private let written = Mutex<Set<String>>([])
        /// When more written files than this wait for their sync (each open), a writer waits
        /// until the queue has synced them all: a build of many editions keeps at most this
        /// many, and one more per writer at work, open (far from the process's limit).
        static let unsyncedLimit = 64

        init(folder: OutputFolder, path: String, target: String, targetExists: Bool, replacing: Set<String>,
             previous: String, reusesFiles: Bool) {
            self.folder = folder
            self.path = path
            self.target = target
            self.targetExists = targetExists
            self.replacing = replacing
            self.previous = previous
            self.reusesFiles = reusesFiles
        }

        /// Writes one new file of the set (on the device by the time `commit()` returns).
        public func write(_ bytes: [UInt8], name: String) throws(Failure) {
            try bytes.withUnsafeBytes { buffer in Result { () throws(Failure) in try writeFile(buffer, name: name) } }.get()
        }

        /// Writes one new file of the set: the text's UTF-8, without a copy.
        public func write(_ text: String, name: String) throws(Failure) {
            var text = text
            try text.withUTF8 { buffer in Result { () throws(Failure) in try writeFile(UnsafeRawBufferPointer(buffer), name: name) } }.get()
        }

        private func writeFile(_ bytes: UnsafeRawBufferPointer, name: String) throws(Failure) {
            let output = try open(name)
            output.append(bytes)
            try written(output)
        }

        /// Opens the file `name` of the set, to be written once.
        private func open(_ name: String) throws(Failure) -> OutputFolder.OpenFile {
            guard written.withLock({ $0.insert(name).inserted }) else {
                throw Failure(path: file(name), reason: String(cString: strerror(EEXIST)))
            }
            return try OutputFolder.OpenFile(file(name), overwriting: reusesFiles)
        }

        /// A file of the set is written: its data goes to the device, and `commit()` waits for it.
        private func written(_ output: OpenFile) throws(Failure) {
            try output.finishWriting()
            let backlog = syncs.withLock { syncs in
                syncs.pending += 1
                return syncs.pending
            }
            if backlog > Self.unsyncedLimit { syncing.sync {} }
            syncing.async { [self] in
                let failure: Failure?
                do throws(Failure) { try output.sync(); failure = nil } catch { failure = error }
                syncs.withLock { syncs in
                    syncs.pending -= 1
                    if let failure { syncs.failures.append(failure) }
                }
            }
        }

        /// Writes one new file of the set from pieces of UTF-8 that `produce` hands over as it
        /// makes them (a writer's `chunks:`), so the file is never held whole in memory.
        public func write(name: String, _ produce: (_ chunks: @escaping (UnsafeRawBufferPointer) -> Void) -> Void) throws(Failure) {
            let output = try open(name)
            produce { chunk in output.append(chunk) }
            try written(output)
        }

        /// Puts the set in the folder's place, at once. The folder's files that the set does not
        /// replace (the README, other editions, an export) are copied in just before, so what
        /// another command wrote meanwhile is kept.
        /// Returns the names of the files kept from the folder (not in the new set), sorted.
        @discardableResult
        public func commit() throws(Failure) -> [String] {
            var kept: [String] = []
            do throws(Failure) {
                // Every new file is on the device before the set takes the folder's place: a
                // crash cannot leave the folder holding files that were never written. The
                // first that failed (by name) is reported.
                syncing.sync {}
                if let failure = syncs.withLock({ $0.failures }).min(by: { $0.path < $1.path }) { throw failure }
                if reusesFiles { try removeUnwritten() }
                if targetExists { kept = try keepOtherFiles() }
                // The set is readable by all from the moment it is the folder (0755, as `Output/`
                // has always been), and not before.
                guard chmod(path, 0o755) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
                try folder.swap(staging: path, into: target, exists: targetExists)
            } catch {
                abandon()
                throw error
            }
            // The old set is kept for the next build to write over. Where that cannot be (another
            // build kept its own meanwhile), it is removed on all cores: the system frees a
            // large file's blocks as it unlinks it, and this is the last thing a build waits for.
            // It is kept readable by its owner alone, made so before it is kept: a folder
            // published by a web server must not go on serving the set it replaced (a figure
            // corrected stays corrected). Only a plain folder of ours is kept; a link found in
            // its place is removed, never followed.
            var info = stat()
            guard lstat(path, &info) == 0 else { return kept }
            if info.st_mode & S_IFMT == S_IFLNK {
                _ = unlink(path)
                return kept
            }
            if info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(), chmod(path, 0o700) == 0, rename(path, previous) == 0 {
                return kept
            }
            let old = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            _ = old.parallelMap { name in unlink(PathName.join(path, name)) }
            try? FileManager.default.removeItem(atPath: path)
            return kept
        }

        /// The old files, in a folder that was the set before the last, of names the set
        /// replaces but that were not written: they are not part of the new set.
        private func removeUnwritten() throws(Failure) {
            let written = written.withLock { $0 }
            for name in replacing.subtracting(written) where unlink(file(name)) != 0 && errno != ENOENT {
                throw Failure(path: file(name), reason: String(cString: strerror(errno)))
            }
        }

        /// Puts the folder's files that the set does not replace into the set, as they are: each
        /// is linked (the same file under a second name: its date, permissions and bytes
        /// unchanged, nothing copied), or, where the file system cannot link it (a folder, a
        /// file system without hard links), copied with its dates. Returns their names.
        private func keepOtherFiles() throws(Failure) -> [String] {
            let fm = FileManager.default
            let kept = ((try? fm.contentsOfDirectory(atPath: target)) ?? []).filter { !replacing.contains($0) }.sorted()
            // Hidden files too: a folder a web server publishes holds its `.htaccess`.
            for file in kept {
                let from = PathName.join(target, file), to = self.file(file)
                // A file linked here is never written over in place by a later build: a file
                // with more than one name is made anew (`OpenFile.openToWriteOver`).
                if link(from, to) == 0 { continue }
                do { try fm.copyItem(atPath: from, toPath: to) } catch {
                    throw Failure(path: from, reason: "cannot keep this file: \(OutputFolder.reason(error))")
                }
                var info = stat()
                if lstat(from, &info) == 0 {
                    let times = [info.st_atim, info.st_mtim]
                    _ = utimensat(AT_FDCWD, to, times, AT_SYMLINK_NOFOLLOW)
                }
            }
            return kept
        }

        /// Drops the set; the folder stays as it was. (What was written is removed, not kept
        /// to be written over: a build that failed for want of space must not keep it taken.)
        public func abandon() {
            try? FileManager.default.removeItem(atPath: path)
        }

        private func file(_ name: String) -> String { PathName.join(path, name) }
    }

    /// A new file being written piece by piece; the first failure is kept and reported by
    /// `finishWriting()`.
    fileprivate final class OpenFile: @unchecked Sendable {
        let path: String
        let fd: Int32
        private var failure: Failure?
        /// The file was there (the set before the last) and is written over: it is cut to
        /// what was written when done.
        private let writesOver: Bool
        private var length = 0

        /// `overwriting`: a file of that name already there is written over, if it is a plain
        /// file with no other name (a hard link made elsewhere must not change); anything else
        /// there is unlinked, and the file made anew.
        init(_ path: String, overwriting: Bool) throws(Failure) {
            self.path = path
            if overwriting, let fd = Self.openToWriteOver(path) {
                self.fd = fd
                writesOver = true
                return
            }
            writesOver = false
            if overwriting && unlink(path) != 0 && errno != ENOENT {
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        }

        /// The file at `path` opened to be written over from its start, or nil: not there, a
        /// link (never followed), not a plain file of ours, or a file with other names.
        private static func openToWriteOver(_ path: String) -> Int32? {
            let fd = Glibc.open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, info.st_uid == geteuid() else {
                close(fd)
                return nil
            }
            return fd
        }

        deinit { close(fd) }

        func append(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else { failure = Failure(path: path, reason: String(cString: strerror(errno))); return }
                offset += written
            }
            length += bytes.count
        }

        /// The whole file is written: a failed write is thrown, and the data starts on its way
        /// to the device without being waited for.
        func finishWriting() throws(Failure) {
            if let failure { throw failure }
            // A file written over ends where the new text ends.
            if writesOver && ftruncate(fd, off_t(length)) != 0 || fchmod(fd, 0o644) != 0 {
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            // Only a head start for `sync()`: where the system cannot start writing early, the
            // fsync does all the work (and reports any failure).
            _ = brochure_start_writeback(fd)
        }

        /// Waits until the file's data is on the device.
        func sync() throws(Failure) {
            guard fsync(fd) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        }
    }

    /// Puts `staging` in `target`'s place; afterwards `staging` holds the old files (or nothing).
    fileprivate func swap(staging: String, into target: String, exists: Bool) throws(Failure) {
        if !exists {
            if rename(staging, target) == 0 { return }
            // Another build made Output/ meanwhile: exchange with it instead.
            guard errno == ENOTEMPTY || errno == EEXIST else { throw Failure(path: target, reason: String(cString: strerror(errno))) }
        }
        if brochure_exchange(staging, target) == 0 { return }
        // File systems without RENAME_EXCHANGE: two renames, with the old set kept until the end.
        let old = staging + ".old"
        guard rename(target, old) == 0 else { throw Failure(path: target, reason: String(cString: strerror(errno))) }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, target)
            throw Failure(path: target, reason: reason)
        }
        _ = rename(old, staging)
    }

    /// Staging folders left by a build that was killed. Where a build was killed between the
    /// two renames of the fallback swap, `Output/` is missing and its old set waits in
    /// `….old`: it is put back first.
    private func removeStaleStaging(parent: String, name: String, target: String) {
        let prefix = ".\(name).staging-"
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
        for entry in entries {
            let pidText = entry.dropFirst(prefix.count).prefix { $0 != "-" }
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue } // another build is running
            let path = PathName.join(parent, entry)
            if entry.hasSuffix(".old") && !fm.fileExists(atPath: target) && rename(path, target) == 0 { continue }
            try? fm.removeItem(atPath: path)
        }
    }

    /// The system's words for a failed file operation ("Permission denied", "No space left on device").
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        guard let cocoa = error as? CocoaError else { return String(describing: error) }
        if let underlying = cocoa.underlying as? POSIXError { return String(cString: strerror(underlying.code.rawValue)) }
        switch cocoa.code {
        case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
        case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
        case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
        case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
        default: return "the operation could not be completed (Cocoa error \(cocoa.code.rawValue))"
        }
    }
}
