// SPDX-License-Identifier: GPL-3.0-or-later

/// One versioned step of the result schema: SQL applied once, in its own transaction, and
/// recorded in `schema_migrations`.
///
/// **A released migration never changes.** Databases in the field already ran its SQL,
/// and a database is only ever moved forward by the migrations it has not yet seen; to
/// change the schema, append a new migration with the next version (SQLite's
/// `ALTER TABLE` limits may mean creating a new table, copying, and renaming). Edit only
/// the newest migration, and only before it is released.
public struct Migration: Sendable {
    /// The schema version this migration brings the database to; versions count up from 1
    /// without gaps.
    public let version: Int64
    /// A short name, recorded with the version.
    public let name: String
    /// The SQL statements, `;`-separated.
    public let sql: String
}

extension Migration {
    /// Every migration, oldest first. Append only.
    public static let all: [Migration] = [
        Migration(version: 1, name: "runs, replications and metric summaries", sql: schemaVersion1),
        Migration(version: 2, name: "comparisons, wait histograms, intervals, agents, staffing, benchmarks, chats",
                  sql: schemaVersion2),
        Migration(version: 3, name: "the process and host writing each run", sql: schemaVersion3),
        Migration(version: 4, name: "shard manifests", sql: schemaVersion4),
        Migration(version: 5, name: "shards merged into each run", sql: schemaVersion5),
        Migration(version: 6, name: "sweep grid points", sql: schemaVersion6),
        Migration(version: 7, name: "chats: the inactive outcome and wrap-up reasons", sql: schemaVersion7),
        Migration(version: 8, name: "live runs: serve sessions and drives", sql: schemaVersion8),
        Migration(version: 9, name: "live runs: the simulator's prediction and throughput over time", sql: schemaVersion9),
        Migration(version: 10, name: "rosters: shifts and coverage per interval", sql: schemaVersion10),
        Migration(version: 11, name: "chats: the rejected_collateral and ignored outcomes", sql: schemaVersion11),
        Migration(version: 12, name: "rosters: where the measured window starts in the week", sql: schemaVersion12),
        Migration(version: 13, name: "rosters: the repaired status of a verification round", sql: schemaVersion13),
    ]

    /// The newest schema version this Parley knows.
    public static var latestVersion: Int64 { all.last?.version ?? 0 }
}
