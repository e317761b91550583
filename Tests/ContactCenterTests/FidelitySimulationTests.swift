// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Statistics
import Testing

/// The behaviours of SPEC §3.3 beyond claiming, each shown to change what it should.
@Suite struct FidelitySimulationTests {
    /// A small team missing some offers (RONA), with room for extra keys.
    static func scenario(queueExtra: String = "", agentExtra: String = "", streamExtra: String = "",
                         top: String = "", replications: Int = 10) throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: fidelity
            seed: 3
            replications: \(replications)
            warmup: 30m
            duration: 4h
            \(top)
            queues:
              - {id: chat, strategy: longest_idle, offer_timeout: 10s\(queueExtra)}
            agents:
              - {group: team, count: 4, capacity: 1, queues: [chat], accept_delay: {dist: exponential, mean: 4s},
                 miss_probability: 0.3, rona_recovery: {dist: constant, value: 30s}\(agentExtra)}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 30},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 4m}\(streamExtra)}
            """, file: "fidelity.yaml")
    }

    static func run(_ scenario: Scenario) throws -> (results: [ReplicationResult], summary: RunSummary) {
        let model = try CompiledScenario(scenario)
        let results = Simulation.run(model, replications: scenario.replications, jobs: 2)
        return (results, RunSummary(model: model, results: results))
    }

    static func difference(_ metric: Metric, _ baseline: (results: [ReplicationResult], summary: RunSummary),
                           _ other: (results: [ReplicationResult], summary: RunSummary)) throws -> StrategyComparison.Difference {
        try #require(StrategyComparison.differences(baseline: baseline, other: other, metrics: [metric]).first)
    }

    // MARK: After RONA

    /// An agent that sets itself away for 20 minutes after RONA is missing from the team meanwhile:
    /// customers wait longer and more of them leave (paired on common random numbers). Choosing
    /// `available` every time is the default and draws nothing.
    @Test func agentsAwayAfterRONALengthenWaits() throws {
        let base = try Self.run(Self.scenario())
        let available = try Self.run(Self.scenario(agentExtra: ", after_rona: {available: 1, away: 0}"))
        #expect(available.summary == base.summary)
        let away = try Self.run(Self.scenario(agentExtra: ", after_rona: {available: 0.2, away: 0.8, for: 20m}"))
        let asa = try Self.difference(.asaSeconds, base, away)
        let abandonRate = try Self.difference(.abandonRate, base, away)
        #expect(asa.isSignificant && asa.meanDiff! > 0)
        #expect(abandonRate.isSignificant && abandonRate.meanDiff! > 0)
    }
}
