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

    /// Released in version 2 — frozen once released.
    ///
    /// Adds strategy comparisons (written by `parley compare`), wait-time histograms,
    /// per-interval metrics and per-agent statistics (by the commands that simulate), per-chat
    /// rows (with `--chats`), staffing results (by `staff`) and benchmark results (by
    /// `bench --db`). Per-replication tables reference `replications`, so a replication's rows
    /// are written together with it and deleted with it. Scope CHECKs are spelled with `OR` for the reason given above.
    private static let schemaVersion2 = """
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
    private static let schemaVersion3 = """
        ALTER TABLE runs ADD COLUMN writer_pid INTEGER CHECK (writer_pid > 0);
        ALTER TABLE runs ADD COLUMN writer_host TEXT;
        """

    /// Not yet released.
    ///
    /// The manifest of a shard run (`parley run --shard I/N`): what must be equal for shards
    /// to belong to one run — the scenario text (by the hash `scenarios.content_hash` uses),
    /// the `--set` overrides (one per line, in command-line order), the seed, the total
    /// replication count, the strategy, the shard count and the Parley that ran it — and
    /// which shard this is. `parley merge` reads it to check the shards before merging.
    private static let schemaVersion4 = """
        CREATE TABLE shard_manifests (
            run_id          INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
            scenario_hash   TEXT NOT NULL CHECK (length(scenario_hash) = 64),
            settings        TEXT NOT NULL,
            seed            INTEGER NOT NULL,
            replications    INTEGER NOT NULL CHECK (replications >= 1),
            strategy        TEXT,
            shard_index     INTEGER NOT NULL CHECK (shard_index >= 0),
            shard_count     INTEGER NOT NULL CHECK (shard_count >= 1),
            parley_version  TEXT NOT NULL,
            git_revision    TEXT,
            CHECK (shard_index < shard_count)
        );
        """

    /// Not yet released.
    ///
    /// The shards `parley merge` merged into a run, one row per shard: the identity of the
    /// whole run they belong to (``ShardManifest/runIdentity``, a SHA-256 over every manifest
    /// field but the shard index), which shard it was, and the hash of its replication rows
    /// (``ReplicationRecord/contentHash(of:)``). Merging the same shards again finds them
    /// here and changes nothing; shards of the same run holding other results are refused.
    private static let schemaVersion5 = """
        CREATE TABLE merged_shards (
            run_identity  TEXT NOT NULL CHECK (length(run_identity) = 64),
            shard_index   INTEGER NOT NULL CHECK (shard_index >= 0),
            shard_count   INTEGER NOT NULL CHECK (shard_count >= 1),
            run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
            PRIMARY KEY (run_identity, shard_index),
            CHECK (shard_index < shard_count)
        );
        CREATE INDEX merged_shards_by_run ON merged_shards (run_id);
        """

    /// Not yet released.
    ///
    /// The grid point each run of a `parley sweep` ran: the `--vary` overrides that make it
    /// (`key=value`, one per line, in the order of the `--vary` options) and the sweep it
    /// belongs to, named by the run id of its first grid point.
    private static let schemaVersion6 = """
        CREATE TABLE sweep_points (
            run_id        INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
            sweep_run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            settings      TEXT NOT NULL
        );
        CREATE INDEX sweep_points_by_sweep ON sweep_points (sweep_run_id);
        """

    /// Not yet released.
    ///
    /// Chats closed because their customer went silent (`inactive`, SPEC §3.3) join the
    /// outcomes, and each chat keeps the wrap-up reason its agent closed it with. SQLite cannot
    /// change a CHECK constraint in place, so `chats` is rebuilt: a new table with the wider
    /// CHECK and the new column, the rows copied (their reason NULL), the old table dropped and
    /// the new one renamed. No other table refers to `chats`.
    private static let schemaVersion7 = """
        CREATE TABLE chats_version7 (
            run_id          INTEGER NOT NULL,
            replication     INTEGER NOT NULL,
            chat            INTEGER NOT NULL CHECK (chat >= 0),
            arrival_s       REAL NOT NULL,
            queue           TEXT NOT NULL,
            channel         TEXT NOT NULL,
            accepted_s      REAL,
            agent           TEXT,
            wait_s          REAL CHECK (wait_s >= 0),
            outcome         TEXT NOT NULL
                            CHECK (outcome = 'answered' OR outcome = 'abandoned' OR outcome = 'unresolved'
                                   OR outcome = 'rejected' OR outcome = 'bot_resolved' OR outcome = 'missed_contact'
                                   OR outcome = 'offline_form' OR outcome = 'out_of_hours' OR outcome = 'inactive'),
            transfers       INTEGER NOT NULL CHECK (transfers >= 0),
            rona_count      INTEGER NOT NULL CHECK (rona_count >= 0),
            wrap_up_reason  TEXT CHECK (wrap_up_reason IS NULL OR outcome = 'answered'),
            PRIMARY KEY (run_id, replication, chat),
            FOREIGN KEY (run_id, replication)
                REFERENCES replications (run_id, replication) ON DELETE CASCADE,
            CHECK ((accepted_s IS NULL) = (agent IS NULL)),
            CHECK (outcome <> 'answered' OR accepted_s IS NOT NULL)
        ) WITHOUT ROWID;
        INSERT INTO chats_version7 (run_id, replication, chat, arrival_s, queue, channel, accepted_s, agent, wait_s,
                                    outcome, transfers, rona_count)
            SELECT run_id, replication, chat, arrival_s, queue, channel, accepted_s, agent, wait_s,
                   outcome, transfers, rona_count FROM chats;
        DROP TABLE chats;
        ALTER TABLE chats_version7 RENAME TO chats;
        """

    /// Not yet released.
    ///
    /// Live mode (SPEC §8): one `live_runs` row per `parley serve` session (stored at shutdown)
    /// or `parley drive`; its counts by name (`chats_started`, `errors_409`, …), a drive's
    /// latency percentiles in microseconds, and its thresholds with the value judged.
    private static let schemaVersion8 = """
        CREATE TABLE live_runs (
            id                 INTEGER PRIMARY KEY,
            kind               TEXT NOT NULL CHECK (kind IN ('serve', 'drive')),
            scenario_name      TEXT NOT NULL,
            scenario_hash      TEXT NOT NULL CHECK (length(scenario_hash) = 64),
            target             TEXT,
            speed              REAL CHECK (speed > 0),
            replication        INTEGER CHECK (replication >= 0),
            started_at         TEXT NOT NULL,
            ended_at           TEXT NOT NULL,
            wall_seconds       REAL NOT NULL CHECK (wall_seconds >= 0),
            simulated_seconds  REAL CHECK (simulated_seconds >= 0),
            parley_version     TEXT NOT NULL,
            git_revision       TEXT,
            CHECK ((kind = 'drive') = (target IS NOT NULL AND speed IS NOT NULL))
        );
        CREATE TABLE live_counts (
            run_id  INTEGER NOT NULL REFERENCES live_runs (id) ON DELETE CASCADE,
            name    TEXT NOT NULL CHECK (name <> ''),
            value   INTEGER NOT NULL CHECK (value >= 0),
            PRIMARY KEY (run_id, name)
        ) WITHOUT ROWID;
        CREATE TABLE live_latencies (
            run_id    INTEGER NOT NULL REFERENCES live_runs (id) ON DELETE CASCADE,
            name      TEXT NOT NULL CHECK (name <> ''),
            count     INTEGER NOT NULL CHECK (count > 0),
            p50_us    INTEGER NOT NULL CHECK (p50_us >= 0),
            p90_us    INTEGER NOT NULL CHECK (p90_us >= p50_us),
            p99_us    INTEGER NOT NULL CHECK (p99_us >= p90_us),
            p999_us   INTEGER NOT NULL CHECK (p999_us >= p99_us),
            max_us    INTEGER NOT NULL,
            mean_us   REAL NOT NULL,
            PRIMARY KEY (run_id, name)
        ) WITHOUT ROWID;
        CREATE TABLE live_thresholds (
            run_id      INTEGER NOT NULL REFERENCES live_runs (id) ON DELETE CASCADE,
            position    INTEGER NOT NULL CHECK (position >= 0),
            expression  TEXT NOT NULL,
            value       REAL,
            passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
            PRIMARY KEY (run_id, position)
        ) WITHOUT ROWID;
        """

    /// Not yet released.
    ///
    /// A drive's observed service level, ASA and abandon rate beside the simulator's prediction
    /// for the same span (mean, 95 % half-width, 99.9 % interval for one run), and its throughput
    /// per wall second with that second's `create_to_offer` percentiles.
    private static let schemaVersion9 = """
        CREATE TABLE live_predictions (
            run_id          INTEGER NOT NULL REFERENCES live_runs (id) ON DELETE CASCADE,
            metric          TEXT NOT NULL CHECK (metric IN ('service_level', 'asa_s', 'abandon_rate')),
            replications    INTEGER NOT NULL CHECK (replications > 0),
            window_start_s  REAL NOT NULL CHECK (window_start_s >= 0),
            window_end_s    REAL NOT NULL CHECK (window_end_s > window_start_s),
            observed        REAL,
            mean            REAL,
            half_width_95   REAL CHECK (half_width_95 >= 0),
            low_999         REAL,
            high_999        REAL CHECK (high_999 >= low_999),
            PRIMARY KEY (run_id, metric)
        ) WITHOUT ROWID;
        CREATE TABLE live_throughput (
            run_id                 INTEGER NOT NULL REFERENCES live_runs (id) ON DELETE CASCADE,
            second                 INTEGER NOT NULL CHECK (second >= 0),
            created                INTEGER NOT NULL CHECK (created >= 0),
            offered                INTEGER NOT NULL CHECK (offered >= 0),
            accepted               INTEGER NOT NULL CHECK (accepted >= 0),
            requests               INTEGER NOT NULL CHECK (requests >= 0),
            errors                 INTEGER NOT NULL CHECK (errors >= 0 AND errors <= requests),
            create_to_offer_p50_us INTEGER CHECK (create_to_offer_p50_us >= 0),
            create_to_offer_p99_us INTEGER CHECK (create_to_offer_p99_us >= create_to_offer_p50_us),
            PRIMARY KEY (run_id, second)
        ) WITHOUT ROWID;
        """

    /// Rosters (`parley roster`): the shifts of each group's roster, and per interval of the
    /// week its requirement and the agents the roster puts on duty (breaks taken off).
    private static let schemaVersion10 = """
        CREATE TABLE roster_shifts (
            run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            agent_group     TEXT NOT NULL,
            start_s         REAL NOT NULL CHECK (start_s >= 0),
            length_s        REAL NOT NULL CHECK (length_s > 0),
            break_starts_s  TEXT NOT NULL,
            agents          INTEGER NOT NULL CHECK (agents >= 1),
            PRIMARY KEY (run_id, agent_group, start_s, length_s, break_starts_s)
        );

        CREATE TABLE roster_intervals (
            run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            agent_group     TEXT NOT NULL,
            interval_s      REAL NOT NULL CHECK (interval_s >= 0),
            required        INTEGER NOT NULL CHECK (required >= 0),
            rostered        INTEGER NOT NULL CHECK (rostered >= 0),
            PRIMARY KEY (run_id, agent_group, interval_s)
        ) WITHOUT ROWID;

        CREATE TABLE rosters (
            run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            agent_group     TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('optimal', 'time_limit')),
            gap             REAL NOT NULL CHECK (gap >= 0),
            agent_hours     REAL NOT NULL CHECK (agent_hours >= 0),
            required_hours  REAL NOT NULL CHECK (required_hours >= 0),
            cost            REAL NOT NULL,
            head_count      INTEGER NOT NULL CHECK (head_count >= 0),
            rounds          INTEGER NOT NULL CHECK (rounds >= 1),
            PRIMARY KEY (run_id, agent_group)
        );
        """

    /// Not yet released.
    ///
    /// Innocent visitors rejected because a block covers their shared proxy address
    /// (`rejected_collateral`) and chats of unknown WhatsApp senders their agent ignored
    /// (`ignored`) join the outcomes (SPEC §3.3). As in version 7, `chats` is rebuilt with the
    /// wider CHECK and its rows copied.
    private static let schemaVersion11 = """
        CREATE TABLE chats_version11 (
            run_id          INTEGER NOT NULL,
            replication     INTEGER NOT NULL,
            chat            INTEGER NOT NULL CHECK (chat >= 0),
            arrival_s       REAL NOT NULL,
            queue           TEXT NOT NULL,
            channel         TEXT NOT NULL,
            accepted_s      REAL,
            agent           TEXT,
            wait_s          REAL CHECK (wait_s >= 0),
            outcome         TEXT NOT NULL
                            CHECK (outcome = 'answered' OR outcome = 'abandoned' OR outcome = 'unresolved'
                                   OR outcome = 'rejected' OR outcome = 'bot_resolved' OR outcome = 'missed_contact'
                                   OR outcome = 'offline_form' OR outcome = 'out_of_hours' OR outcome = 'inactive'
                                   OR outcome = 'rejected_collateral' OR outcome = 'ignored'),
            transfers       INTEGER NOT NULL CHECK (transfers >= 0),
            rona_count      INTEGER NOT NULL CHECK (rona_count >= 0),
            wrap_up_reason  TEXT CHECK (wrap_up_reason IS NULL OR outcome = 'answered'),
            PRIMARY KEY (run_id, replication, chat),
            FOREIGN KEY (run_id, replication)
                REFERENCES replications (run_id, replication) ON DELETE CASCADE,
            CHECK ((accepted_s IS NULL) = (agent IS NULL)),
            CHECK (outcome <> 'answered' OR accepted_s IS NOT NULL)
        ) WITHOUT ROWID;
        INSERT INTO chats_version11 (run_id, replication, chat, arrival_s, queue, channel, accepted_s, agent, wait_s,
                                     outcome, transfers, rona_count, wrap_up_reason)
            SELECT run_id, replication, chat, arrival_s, queue, channel, accepted_s, agent, wait_s,
                   outcome, transfers, rona_count, wrap_up_reason FROM chats;
        DROP TABLE chats;
        ALTER TABLE chats_version11 RENAME TO chats;
        """

    /// Not yet released.
    ///
    /// Where the roster run's measured window starts in the week (seconds after Monday 00:00
    /// local time), so `parley report` can place the run's verified intervals (stored in
    /// `staffing_results`, seconds after the window's start) on the roster's week. NULL in
    /// rows written before it.
    private static let schemaVersion12 = """
        ALTER TABLE rosters ADD COLUMN window_start_s REAL
            CHECK (window_start_s IS NULL OR (window_start_s >= 0 AND window_start_s < 604800));
        """

    /// Not yet released.
    ///
    /// A roster repaired in a verification round (the previous round's roster kept, the
    /// cheapest additions covering the raised intervals) is stored with status `repaired`. As
    /// in versions 7 and 11, `rosters` is rebuilt with the wider CHECK and its rows copied.
    private static let schemaVersion13 = """
        CREATE TABLE rosters_version13 (
            run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            agent_group     TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('optimal', 'time_limit', 'repaired')),
            gap             REAL NOT NULL CHECK (gap >= 0),
            agent_hours     REAL NOT NULL CHECK (agent_hours >= 0),
            required_hours  REAL NOT NULL CHECK (required_hours >= 0),
            cost            REAL NOT NULL,
            head_count      INTEGER NOT NULL CHECK (head_count >= 0),
            rounds          INTEGER NOT NULL CHECK (rounds >= 1),
            window_start_s  REAL CHECK (window_start_s IS NULL OR (window_start_s >= 0 AND window_start_s < 604800)),
            PRIMARY KEY (run_id, agent_group)
        );
        INSERT INTO rosters_version13 (run_id, agent_group, status, gap, agent_hours, required_hours, cost, head_count,
                                       rounds, window_start_s)
            SELECT run_id, agent_group, status, gap, agent_hours, required_hours, cost, head_count,
                   rounds, window_start_s FROM rosters;
        DROP TABLE rosters;
        ALTER TABLE rosters_version13 RENAME TO rosters;
        """
}
