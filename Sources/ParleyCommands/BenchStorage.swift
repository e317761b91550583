// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import RoutingBench

/// Stores a benchmark result in the `benchmark_results` table of a results database, when the schema has it.
///
/// The table arrives with schema version 2 (see `results/README.md`); a database whose schema
/// lacks it is migrated as far as this build knows and then left without the row.
enum BenchStorage {
    /// Opens (creating and migrating) the database at `path` and inserts one row; false when the table does not exist.
    static func record(_ result: BenchResult, in path: String) throws -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        _ = try ResultStore(path: path)
        let database = try Database(path: path)
        let probe = try database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'benchmark_results'")
        guard try probe.step() else { return false }
        probe.reset()
        let insert = try database.prepare("""
            INSERT INTO benchmark_results (parley_version, git_revision, started_at, agents, queues, capacity,
                                           strategy, seed, decisions, p50_ns, p90_ns, p99_ns, max_ns, decisions_per_s)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let configuration = result.configuration
        try insert.bind(ParleyVersion.current, at: 1)
        try insert.bind(ProcessInfo.processInfo.environment["PARLEY_GIT_REVISION"], at: 2)
        try insert.bind(ISO8601DateFormatter().string(from: Date()), at: 3)
        try insert.bind(configuration.agents, at: 4)
        try insert.bind(configuration.queues, at: 5)
        try insert.bind(configuration.capacity, at: 6)
        try insert.bind(BenchConfiguration.name(of: configuration.strategy), at: 7)
        try insert.bind(Int64(bitPattern: configuration.seed), at: 8)
        try insert.bind(result.decisions, at: 9)
        try insert.bind(result.p50Nanoseconds, at: 10)
        try insert.bind(result.p90Nanoseconds, at: 11)
        try insert.bind(result.p99Nanoseconds, at: 12)
        try insert.bind(result.maxNanoseconds, at: 13)
        try insert.bind(result.decisionsPerSecond, at: 14)
        _ = try insert.step()
        return true
    }
}
