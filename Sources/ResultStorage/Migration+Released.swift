// SPDX-License-Identifier: GPL-3.0-or-later

// The schema of the first releases: runs, replications, metrics (1), what the simulating
// commands add (2), the writer's process and host (3).
extension Migration {
    /// Released in version 1 — frozen.
    ///
    /// `replication_metrics` is `WITHOUT ROWID`: its rows live in the primary-key b-tree
    /// itself, so an insert writes one b-tree instead of two. Its scope CHECK is spelled
    /// with `OR` because SQLite evaluates `IN` over three or more constants by building a
    /// temporary index once per statement execution, which halved the insert rate.
    /// `metric_summaries` keeps its rowid, so reading back in rowid order returns the rows
    /// as they were written. The schema needs nothing newer than SQLite 3.8.2.
    static let schemaVersion1 = """
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

    /// Released in version 2 — frozen once released.
    ///
    /// Adds strategy comparisons (written by `parley compare`), wait-time histograms,
    /// per-interval metrics and per-agent statistics (by the commands that simulate), per-chat
    /// rows (with `--chats`), staffing results (by `staff`) and benchmark results (by
    /// `bench --db`). Per-replication tables reference `replications`, so a replication's rows
    /// are written together with it and deleted with it. Scope CHECKs are spelled with `OR` for the reason given above.
    static let schemaVersion2 = """
        CREATE TABLE strategy_comparisons (
            baseline_run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            baseline_strategy  TEXT NOT NULL,
            strategy           TEXT NOT NULL,
            scope              TEXT NOT NULL CHECK (scope = 'overall' OR scope = 'queue' OR scope = 'channel'),
            scope_id           TEXT NOT NULL,
            metric             TEXT NOT NULL,
            mean_diff          REAL,
            ci95               REAL CHECK (ci95 >= 0),
            significant        INTEGER NOT NULL CHECK (significant = 0 OR significant = 1),
            n                  INTEGER NOT NULL CHECK (n >= 0),
            PRIMARY KEY (baseline_run_id, run_id, scope, scope_id, metric),
            CHECK (baseline_run_id <> run_id),
            CHECK ((scope = 'overall') = (scope_id = '')),
            CHECK (ci95 IS NULL OR (mean_diff IS NOT NULL AND n >= 2)),
            CHECK (significant = 0 OR ci95 IS NOT NULL)
        );
        CREATE INDEX strategy_comparisons_by_run ON strategy_comparisons (run_id);

        CREATE TABLE wait_histograms (
            run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            scope           TEXT NOT NULL CHECK (scope = 'overall' OR scope = 'queue' OR scope = 'channel'),
            scope_id        TEXT NOT NULL,
            bucket_lower_s  REAL NOT NULL CHECK (bucket_lower_s >= 0),
            bucket_upper_s  REAL NOT NULL,
            count           INTEGER NOT NULL CHECK (count > 0),
            PRIMARY KEY (run_id, scope, scope_id, bucket_lower_s),
            CHECK (bucket_upper_s > bucket_lower_s),
            CHECK ((scope = 'overall') = (scope_id = ''))
        ) WITHOUT ROWID;

        CREATE TABLE interval_metrics (
            run_id            INTEGER NOT NULL,
            replication       INTEGER NOT NULL,
            scope             TEXT NOT NULL CHECK (scope = 'overall' OR scope = 'queue' OR scope = 'channel'),
            scope_id          TEXT NOT NULL,
            interval_start_s  REAL NOT NULL CHECK (interval_start_s >= 0),
            metric            TEXT NOT NULL,
            value             REAL,
            PRIMARY KEY (run_id, replication, scope, scope_id, metric, interval_start_s),
            FOREIGN KEY (run_id, replication)
                REFERENCES replications (run_id, replication) ON DELETE CASCADE,
            CHECK ((scope = 'overall') = (scope_id = ''))
        ) WITHOUT ROWID;

        CREATE TABLE agent_statistics (
            run_id       INTEGER NOT NULL,
            replication  INTEGER NOT NULL,
            agent_group  TEXT NOT NULL,
            agent        TEXT NOT NULL,
            capacity     INTEGER NOT NULL CHECK (capacity >= 1),
            staffed_s    REAL NOT NULL CHECK (staffed_s >= 0),
            busy_s       REAL NOT NULL CHECK (busy_s >= 0),
            chats        INTEGER NOT NULL CHECK (chats >= 0),
            rona         INTEGER NOT NULL CHECK (rona >= 0),
            PRIMARY KEY (run_id, replication, agent),
            FOREIGN KEY (run_id, replication)
                REFERENCES replications (run_id, replication) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE TABLE staffing_results (
            run_id              INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            queue               TEXT NOT NULL,
            interval_start_s    REAL NOT NULL CHECK (interval_start_s >= 0),
            agent_group         TEXT NOT NULL,
            agents              INTEGER NOT NULL CHECK (agents >= 0),
            service_level       REAL,
            service_level_ci95  REAL CHECK (service_level_ci95 >= 0),
            abandon_rate        REAL,
            abandon_rate_ci95   REAL CHECK (abandon_rate_ci95 >= 0),
            meets_targets       INTEGER NOT NULL CHECK (meets_targets = 0 OR meets_targets = 1),
            PRIMARY KEY (run_id, queue, interval_start_s, agent_group)
        );

        CREATE TABLE benchmark_results (
            id               INTEGER PRIMARY KEY,
            parley_version   TEXT NOT NULL,
            git_revision     TEXT,
            started_at       TEXT NOT NULL,
            agents           INTEGER NOT NULL CHECK (agents >= 1),
            queues           INTEGER NOT NULL CHECK (queues >= 1),
            capacity         INTEGER NOT NULL CHECK (capacity >= 1),
            strategy         TEXT NOT NULL,
            seed             INTEGER,
            decisions        INTEGER NOT NULL CHECK (decisions >= 0),
            p50_ns           REAL,
            p90_ns           REAL,
            p99_ns           REAL,
            max_ns           REAL,
            decisions_per_s  REAL
        );
        CREATE INDEX benchmark_results_by_shape ON benchmark_results (agents, queues, capacity, strategy, started_at);

        CREATE TABLE chats (
            run_id       INTEGER NOT NULL,
            replication  INTEGER NOT NULL,
            chat         INTEGER NOT NULL CHECK (chat >= 0),
            arrival_s    REAL NOT NULL,
            queue        TEXT NOT NULL,
            channel      TEXT NOT NULL,
            accepted_s   REAL,
            agent        TEXT,
            wait_s       REAL CHECK (wait_s >= 0),
            outcome      TEXT NOT NULL
                         CHECK (outcome = 'answered' OR outcome = 'abandoned' OR outcome = 'unresolved'
                                OR outcome = 'rejected' OR outcome = 'bot_resolved' OR outcome = 'missed_contact'
                                OR outcome = 'offline_form' OR outcome = 'out_of_hours'),
            transfers    INTEGER NOT NULL CHECK (transfers >= 0),
            rona_count   INTEGER NOT NULL CHECK (rona_count >= 0),
            PRIMARY KEY (run_id, replication, chat),
            FOREIGN KEY (run_id, replication)
                REFERENCES replications (run_id, replication) ON DELETE CASCADE,
            CHECK ((accepted_s IS NULL) = (agent IS NULL)),
            CHECK (outcome <> 'answered' OR accepted_s IS NOT NULL)
        ) WITHOUT ROWID;
        """

    /// Released in version 3 — frozen once released.
    ///
    /// The process id and host name of the `parley` writing a run, so that a run left
    /// `running` by a killed process can be told from a live one: a writer finding a run of
    /// its own host whose process no longer exists marks it `interrupted`. Both are NULL
    /// for runs written before version 3 (which are never marked).
    static let schemaVersion3 = """
        ALTER TABLE runs ADD COLUMN writer_pid INTEGER CHECK (writer_pid > 0);
        ALTER TABLE runs ADD COLUMN writer_host TEXT;
        """
}
