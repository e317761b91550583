// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `parley sweep SCENARIO --vary …`: the grid of `--set` variants on common random numbers.
@Suite struct SweepCommandTests {
    static let scenario = ["scenarios/examples/quickstart.yaml", "--set", "duration=2h", "--replications", "3"]

    /// Every grid point is the run of its `--set` values: the same customers (seed and
    /// replication indexes), stored as a run that `show` prints as `run --json` did.
    @Test func eachGridPointIsTheRunOfItsSettings() throws {
        let db = (try ParleyProcess.temporaryFile("x", "") as NSString).deletingLastPathComponent + "/sweep.db"
        let sweep = try ParleyProcess.run(["sweep"] + Self.scenario + ["--vary", "agents.support-desk.count=5,6",
                                                                       "--vary", "agents.seniors.count=1,3",
                                                                       "--db", db, "--json"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let json = try sweep.json()
        let vary = try #require(json["vary"] as? [[String: Any]])
        #expect(vary.map { $0["key"] as? String } == ["agents.support-desk.count", "agents.seniors.count"])
        let points = try #require(json["points"] as? [[String: Any]])
        let settings = points.map { ($0["settings"] as? [String: String]) ?? [:] }
        #expect(settings.map { [$0["agents.support-desk.count"], $0["agents.seniors.count"]] }
                == [["5", "1"], ["5", "3"], ["6", "1"], ["6", "3"]])
        #expect(points.map { $0["run_id"] as? Int } == [1, 2, 3, 4])
        for (k, point) in [("5", "1"), ("5", "3"), ("6", "1"), ("6", "3")].enumerated() {
            let run = try ParleyProcess.run(["run"] + Self.scenario + ["--set", "agents.support-desk.count=\(point.0)",
                                                                       "--set", "agents.seniors.count=\(point.1)",
                                                                       "--no-db", "--json"])
            let overall = try #require(((try run.json())["metrics"] as? [String: Any])?["overall"] as? [String: Any])
            let metrics = try #require(points[k]["metrics"] as? [String: [String: Any]])
            for metric in ["service_level", "abandon_rate", "asa_s", "wait_p90_s", "occupancy"] {
                let own = try #require(overall[metric] as? [String: Any])
                #expect(metrics[metric]?["mean"] as? Double == own["mean"] as? Double, "\(point) \(metric)")
                #expect(metrics[metric]?["ci95"] as? Double == own["ci95"] as? Double, "\(point) \(metric)")
            }
            let shown = try ParleyProcess.run(["show", db, "--run", "\(k + 1)", "--json"])
            #expect(shown.stdout == run.stdout, "grid point \(k)")
        }
        let file = try DatabaseFile(path: db)
        #expect(try file.texts("SELECT replace(settings, char(10), ' ') FROM sweep_points WHERE sweep_run_id = 1 ORDER BY run_id")
                == ["agents.support-desk.count=5 agents.seniors.count=1", "agents.support-desk.count=5 agents.seniors.count=3",
                    "agents.support-desk.count=6 agents.seniors.count=1", "agents.support-desk.count=6 agents.seniors.count=3"])
        #expect(try file.integer("SELECT count(*) FROM runs WHERE command = 'sweep'") == 4)
    }

    /// Shards split grid points × replications: every shard runs every point on its replication
    /// indexes, and the merge stores the whole sweep (each point's run and its sweep_points row).
    @Test func shardsOfASweepMergeIntoTheWholeSweep() throws {
        let dir = (try ParleyProcess.temporaryFile("x", "") as NSString).deletingLastPathComponent
        let arguments = Self.scenario + ["--replications", "5", "--vary", "agents.seniors.count=1,3",
                                         "--vary", "agents.support-desk.count=5,6"]
        #expect(try ParleyProcess.run(["sweep"] + arguments + ["--db", "\(dir)/whole.db"]).status == 0)
        let shards = try (0 ..< 3).map { index in
            let path = "\(dir)/sweep-\(index).db"
            let shard = try ParleyProcess.run(["sweep"] + arguments + ["--shard", "\(index)/3", "--db", path])
            #expect(shard.status == 0 && shard.stdout.contains(", shard \(index)/3 of 5, seed 42"), "\(shard.stderr)")
            return path
        }
        let merge = try ParleyProcess.run(["merge", "\(dir)/merged.db"] + shards.reversed())
        #expect(merge.stdout == "merged 3 shards (5 replications) into runs 1, 2, 3, 4 in \(dir)/merged.db\n", "\(merge.stderr)")
        for run in 1 ... 4 {
            let merged = try ParleyProcess.run(["show", "\(dir)/merged.db", "--run", "\(run)", "--json"])
            let whole = try ParleyProcess.run(["show", "\(dir)/whole.db", "--run", "\(run)", "--json"])
            #expect(merged.status == 0 && merged.stdout == whole.stdout, "grid point \(run)")
        }
        let points = "SELECT run_id || ' ' || sweep_run_id || ' ' || settings FROM sweep_points ORDER BY run_id"
        #expect(try DatabaseFile(path: "\(dir)/merged.db").texts(points) == (try DatabaseFile(path: "\(dir)/whole.db").texts(points)))
    }

    @Test func theTableListsEveryPointAgainstTheVariedValues() throws {
        let sweep = try ParleyProcess.run(["sweep"] + Self.scenario + ["--vary", "agents.seniors.count=1,3", "--no-db"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let lines = sweep.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "quickstart: 2 grid points on 3 common replications, seed 42")
        #expect(lines.count == 5 && lines[1].hasPrefix("agents.seniors.count  ") && lines[1].hasSuffix("occupancy"))
        #expect(lines[3].hasPrefix("1 ") && lines[4].hasPrefix("3 "))
    }

    @Test func aBadGridIsRefused() throws {
        let cases: [([String], String)] = [
            ([], "give at least one --vary key.path=v1,v2,…"),
            (["--vary", "x"], "--vary 'x': give key.path=v1,v2,…"),
            (["--vary", "agents.seniors.count=1,,2"], "a value is empty"),
            (["--vary", "agents.seniors.count=1,2", "--vary", "agents.seniors.count=3"],
             "agents.seniors.count is varied twice"),
            (["--vary", "seed=1,2"], "--vary: seed is the same at every grid point (common random numbers); set it with --seed"),
            (["--vary", "agents.nope.count=1,2"], "'agents' has no element 'nope'"),
            (["--vary", "agents.seniors.count=1,x"], "(--vary agents.seniors.count=x)"),
            (["--vary", "agents.seniors.count=" + (1 ... 32).map(String.init).joined(separator: ","),
              "--vary", "duration=" + (1 ... 32).map { "\($0)h" }.joined(separator: ",")],
             "the grid has 1024 points, more than 1000"),
        ]
        for (arguments, message) in cases {
            let sweep = try ParleyProcess.run(["sweep"] + Self.scenario + arguments + ["--no-db"])
            #expect(sweep.status == 2 && sweep.stderr.contains(message), "\(arguments): \(sweep.stderr)")
        }
    }
}
