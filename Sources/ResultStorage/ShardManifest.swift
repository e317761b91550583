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

    /// The identity of the whole run this shard is part of: the SHA-256 (hexadecimal) of
    /// every field but ``shardIndex``, so shards of one run share it and no two runs do.
    public var runIdentity: String {
        let fields = [scenarioHash, settings, String(seed), String(replications), strategy ?? "\u{0}",
                      String(shardCount), parleyVersion, gitRevision ?? "\u{0}"]
        return ContentHash.hex(of: fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
    }

    /// The fields by which `other` is a shard of another run than this one, as `name this ≠ that`.
    public func differences(from other: ShardManifest) -> [String] {
        func field<T: Equatable>(_ name: String, _ path: KeyPath<ShardManifest, T>, _ text: (T) -> String) -> String? {
            self[keyPath: path] == other[keyPath: path] ? nil : "\(name) \(text(self[keyPath: path])) ≠ \(text(other[keyPath: path]))"
        }
        return [
            field("scenario text (hash)", \.scenarioHash) { String($0.prefix(12)) },
            field("--set overrides", \.settings) { $0.isEmpty ? "none" : "'\($0.split(separator: "\n").joined(separator: " "))'" },
            field("seed", \.seed) { String($0) },
            field("replications", \.replications) { String($0) },
            field("strategy", \.strategy) { $0 ?? "none" },
            field("shard count", \.shardCount) { String($0) },
            field("Parley version", \.parleyVersion) { $0 },
            field("git revision", \.gitRevision) { $0 ?? "unknown" },
        ].compactMap { $0 }
    }

    /// Whether `other` is a shard of the same run (any shard index).
    public func sameRun(as other: ShardManifest) -> Bool {
        var other = other
        other.shardIndex = shardIndex
        return self == other
    }
}
