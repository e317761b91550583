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
    ]

    /// The newest schema version this Parley knows.
    public static var latestVersion: Int64 { all.last?.version ?? 0 }

    /// Released in version 1 — frozen.
    ///
    /// `replication_metrics` is `WITHOUT ROWID`: its rows live in the primary-key b-tree
    /// itself, so an insert writes one b-tree instead of two. Its scope CHECK is spelled
    /// with `OR` because SQLite evaluates `IN` over three or more constants by building a
    /// temporary index once per statement execution, which halved the insert rate.
    /// `metric_summaries` keeps its rowid, so reading back in rowid order returns the rows
    /// as they were written. The schema needs nothing newer than SQLite 3.8.2.
    private static let schemaVersion1 = """
        CREATE TABLE scenarios (
            id            INTEGER PRIMARY KEY,
            name          TEXT NOT NULL,
            content_hash  TEXT NOT NULL UNIQUE CHECK (length(content_hash) = 64),
            yaml          TEXT NOT NULL
        );

        CREATE TABLE runs (
            id              INTEGER PRIMARY KEY,
            scenario_id     INTEGER NOT NULL REFERENCES scenarios (id),
            command         TEXT NOT NULL,
            parley_version  TEXT NOT NULL,
            git_revision    TEXT,
            seed            INTEGER NOT NULL,
            replications    INTEGER NOT NULL CHECK (replications >= 0),
            strategy        TEXT,
            started_at      TEXT NOT NULL,
            ended_at        TEXT,
            status          TEXT NOT NULL
                            CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
            CHECK ((status = 'running') = (ended_at IS NULL))
        );
        CREATE INDEX runs_by_scenario ON runs (scenario_id, started_at);
        CREATE INDEX runs_by_status ON runs (status, started_at);

        CREATE TABLE replications (
            run_id           INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            replication      INTEGER NOT NULL CHECK (replication >= 0),
            simulated_chats  INTEGER NOT NULL CHECK (simulated_chats >= 0),
            events           INTEGER NOT NULL CHECK (events >= 0),
            PRIMARY KEY (run_id, replication)
        );

        CREATE TABLE replication_metrics (
            run_id       INTEGER NOT NULL,
            replication  INTEGER NOT NULL,
            scope        TEXT NOT NULL CHECK (scope = 'overall' OR scope = 'queue' OR scope = 'channel'),
            scope_id     TEXT NOT NULL,
            metric       TEXT NOT NULL,
            value        REAL,
            PRIMARY KEY (run_id, replication, scope, scope_id, metric),
            FOREIGN KEY (run_id, replication)
                REFERENCES replications (run_id, replication) ON DELETE CASCADE,
            CHECK ((scope = 'overall') = (scope_id = ''))
        ) WITHOUT ROWID;

        CREATE TABLE metric_summaries (
            run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            scope     TEXT NOT NULL CHECK (scope = 'overall' OR scope = 'queue' OR scope = 'channel'),
            scope_id  TEXT NOT NULL,
            metric    TEXT NOT NULL,
            mean      REAL,
            ci95      REAL CHECK (ci95 >= 0),
            n         INTEGER NOT NULL CHECK (n >= 0),
            PRIMARY KEY (run_id, scope, scope_id, metric),
            CHECK ((scope = 'overall') = (scope_id = '')),
            CHECK (ci95 IS NULL OR (mean IS NOT NULL AND n >= 2))
        );
        CREATE INDEX metric_summaries_by_metric ON metric_summaries (metric, scope, scope_id);
        """
}
