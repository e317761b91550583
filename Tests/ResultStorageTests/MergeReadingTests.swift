// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

/// The rows `parley merge` reads back and writes in one transaction.
@Suite("Result store, rows for merging")
struct MergeReadingTests {
    /// Two and a half batches of interval rows, given out of order, read back whole in key order.
    @Test("interval rows are stored in batches and read back in key order")
    func intervalRowsRoundTrip() throws {
        let store = try ResultStore(path: ":memory:")
        let runID = try store.beginRun(.example())
        try store.recordReplications(runID: runID, [0, 1].map {
            ReplicationRecord(index: $0, simulatedChats: 1, events: 1, metrics: [])
        })
        let count = ResultStore.intervalRowsPerBatch * 2 + 5
        let rows = (0 ..< count).map { (k: Int) -> IntervalMetricRow in
            let value: Double? = k % 7 == 0 ? nil : Double(k) / 3
            return IntervalMetricRow(replication: k % 2, scope: .queue, scopeID: k % 3 == 0 ? "a" : "b",
                                     intervalStartSeconds: Double(k) * 1800, metric: k % 5 == 0 ? "asa_s" : "offered",
                                     value: value)
        }
        try store.recordIntervalMetrics(runID: runID, rows.reversed())
        let read = try store.intervalMetrics(runID: runID)
        #expect(read.count == count)
        let expected = rows.sorted { (x: IntervalMetricRow, y: IntervalMetricRow) -> Bool in
            if x.replication != y.replication { return x.replication < y.replication }
            if x.scopeID != y.scopeID { return x.scopeID < y.scopeID }
            if x.metric != y.metric { return x.metric < y.metric }
            return x.intervalStartSeconds < y.intervalStartSeconds
        }
        #expect(read == expected)
    }

    /// A transaction's writes all land, or — when its body throws — none does.
    @Test("a transaction that fails writes nothing")
    func transactionIsAllOrNothing() throws {
        let store = try ResultStore(path: ":memory:")
        #expect(throws: DatabaseError.self) {
            try store.transaction { (writes: ResultTransaction) throws(DatabaseError) in
                let runID = try writes.beginRun(.example())
                try writes.recordMergedShard(MergedShard(runIdentity: String(repeating: "a", count: 64), shardIndex: 0,
                                                         shardCount: 1, runID: runID, contentHash: "short"))
            }
        }
        #expect(try store.runs().isEmpty)
        let runID = try store.transaction { (writes: ResultTransaction) throws(DatabaseError) -> Int64 in
            let runID = try writes.beginRun(.example())
            try writes.finishRun(runID: runID, status: .complete, endedAt: "2026-12-06T00:00:00Z")
            try writes.recordMergedShard(MergedShard(runIdentity: String(repeating: "a", count: 64), shardIndex: 0,
                                                     shardCount: 1, runID: runID, contentHash: String(repeating: "b", count: 64)))
            return runID
        }
        #expect(try store.run(id: runID).status == .complete)
        #expect(try store.mergedShards(runIdentity: String(repeating: "a", count: 64)).map(\.runID) == [runID])
    }
}
