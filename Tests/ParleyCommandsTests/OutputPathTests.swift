// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// Where commands write and what they open: outputs only to regular files or new names,
/// `report` reading without changing anything, and bad `--db` values refused as usage (exit 2).
@Suite(.serialized) struct OutputPathTests {
    /// A directory with the small scenario and a results file holding one run of it.
    static func storedRun() throws -> (directory: String, scenario: String, db: String) {
        let scenario = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let directory = (scenario as NSString).deletingLastPathComponent
        let db = directory + "/results.db"
        let run = try ParleyProcess.run(["run", scenario, "--db", db, "--replications", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        return (directory, scenario, db)
    }

    static func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    @Test func reportRefusesOutputsThatAreNotRegularFiles() throws {
        let (directory, _, db) = try Self.storedRun()
        let target = directory + "/target.html"
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        let link = directory + "/link.html", fifo = directory + "/fifo.html", folder = directory + "/folder"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for (path, type, reason) in [(link, S_IFLNK, "symbolic link"), (fifo, S_IFIFO, "FIFO"),
                                     (folder, S_IFDIR, "directory")] {
            let output = try ParleyProcess.run(["report", db, "--out", path])
            #expect(output.status == 2, "\(path): \(output.stderr)")
            #expect(output.stderr.contains("\(path): error: ") && output.stderr.contains(reason), "\(output.stderr)")
            #expect(Self.fileType(path) == type, "\(path) left as it was")
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        #expect(try ParleyProcess.run(["report", db, "--out", ""]).status == 2)
        // A regular file and a new name are written.
        #expect(try ParleyProcess.run(["report", db, "--out", target]).status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try ParleyProcess.run(["report", db, "--out", directory + "/new.html"]).status == 0)
    }

    @Test func staffRefusesAPlanOutputThatIsASymbolicLink() throws {
        let file = try ParleyProcess.temporaryFile("morning.yaml", StaffCommandTests.morning)
        let directory = (file as NSString).deletingLastPathComponent
        let link = directory + "/plan.yaml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory + "/elsewhere.yaml")
        let output = try ParleyProcess.run(["staff", file, "--no-db", "--plan-out", link])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stderr.contains("symbolic link"), "\(output.stderr)")
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere.yaml"))
    }

    @Test func reportLeavesForeignAndNewerFilesUnchanged() throws {
        let (directory, _, db) = try Self.storedRun()
        let foreign = directory + "/foreign.sqlite"
        do {
            let database = try Database(path: foreign)
            try database.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        }
        let newer = directory + "/newer.sqlite"
        do {
            let database = try Database(path: newer)
            try database.migrate()
            try database.execute("""
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(Migration.latestVersion + 1), 'from the future', '2099-01-01T00:00:00Z')
                """)
        }
        for (path, message) in [(foreign, "not a Parley results database"), (newer, "newer Parley")] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let output = try ParleyProcess.run(["report", path, "--out", directory + "/r.html"])
            #expect(output.status == 2, "\(output.stderr)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(path) unchanged")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            #expect(try DatabaseFile(path: path).text("PRAGMA journal_mode") == "delete")
        }
        // A run's own file is read, not written: its run count and schema stay.
        let reportOfRun = try ParleyProcess.run(["report", db, "--out", directory + "/r.html"])
        #expect(reportOfRun.status == 0, "\(reportOfRun.stderr)")
        #expect(try DatabaseFile(path: db).integer("SELECT count(*) FROM runs") == 1)
    }

    @Test func badDatabasePathsAreUsageErrors() throws {
        let scenario = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let directory = (scenario as NSString).deletingLastPathComponent
        let empty = try ParleyProcess.run(["run", scenario, "--db", "", "--replications", "1"])
        #expect(empty.status == 2, "\(empty.stderr)")
        #expect(empty.stderr.contains("--db needs a file name"), "\(empty.stderr)")
        let folder = try ParleyProcess.run(["run", scenario, "--db", directory, "--replications", "1"])
        #expect(folder.status == 2, "\(folder.stderr)")
        #expect(folder.stderr.hasPrefix("\(directory): error: "), "\(folder.stderr)")
        #expect(folder.stdout.isEmpty, "nothing simulated")
        let unopenable = try ParleyProcess.run(["run", scenario, "--db", scenario + "/results.db", "--replications", "1"])
        #expect(unopenable.status == 2, "\(unopenable.stderr)")
        let foreign = directory + "/foreign.sqlite"
        try Database(path: foreign).execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        let notOurs = try ParleyProcess.run(["run", scenario, "--db", foreign, "--replications", "1"])
        #expect(notOurs.status == 2 && notOurs.stderr.contains("not a Parley results database"), "\(notOurs.stderr)")
        let staff = try ParleyProcess.run(["staff", try ParleyProcess.temporaryFile("m.yaml", StaffCommandTests.morning),
                                           "--db", directory])
        #expect(staff.status == 2, "\(staff.stderr)")
        #expect(try ParleyProcess.run(["bench", "--agents", "2", "--queues", "1", "--db", ""]).status == 2)
    }
}
