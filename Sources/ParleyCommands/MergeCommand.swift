// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Runs

/// `parley merge OUT.db SHARD.db…`: the shards of one run stored as one ordinary run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard databases of a run (`parley run --shard`) into one stored run.",
        discussion: """
            The shards must be complete runs of the same scenario text, --set overrides, seed, \
            replication count, shard count and Parley version that together hold every \
            replication index exactly once; anything else is refused (exit 2) and nothing is \
            merged. Replication rows, interval series, agent statistics, chat rows and wait \
            histograms are merged and every summary is recomputed, so `parley show OUT.db --json` \
            prints the bytes of the same run made on one machine, and `parley report` works on \
            it. Shards of `parley compare --shard` hold a run per strategy: each strategy is \
            merged into a run of its own and the comparison is recomputed. Merging the same \
            shards again changes nothing. Shards are read one at a time: any number can be merged.
            """)

    @Argument(help: "The results database to store the merged run in (created if needed; not a shard).")
    var output: String

    @Argument(help: "The shard databases, in any order.")
    var shards: [String]

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard databases to merge after OUT.db") }
    }

    func run() throws {
        let outcome: ShardMerge.Outcome
        do { outcome = try ShardMerge.merge(into: output, shards: shards) } catch {
            switch error {
            case .refused(let message): throw CommandError.usage(message)
            case .storage(let message): throw CommandError.failure(message)
            }
        }
        switch outcome {
        case .merged(let runIDs, let replications):
            print("merged \(shards.count) shard\(shards.count == 1 ? "" : "s") (\(replications) replications) "
                  + "into \(Self.runs(runIDs)) in \(output)")
        case .alreadyMerged(let runIDs):
            print("\(output): \(Self.runs(runIDs)) already hold\(runIDs.count == 1 ? "s" : "") these shards; nothing changed")
        }
    }

    /// `run 3` or `runs 3, 4`.
    static func runs(_ ids: [Int64]) -> String {
        (ids.count == 1 ? "run " : "runs ") + ids.map(String.init).joined(separator: ", ")
    }
}
