// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `parley show DB --json`: a stored run in the bytes `parley run --json` printed.
@Suite(.serialized) struct ShowCommandTests {
    static func directory() throws -> String {
        (try ParleyProcess.temporaryFile("x", "") as NSString).deletingLastPathComponent
    }

    @Test func showPrintsTheBytesTheRunPrinted() throws {
        let db = try Self.directory() + "/show.db"
        let arguments = ["scenarios/examples/quickstart.yaml", "--set", "duration=2h", "--replications", "3", "--jobs", "2"]
        let run = try ParleyProcess.run(["run"] + arguments + ["--db", db, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let show = try ParleyProcess.run(["show", db, "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout == run.stdout)
        let text = try ParleyProcess.run(["show", db, "--run", "1"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("quickstart: 3 replications, seed 42, run 1 in \(db)\nmetric "))
    }

    @Test func anUnknownRunOrFileIsBadUsage() throws {
        let dir = try Self.directory()
        let missing = try ParleyProcess.run(["show", dir + "/none.db", "--json"])
        #expect(missing.status == 2 && missing.stderr == "\(dir)/none.db: error: no such results file\n")
        let db = dir + "/one.db"
        let run = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--set", "duration=1h",
                                         "--replications", "2", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let unknown = try ParleyProcess.run(["show", db, "--run", "9"])
        #expect(unknown.status == 2 && unknown.stderr == "\(db): error: no run with id 9 in the file\n")
    }
}
