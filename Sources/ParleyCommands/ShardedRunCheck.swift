// SPDX-License-Identifier: GPL-3.0-or-later

import ResultStorage

/// Refuses to present a shard run (`parley run --shard`) as if it were a whole run.
enum ShardedRunCheck {
    /// Throws a usage error (exit 2) when run `runID` of `store` is a shard: its figures
    /// cover only the shard's replications, and only the merged run is the result.
    static func refuseShard(_ store: ResultStore, runID: Int64, database: String) throws(CommandError) {
        let manifest: ShardManifest?
        do { manifest = try store.shardManifest(runID: runID) } catch {
            throw .failure("\(database): error: \(error)")
        }
        guard let manifest else { return }
        throw .usage("\(database): error: run \(runID) is shard \(manifest.shardIndex)/\(manifest.shardCount) of a run of "
                     + "\(manifest.replications) replications, not a whole run: merge the shards first "
                     + "(parley merge OUT.db SHARD.db…) and give OUT.db")
    }
}
