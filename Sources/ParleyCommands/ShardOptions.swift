// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Runs

/// `--shard I/N|auto` and `--shards N`: run one shard of the replication indexes (`run`, `compare`).
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run only the replication indexes i with i mod N = I (0-based) and store them with "
                               + "a shard manifest, for `parley merge`; 'auto' reads SLURM_ARRAY_TASK_ID and "
                               + "SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --shards. Needs a fixed "
                               + "--replications: run `parley run SCENARIO --replications auto` once, then shard "
                               + "the count it settled on.", valueName: "I/N|auto"))
    var shard: ShardArgument?

    @Option(help: "With --shard auto: the number of shards (needed with JOB_COMPLETION_INDEX).")
    var shards: Int?

    func validate() throws {
        if shards != nil && shard != .auto { throw ValidationError("--shards applies only with --shard auto") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
    }

    /// Refuses a shard with what it cannot be run with: `--replications auto` and `--no-db`.
    func validate(with options: SimulationOptions) throws {
        guard shard != nil else { return }
        if options.replications == .auto {
            throw ValidationError("--shard needs a fixed replication count, the same in every shard: run "
                                  + "`parley run SCENARIO --replications auto` once, then shard the count it "
                                  + "settled on with --replications N --shard I/N")
        }
        if options.noDatabase { throw ValidationError("--shard stores the shard in --db; it cannot be used with --no-db") }
    }

    /// The shard to run, or nil for the whole run.
    func assignedShard() throws(CommandError) -> Shard? {
        switch shard {
        case nil: return nil
        case .fixed(let shard): return shard
        case .auto:
            do { return try Shard.assigned(by: ProcessInfo.processInfo.environment, shards: shards) } catch {
                throw .usage(error.description)
            }
        }
    }
}
