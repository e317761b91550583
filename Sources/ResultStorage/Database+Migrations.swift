// SPDX-License-Identifier: GPL-3.0-or-later

extension Database {
    /// Brings the schema up to date: applies, in order, each of `migrations` not yet
    /// recorded in `schema_migrations`, each in its own transaction.
    ///
    /// Each migration re-checks, inside its write transaction, that nobody applied it in
    /// the meantime, so processes opening one new file at once apply it exactly once.
    /// A database already holding a version newer than the last of `migrations` was written
    /// by a newer Parley: it is refused with ``DatabaseError/newerSchema(version:latestKnown:)``
    /// and left unchanged.
    public func migrate(_ migrations: [Migration] = Migration.all) throws(DatabaseError) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
                     "migrations must be in increasing version order")
        try execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            )
            """)
        let latestKnown = migrations.last?.version ?? 0
        let current = try schemaVersion()
        if current > latestKnown {
            throw .newerSchema(version: current, latestKnown: latestKnown)
        }
        for migration in migrations where migration.version > current {
            try transaction { () throws(DatabaseError) in
                guard try !isApplied(migration.version) else { return }
                try execute(migration.sql)
                let record = try prepare("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """)
                try record.bind(migration.version, at: 1)
                try record.bind(migration.name, at: 2)
                try record.step()
            }
        }
    }

    /// The schema version recorded in the file, read without writing anything: nil when the
    /// file has no `schema_migrations` table (a new file, or another program's database).
    public func recordedSchemaVersion() throws(DatabaseError) -> Int64? {
        let table = try prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        _ = try table.step()
        guard table.int64(at: 0) == 1 else { return nil }
        return try schemaVersion()
    }

    /// Whether the file holds no table, index, view or trigger.
    public func isEmpty() throws(DatabaseError) -> Bool {
        let query = try prepare("SELECT count(*) FROM sqlite_master")
        _ = try query.step()
        return query.int64(at: 0) == 0
    }

    /// The highest migration version applied to this database, 0 for a new one.
    public func schemaVersion() throws(DatabaseError) -> Int64 {
        let query = try prepare("SELECT coalesce(max(version), 0) FROM schema_migrations")
        _ = try query.step()
        return query.int64(at: 0)
    }

    private func isApplied(_ version: Int64) throws(DatabaseError) -> Bool {
        let query = try prepare("SELECT 1 FROM schema_migrations WHERE version = ?")
        try query.bind(version, at: 1)
        return try query.step()
    }
}
