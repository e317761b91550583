// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `parley run --shard`: what it refuses, and the manifest it stores.
@Suite struct ShardCommandTests {
    @Test func aShardNeedsAFixedCountAndADatabase() throws {
        let auto = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--replications", "auto",
                                          "--shard", "0/2"])
        #expect(auto.status == 2)
        #expect(auto.stderr.contains("--shard needs a fixed replication count, the same in every shard: run "
                                     + "`parley run SCENARIO --replications auto` once"))
        let noDB = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--no-db", "--shard", "1/2"])
        #expect(noDB.status == 2 && noDB.stderr.contains("cannot be used with --no-db"))
        let bad = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--shard", "2/2"])
        #expect(bad.status == 2)
        let unset = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--shard", "auto"],
                                          environment: ["SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": "x"])
        #expect(unset.status == 2 && unset.stderr.contains("--shard auto"))
    }

    @Test func aSlurmArrayTaskRunsItsShard() throws {
        let db = (try ParleyProcess.temporaryFile("x", "") as NSString).deletingLastPathComponent + "/shard.db"
        let output = try ParleyProcess.run(["run", "scenarios/examples/quickstart.yaml", "--set", "duration=1h",
                                            "--replications", "5", "--shard", "auto", "--db", db, "--json"],
                                           environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"replications\": 2,") && output.stdout.hasSuffix("\"shard\": \"1/2\"}\n"))
        let file = try DatabaseFile(path: db)
        #expect(try file.text("SELECT group_concat(replication) FROM replications") == "1,3")
        #expect(try file.text("SELECT shard_index || '/' || shard_count || ' of ' || replications FROM shard_manifests")
                == "1/2 of 5")
    }
}
