@testable import BrochureKit
import Foundation
import Testing

/// Output/ changes all at once, whatever happens to the build: killed, disk full, no
/// permission, two at a time; and the same inputs always give the same bytes.
@Suite(.serialized) struct OutputSafetyTests {
    static func setPopulation(_ value: String, in project: String) throws {
        let path = (project as NSString).appendingPathComponent("Profiles/almaty-region.xml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let changed = text.replacingOccurrences(of: #"id="population" value="[0-9]+""#, with: "id=\"population\" value=\"\(value)\"", options: .regularExpression)
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The files of Output/ built from the project with the given population, in a copy.
    static func reference(population: String) throws -> [String: Data] {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        try setPopulation(population, in: project)
        let run = try TestSupport.brochure(["build"], in: project)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return try BuildCommandTests.snapshot(project)
    }

    /// A `brochure build` in `project`, not started yet, its output discarded.
    static func build(in project: String) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.executable)
        process.arguments = ["build"]
        process.currentDirectoryURL = URL(fileURLWithPath: project)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    static func leftovers(_ project: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".Output.staging-") }
    }

    /// Editions are written into the staging folder as they are made: an error found only
    /// when a later edition is resolved (a Kazakh number used as a date) must drop them all.
    @Test func anErrorInOneEditionLeavesOutputAsItWas() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        let before = try BuildCommandTests.snapshot(project)
        let kk = (project as NSString).appendingPathComponent("Locales/kk.xml")
        let text = try String(contentsOfFile: kk, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "{population, number, ::compact-long}</message>", with: "{population, date}</message>")
        #expect(broken != text)
        try broken.write(toFile: kk, atomically: true, encoding: .utf8)
        let run = try TestSupport.brochure(["build"], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Locales/kk.xml:79:"), "\(run.stderr)")
        #expect(run.stderr.contains("is a quantity"), "\(run.stderr)")
        #expect(try BuildCommandTests.snapshot(project) == before)
        #expect(try Self.leftovers(project).isEmpty)
    }

    /// Written files wait, open, for `commit()` to put them on the device: a set of many
    /// files keeps only so many open at once, every file lands whole, from any thread, and the
    /// old set is gone afterwards.
    @Test func aLargeSetStaysWithinTheOpenFileLimitAndLandsWhole() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("Output")
        let count = OutputFolder.Staging.unsyncedLimit * 3
        @Sendable func contents(_ index: Int, _ round: String) -> [UInt8] { Array("\(round) \(index) ".utf8) + [UInt8](repeating: UInt8(index % 251), count: index * 97) }
        // The files open in this test's folder: the test process runs other suites at the same
        // time, and their open files come and go (counting every descriptor made this flaky).
        let root = (folder as NSString).resolvingSymlinksInPath
        func openFiles() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count { descriptor in
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + descriptor)
                return target?.hasPrefix(root + "/") == true
            }
        }
        for round in ["old", "new"] {
            let names = (0..<count).map { "file\($0).html" }
            let staging = try OutputFolder(path: output).stage(replacing: Set(names))
            let before = try openFiles()
            let failures = Array(0..<count).parallelMap { index -> String? in
                do throws(OutputFolder.Failure) { try staging.write(contents(index, round), name: names[index]) } catch { return error.description }
                return nil
            }
            #expect(failures.compactMap { $0 }.isEmpty)
            #expect(try openFiles() <= before + OutputFolder.Staging.unsyncedLimit)
            try staging.commit()
            #expect(try openFiles() <= before)
            for index in 0..<count {
                #expect(FileManager.default.contents(atPath: (output as NSString).appendingPathComponent(names[index])) == Data(contents(index, round)))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).count == count)
        #expect(try Self.leftovers(folder).isEmpty)
    }

    /// A file another command writes into Output/ while a build runs (an export) is kept:
    /// the files a build does not replace are taken over just before the swap.
    @Test func aFileWrittenDuringABuildIsKept() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("Output")
        try OutputFolder(path: output).replace(with: ["a.html": Array("old".utf8), "README": Array("r".utf8)])
        let staging = try OutputFolder(path: output).stage(replacing: ["a.html"])
        try Data("export".utf8).write(to: URL(fileURLWithPath: (output as NSString).appendingPathComponent("kk.xlf")))
        try staging.write(Array("new".utf8), name: "a.html")
        try staging.commit()
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(files == ["README", "a.html", "kk.xlf"])
        #expect(FileManager.default.contents(atPath: (output as NSString).appendingPathComponent("a.html")) == Data("new".utf8))
        #expect(try Self.leftovers(folder).isEmpty)
    }

    /// A file the build does not make stays as it was: the same file (its inode), its date,
    /// its bytes; and the edition files kept so are named, as they may be out of date.
    @Test func aKeptFileKeepsItsDateAndIsNamedWhenItIsAnEdition() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = (project as NSString).appendingPathComponent("Output")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let old = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        var inodes: [String: Int] = [:]
        for name in ["notes.txt", "brochure.pl.pdf"] {
            let path = (output as NSString).appendingPathComponent(name)
            try Data("earlier \(name)".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
            inodes[name] = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        }
        let run = try TestSupport.brochure(["build"], in: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Kept as earlier builds left them (not remade now, so perhaps out of date): brochure.pl.pdf\n"), "\(run.stdout)")
        #expect(!run.stdout.contains("notes.txt"))
        for name in ["notes.txt", "brochure.pl.pdf"] {
            let path = (output as NSString).appendingPathComponent(name)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(attributes[.modificationDate] as? Date == old, "\(name)")
            #expect(attributes[.systemFileNumber] as? Int == inodes[name], "\(name)")
            #expect(FileManager.default.contents(atPath: path) == Data("earlier \(name)".utf8))
        }
    }

    /// The output folder is replaced as a whole: the project folder, a folder holding it and
    /// the input folders are refused (exit 2), and nothing in the project changes.
    @Test func anOutputFolderThatIsTheProjectOrAnInputIsRefused() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let inode = try FileManager.default.attributesOfItem(atPath: project)[.systemFileNumber] as? Int
        let cases: [(arguments: [String], message: String)] = [
            (["build", "--output", "."], ".: error: [usage] is the project folder itself"),
            (["build", "brochure", "--locale", "pl", "--output", ".."], "..: error: [usage] holds the project folder"),
            (["build", "--output", "Locales"], "Locales: error: [usage] lies in the project's Locales/ folder"),
            (["build", "--output", "Templates/new"], "Templates/new: error: [usage] lies in the project's Templates/ folder"),
            (["validate", "--report", "--output", "Profiles"], "Profiles: error: [usage] lies in the project's Profiles/ folder"),
        ]
        for (arguments, message) in cases {
            let run = try TestSupport.brochure(arguments, in: project)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: project)[.systemFileNumber] as? Int == inode)
        #expect(!FileManager.default.fileExists(atPath: (project as NSString).appendingPathComponent("Templates/new")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: (project as NSString).appendingPathComponent("Locales")).sorted()
            == ["en.xml", "history", "kk.xml", "pl.xml"])
    }

    /// The set a build replaces waits in `.Output.previous/`, and the build after next writes
    /// over its files in place: each ends where the new text ends, files the new set does
    /// not hold are taken from `Output/` as it is then (a file deleted there stays deleted),
    /// and nothing else is left in it.
    @Test func theSetBeforeTheLastIsWrittenOver() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("Output")
        let previous = (folder as NSString).appendingPathComponent(".Output.previous")
        func file(_ folder: String, _ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        func contents(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }
        let long = String(repeating: "first round, a long text; ", count: 400)
        try OutputFolder(path: output).replace(with: ["a.html": Array(long.utf8), "b.html": Array("b1".utf8),
                                                      "c.txt": Array("c1".utf8), "d.txt": Array("d1".utf8)])
        #expect(!FileManager.default.fileExists(atPath: previous))
        // c.txt and d.txt are not in the second set: they are kept from Output/.
        try OutputFolder(path: output).replace(with: ["a.html": Array("second".utf8), "b.html": Array("b2".utf8)])
        #expect(contents(file(previous, "a.html")) == long)
        // The first set's a.html, held open: the third set is written into this very file.
        let held = open(file(previous, "a.html"), O_RDONLY)
        try #require(held >= 0)
        defer { close(held) }
        try Data("c changed".utf8).write(to: URL(fileURLWithPath: file(output, "c.txt")))
        try FileManager.default.removeItem(atPath: file(output, "d.txt"))
        try OutputFolder(path: output).replace(with: ["a.html": Array("third".utf8), "b.html": Array("b3".utf8)])
        var buffer = [UInt8](repeating: 0, count: 64)
        let read = pread(held, &buffer, buffer.count, 0)
        #expect(read == 5 && String(decoding: buffer.prefix(5), as: UTF8.self) == "third", "written over in place, cut to its length")
        #expect(contents(file(output, "a.html")) == "third")
        #expect(contents(file(output, "b.html")) == "b3")
        #expect(contents(file(output, "c.txt")) == "c changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["a.html", "b.html", "c.txt"])
        #expect(contents(file(previous, "a.html")) == "second")
        // One report written: the kept set, mostly other files, is left for a build to take.
        try OutputFolder(path: output).replace(with: ["report.html": Array("r".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["a.html", "b.html", "c.txt", "report.html"])
        #expect(contents(file(previous, "a.html")) == "second")
        #expect(try Self.leftovers(folder).isEmpty)
    }

    /// In a folder that was the set before the last, a name the set replaces but never
    /// writes does not bring its old file back, and a name is written once.
    @Test func aNameStagedButNotWrittenIsNotPublishedStale() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("Output")
        for round in ["1", "2"] {
            try OutputFolder(path: output).replace(with: ["a.html": Array("a\(round)".utf8), "b.html": Array("b\(round)".utf8)])
        }
        let staging = try OutputFolder(path: output).stage(replacing: ["a.html", "b.html"])
        #expect(staging.reusesFiles)
        try staging.write(Array("a3".utf8), name: "a.html")
        #expect(throws: OutputFolder.Failure.self) { try staging.write(Array("again".utf8), name: "a.html") }
        try staging.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["a.html"])
        #expect(FileManager.default.contents(atPath: (output as NSString).appendingPathComponent("a.html")) == Data("a3".utf8))
    }

    /// A file of the kept set that has another name (a hard link a publisher made) or is a
    /// symbolic link is never written through: the file is made anew.
    @Test func aKeptFileWithAnotherNameOrALinkIsNotWrittenThrough() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("Output")
        let previous = (folder as NSString).appendingPathComponent(".Output.previous")
        func file(_ folder: String, _ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        try OutputFolder(path: output).replace(with: ["a.html": Array("one".utf8), "b.html": Array("b one".utf8)])
        let published = file(folder, "published.html")
        #expect(link(file(output, "a.html"), published) == 0)
        let elsewhere = file(folder, "elsewhere.txt")
        try Data("not ours".utf8).write(to: URL(fileURLWithPath: elsewhere))
        try OutputFolder(path: output).replace(with: ["a.html": Array("two".utf8), "b.html": Array("b two".utf8)])
        // The kept set holds the first a.html (two names) and b.html, made a link here.
        try FileManager.default.removeItem(atPath: file(previous, "b.html"))
        try FileManager.default.createSymbolicLink(atPath: file(previous, "b.html"), withDestinationPath: elsewhere)
        try OutputFolder(path: output).replace(with: ["a.html": Array("three".utf8), "b.html": Array("b three".utf8)])
        #expect(FileManager.default.contents(atPath: published) == Data("one".utf8))
        #expect(FileManager.default.contents(atPath: elsewhere) == Data("not ours".utf8))
        #expect(FileManager.default.contents(atPath: file(output, "a.html")) == Data("three".utf8))
        #expect(FileManager.default.contents(atPath: file(output, "b.html")) == Data("b three".utf8))
        let type = try FileManager.default.attributesOfItem(atPath: file(output, "b.html"))[.type] as? FileAttributeType
        #expect(type == .typeRegular)
    }

    /// `Output` may be a symbolic link to the folder the files are published from: the build
    /// replaces that folder's files, keeps the others there (hidden ones too), leaves the link
    /// a link, and keeps the replaced set beside that folder, readable by its owner alone.
    @Test func anOutputThatIsALinkIsReplacedWhereItPoints() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fm = FileManager.default
        func path(_ relative: String) -> String { (folder as NSString).appendingPathComponent(relative) }
        try fm.createDirectory(atPath: path("project"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: path("www/brochures"), withIntermediateDirectories: true)
        try Data("the site's own".utf8).write(to: URL(fileURLWithPath: path("www/brochures/index.html")))
        try Data("Options -Indexes".utf8).write(to: URL(fileURLWithPath: path("www/brochures/.htaccess")))
        // A link to a link to the folder.
        try fm.createSymbolicLink(atPath: path("www/current"), withDestinationPath: "brochures")
        let output = path("project/Output")
        try fm.createSymbolicLink(atPath: output, withDestinationPath: "../www/current")
        for round in ["one", "two", "three"] {
            try OutputFolder(path: output).replace(with: ["a.html": Array(round.utf8), "b.html": Array("b".utf8)])
            #expect(try fm.destinationOfSymbolicLink(atPath: output) == "../www/current", "round \(round)")
            #expect(try fm.destinationOfSymbolicLink(atPath: path("www/current")) == "brochures")
            #expect(fm.contents(atPath: path("www/brochures/a.html")) == Data(round.utf8))
            #expect(fm.contents(atPath: path("www/brochures/index.html")) == Data("the site's own".utf8))
            #expect(fm.contents(atPath: path("www/brochures/.htaccess")) == Data("Options -Indexes".utf8))
            #expect((try fm.attributesOfItem(atPath: path("www/brochures"))[.posixPermissions] as? Int) == 0o755)
        }
        #expect(try fm.contentsOfDirectory(atPath: path("www/brochures")).sorted() == [".htaccess", "a.html", "b.html", "index.html"])
        // The replaced set waits beside the published folder: a folder, readable by its owner
        // alone, holding the second round; nothing is left beside the link or half made.
        let kept = path("www/.brochures.previous")
        #expect((try fm.attributesOfItem(atPath: kept)[.type] as? FileAttributeType) == .typeDirectory)
        #expect((try fm.attributesOfItem(atPath: kept)[.posixPermissions] as? Int) == 0o700)
        #expect(fm.contents(atPath: (kept as NSString).appendingPathComponent("a.html")) == Data("two".utf8))
        #expect(try fm.contentsOfDirectory(atPath: path("www")).sorted() == [".brochures.previous", "brochures", "current"])
        #expect(try fm.contentsOfDirectory(atPath: path("project")) == ["Output"])
    }

    /// A link to nothing is said to be one before anything is built.
    @Test func anOutputLinkToNothingIsReported() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("Output")
        try FileManager.default.createSymbolicLink(atPath: output, withDestinationPath: "gone")
        #expect {
            try OutputFolder(path: output).replace(with: ["a.html": Array("a".utf8)])
        } throws: { error in
            "\(error)" == "\(output): error: [io] is a symbolic link to \"gone\", which cannot be reached (No such file or directory); point it at a folder, or remove it"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["Output"])
    }

    @Test func killedBuildsLeaveTheOldSetOrTheNew() throws {
        let a = try Self.reference(population: "1900000")
        let b = try Self.reference(population: "2000000")
        #expect(a != b)
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        var outcomes: [String: Int] = [:]
        for round in 0..<30 {
            try Self.setPopulation(round.isMultiple(of: 2) ? "2000000" : "1900000", in: project)
            let process = Self.build(in: project)
            try process.run()
            usleep(UInt32.random(in: 0...250_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try BuildCommandTests.snapshot(project)
            #expect(now == a || now == b, "round \(round): Output/ is neither the old set nor the new")
            outcomes[now == a ? "old or A" : "B", default: 0] += 1
        }
        // The next build cleans up whatever a killed one left, and succeeds.
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        #expect(try Self.leftovers(project).isEmpty)
        #expect(outcomes.values.reduce(0, +) == 30)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root (CI runs as root)"))
    func fullDiskKeepsTheOldOutput() throws {
        let mount = try TestSupport.temporaryFolder()
        defer { _ = try? TestSupport.run("/bin/umount", [mount]); try? FileManager.default.removeItem(atPath: mount) }
        let mounted = try TestSupport.run("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mount])
        try #require(mounted.status == 0, "\(mounted.stderr)")
        let source = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let project = (mount as NSString).appendingPathComponent("project")
        try FileManager.default.copyItem(atPath: source, toPath: project)
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        let before = try BuildCommandTests.snapshot(project)
        try Self.setPopulation("2000000", in: project)
        // Fill the disk to the last block.
        let filler = (mount as NSString).appendingPathComponent("filler")
        _ = try TestSupport.run("/bin/dd", ["if=/dev/zero", "of=\(filler)", "bs=4k"])
        let run = try TestSupport.brochure(["build"], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
        #expect(run.stderr.contains("Output/ was not changed"))
        #expect(try BuildCommandTests.snapshot(project) == before)
        #expect(try Self.leftovers(project).isEmpty)
    }

    @Test(.enabled(if: getuid() == 0, "dropping privileges needs root (CI runs as root)"))
    func permissionDeniedKeepsTheOldOutput() throws {
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.brochure(["build"], in: project).status == 0)
        let before = try BuildCommandTests.snapshot(project)
        try Self.setPopulation("2000000", in: project)
        let run = try TestSupport.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", TestSupport.executable, "build"], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("Permission denied"), "\(run.stderr)")
        #expect(try BuildCommandTests.snapshot(project) == before)
    }

    @Test func twoBuildsAtOnceLeaveAWholeSet() throws {
        let expected = try Self.reference(population: "1900000")
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        for _ in 0..<5 {
            let processes = (0..<2).map { _ in Self.build(in: project) }
            for process in processes { try process.run() }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
            #expect(try BuildCommandTests.snapshot(project) == expected)
        }
        #expect(try Self.leftovers(project).isEmpty)
    }

    @Test func twentyBuildsAreByteIdenticalWhateverTheEnvironment() throws {
        let expected = try Self.reference(population: "1900000")
        let project = try TestSupport.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let zones = ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Almaty"]
        let locales = ["C", "pl_PL.UTF-8", "kk_KZ.UTF-8", "en_US.UTF-8", "tr_TR.UTF-8"]
        for round in 0..<20 {
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = zones[round % zones.count]
            environment["LANG"] = locales[round % locales.count]
            environment["LC_ALL"] = locales[(round + 2) % locales.count]
            environment.removeValue(forKey: "SWIFT_DETERMINISTIC_HASHING")
            // Half of the builds run from another folder, naming the project.
            let elsewhere = round.isMultiple(of: 2)
            let arguments = elsewhere ? ["build", "--project", project] : ["build"]
            let run = try TestSupport.run(TestSupport.executable, arguments, in: elsewhere ? NSTemporaryDirectory() : project, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try BuildCommandTests.snapshot(project) == expected, "round \(round)")
        }
    }
}
