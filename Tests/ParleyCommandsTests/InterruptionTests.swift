// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// SIGINT and SIGTERM stop a running `parley run`: complete replications are kept, the run is
/// marked `interrupted`, the file stays valid, and the exit status is 130 (SPEC §5).
@Suite(.serialized) struct InterruptionTests {
    /// Twenty replications of 1,000 simulated hours each (about 120,000 chats apiece): long
    /// enough that no test machine finishes before the signal, which is sent as soon as the
    /// first replication is in the file.
    static let long = """
        name: long-run
        seed: 11
        replications: 20
        duration: 1000h
        queues:
          - {id: support, strategy: longest_idle}
        agents:
          - {group: team, count: 10, queues: [support]}
        customers:
          - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: 120},
             patience: {dist: exponential, mean: 2m}, handle_time: {dist: exponential, mean: 4m}}
        """

    /// Polls `db` until `condition` holds on it, for at most `limit` seconds (not a measurement:
    /// only a bound, so a broken build fails instead of hanging).
    static func waitFor(_ db: String, limit: Double = 120, _ condition: (Database) throws -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: db), let database = try? Database(path: db),
               (try? condition(database)) == true {
                return true
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    static func count(_ sql: String, _ database: Database) throws -> Int64 {
        let query = try database.prepare(sql)
        guard try query.step() else { return 0 }
        return query.int64(at: 0)
    }

    @Test(arguments: [("SIGINT", SIGINT), ("SIGTERM", SIGTERM)])
    func aSignalLeavesAnInterruptedRunWithItsCompleteReplications(name: String, signal: Int32) throws {
        let file = try ParleyProcess.temporaryFile("long.yaml", Self.long)
        let db = (file as NSString).deletingLastPathComponent + "/interrupted.db"
        let process = Process()
        process.executableURL = ParleyProcess.executable
        process.arguments = ["run", file, "--db", db, "--jobs", "1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let started = Self.waitFor(db) { database in
            try Self.count("SELECT count(*) FROM runs WHERE status = 'running'", database) == 1
                && Self.count("SELECT count(*) FROM replications", database) >= 1
        }
        #expect(started, "the run never recorded a replication")
        kill(process.processIdentifier, signal)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationReason == .exit, "\(name) must be handled, not kill the process")
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted after "), "\(stderr)")
        #expect(String(decoding: stdout, as: UTF8.self).hasPrefix("long-run: "))
        let store = try ResultStore(path: db)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.status == .interrupted)
        #expect(runs.first?.endedAt != nil)
        let recorded = try store.replications(runID: 1)
        #expect(recorded.count >= 1 && recorded.count < 20)
        #expect(recorded.map(\.index) == Array(0..<recorded.count), "only whole replications, in order")
        #expect(recorded.allSatisfy { $0.metrics.count == 50 * 3 }, "every replication with all its metrics")
        let summaries = try store.summaries(runID: 1)
        #expect(summaries.first { $0.name == "arrivals" && $0.scope == .overall }?.n == recorded.count)
        let database = try Database(path: db)
        let check = try database.prepare("PRAGMA integrity_check")
        #expect(try check.step() && check.string(at: 0) == "ok")
        #expect(try !database.prepare("PRAGMA foreign_key_check").step())
    }
}
