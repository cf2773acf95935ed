import CFileSystem
import Foundation

/// Replaces the files of `Output/` all at once: everything is written to a staging folder
/// beside it, which then takes `Output/`'s place in one rename. A failure at any point
/// leaves `Output/` as it was.
public struct OutputFolder: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): error: [io] \(reason)" }
    }

    public var path: String

    public init(path: String) { self.path = path }

    /// Writes `files` (name → contents) into the folder. Files already there that are not
    /// replaced are kept. Returns when the new set is in place.
    public func replace(with files: [String: [UInt8]]) throws(Failure) {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let staging = (parent as NSString).appendingPathComponent(".\(name).staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        removeStaleStaging(parent: parent, name: name, target: url.path)
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw Failure(path: path, reason: "exists but is not a folder; move it away and build again")
        }
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        } catch {
            throw Failure(path: parent, reason: "cannot create a staging folder: \(Self.reason(error))")
        }
        do throws(Failure) {
            if exists {
                // Keep what this build does not replace (the README, other editions).
                let kept = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                for file in kept.sorted() where files[file] == nil && !file.hasPrefix(".") {
                    let from = (url.path as NSString).appendingPathComponent(file)
                    let to = (staging as NSString).appendingPathComponent(file)
                    do { try fm.copyItem(atPath: from, toPath: to) } catch {
                        throw Failure(path: from, reason: "cannot keep this file: \(Self.reason(error))")
                    }
                }
            }
            for (file, bytes) in files.sorted(by: { $0.key < $1.key }) {
                try writeFile(bytes, to: (staging as NSString).appendingPathComponent(file))
            }
            try swap(staging: staging, into: url.path, exists: exists)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        try? fm.removeItem(atPath: staging)
    }

    private func writeFile(_ bytes: [UInt8], to file: String) throws(Failure) {
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: file, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw Failure(path: file, reason: String(cString: strerror(errno))) }
            offset += written
        }
        guard fsync(fd) == 0 else { throw Failure(path: file, reason: String(cString: strerror(errno))) }
        fchmod(fd, 0o644)
    }

    /// Puts `staging` in `target`'s place; afterwards `staging` holds the old files (or nothing).
    private func swap(staging: String, into target: String, exists: Bool) throws(Failure) {
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
            let path = (parent as NSString).appendingPathComponent(entry)
            if entry.hasSuffix(".old") && !fm.fileExists(atPath: target) && rename(path, target) == 0 { continue }
            try? fm.removeItem(atPath: path)
        }
    }

    /// The system's words for a failed file operation ("Permission denied", "No space left on device").
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch nsError.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return String(cString: strerror(EACCES))
        case NSFileWriteOutOfSpaceError: return String(cString: strerror(ENOSPC))
        case NSFileWriteVolumeReadOnlyError: return String(cString: strerror(EROFS))
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return String(cString: strerror(ENOENT))
        default: return nsError.localizedDescription
        }
    }
}
