// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley run` killed by SIGKILL — which no handler sees — at random moments leaves only
/// whole replications, and the next `parley` to open the file for writing marks the killed
/// runs `interrupted`.
@Suite(.serialized) struct KilledRunTests {
    /// Many short replications with chats: each is stored in its own transaction, so kills
    /// land between and inside transactions.
    static let scenario = """
        name: killed-run
        seed: 5
        replications: 400
        duration: 2h
        interval: 30m
        queues:
          - {id: support, strategy: longest_idle}
        agents:
          - {group: team, count: 6, queues: [support]}
        customers:
          - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: 120},
             patience: {dist: exponential, mean: 2m}, handle_time: {dist: exponential, mean: 3m}}
        """

    /// Spawns `parley arguments…` with its output discarded.
    static func spawn(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = ParleyProcess.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedRunsLeaveWholeReplicationsAndAreMarkedInterrupted() throws {
        let file = try ParleyProcess.temporaryFile("killed.yaml", Self.scenario)
        let db = (file as NSString).deletingLastPathComponent + "/killed.db"
        var seed: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)
        print("KilledRunTests seed \(seed)")
        func nextDelay() -> Double {  // A 64-bit LCG (Knuth's MMIX constants): 0.15 s to 2 s.
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return 0.15 + Double(seed >> 11) / Double(1 << 53) * 1.85
        }
        let kills = 15
        var killedRunning = 0, finishedFirst = 0
        for _ in 0..<kills {
            let process = try Self.spawn(["run", file, "--db", db, "--chats", "--jobs", "1"])
            Thread.sleep(forTimeInterval: nextDelay())
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedRunning += 1 } else { finishedFirst += 1 }
        }
        let before = try DatabaseFile(path: db)
        let running = try before.integer("SELECT count(*) FROM runs WHERE status = 'running'")
        let marked = try before.integer("SELECT count(*) FROM runs WHERE status = 'interrupted'")
        let replications = try before.integer("SELECT count(*) FROM replications")
        // The next writer: a short, complete run on the same file.
        let next = try ParleyProcess.run(["run", file, "--db", db, "--chats", "--replications", "1", "--jobs", "1"])
        #expect(next.status == 0, "\(next.stderr)")

        let after = try DatabaseFile(path: db)
        print("KilledRunTests: \(kills) kills (\(killedRunning) killed, \(finishedFirst) finished first), "
              + "\(marked) runs already marked interrupted by the next run, \(running) left running, "
              + "\(replications) replications stored")
        #expect(killedRunning >= 1)
        #expect(try after.integer("SELECT count(*) FROM runs WHERE status = 'running'") == 0)
        // Each run marked by the run after it, the last by the final writer.
        #expect(try after.integer("SELECT count(*) FROM runs WHERE status = 'interrupted'") == marked + running)
        #expect(marked + running == Int64(killedRunning))
        #expect(try after.integer("SELECT count(*) FROM runs WHERE status = 'interrupted' AND ended_at IS NULL") == 0)
        // Every stored replication has all its rows: 50 metrics in 3 scopes, the 4 intervals'
        // values, its 6 agents and at least one chat.
        let intervalRows = try after.integer("""
            SELECT count(*) FROM interval_metrics WHERE (run_id, replication) = (SELECT run_id, replication FROM replications LIMIT 1)
            """)
        #expect(intervalRows > 0)
        let incomplete = try after.integer("""
            SELECT count(*) FROM replications r
            WHERE (SELECT count(*) FROM replication_metrics m WHERE m.run_id = r.run_id AND m.replication = r.replication) != 150
               OR (SELECT count(*) FROM interval_metrics i WHERE i.run_id = r.run_id AND i.replication = r.replication) != \(intervalRows)
               OR (SELECT count(*) FROM agent_statistics a WHERE a.run_id = r.run_id AND a.replication = r.replication) != 6
               OR (SELECT count(*) FROM chats c WHERE c.run_id = r.run_id AND c.replication = r.replication) = 0
            """)
        #expect(incomplete == 0, "replications missing some of their rows")
        // A killed run has no per-run rows: summaries come only with the final status.
        #expect(try after.integer("""
            SELECT count(*) FROM metric_summaries s JOIN runs ON runs.id = s.run_id WHERE runs.status = 'interrupted'
            """) == 0)
        #expect(try after.text("PRAGMA integrity_check") == "ok")
        #expect(try after.texts("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func threeConcurrentWritersAllSucceed() throws {
        let file = try ParleyProcess.temporaryFile("writers.yaml", Self.scenario)
        let db = (file as NSString).deletingLastPathComponent + "/writers.db"
        let writers = try (0..<3).map { w in
            try Self.spawn(["run", file, "--db", db, "--chats", "--jobs", "1", "--replications", "30",
                            "--seed", "\(w + 1)"])
        }
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.map(\.terminationStatus) == [0, 0, 0])
        let stored = try DatabaseFile(path: db)
        #expect(try stored.integer("SELECT count(*) FROM runs WHERE status = 'complete'") == 3)
        #expect(try stored.integer("SELECT count(*) FROM replications") == 90)
        #expect(try stored.integer("SELECT count(DISTINCT run_id) FROM metric_summaries") == 3)
    }
}
