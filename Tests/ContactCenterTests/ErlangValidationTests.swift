// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics
import Testing

/// The simulator reproduces exact queueing-theory values inside 99.9 % confidence intervals.
///
/// Runs are shorter than the validation scenarios but long enough that warm-up bias is far below
/// the interval width; the seed is fixed, so a failure here is a real change, and with a correct
/// simulator a given seed fails only about once in a thousand metrics.
@Suite struct ErlangValidationTests {
    func scenario(_ yaml: String) throws -> Scenario { try ScenarioLoader.load(yaml: yaml, file: "test.yaml") }

    func summary(_ scenario: Scenario, jobs: Int = 2) throws -> ScopeSummary {
        let model = try CompiledScenario(scenario)
        let results = Simulation.run(model, replications: scenario.replications, jobs: jobs)
        #expect(results.count == scenario.replications)
        return RunSummary(model: model, results: results, confidence: 0.999).summaries[0]
    }

    static let erlangA = """
        name: erlang-a
        seed: 2026
        replications: 10
        warmup: 2h
        duration: 40h
        service_level_threshold: 20s
        queues: [{id: support, strategy: longest_idle}]
        agents: [{group: team, count: 10, queues: [support]}]
        customers:
          - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: 120},
             patience: {dist: exponential, mean: 2m}, handle_time: {dist: exponential, mean: 4m}}
        """

    /// M/M/10+M, shared/validation/cases.json "erlangA_bench_c10" (Garnett, Mandelbaum & Reiman 2002).
    @Test func erlangAMatchesExactValues() throws {
        let overall = try summary(scenario(Self.erlangA))
        let exact: [(Metric, Double)] = [(.pWait, 0.247519), (.abandonRate, 0.0684054), (.serviceLevel, 0.825157),
                                         (.asaSeconds, 6.6104), (.meanWaitSeconds, 8.2086), (.occupancy, 0.745276)]
        for (metric, value) in exact {
            let s = overall[metric]
            #expect(s.contains(value), "\(metric.rawValue): exact \(value), simulated \(s.mean!) ± \(s.halfWidth!)")
        }
    }

    /// M/M/1 at ρ = 0.8 with a second queue idle: Wq = ρ/(μ − λ) = 4 min; P(wait) = 0.8.
    @Test func mm1MatchesExactValues() throws {
        let overall = try summary(scenario("""
            name: mm1
            seed: 99
            replications: 10
            warmup: 10h
            duration: 200h
            queues: [{id: q, strategy: least_busy}]
            agents: [{group: solo, count: 1, queues: [q]}]
            customers:
              - {id: c, channel: sms, queue: q, arrivals: {rate_per_hour: 48}, handle_time: {dist: exponential, mean: 1m}}
            """))
        #expect(overall[.meanWaitSeconds].contains(240), "\(overall[.meanWaitSeconds])")
        #expect(overall[.pWait].contains(0.8), "\(overall[.pWait])")
        #expect(overall[.occupancy].contains(0.8), "\(overall[.occupancy])")
    }

    /// One agent with two slots and `slowdown: [1, 2]` serves at total rate 1 whatever it holds,
    /// so the number of chats N is that of an M/M/1 queue: P(N = n) = (1 − ρ)ρⁿ. With ρ = 0.5,
    /// chats in conversation are min(N, 2): occupancy = (ρ + ρ²) / 2 = 0.375; chats waiting are
    /// (N − 2)⁺ with mean ρ³/(1 − ρ) = 0.25, so by Little's law the mean wait is 0.25 / λ = 30 s.
    @Test func slowdownOfTwoHalvesEachChatsSpeed() throws {
        let overall = try summary(scenario("""
            name: slowdown
            seed: 5
            replications: 10
            warmup: 5h
            duration: 200h
            queues: [{id: q, strategy: longest_idle}]
            agents: [{group: solo, count: 1, capacity: 2, slowdown: [1, 2], queues: [q]}]
            customers:
              - {id: c, channel: whatsapp, queue: q, arrivals: {rate_per_hour: 30}, handle_time: {dist: exponential, mean: 1m}}
            """))
        #expect(overall[.occupancy].contains(0.375), "\(overall[.occupancy])")
        #expect(overall[.meanWaitSeconds].contains(30), "\(overall[.meanWaitSeconds])")
    }
}
