// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records one benchmark result; false when the file's schema has no `benchmark_results` table.
    ///
    /// The table arrives with schema version 2 (`results/README.md`); the store migrates a file
    /// as far as this build knows, so only a file that could not be migrated lacks it.
    public func recordBenchmark(_ row: BenchmarkRecord) throws(DatabaseError) -> Bool {
        let probe = try database.cachedStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'benchmark_results'")
        let hasTable = try probe.step()
        probe.reset()
        guard hasTable else { return false }
        try database.transaction { () throws(DatabaseError) in
            let insert = try database.cachedStatement("""
                INSERT INTO benchmark_results (parley_version, git_revision, started_at, agents, queues, capacity,
                                               strategy, seed, decisions, p50_ns, p90_ns, p99_ns, max_ns, decisions_per_s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            defer { insert.reset() }
            try insert.bind(row.parleyVersion, at: 1)
            try insert.bind(row.gitRevision, at: 2)
            try insert.bind(row.startedAt, at: 3)
            try insert.bind(row.agents, at: 4)
            try insert.bind(row.queues, at: 5)
            try insert.bind(row.capacity, at: 6)
            try insert.bind(row.strategy, at: 7)
            try insert.bind(Int64(bitPattern: row.seed), at: 8)
            try insert.bind(row.decisions, at: 9)
            try insert.bind(row.p50Nanoseconds, at: 10)
            try insert.bind(row.p90Nanoseconds, at: 11)
            try insert.bind(row.p99Nanoseconds, at: 12)
            try insert.bind(row.maxNanoseconds, at: 13)
            try insert.bind(row.decisionsPerSecond, at: 14)
            try insert.step()
        }
        return true
    }

    /// The benchmark results in the file, oldest first.
    public func benchmarks() throws(DatabaseError) -> [BenchmarkRecord] {
        let query = try database.prepare("""
            SELECT parley_version, git_revision, started_at, agents, queues, capacity, strategy, seed, decisions,
                   p50_ns, p90_ns, p99_ns, max_ns, decisions_per_s
            FROM benchmark_results ORDER BY id
            """)
        return try query.rows { (row: Statement) throws(DatabaseError) in
            BenchmarkRecord(parleyVersion: row.string(at: 0), gitRevision: row.optionalString(at: 1),
                            startedAt: row.string(at: 2), agents: Int(row.int64(at: 3)), queues: Int(row.int64(at: 4)),
                            capacity: Int(row.int64(at: 5)), strategy: row.string(at: 6),
                            seed: UInt64(bitPattern: row.int64(at: 7)), decisions: Int(row.int64(at: 8)),
                            p50Nanoseconds: row.double(at: 9), p90Nanoseconds: row.double(at: 10),
                            p99Nanoseconds: row.double(at: 11), maxNanoseconds: row.double(at: 12),
                            decisionsPerSecond: row.double(at: 13))
        }
    }
}
