// SPDX-License-Identifier: GPL-3.0-or-later

/// What a shard run (`parley run --shard I/N`) records about the whole run it is part of:
/// a row of `shard_manifests`.
///
/// Shards belong to one run when everything but ``shardIndex`` is equal (``sameRun(as:)``).
public struct ShardManifest: Sendable, Hashable {
    /// The hash of the scenario text (SHA-256, as `scenarios.content_hash`).
    public var scenarioHash: String
    /// The `--set` overrides, one per line, in command-line order.
    public var settings: String
    public var seed: UInt64
    /// Replications of the whole run, over all shards.
    public var replications: Int
    /// The strategy forced on every queue, if any.
    public var strategy: String?
    /// This shard, 0 ..< ``shardCount``: it runs the replication indexes i with i mod N = I.
    public var shardIndex: Int
    public var shardCount: Int
    public var parleyVersion: String
    public var gitRevision: String?

    public init(scenarioHash: String, settings: String, seed: UInt64, replications: Int, strategy: String?,
                shardIndex: Int, shardCount: Int, parleyVersion: String, gitRevision: String?) {
        self.scenarioHash = scenarioHash
        self.settings = settings
        self.seed = seed
        self.replications = replications
        self.strategy = strategy
        self.shardIndex = shardIndex
        self.shardCount = shardCount
        self.parleyVersion = parleyVersion
        self.gitRevision = gitRevision
    }

    /// The manifest of shard `index` of `count` of a run of `scenarioYAML`.
    public init(scenarioYAML: String, settings: [String], seed: UInt64, replications: Int, strategy: String?,
                shardIndex: Int, shardCount: Int, parleyVersion: String, gitRevision: String?) {
        self.init(scenarioHash: ContentHash.hex(of: scenarioYAML), settings: settings.joined(separator: "\n"),
                  seed: seed, replications: replications, strategy: strategy, shardIndex: shardIndex,
                  shardCount: shardCount, parleyVersion: parleyVersion, gitRevision: gitRevision)
    }

    /// The replication indexes this shard runs.
    public var indexes: [Int] { Array(stride(from: shardIndex, to: replications, by: shardCount)) }

    /// Whether `other` is a shard of the same run (any shard index).
    public func sameRun(as other: ShardManifest) -> Bool {
        var other = other
        other.shardIndex = shardIndex
        return self == other
    }
}
