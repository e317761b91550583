// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Statistics
import Testing

/// The synthetic customer and agent model of SPEC §3: traces, profiles, shifts, wrap-up, breaks,
/// transfers, conferences and customers ending chats.
@Suite struct SimulatorModelTests {
    static func run(_ yaml: String, file: String = "model.yaml", jobs: Int = 2) throws -> (CompiledScenario, [ReplicationResult]) {
        let scenario = try ScenarioLoader.load(yaml: yaml, file: file)
        let model = try CompiledScenario(scenario)
        return (model, Simulation.run(model, replications: scenario.replications, jobs: jobs))
    }

    static func overall(_ model: CompiledScenario, _ results: [ReplicationResult], confidence: Double = 0.999) -> ScopeSummary {
        RunSummary(model: model, results: results, confidence: confidence).summaries[0]
    }

    @Test func aTraceReplaysExactlyInEveryReplication() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let works = [30.0, 90, 45, 120, 60, 75, 15, 50]
        let rows = works.enumerated().map { i, work in "\(600 * i + 10), \(Int(work))" }
        let trace = "# seconds after start, work content\n" + rows.joined(separator: "\n") + "\n2026-11-23T02:00:00\n"
        try trace.write(to: directory.appendingPathComponent("arrivals.csv"), atomically: true, encoding: .utf8)
        let (model, results) = try Self.run("""
            name: trace
            seed: 3
            replications: 4
            start: 2026-11-23T00:00
            duration: 3h
            queues: [{id: q, strategy: longest_idle}]
            agents: [{group: solo, count: 1, queues: [q]}]
            customers:
              - {id: recorded, channel: sms, queue: q, arrivals: {trace: arrivals.csv},
                 handle_time: {dist: constant, value: 1m}}
            """, file: directory.appendingPathComponent("trace.yaml").path)
        let overall = Self.overall(model, results)
        // Nine arrivals (eight with work content, one at 02:00 with the constant 1 m); no chat ever waits.
        for replication in RunSummary(model: model, results: results).perReplication {
            #expect(replication[0][.arrivals] == 9 && replication[0][.answered] == 9 && replication[0][.pWait] == 0)
        }
        #expect(overall[.handleTimeSeconds].mean! == (works.reduce(0, +) + 60) / 9)
        #expect(overall[.handleTimeSeconds].halfWidth == 0)
    }

    /// Per-interval arrival counts of a daily profile lie within the 99.9 % CI of rate × interval.
    @Test func profileArrivalsFollowTheirRates() throws {
        let rates = [2.0, 0, 0, 0, 4, 8, 20, 40, 60, 60, 50, 40, 30, 30, 40, 50, 60, 40, 20, 10, 8, 4, 2, 2]
        let (model, results) = try Self.run("""
            name: profile
            seed: 11
            replications: 30
            duration: 1d
            interval: 1h
            queues: [{id: q, strategy: least_busy}]
            agents: [{group: team, count: 30, capacity: 3, queues: [q]}]
            customers:
              - {id: web, channel: live_chat, queue: q,
                 arrivals: {profile: {interval: 1h, rates_per_hour: [\(rates.map { String(Int($0)) }.joined(separator: ", "))]}},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 5m}}
            """)
        for (hour, rate) in rates.enumerated() {
            let counts = results.map { Double($0.intervals.offered[hour]) }
            let summary = ReplicationSummary(counts, confidence: 0.999)
            if rate == 0 {
                #expect(counts.allSatisfy { $0 == 0 }, "hour \(hour)")
            } else {
                #expect(summary.contains(rate), "hour \(hour): \(summary.mean!) ± \(summary.halfWidth!) for \(rate)")
            }
        }
        _ = model
    }

    @Test func agentsTakeChatsOnlyDuringTheirShiftAndFinishOpenOnes() throws {
        let (model, results) = try Self.run("""
            name: shifts
            seed: 5
            replications: 3
            start: 2026-11-23T00:00
            duration: 1d
            interval: 1h
            queues: [{id: q, strategy: longest_idle}]
            agents: [{group: day, count: 2, capacity: 2, shifts: ["mon 08:00-16:00"], queues: [q]}]
            customers:
              - {id: web, channel: live_chat, queue: q, arrivals: {rate_per_hour: 12},
                 patience: {dist: constant, value: 1m}, handle_time: {dist: constant, value: 40m}}
            """)
        for result in results {
            let staffed = (0..<24).map { IntervalMetric.staffedAgents.value(in: result.intervals, queue: 0, interval: $0,
                                                                               lengthMicros: 3_600_000_000)! }
            let answered = result.intervals.answered
            #expect((0..<8).allSatisfy { staffed[$0] == 0 && answered[$0] == 0 }, "nobody on duty before 08:00")
            #expect((8..<16).allSatisfy { staffed[$0] == 2 }, "both agents staffed all shift")
            #expect(staffed[16] > 0 && staffed[16] < 2, "open chats are finished after 16:00, then the agents log off")
            #expect((17..<24).allSatisfy { staffed[$0] == 0 && answered[$0] == 0 })
            // Every answered chat was finished: handle time is measured for all of them.
            #expect(result.tallies[0].completed == result.tallies[0].answered)
        }
        _ = model
    }

    /// Wrap-up keeps the slot busy but is not conversation: one agent, constant 60 s of work and
    /// 60 s of wrap-up, λ = 15/h. The slot is an M/D/1 server of 120 s: P(wait) = λ · 120 s = 0.5
    /// (Poisson arrivals see time averages); chats in conversation average λ · 60 s = 0.25.
    @Test func wrapUpHoldsTheSlotButIsNotConversation() throws {
        let (model, results) = try Self.run("""
            name: wrap-up
            seed: 8
            replications: 10
            warmup: 5h
            duration: 200h
            queues: [{id: q, strategy: longest_idle}]
            agents: [{group: solo, count: 1, wrap_up: {dist: constant, value: 60s}, queues: [q]}]
            customers:
              - {id: c, channel: sms, queue: q, arrivals: {rate_per_hour: 15}, handle_time: {dist: constant, value: 60s}}
            """)
        let overall = Self.overall(model, results)
        #expect(overall[.pWait].contains(0.5), "\(overall[.pWait])")
        #expect(overall[.occupancy].contains(0.25), "\(overall[.occupancy])")
    }

    @Test func breaksMakeCustomersWait() throws {
        func serviceLevel(away: String) throws -> Double {
            let (model, results) = try Self.run("""
                name: breaks
                seed: 2
                replications: 5
                duration: 20h
                queues: [{id: q, strategy: longest_idle}]
                agents: [{group: team, count: 2, queues: [q]\(away)}]
                customers:
                  - {id: c, channel: live_chat, queue: q, arrivals: {rate_per_hour: 10},
                     patience: {dist: exponential, mean: 2m}, handle_time: {dist: exponential, mean: 4m}}
                """)
            return Self.overall(model, results)[.serviceLevel].mean!
        }
        let none = try serviceLevel(away: "")
        let half = try serviceLevel(away: ", away: {every: 1h, for: 30m}")
        // With a 30-minute break every hour each agent is away half the time: far fewer chats are served at once.
        #expect(half < none - 0.1, "breaks \(half), none \(none)")
    }

    @Test func transfersConferencesAndCustomerEndingsAreCountedAndConserveChats() throws {
        let (model, results) = try Self.run("""
            name: frictions
            seed: 13
            replications: 4
            warmup: 1h
            duration: 12h
            queues:
              - {id: first, strategy: least_busy}
              - {id: second, strategy: longest_idle}
            agents:
              - {group: a, count: 4, capacity: 2, queues: [first], transfer_probability: 0.3, transfer_queue: second,
                 conference_probability: 0.3, accept_delay: {dist: exponential, mean: 5s}}
              - {group: b, count: 3, capacity: 2, queues: [first, second]}
            customers:
              - {id: web, channel: live_chat, queue: first, arrivals: {rate_per_hour: 30}, ends_chat_probability: 0.2,
                 patience: {dist: exponential, mean: 10m}, handle_time: {dist: exponential, mean: 6m}}
            """)
        for replication in RunSummary(model: model, results: results).perReplication {
            let overall = replication[0]
            #expect(overall[.transfers]! > 0 && overall[.conferences]! > 0 && overall[.customerEnded]! > 0)
            #expect(overall[.customerEnded]! <= overall[.answered]!)
            #expect(overall[.arrivals]! == overall[.answered]! + overall[.abandoned]! + overall[.unresolved]!
                        + overall[.offlineForms]!)
        }
    }

    /// The conservation identity of SPEC §4 over many seeds of the week example (shortened).
    @Test(arguments: 0..<12) func chatsAreConservedInTheWeekExample(seed: UInt64) throws {
        var scenario = try ScenarioLoader.load(contentsOf: Self.examplePath("retail-week.yaml"), overrides: ["duration=1d"])
        scenario.seed = seed
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: 1, jobs: 1))
        for scope in summary.perReplication[0] {
            #expect(scope[.arrivals]! == scope[.answered]! + scope[.abandoned]! + scope[.unresolved]! + scope[.offlineForms]!
                        + scope[.rejected]! + scope[.botResolved]! + scope[.missedContacts]!,
                    "seed \(seed) \(scope.scope)")
            #expect(scope[.offered]! + scope[.offlineForms]! + scope[.botResolved]! + scope[.missedContacts]!
                        + scope[.rejected]! == scope[.arrivals]!)
        }
    }

    @Test func theWeekExampleExercisesEveryFriction() throws {
        let scenario = try ScenarioLoader.load(contentsOf: Self.examplePath("retail-week.yaml"), overrides: ["replications=2"])
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: 2, jobs: 2))
        for metric in [Metric.rona, .transfers, .conferences, .stickyRouted, .offlineForms, .customerEnded, .alerts,
                       .botResolved, .missedContacts] {
            #expect(summary.perReplication.allSatisfy { $0[0][metric]! > 0 }, "\(metric.rawValue)")
        }
    }

    static func examplePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios/examples/\(name)").path
    }
}
