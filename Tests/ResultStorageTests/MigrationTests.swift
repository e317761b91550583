// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ResultStorage

@Suite("Schema migrations")
struct MigrationTests {
    static let tablesOfVersion1 = ["metric_summaries", "replication_metrics", "replications", "runs",
                                   "scenarios", "schema_migrations"]
    static let tables = (tablesOfVersion1 + ["agent_statistics", "benchmark_results", "chats", "interval_metrics",
                                             "live_counts", "live_latencies", "live_predictions", "live_runs", "live_thresholds",
                                             "live_throughput",
                                             "merged_shards", "roster_intervals", "roster_shifts", "rosters", "shard_manifests", "staffing_results",
                                             "strategy_comparisons", "sweep_points", "wait_histograms"]).sorted()

    @Test("an empty database gets every table and is recorded at the latest version")
    func emptyDatabase() throws {
        let file = TemporaryDatabase()
        let store = try ResultStore(path: file.path)
        #expect(try tableNames(store.database) == Self.tables)
        #expect(try appliedMigrations(store.database) == Migration.all.map(\.version))
        #expect(try store.database.schemaVersion() == Migration.latestVersion)
        #expect(Migration.all.suffix(7).map(\.name) == ["chats: the inactive outcome and wrap-up reasons",
                                                         "live runs: serve sessions and drives",
                                                         "live runs: the simulator's prediction and throughput over time",
                                                         "rosters: shifts and coverage per interval",
                                                         "chats: the rejected_collateral and ignored outcomes",
                                                         "rosters: where the measured window starts in the week",
                                                         "rosters: the repaired status of a verification round"])
    }

    @Test("a roster stored before version 12 reads back without a window start (and survives version 13); later ones with it")
    func rosterWindowStart() throws {
        let file = TemporaryDatabase()
        do {
            let database = try Database(path: file.path)
            try database.migrate(Array(Migration.all.prefix { $0.version <= 11 }))
            try database.execute("""
            INSERT INTO scenarios (id, name, content_hash, yaml) VALUES (1, 's', '\(String(repeating: "0", count: 64))', 'x');
            INSERT INTO runs (id, scenario_id, command, status, seed, replications, started_at, ended_at, parley_version)
            VALUES (1, 1, 'roster', 'complete', 1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '0');
            INSERT INTO rosters VALUES (1, 'team', 'optimal', 0, 8, 7, 8, 1, 1);
            INSERT INTO roster_intervals VALUES (1, 'team', 0, 1, 1);
            """)
        }
        let store = try ResultStore(path: file.path)
        let old = try store.rosters(runID: 1)
        #expect(old.count == 1 && old[0].windowStartSeconds == nil && old[0].intervals.count == 1)
        var record = old[0]
        record.agentGroup = "other"
        record.windowStartSeconds = 115_200
        record.shifts = [RosterRecord.Shift(startSeconds: 100_800, lengthSeconds: 28_800, breakStartsSeconds: [115_200], agents: 3)]
        try store.recordRosters(runID: 1, [record])
        #expect(try store.rosters(runID: 1) == [old[0], record])
        // Since version 13 a verification round's repaired roster is stored as such; other statuses are refused.
        var repaired = record
        repaired.agentGroup = "repaired"
        repaired.status = "repaired"
        try store.recordRosters(runID: 1, [repaired])
        #expect(try store.rosters(runID: 1).first { $0.agentGroup == "repaired" } == repaired)
        repaired.agentGroup = "solved"
        repaired.status = "solved"
        #expect(throws: DatabaseError.self) { try store.recordRosters(runID: 1, [repaired]) }
        record.agentGroup = "third"
        record.windowStartSeconds = 604_800
        #expect(throws: DatabaseError.self) { try store.recordRosters(runID: 1, [record]) }
    }

    @Test("reopening a migrated database changes nothing")
    func reopenIsIdempotent() throws {
        let file = TemporaryDatabase()
        let first = try ResultStore(path: file.path)
        let appliedAt = try text("SELECT applied_at FROM schema_migrations", first.database)
        let second = try ResultStore(path: file.path)
        try second.database.migrate()
        #expect(try tableNames(second.database) == Self.tables)
        #expect(try appliedMigrations(second.database) == Migration.all.map(\.version))
        #expect(try text("SELECT applied_at FROM schema_migrations", second.database) == appliedAt)
    }

    @Test("a database from a newer Parley is refused and left unchanged")
    func newerSchemaIsRefused() throws {
        let file = TemporaryDatabase()
        do {
            let store = try ResultStore(path: file.path)
            try store.database.execute("""
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(Migration.latestVersion + 1), 'from the future', '2099-01-01T00:00:00Z')
                """)
        }
        #expect(throws: DatabaseError.newerSchema(version: Migration.latestVersion + 1,
                                                   latestKnown: Migration.latestVersion)) {
            _ = try ResultStore(path: file.path)
        }
        let database = try Database(path: file.path)
        #expect(try appliedMigrations(database) == Migration.all.map(\.version) + [Migration.latestVersion + 1])
    }

    @Test("a failing migration leaves no trace of itself")
    func failingMigrationRollsBack() throws {
        let database = try Database(path: ":memory:")
        let broken = Migration(version: Migration.latestVersion + 1, name: "broken", sql: """
            CREATE TABLE half_done (x INTEGER);
            INSERT INTO no_such_table VALUES (1);
            """)
        #expect(throws: DatabaseError.self) { try database.migrate(Migration.all + [broken]) }
        #expect(try appliedMigrations(database) == Migration.all.map(\.version))
        #expect(try !tableNames(database).contains("half_done"))
        #expect(database.isAutocommit)
    }

    @Test("migrations apply in order, each once")
    func laterMigrationsApply() throws {
        let database = try Database(path: ":memory:")
        try database.migrate()
        let next = Migration(version: Migration.latestVersion + 1, name: "extra", sql: "CREATE TABLE extra (x INTEGER)")
        try database.migrate(Migration.all + [next])
        try database.migrate(Migration.all + [next])
        #expect(try appliedMigrations(database) == Migration.all.map(\.version) + [Migration.latestVersion + 1])
        #expect(try tableNames(database).contains("extra"))
    }
}

/// The names of the ordinary tables, sorted.
func tableNames(_ database: Database) throws -> [String] {
    let query = try database.prepare("""
        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
        """)
    var names: [String] = []
    while try query.step() { names.append(query.string(at: 0)) }
    return names
}

func appliedMigrations(_ database: Database) throws -> [Int64] {
    let query = try database.prepare("SELECT version FROM schema_migrations ORDER BY version")
    var versions: [Int64] = []
    while try query.step() { versions.append(query.int64(at: 0)) }
    return versions
}

/// The first column of the first row of `sql`.
func text(_ sql: String, _ database: Database) throws -> String {
    let query = try database.prepare(sql)
    #expect(try query.step())
    return query.string(at: 0)
}

func integer(_ sql: String, _ database: Database) throws -> Int64 {
    let query = try database.prepare(sql)
    #expect(try query.step())
    return query.int64(at: 0)
}
