// SPDX-License-Identifier: GPL-3.0-or-later

// Live runs (8–9), rosters (10, 12, 13) and the chats' newest outcomes (11).
extension Migration {
    /// Not yet released.
    ///
    /// Live mode (SPEC §8): one `live_runs` row per `parley serve` session (stored at shutdown)
    /// or `parley drive`; its counts by name (`chats_started`, `errors_409`, …), a drive's
    /// latency percentiles in microseconds, and its thresholds with the value judged.
    static let schemaVersion8 = """
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
    static let schemaVersion9 = """
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
    static let schemaVersion10 = """
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
    static let schemaVersion11 = """
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
    static let schemaVersion12 = """
        ALTER TABLE rosters ADD COLUMN window_start_s REAL
            CHECK (window_start_s IS NULL OR (window_start_s >= 0 AND window_start_s < 604800));
        """

    /// Not yet released.
    ///
    /// A roster repaired in a verification round (the previous round's roster kept, the
    /// cheapest additions covering the raised intervals) is stored with status `repaired`. As
    /// in versions 7 and 11, `rosters` is rebuilt with the wider CHECK and its rows copied.
    static let schemaVersion13 = """
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
