// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley run` end to end, through the built executable.
@Suite(.serialized) struct RunCommandTests {
    static let small = """
        name: small-team
        seed: 3
        replications: 4
        warmup: 10m
        duration: 4h
        queues:
          - {id: chat, strategy: longest_idle}
          - {id: messages, strategy: least_busy, service_level_threshold: 10m}
        agents:
          - {group: desk, count: 4, capacity: 2, slowdown: [1, 1.3], queues: [chat, messages]}
        customers:
          - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 40},
             patience: {dist: exponential, mean: 3m}, handle_time: {dist: exponential, mean: 5m}}
          - {id: wa, channel: whatsapp, queue: messages, arrivals: {rate_per_hour: 20},
             patience: {dist: exponential, mean: 1h}, handle_time: {dist: exponential, mean: 8m}}
        """

    @Test func jsonOutputFollowsTheContract() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", Self.small)
        let output = try ParleyProcess.run(["run", file, "--json", "--no-db"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        #expect(json["scenario"] as? String == "small-team")
        #expect(json["seed"] as? Int == 3)
        #expect(json["replications"] as? Int == 4)
        let metrics = try #require(json["metrics"] as? [String: Any])
        let overall = try #require(metrics["overall"] as? [String: Any])
        let serviceLevel = try #require(overall["service_level"] as? [String: Any])
        let mean = try #require(serviceLevel["mean"] as? Double)
        #expect((0...1).contains(mean))
        #expect(serviceLevel["ci95"] is Double)
        for key in ["arrivals", "offered", "answered", "abandoned", "abandon_rate", "service_level", "p_wait", "asa_s",
                    "mean_wait_s", "wait_p50_s", "wait_p90_s", "wait_p99_s", "handle_time_s", "occupancy"] {
            #expect(overall[key] != nil, "missing \(key)")
        }
        let queues = try #require(metrics["queues"] as? [String: Any])
        #expect(Set(queues.keys) == ["chat", "messages"])
        let channels = try #require(metrics["channels"] as? [String: Any])
        #expect(Set(channels.keys) == ["live_chat", "whatsapp"])
        #expect(output.stdout.split(separator: "\n").count == 1)
    }

    @Test func metricsAreIdenticalForAnyNumberOfJobs() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", Self.small)
        let one = try ParleyProcess.run(["run", file, "--json", "--no-db", "--jobs", "1"])
        let two = try ParleyProcess.run(["run", file, "--json", "--no-db", "--jobs", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        let again = try ParleyProcess.run(["run", file, "--json", "--no-db", "--jobs", "2"])
        #expect(again.stdout == two.stdout)
        let otherSeed = try ParleyProcess.run(["run", file, "--json", "--no-db", "--seed", "4"])
        #expect(otherSeed.stdout != two.stdout)
    }

    @Test func wrongTypeExitsTwoNamingFileLineAndColumn() throws {
        let yaml = Self.small.replacingOccurrences(of: "count: 4,", with: "count: four,")
        let file = try ParleyProcess.temporaryFile("wrong-type.yaml", yaml)
        let output = try ParleyProcess.run(["run", file, "--no-db"])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("\(file):10:26: error: agents[0].count: expected an integer"), "\(output.stderr)")
    }

    @Test func unknownKeyExitsTwoNamingFileLineAndColumn() throws {
        let yaml = Self.small.replacingOccurrences(of: "warmup: 10m", with: "warmup: 10m\nwarm_up: 5m")
        let file = try ParleyProcess.temporaryFile("unknown-key.yaml", yaml)
        let output = try ParleyProcess.run(["run", file, "--no-db"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("\(file):5:1: error: warm_up: unknown key 'warm_up'"), "\(output.stderr)")
    }

    @Test func badUsageExitsTwo() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", Self.small)
        #expect(try ParleyProcess.run(["run", file, "--replications", "0"]).status == 2)
        #expect(try ParleyProcess.run(["run"]).status == 2)
        #expect(try ParleyProcess.run(["fly"]).status == 2)
        #expect(try ParleyProcess.run(["run", "/nonexistent/scenario.yaml"]).status == 2)
    }

    @Test func resultsAreStoredInTheDatabase() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", Self.small)
        let db = (file as NSString).deletingLastPathComponent + "/results/runs.db"
        let output = try ParleyProcess.run(["run", file, "--db", db, "--replications", "3", "--set", "seed=11"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("service_level"))
        let store = try ResultStore(path: db)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs[0].status == .complete)
        #expect(runs[0].seed == 11 && runs[0].replications == 3)
        let summaries = try store.summaries(runID: runs[0].id)
        // Every metric for overall, two queues and two channels.
        #expect(summaries.count == 50 * 5)
        #expect(try store.replications(runID: runs[0].id).count == 3)
    }

    @Test func everyExampleScenarioRuns() throws {
        let directory = ParleyProcess.packageRoot.appendingPathComponent("scenarios")
        let files = try #require(FileManager.default.enumerator(atPath: directory.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains("examples/quickstart.yaml") && files.contains("validation/erlang-a.yaml"))
        for file in files {
            let output = try ParleyProcess.run(["run", "scenarios/\(file)", "--json", "--no-db", "--replications", "2",
                                                "--set", "duration=2h"])
            #expect(output.status == 0, "\(file): \(output.stderr)")
            let overall = try #require((try output.json()["metrics"] as? [String: Any])?["overall"] as? [String: Any])
            let answered = try #require((overall["answered"] as? [String: Any])?["mean"] as? Double)
            #expect(answered > 0, "\(file) served no chat")
        }
    }
}
