// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

/// The tables of schema version 2 through the store: what is written reads back, and the
/// schema refuses what Parley could not write.
@Suite("Result store, version 2 tables")
struct ResultStoreVersion2Tests {
    @Test("wait histograms and comparisons round-trip; deleting a run cascades")
    func roundTrip() throws {
        let store = try ResultStore(path: ":memory:")
        let a = try store.beginRun(.example())
        let b = try store.beginRun(.example())
        let buckets = [
            WaitHistogramBucket(scope: .overall, scopeID: "", lowerSeconds: 0, upperSeconds: 0.000001, count: 40),
            WaitHistogramBucket(scope: .overall, scopeID: "", lowerSeconds: 12.5, upperSeconds: 12.75, count: 2),
            WaitHistogramBucket(scope: .queue, scopeID: "support", lowerSeconds: 12.5, upperSeconds: 12.75, count: 2),
        ]
        try store.recordWaitHistograms(runID: a, buckets)
        #expect(try store.waitHistograms(runID: a) == buckets)
        #expect(try store.waitHistograms(runID: b).isEmpty)
        let rows = ["service_level", "asa_s"].map { metric in
            ComparisonRecord(baselineRunID: a, runID: b, baselineStrategy: "longest_idle", strategy: "least_busy",
                             scope: .overall, scopeID: "", metric: metric, meanDiff: -0.5, ci95: 0.25,
                             significant: true, n: 10)
        }
        try store.recordComparisons(rows)
        #expect(try store.comparisons(involving: a) == rows)
        #expect(try store.comparisons(involving: b) == rows)
        try store.database.execute("DELETE FROM runs WHERE id = \(b)")
        #expect(try store.comparisons(involving: a).isEmpty)
        try store.database.execute("DELETE FROM runs WHERE id = \(a)")
        #expect(try integer("SELECT count(*) FROM wait_histograms", store.database) == 0)
    }

    @Test("staffing results round-trip in queue, interval, group order; deleting the run removes them")
    func staffingRoundTrip() throws {
        let store = try ResultStore(path: ":memory:")
        let a = try store.beginRun(.example())
        let rows = [
            StaffingRecord(queue: "chat", intervalStartSeconds: 0, agentGroup: "agents", agents: 3, serviceLevel: 0.91,
                           serviceLevelCI95: 0.02, abandonRate: 0.01, abandonRateCI95: 0.005, meetsTargets: true),
            StaffingRecord(queue: "chat", intervalStartSeconds: 0, agentGroup: "leads", agents: 0, serviceLevel: 0.91,
                           serviceLevelCI95: 0.02, abandonRate: 0.01, abandonRateCI95: 0.005, meetsTargets: true),
            StaffingRecord(queue: "chat", intervalStartSeconds: 1800, agentGroup: "agents", agents: 40, serviceLevel: nil,
                           serviceLevelCI95: nil, abandonRate: nil, abandonRateCI95: nil, meetsTargets: false),
        ]
        try store.recordStaffingResults(runID: a, rows.reversed())
        #expect(try store.staffingResults(runID: a) == rows)
        try store.database.execute("DELETE FROM runs WHERE id = \(a)")
        #expect(try integer("SELECT count(*) FROM staffing_results", store.database) == 0)
    }

    @Test("the schema refuses impossible rows")
    func constraints() throws {
        let store = try ResultStore(path: ":memory:")
        let a = try store.beginRun(.example())
        let b = try store.beginRun(.example())
        func refused(_ sql: String) {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.database.execute(sql) }
        }
        let comparison = "INSERT INTO strategy_comparisons VALUES"
        refused("\(comparison) (\(a), \(a), 'x', 'x', 'overall', '', 'service_level', 0, 0, 0, 2)")  // itself
        refused("\(comparison) (\(a), \(b), 'x', 'y', 'overall', '', 'service_level', 0, NULL, 1, 1)") // no CI
        refused("\(comparison) (\(a), \(b), 'x', 'y', 'queue', '', 'service_level', 0, 0.1, 0, 2)")   // no id
        refused("INSERT INTO wait_histograms VALUES (\(a), 'overall', '', 2, 1, 5)")                   // upper < lower
        refused("INSERT INTO wait_histograms VALUES (\(a), 'overall', '', 1, 2, 0)")                   // empty bucket
        // Per-replication tables need their replication.
        refused("INSERT INTO interval_metrics VALUES (\(a), 0, 'overall', '', 0, 'service_level', 0.8)")
        refused("INSERT INTO agent_statistics VALUES (\(a), 0, 'team', 'team-1', 1, 3600, 1800, 10, 0)")
        try store.recordReplications(runID: a, [ReplicationRecord(index: 0, simulatedChats: 1, events: 1, metrics: [])])
        try store.database.execute("INSERT INTO interval_metrics VALUES (\(a), 0, 'overall', '', 0, 'service_level', 0.8)")
        let chat = "INSERT INTO chats VALUES"
        refused("\(chat) (\(a), 0, 0, 1.5, 'support', 'live_chat', NULL, NULL, NULL, 'answered', 0, 0, NULL)")
        refused("\(chat) (\(a), 0, 0, 1.5, 'support', 'live_chat', NULL, NULL, 3, 'hung_up', 0, 0, NULL)")
        // Version 5: a wrap-up reason belongs to an answered chat only.
        refused("\(chat) (\(a), 0, 1, 1.5, 'support', 'live_chat', NULL, NULL, NULL, 'inactive', 0, 0, 'solved')")
        try store.database.execute("\(chat) (\(a), 0, 1, 1.5, 'support', 'live_chat', NULL, NULL, NULL, 'inactive', 0, 0, NULL)")
        try store.database.execute("\(chat) (\(a), 0, 0, 1.5, 'support', 'live_chat', 4.5, 'team-1', 3, 'answered', 0, 1, 'solved')")
        refused("INSERT INTO staffing_results VALUES (\(a), 'support', 0, 'team', -1, 0.8, 0.01, 0.02, 0.01, 1)")
    }
}
