// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

/// Migration 2 on new files and on files written by a Parley that knew only version 1.
@Suite("Schema migration 2")
struct MigrationToVersion2Tests {
    /// A database at version 1 holding one complete run, as the first release wrote it.
    static func versionOneDatabase(at path: String) throws {
        let database = try Database(path: path)
        try database.migrate(Array(Migration.all.prefix(1)))
        try database.execute("""
            INSERT INTO scenarios (id, name, content_hash, yaml)
                VALUES (1, 'support-desk', '\(String(repeating: "ab", count: 32))', 'name: support-desk');
            INSERT INTO runs (id, scenario_id, command, parley_version, git_revision, seed, replications,
                              strategy, started_at, ended_at, status)
                VALUES (1, 1, 'run', '0.1.0', NULL, 7, 2, NULL, '2025-03-01T09:00:00Z', '2025-03-01T09:01:00Z',
                        'complete');
            INSERT INTO replications VALUES (1, 0, 1200, 9000), (1, 1, 1180, 8900);
            INSERT INTO replication_metrics VALUES
                (1, 0, 'overall', '', 'service_level', 0.8), (1, 1, 'overall', '', 'service_level', 0.7),
                (1, 0, 'queue', 'support', 'asa_s', NULL);
            INSERT INTO metric_summaries VALUES (1, 'overall', '', 'service_level', 0.75, 0.635, 2);
            """)
        #expect(try appliedMigrations(database) == [1])
    }

    @Test("an empty database migrates to version 2 with every new table empty")
    func emptyDatabase() throws {
        let database = try Database(path: ":memory:")
        try database.migrate(Array(Migration.all.prefix(2)))
        #expect(try database.schemaVersion() == 2)
        for table in ["strategy_comparisons", "wait_histograms", "interval_metrics", "agent_statistics",
                      "staffing_results", "benchmark_results", "chats"] {
            #expect(try integer("SELECT count(*) FROM \(table)", database) == 0, "\(table)")
        }
    }

    @Test("a version-1 database with a run keeps all of it when migrated to version 2")
    func versionOneKeepsItsData() throws {
        let file = TemporaryDatabase()
        try Self.versionOneDatabase(at: file.path)
        let store = try ResultStore(path: file.path)
        #expect(try appliedMigrations(store.database) == Migration.all.map(\.version))
        #expect(try tableNames(store.database) == MigrationTests.tables)
        #expect(try store.runs() == [StoredRun(id: 1, scenarioName: "support-desk", status: .complete, seed: 7,
                                               replications: 2, startedAt: "2025-03-01T09:00:00Z",
                                               endedAt: "2025-03-01T09:01:00Z")])
        #expect(try store.summaries(runID: 1) == [MetricSummary(scope: .overall, scopeID: "", name: "service_level",
                                                                mean: 0.75, ci95: 0.635, n: 2)])
        let replications = try store.replications(runID: 1)
        #expect(replications.map(\.index) == [0, 1])
        #expect(replications.map(\.simulatedChats) == [1200, 1180])
        #expect(replications[0].metrics == [
            MetricValue(scope: .overall, scopeID: "", name: "service_level", value: 0.8),
            MetricValue(scope: .queue, scopeID: "support", name: "asa_s", value: nil),
        ])
        #expect(try store.scenarioYAML(runID: 1) == "name: support-desk")
        #expect(try text("PRAGMA integrity_check", store.database) == "ok")
        #expect(try !store.database.prepare("PRAGMA foreign_key_check").step())

        // The old run can take part in the new tables.
        let second = try store.beginRun(.example(yaml: "name: support-desk"))
        try store.recordComparisons([ComparisonRecord(
            baselineRunID: 1, runID: second, baselineStrategy: "longest_idle", strategy: "least_busy",
            scope: .overall, scopeID: "", metric: "service_level", meanDiff: 0.01, ci95: 0.004,
            significant: true, n: 2)])
        try store.recordWaitHistograms(runID: 1, [WaitHistogramBucket(scope: .overall, scopeID: "",
                                                                      lowerSeconds: 0, upperSeconds: 1e-6, count: 3)])
        #expect(try store.comparisons(involving: second).map(\.baselineRunID) == [1])
        #expect(try store.comparisons(involving: 1).map(\.runID) == [second])
        #expect(try store.waitHistograms(runID: 1).map(\.count) == [3])
    }
}

@Suite("Migration to version 3")
struct MigrationToVersion3Tests {
    @Test("a version-2 database keeps its runs, whose writer is unknown, and is never marked")
    func versionTwoRunsKeepNullWriters() throws {
        let file = TemporaryDatabase()
        do {
            let database = try Database(path: file.path)
            try database.migrate(Array(Migration.all.prefix(2)))
            try database.execute("""
                INSERT INTO scenarios (id, name, content_hash, yaml) VALUES (1, 's', '\(String(repeating: "a", count: 64))', 'y');
                INSERT INTO runs (scenario_id, command, parley_version, seed, replications, started_at, status)
                VALUES (1, 'run', '0.1.0', 7, 2, '2025-03-01T09:00:00Z', 'running');
                """)
        }
        let store = try ResultStore(path: file.path)
        #expect(try appliedMigrations(store.database) == Migration.all.map(\.version))
        #expect(try text("SELECT status FROM runs", store.database) == "running")
        #expect(try integer("SELECT count(*) FROM runs WHERE writer_pid IS NULL AND writer_host IS NULL", store.database) == 1)
        #expect(throws: DatabaseError.self) {
            try store.database.execute("UPDATE runs SET writer_pid = 0")  // CHECK (writer_pid > 0)
        }
    }
}
