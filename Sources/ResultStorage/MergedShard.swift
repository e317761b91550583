// SPDX-License-Identifier: GPL-3.0-or-later

/// A shard `parley merge` merged into a run: a row of `merged_shards`.
public struct MergedShard: Sendable, Hashable {
    /// The whole run's identity (``ShardManifest/runIdentity``).
    public var runIdentity: String
    public var shardIndex: Int
    public var shardCount: Int
    /// The merged run.
    public var runID: Int64
    /// The hash of the shard's replication rows (``ReplicationRecord/contentHash(of:)``).
    public var contentHash: String

    public init(runIdentity: String, shardIndex: Int, shardCount: Int, runID: Int64, contentHash: String) {
        self.runIdentity = runIdentity
        self.shardIndex = shardIndex
        self.shardCount = shardCount
        self.runID = runID
        self.contentHash = contentHash
    }
}
