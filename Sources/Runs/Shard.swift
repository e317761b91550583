// SPDX-License-Identifier: GPL-3.0-or-later

/// One shard of a run split by replication index (SPEC §9): shard I of N runs the indexes i
/// with i mod N = I, so the shards of a run together run each index exactly once.
package struct Shard: Equatable, Sendable {
    /// 0 ..< ``count``.
    package var index: Int
    package var count: Int

    package init(index: Int, count: Int) {
        precondition(count >= 1 && (0 ..< count).contains(index), "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    /// Reads `I/N` (0 ≤ I < N); nil for anything else.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    /// The shard a batch engine assigned through `environment`: Slurm job arrays
    /// (`SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`), or Kubernetes Indexed Jobs
    /// (`JOB_COMPLETION_INDEX`, with the shard count given as `shards`).
    ///
    /// - Throws: the reason as text when neither is set or the values do not make a shard.
    package static func assigned(by environment: [String: String], shards: Int?) throws(ShardError) -> Shard {
        func shard(_ index: String, _ count: String, from source: String) throws(ShardError) -> Shard {
            guard let i = Int(index), let n = Int(count), n >= 1, i >= 0, i < n else {
                throw ShardError("--shard auto: \(source) give shard \(index) of \(count), not one of 0 ..< N")
            }
            return Shard(index: i, count: n)
        }
        if let id = environment["SLURM_ARRAY_TASK_ID"] {
            if let shards { return try shard(id, String(shards), from: "SLURM_ARRAY_TASK_ID and --shards") }
            guard let count = environment["SLURM_ARRAY_TASK_COUNT"] else {
                throw ShardError("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (give --shards N)")
            }
            return try shard(id, count, from: "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT")
        }
        if let index = environment["JOB_COMPLETION_INDEX"] {
            guard let shards else { throw ShardError("--shard auto with JOB_COMPLETION_INDEX needs --shards N") }
            return try shard(index, String(shards), from: "JOB_COMPLETION_INDEX and --shards")
        }
        throw ShardError("--shard auto: neither SLURM_ARRAY_TASK_ID (Slurm job array) nor JOB_COMPLETION_INDEX "
                         + "(Kubernetes Indexed Job) is set")
    }

    /// The replication indexes of this shard among `replications`.
    package func indexes(of replications: Int) -> [Int] {
        Array(stride(from: index, to: replications, by: count))
    }
}

/// Why `--shard` names no shard.
package struct ShardError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
