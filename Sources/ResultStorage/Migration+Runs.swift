// SPDX-License-Identifier: GPL-3.0-or-later

// Sharded and swept runs (4–6) and the chats' newer outcomes (7).
extension Migration {
    /// Not yet released.
    ///
    /// The manifest of a shard run (`parley run --shard I/N`): what must be equal for shards
    /// to belong to one run — the scenario text (by the hash `scenarios.content_hash` uses),
    /// the `--set` overrides (one per line, in command-line order), the seed, the total
    /// replication count, the strategy, the shard count and the Parley that ran it — and
    /// which shard this is. `parley merge` reads it to check the shards before merging.
    static let schemaVersion4 = """
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
    static let schemaVersion5 = """
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
    static let schemaVersion6 = """
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
    static let schemaVersion7 = """
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
}
