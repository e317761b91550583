// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import ResultStorage

/// Schema version 3 and the hardened store: whole replications in one transaction, the
/// writer of each run, runs of vanished processes marked `interrupted`, and files that are
/// not Parley's (or are a newer Parley's) refused without a byte changed.
@Suite("Result store, version 3: batches, writers, refused files")
struct ResultStoreVersion3Tests {
    static let chat = StoredChat(replication: 0, chat: 1, arrivalSeconds: 12.5, queue: "support", channel: "live_chat",
                                 acceptedSeconds: 20, agent: "team-1", waitSeconds: 7.5, outcome: "answered",
                                 transfers: 0, ronaCount: 0)
    static let interval = IntervalMetricRow(replication: 0, scope: .queue, scopeID: "support", intervalStartSeconds: 0,
                                            metric: "offered", value: 3)
    static let agent = AgentStatisticsRow(replication: 0, group: "team", agent: "team-1", capacity: 2,
                                          staffedSeconds: 3600, busySeconds: 1800, chats: 3, rona: 0)
    static let replication = ReplicationRecord(index: 0, simulatedChats: 3, events: 40, metrics: [
        MetricValue(scope: .overall, scopeID: "", name: "service_level", value: 0.8),
    ])

    static func count(_ table: String, _ store: ResultStore) throws -> Int64 {
        try integer("SELECT count(*) FROM \(table)", store.database)
    }

    @Test("a replication batch stores every row of its replications together")
    func batchStoresEverything() throws {
        let store = try ResultStore(path: ":memory:")
        let run = try store.beginRun(.example())
        try store.recordReplicationBatch(runID: run, replications: [Self.replication], intervals: [Self.interval],
                                         chats: [Self.chat], agents: [Self.agent])
        for table in ["replications", "replication_metrics", "interval_metrics", "chats", "agent_statistics"] {
            #expect(try Self.count(table, store) == 1, "\(table)")
        }
    }

    @Test("a refused row refuses the whole batch: nothing of it is stored")
    func refusedBatchChangesNothing() throws {
        let store = try ResultStore(path: ":memory:")
        let run = try store.beginRun(.example())
        var orphan = Self.agent
        orphan.replication = 5  // No such replication in the batch: the foreign key refuses it.
        #expect(throws: DatabaseError.self) {
            try store.recordReplicationBatch(runID: run, replications: [Self.replication], intervals: [Self.interval],
                                             chats: [Self.chat], agents: [orphan])
        }
        for table in ["replications", "replication_metrics", "interval_metrics", "chats", "agent_statistics"] {
            #expect(try Self.count(table, store) == 0, "\(table)")
        }
        #expect(store.database.isAutocommit)
    }

    @Test("finishing a run stores its summaries and histograms with its status")
    func finishStoresPerRunRows() throws {
        let store = try ResultStore(path: ":memory:")
        let run = try store.beginRun(.example())
        try store.finishRun(runID: run, status: .complete, endedAt: "2025-03-01T10:00:00Z", summaries: [
            MetricSummary(scope: .overall, scopeID: "", name: "service_level", mean: 0.8, ci95: nil, n: 1),
        ], waitHistograms: [
            WaitHistogramBucket(scope: .overall, scopeID: "", lowerSeconds: 0, upperSeconds: 1, count: 3),
        ])
        #expect(try Self.count("metric_summaries", store) == 1)
        #expect(try Self.count("wait_histograms", store) == 1)
        // A run that does not exist takes none of its rows with the refusal.
        #expect(throws: DatabaseError.unknownRun(id: 99)) {
            try store.finishRun(runID: 99, status: .complete, endedAt: "2025-03-01T10:00:00Z", summaries: [],
                                waitHistograms: [])
        }
    }

    @Test("a run records its writer's process id and host")
    func runRecordsWriter() throws {
        let writer = RunWriter(processID: 4242, host: "desk-7")
        let store = try ResultStore(path: ":memory:", writer: writer)
        let run = try store.beginRun(.example())
        #expect(try integer("SELECT writer_pid FROM runs WHERE id = \(run)", store.database) == 4242)
        #expect(try text("SELECT writer_host FROM runs WHERE id = \(run)", store.database) == "desk-7")
        #expect(RunWriter.current.processID == getpid() && !RunWriter.current.host.isEmpty)
    }

    @Test("opening for writing marks interrupted the running runs of vanished processes of this host only")
    func vanishedRunsAreMarked() throws {
        let file = TemporaryDatabase()
        let host = RunWriter.current.host
        let vanishedPID = Int32.max - 1  // Above any pid_max: no such process.
        #expect(!RunWriter.processExists(vanishedPID))
        #expect(RunWriter.processExists(getpid()))
        var ids: [String: Int64] = [:]
        for (name, writer) in [("dead", RunWriter(processID: vanishedPID, host: host)),
                               ("alive", RunWriter(processID: getpid(), host: host)),
                               ("elsewhere", RunWriter(processID: vanishedPID, host: host + "-other"))] {
            let store = try ResultStore(path: file.path, writer: writer)
            ids[name] = try store.beginRun(.example())
        }
        let finished = try ResultStore(path: file.path, writer: RunWriter(processID: vanishedPID, host: host))
        let id = try #require(ids["dead"])
        try finished.finishRun(runID: id, status: .complete, endedAt: "2025-03-01T10:00:00Z")
        let dead = try ResultStore(path: file.path, writer: RunWriter(processID: vanishedPID, host: host))
        ids["dead"] = try dead.beginRun(.example())

        let next = try ResultStore(path: file.path)
        let status = { (name: String) throws -> String in
            try text("SELECT status FROM runs WHERE id = \(ids[name]!)", next.database)
        }
        #expect(try status("dead") == "interrupted")
        #expect(try text("SELECT ended_at FROM runs WHERE id = \(ids["dead"]!)", next.database).hasSuffix("Z"))
        #expect(try status("alive") == "running")
        #expect(try status("elsewhere") == "running")
        #expect(try text("SELECT status FROM runs WHERE id = \(id)", next.database) == "complete")
        #expect(try next.markVanishedRuns().isEmpty, "marked once")
    }

    /// The bytes of the database file, to show a refusal changed nothing.
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("another program's database is refused for writing and for reading, unchanged")
    func foreignFileIsRefused() throws {
        let file = TemporaryDatabase()
        do {
            let database = try Database(path: file.path)
            try database.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        }
        let before = try Self.bytes(file.path)
        #expect(throws: DatabaseError.notResultDatabase) { _ = try ResultStore(path: file.path) }
        #expect(throws: DatabaseError.notResultDatabase) { _ = try ResultStore(readingAt: file.path) }
        #expect(try Self.bytes(file.path) == before)
        #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
    }

    @Test("a newer Parley's database is refused before its journal mode or tables change")
    func newerSchemaIsRefusedUnchanged() throws {
        let file = TemporaryDatabase()
        do {
            let database = try Database(path: file.path)
            try database.migrate()
            try database.execute("""
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(Migration.latestVersion + 1), 'from the future', '2099-01-01T00:00:00Z')
                """)
            #expect(try text("PRAGMA journal_mode", database) == "delete")
        }
        let before = try Self.bytes(file.path)
        let newer = DatabaseError.newerSchema(version: Migration.latestVersion + 1, latestKnown: Migration.latestVersion)
        #expect(throws: newer) { _ = try ResultStore(path: file.path) }
        #expect(throws: newer) { _ = try ResultStore(readingAt: file.path) }
        #expect(try Self.bytes(file.path) == before)
        #expect(try text("PRAGMA journal_mode", Database(path: file.path)) == "delete")
    }

    @Test("a read-only store reads, never writes, and needs an existing file of version 2 or later")
    func readOnlyStore() throws {
        let file = TemporaryDatabase()
        let run = try ResultStore(path: file.path).beginRun(.example())
        let reader = try ResultStore(readingAt: file.path)
        #expect(try reader.run(id: run).id == run)
        #expect(reader.writer == nil)
        #expect(throws: DatabaseError.self) { _ = try reader.beginRun(.example()) }
        let missing = TemporaryDatabase()
        #expect(throws: DatabaseError.self) { _ = try ResultStore(readingAt: missing.path) }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        let old = TemporaryDatabase()
        try Database(path: old.path).migrate(Array(Migration.all.prefix(1)))
        #expect(throws: DatabaseError.olderSchema(version: 1, oldestReadable: 2)) {
            _ = try ResultStore(readingAt: old.path)
        }
    }
}
