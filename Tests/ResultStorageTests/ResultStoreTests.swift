// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

extension RunRecord {
    static func example(yaml: String = "name: support-desk\nseed: 7\n", seed: UInt64 = 7,
                        startedAt: String = "2025-03-01T09:00:00Z") -> RunRecord {
        RunRecord(scenarioName: "support-desk", scenarioYAML: yaml, command: "run",
                  parleyVersion: "0.1.0", gitRevision: "c112e38", seed: seed, replications: 2,
                  strategy: nil, startedAt: startedAt)
    }
}

@Suite("Result store")
struct ResultStoreTests {
    /// Two replications whose metrics are deliberately out of key order and include
    /// undefined values.
    static let replications = [
        ReplicationRecord(index: 1, simulatedChats: 1_204, events: 9_876, metrics: [
            MetricValue(scope: .queue, scopeID: "support", name: "service_level", value: 0.8125),
            MetricValue(scope: .overall, scopeID: "", name: "service_level", value: 0.8),
            MetricValue(scope: .channel, scopeID: "whatsapp", name: "abandon_rate", value: nil),
            MetricValue(scope: .overall, scopeID: "", name: "asa_s", value: 12.345678901234567),
        ]),
        ReplicationRecord(index: 0, simulatedChats: 1_187, events: 9_512, metrics: [
            MetricValue(scope: .queue, scopeID: "support", name: "service_level", value: 0.7),
            MetricValue(scope: .overall, scopeID: "", name: "service_level", value: 1.0 / 3.0),
            MetricValue(scope: .channel, scopeID: "whatsapp", name: "abandon_rate", value: 0),
            MetricValue(scope: .overall, scopeID: "", name: "asa_s", value: 9.75),
        ]),
    ]

    static let summaries = [
        MetricSummary(scope: .overall, scopeID: "", name: "service_level", mean: 0.5666, ci95: 0.0123, n: 2),
        MetricSummary(scope: .queue, scopeID: "support", name: "service_level", mean: 0.75625, ci95: nil, n: 2),
        MetricSummary(scope: .channel, scopeID: "whatsapp", name: "abandon_rate", mean: 0, ci95: nil, n: 1),
        MetricSummary(scope: .channel, scopeID: "sms", name: "abandon_rate", mean: nil, ci95: nil, n: 0),
    ]

    @Test("a run round-trips: begin, two replications, summaries, complete")
    func roundTrip() throws {
        let file = TemporaryDatabase()
        let store = try ResultStore(path: file.path)
        let runID = try store.beginRun(.example(seed: .max))
        #expect(try store.runs() == [StoredRun(id: runID, scenarioName: "support-desk", status: .running,
                                               seed: .max, replications: 2,
                                               startedAt: "2025-03-01T09:00:00Z", endedAt: nil,
                                               gitRevision: "c112e38")])
        try store.recordReplications(runID: runID, Self.replications)
        try store.recordSummaries(runID: runID, Self.summaries)
        try store.finishRun(runID: runID, status: .complete, endedAt: "2025-03-01T09:05:00Z")

        let reopened = try ResultStore(path: file.path)
        #expect(try reopened.runs() == [StoredRun(id: runID, scenarioName: "support-desk", status: .complete,
                                                  seed: .max, replications: 2,
                                                  startedAt: "2025-03-01T09:00:00Z",
                                                  endedAt: "2025-03-01T09:05:00Z", gitRevision: "c112e38")])
        #expect(try reopened.summaries(runID: runID) == Self.summaries)
        let expected = Self.replications.sorted { $0.index < $1.index }.map { replication in
            var sorted = replication
            sorted.metrics.sort { ($0.scope.rawValue, $0.scopeID, $0.name) < ($1.scope.rawValue, $1.scopeID, $1.name) }
            return sorted
        }
        #expect(try reopened.replications(runID: runID) == expected)
        #expect(try integer("SELECT count(*) FROM replication_metrics WHERE value IS NULL", reopened.database) == 1)
        #expect(try integer("SELECT count(*) FROM metric_summaries WHERE ci95 IS NULL", reopened.database) == 3)
        #expect(try integer("SELECT seed FROM runs", reopened.database) == -1)
        #expect(try text("SELECT git_revision FROM runs", reopened.database) == "c112e38")
        #expect(try text("SELECT command FROM runs", reopened.database) == "run")
        #expect(try text("PRAGMA integrity_check", reopened.database) == "ok")
        #expect(try !reopened.database.prepare("PRAGMA foreign_key_check").step())
    }

    @Test("many metric rows, batched and not, all arrive")
    func manyRows() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        // 3 × 71 rows: batches of 64 and a tail of single rows; the last replication has
        // different keys, so the key order is recomputed.
        let replications = (0 ..< 3).map { index in
            ReplicationRecord(index: index, simulatedChats: index, events: 0, metrics: (0 ..< 71).map { k in
                MetricValue(scope: .queue, scopeID: "q\(index == 2 ? k % 3 : k % 5)", name: "m\(k)",
                            value: k.isMultiple(of: 7) ? nil : Double(index * 100 + k))
            })
        }
        try store.recordReplications(runID: runID, replications)
        let stored = try store.replications(runID: runID)
        #expect(stored.map(\.metrics.count) == [71, 71, 71])
        for (original, read) in zip(replications, stored) {
            #expect(Set(original.metrics) == Set(read.metrics))
        }
    }

    @Test("the same scenario text is stored once across runs")
    func scenarioStoredOnce() throws {
        let store = try ResultStore(path: ":memory:")
        let first = try store.beginRun(.example())
        let second = try store.beginRun(.example(startedAt: "2025-03-02T09:00:00Z"))
        let edited = try store.beginRun(.example(yaml: "name: support-desk\nseed: 8\n"))
        #expect(Set([first, second, edited]).count == 3)
        #expect(try integer("SELECT count(*) FROM scenarios", store.database) == 2)
        #expect(try integer("SELECT count(DISTINCT scenario_id) FROM runs WHERE id IN (\(first), \(second))",
                            store.database) == 1)
        #expect(try text("SELECT content_hash FROM scenarios ORDER BY id LIMIT 1", store.database)
            == ContentHash.hex(of: "name: support-desk\nseed: 7\n"))
    }

    @Test("the schema refuses a status outside the four")
    func badStatusRejected() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        let error = #expect(throws: DatabaseError.self) {
            try store.database.execute("UPDATE runs SET status = 'paused', ended_at = 'x' WHERE id = \(runID)")
        }
        #expect(error?.isConstraintViolation == true)
        #expect(try store.runs().map(\.status) == [.running])
    }

    @Test("a run cannot be finished as running, and an unknown run cannot be finished")
    func finishRunErrors() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        let error = #expect(throws: DatabaseError.self) {
            try store.finishRun(runID: runID, status: .running, endedAt: "2025-03-01T10:00:00Z")
        }
        #expect(error?.isConstraintViolation == true)
        #expect(throws: DatabaseError.unknownRun(id: runID + 1)) {
            try store.finishRun(runID: runID + 1, status: .failed, endedAt: "2025-03-01T10:00:00Z")
        }
        try store.finishRun(runID: runID, status: .interrupted, endedAt: "2025-03-01T10:00:00Z")
        #expect(try store.runs().map(\.status) == [.interrupted])
    }

    @Test("results for an unknown run are refused, and nothing of the batch is kept")
    func unknownRunRefused() throws {
        let store = try ResultStore(path: ":memory:")
        let error = #expect(throws: DatabaseError.self) {
            try store.recordReplications(runID: 99, Self.replications)
        }
        #expect(error?.isConstraintViolation == true)
        #expect(try integer("SELECT count(*) FROM replications", store.database) == 0)
        #expect(try integer("SELECT count(*) FROM replication_metrics", store.database) == 0)
    }

    @Test("a replication recorded twice is refused and the first one kept")
    func duplicateReplicationRefused() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        try store.recordReplications(runID: runID, [Self.replications[0]])
        #expect(throws: DatabaseError.self) {
            try store.recordReplications(runID: runID, Self.replications)
        }
        #expect(try store.replications(runID: runID).map(\.index) == [1])
    }

    @Test("the overall scope has an empty scope id, and only it")
    func overallScopeID() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        for metric in [MetricValue(scope: .overall, scopeID: "support", name: "x", value: 1),
                       MetricValue(scope: .queue, scopeID: "", name: "x", value: 1)] {
            let error = #expect(throws: DatabaseError.self) {
                try store.recordReplications(runID: runID, [
                    ReplicationRecord(index: 0, simulatedChats: 0, events: 0, metrics: [metric]),
                ])
            }
            #expect(error?.isConstraintViolation == true)
        }
    }

    @Test("a confidence half-width needs at least two replications")
    func ci95NeedsTwoValues() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        let error = #expect(throws: DatabaseError.self) {
            try store.recordSummaries(runID: runID, [
                MetricSummary(scope: .overall, scopeID: "", name: "asa_s", mean: 3, ci95: 0.5, n: 1),
            ])
        }
        #expect(error?.isConstraintViolation == true)
    }

    @Test("deleting a run deletes its replications, metrics and summaries")
    func deleteCascades() throws {
        let store = try ResultStore(path: ":memory:")
        let kept = try store.beginRun(.example())
        let deleted = try store.beginRun(.example())
        for runID in [kept, deleted] {
            try store.recordReplications(runID: runID, Self.replications)
            try store.recordSummaries(runID: runID, Self.summaries)
        }
        try store.database.execute("DELETE FROM runs WHERE id = \(deleted)")
        #expect(try integer("SELECT count(*) FROM replications", store.database) == 2)
        #expect(try integer("SELECT count(*) FROM replication_metrics", store.database) == 8)
        #expect(try integer("SELECT count(*) FROM metric_summaries", store.database) == 4)
        #expect(try integer("SELECT count(DISTINCT run_id) FROM replication_metrics", store.database) == 1)
    }
}
