// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley compare` end to end: paired differences on common random numbers, stored and printed.
@Suite(.serialized) struct CompareCommandTests {
    /// One queue, one very slow agent listed first and three fast ones, six slots each.
    ///
    /// Why `least_busy` must have a much lower occupancy than `longest_idle` here: the slow
    /// agent works at 1/50 of the fast ones' speed, so it ends a chat about once every 3 h 20 m
    /// while each fast agent ends one every 48 s on average. Under `longest_idle` the agent whose
    /// last chat ended earliest is picked, and that is the slow agent whenever it has a free
    /// slot (the engine puts agents holding no chat first; with 240 chats an hour on three fast
    /// agents, all four usually hold one), so within the warm-up its six slots fill and stay full.
    /// Under `least_busy` a chat goes to the agent holding the fewest chats per slot, and the
    /// fast agents, which empty their slots within a minute, hold fewer than the slow agent
    /// almost all the time, so it rarely holds more than one or two. A chat parked at the slow
    /// agent occupies a slot 50 times longer, so occupancy (slot-time in conversation over
    /// staffed slot-time) drops by about a tenth — some ten half-widths — in every replication.
    /// Nobody waits under either strategy (24 slots for ≈ 3 Erlang of fast work), so only the
    /// occupancy tells them apart.
    static let slowAndFast = """
        name: slow-and-fast
        seed: 5
        replications: 6
        warmup: 30m
        duration: 4h
        queues:
          - {id: support, strategy: longest_idle}
        agents:
          - {group: slow, count: 1, capacity: 6, speed: 0.02, queues: [support]}
          - {group: fast, count: 3, capacity: 6, speed: 5, queues: [support]}
        customers:
          - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: 240},
             handle_time: {dist: exponential, mean: 4m}}
        """

    static let metrics = ["service_level", "abandon_rate", "asa_s", "wait_p90_s", "occupancy"]

    static func comparisons(_ json: [String: Any]) throws -> [[String: Any]] {
        try #require(json["comparisons"] as? [[String: Any]])
    }

    @Test func leastBusyLowersOccupancyWhenOneAgentIsSlow() throws {
        let file = try ParleyProcess.temporaryFile("slow-and-fast.yaml", Self.slowAndFast)
        let output = try ParleyProcess.run(["compare", file, "--strategies", "longest_idle,least_busy", "--json", "--no-db"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        #expect(json["baseline"] as? String == "longest_idle")
        let rows = try Self.comparisons(json)
        #expect(rows.map { $0["metric"] as? String } == Self.metrics)
        #expect(rows.allSatisfy { $0["strategy"] as? String == "least_busy" })
        let occupancy = try #require(rows.first { $0["metric"] as? String == "occupancy" })
        let difference = try #require(occupancy["mean_diff"] as? Double)
        let halfWidth = try #require(occupancy["ci95"] as? Double)
        #expect(occupancy["significant"] as? Bool == true)
        #expect(difference + halfWidth < 0, "least_busy lowers occupancy: \(difference) ± \(halfWidth)")
        #expect(output.stdout.split(separator: "\n").count == 1)
    }

    @Test func aStrategyAgainstItselfDiffersByExactlyZero() throws {
        let file = try ParleyProcess.temporaryFile("slow-and-fast.yaml", Self.slowAndFast)
        let output = try ParleyProcess.run(["compare", file, "--strategies", "least_busy,least_busy,longest_idle",
                                            "--json", "--no-db", "--jobs", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        let rows = try Self.comparisons(output.json())
        #expect(rows.count == 2 * Self.metrics.count)
        for row in rows.prefix(Self.metrics.count) {
            #expect(row["strategy"] as? String == "least_busy")
            #expect(row["mean_diff"] as? Double == 0 && row["ci95"] as? Double == 0, "\(row)")
            #expect(row["significant"] as? Bool == false)
        }
    }

    @Test func runsAndDifferencesAreStored() throws {
        let file = try ParleyProcess.temporaryFile("slow-and-fast.yaml", Self.slowAndFast)
        let db = (file as NSString).deletingLastPathComponent + "/compare.db"
        let output = try ParleyProcess.run(["compare", file, "--strategies", "longest_idle,least_busy",
                                            "--replications", "3", "--db", db])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("slow-and-fast: 2 strategies on 3 common replications, seed 5, runs 1, 2 in "))
        #expect(output.stdout.contains("least_busy  occupancy"))
        let store = try ResultStore(path: db)
        let runs = try store.runs()
        #expect(runs.map(\.strategy) == ["longest_idle", "least_busy"])
        #expect(runs.allSatisfy { $0.command == "compare" && $0.status == .complete && $0.replications == 3 })
        let rows = try store.comparisons(involving: runs[1].id)
        #expect(rows.map(\.metric) == Self.metrics)
        #expect(rows.allSatisfy { $0.baselineRunID == runs[0].id && $0.runID == runs[1].id && $0.n == 3 })
        #expect(rows.allSatisfy { $0.baselineStrategy == "longest_idle" && $0.strategy == "least_busy" })
        #expect(try store.replications(runID: runs[0].id).count == 3)
        #expect(try !store.waitHistograms(runID: runs[1].id).isEmpty)
    }

    @Test func unsupportedOrUnknownStrategiesExitTwo() throws {
        let file = try ParleyProcess.temporaryFile("slow-and-fast.yaml", Self.slowAndFast)
        let unknown = try ParleyProcess.run(["compare", file, "--strategies", "longest_idle,fastest", "--no-db"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown strategy 'fastest'"))
        #expect(try ParleyProcess.run(["compare", file, "--strategies", "least_busy", "--no-db"]).status == 2)
        #expect(try ParleyProcess.run(["compare", file, "--no-db"]).status == 2)
    }

    @Test func autoReplicationsRunEveryStrategyOnTheSameCount() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let arguments = ["compare", file, "--strategies", "longest_idle,least_busy", "--json", "--no-db",
                         "--replications", "auto", "--precision", "0.05"]
        let one = try ParleyProcess.run(arguments + ["--jobs", "1"])
        let two = try ParleyProcess.run(arguments + ["--jobs", "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let json = try one.json()
        let n = try #require(json["replications"] as? Int)
        #expect(n >= 5)
        let watched = try Self.comparisons(json).filter { ["service_level", "abandon_rate"].contains($0["metric"] as? String) }
        #expect(watched.count == 2 && watched.allSatisfy { $0["n"] as? Int == n }, "every pair of replications counted")
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        for strategy in strategies {
            let metrics = try #require(strategy["metrics"] as? [String: Any])
            for key in ["service_level", "abandon_rate"] {
                let ci = try #require((metrics[key] as? [String: Any])?["ci95"] as? Double)
                #expect(ci <= 0.05, "\(strategy["strategy"] ?? "") \(key)")
            }
        }
    }
}
