// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records that run `runID` is the shard `manifest` describes.
    public func recordShardManifest(runID: Int64, _ manifest: ShardManifest) throws(DatabaseError) {
        let insert = try database.cachedStatement("""
            INSERT INTO shard_manifests (run_id, scenario_hash, settings, seed, replications, strategy,
                                         shard_index, shard_count, parley_version, git_revision)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        defer { insert.reset() }
        try insert.bind(runID, at: 1)
        try insert.bind(manifest.scenarioHash, at: 2)
        try insert.bind(manifest.settings, at: 3)
        try insert.bind(Int64(bitPattern: manifest.seed), at: 4)
        try insert.bind(manifest.replications, at: 5)
        try insert.bind(manifest.strategy, at: 6)
        try insert.bind(manifest.shardIndex, at: 7)
        try insert.bind(manifest.shardCount, at: 8)
        try insert.bind(manifest.parleyVersion, at: 9)
        try insert.bind(manifest.gitRevision, at: 10)
        try insert.step()
    }

    /// The manifest of run `runID`, or nil when it is not a shard.
    public func shardManifest(runID: Int64) throws(DatabaseError) -> ShardManifest? {
        guard try hasSchema(version: 4) else { return nil }
        return try database.rows("""
            SELECT scenario_hash, settings, seed, replications, strategy, shard_index, shard_count,
                   parley_version, git_revision
            FROM shard_manifests WHERE run_id = ?
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            ShardManifest(scenarioHash: query.string(at: 0), settings: query.string(at: 1),
                          seed: UInt64(bitPattern: query.int64(at: 2)), replications: Int(query.int64(at: 3)),
                          strategy: query.optionalString(at: 4), shardIndex: Int(query.int64(at: 5)),
                          shardCount: Int(query.int64(at: 6)), parleyVersion: query.string(at: 7),
                          gitRevision: query.optionalString(at: 8))
        }.first
    }

    /// Whether the file has the tables of schema `version` (a read-only store may be older than
    /// this Parley; it holds no rows of the tables added since).
    func hasSchema(version: Int64) throws(DatabaseError) -> Bool {
        (try database.recordedSchemaVersion() ?? 0) >= version
    }
}
