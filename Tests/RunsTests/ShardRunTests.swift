// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ResultStorage
import Testing
@testable import Runs

/// A run split into shards stores, over its shards, exactly the replications of the whole run.
@Suite struct ShardRunTests {
    static func records(_ shard: Shard?, replications: Int = 5, jobs: Int = 2) throws -> (ResultStore, Int64) {
        let path = RunSessionTests.temporaryDatabase()
        var options = RunSessionTests.options(path, jobs: jobs)
        options.shard = shard
        options.settings = ["duration=1h", "warmup=0s"]
        let outcome = try RunSession(options: options)
            .execute([.init(scenario: try RunSessionTests.quickstart(replications: replications))])
        return (try ResultStore(path: path), try #require(outcome.runs[0].runID))
    }

    @Test(arguments: [1, 2, 3, 7])
    func theShardsTogetherHoldTheWholeRunsReplications(count: Int) throws {
        let (whole, wholeID) = try Self.records(nil)
        var union: [ReplicationRecord] = []
        for index in 0 ..< count {
            let (store, runID) = try Self.records(Shard(index: index, count: count))
            let manifest = try #require(try store.shardManifest(runID: runID))
            #expect(manifest.shardIndex == index && manifest.shardCount == count && manifest.replications == 5)
            #expect(manifest.settings == "duration=1h\nwarmup=0s" && manifest.seed == 42)
            let records = try store.replications(runID: runID)
            #expect(records.map(\.index) == Shard(index: index, count: count).indexes(of: 5))
            #expect(try store.run(id: runID).status == .complete)
            #expect(try store.run(id: runID).replications == records.count)
            union += records
        }
        #expect(union.sorted { $0.index < $1.index } == (try whole.replications(runID: wholeID)))
        #expect(try whole.shardManifest(runID: wholeID) == nil, "a whole run has no manifest")
    }

    @Test func shardsAreReadFromTheBatchEnginesEnvironment() throws {
        #expect(try Shard.assigned(by: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil)
                == Shard(index: 2, count: 4))
        #expect(try Shard.assigned(by: ["JOB_COMPLETION_INDEX": "0"], shards: 3) == Shard(index: 0, count: 3))
        #expect(throws: ShardError.self) { try Shard.assigned(by: ["JOB_COMPLETION_INDEX": "0"], shards: nil) }
        #expect(throws: ShardError.self) { try Shard.assigned(by: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"], shards: nil) }
        #expect(throws: ShardError.self) { try Shard.assigned(by: [:], shards: 2) }
        #expect(Shard("1/3") == Shard(index: 1, count: 3) && Shard("3/3") == nil && Shard("a/2") == nil && Shard("1") == nil)
    }
}
