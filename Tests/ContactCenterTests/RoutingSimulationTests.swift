// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Testing

/// Every strategy and routing rule of the engine, driven by synthetic agents in a simulated run.
@Suite struct RoutingSimulationTests {
    static func scenario(strategy: String, queueExtra: String = "", agentExtra: String = "",
                         seed: Int = 4) throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: strategy-\(strategy)
            seed: \(seed)
            replications: 3
            warmup: 30m
            duration: 4h
            queues:
              - {id: chat, strategy: \(strategy)\(queueExtra)}
            agents:
              - {group: juniors, count: 3, capacity: 2, experience: 1, weight: 1, queues: [chat]\(agentExtra)}
              - {group: seniors, count: 2, capacity: 3, speed: 1.4, experience: 4, weight: 3, queues: [chat]\(agentExtra)}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 60},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 6m}}
            """, file: "\(strategy).yaml")
    }

    static func overall(_ scenario: Scenario) throws -> [ScopeValues] {
        let model = try CompiledScenario(scenario)
        return RunSummary(model: model, results: Simulation.run(model, replications: scenario.replications, jobs: 2))
            .perReplication.map { $0[0] }
    }

    @Test(arguments: StrategyName.allCases)
    func everyStrategyServesChats(strategy: StrategyName) throws {
        let extra = strategy == .mostExperienced ? ", top: 3" : ""
        for replication in try Self.overall(Self.scenario(strategy: strategy.rawValue, queueExtra: extra,
                                                          agentExtra: ", accept_delay: {dist: exponential, mean: 5s}")) {
            let answered = replication[.answered]!
            #expect(answered > 100, "\(strategy.rawValue) answered \(answered)")
            #expect(replication[.arrivals]! == answered + replication[.abandoned]! + replication[.unresolved]!
                        + replication[.offlineForms]!)
        }
    }

    /// RONA happens exactly when the accept delay exceeds the offer timeout: with a constant delay of
    /// 20 s against a 10 s timeout every single-agent offer is RONA; against a 30 s timeout none is.
    @Test func ronaExactlyWhenTheDelayExceedsTheTimeout() throws {
        let slow = ", accept_delay: {dist: constant, value: 20s}, rona_recovery: {dist: constant, value: 1m}"
        let missed = try Self.overall(Self.scenario(strategy: "longest_idle", queueExtra: ", offer_timeout: 10s",
                                                    agentExtra: slow))
        for replication in missed {
            #expect(replication[.answered]! == 0)
            #expect(replication[.rona]! > replication[.arrivals]!)   // every chat is RONA again and again
        }
        let answered = try Self.overall(Self.scenario(strategy: "longest_idle", queueExtra: ", offer_timeout: 30s",
                                                      agentExtra: slow))
        for replication in answered {
            #expect(replication[.rona]! == 0)
            #expect(replication[.asaSeconds]! >= 20)   // every wait includes the 20 s accept delay
        }
    }

    @Test func missedOffersCauseRONAAndAlertsFollowLongWaits() throws {
        let values = try Self.overall(Self.scenario(
            strategy: "round_robin", queueExtra: ", alert_after: 30s",
            agentExtra: ", accept_delay: {dist: exponential, mean: 4s}, miss_probability: 0.2, rona_recovery: {dist: exponential, mean: 1m}"))
        for replication in values {
            #expect(replication[.rona]! > 0)
            #expect(replication[.alerts]! > 0)
            #expect(replication[.alerts]! <= replication[.offered]!)
        }
    }

    @Test func offlineFormWhenNobodyIsAvailable() throws {
        // Every offer is missed and agents stay in RONA for hours: soon nobody is available.
        let values = try Self.overall(Self.scenario(
            strategy: "top_down", queueExtra: ", offline_form: true",
            agentExtra: ", miss_probability: 1, rona_recovery: {dist: constant, value: 10h}"))
        for replication in values {
            #expect(replication[.offlineForms]! > 0)
            #expect(replication[.offlineFormRate]! > 0.9)
            #expect(replication[.arrivals]! == replication[.offered]! + replication[.offlineForms]!)
        }
    }

    /// Customers who write again after a chat left un-handled go to their previous owner.
    @Test func returningCustomersAreStickyRoutedToTheirPreviousOwner() throws {
        let scenario = try ScenarioLoader.load(yaml: """
            name: returns
            seed: 8
            replications: 3
            warmup: 1h
            duration: 6h
            queues:
              - {id: messages, strategy: least_busy, sticky_wait: 10m}
            agents:
              - {group: desk, count: 4, capacity: 3, unhandled_probability: 0.5, queues: [messages]}
            customers:
              - {id: wa, channel: whatsapp, queue: messages, arrivals: {rate_per_hour: 20},
                 return: {probability: 0.4, after: {dist: exponential, mean: 20m}},
                 patience: {dist: exponential, mean: 1h}, handle_time: {dist: exponential, mean: 8m}}
            """, file: "returns.yaml")
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: 3, jobs: 2))
        for replication in summary.perReplication {
            let overall = replication[0]
            // About 40 % of chats return and half of those finished un-handled: sticky routing is frequent.
            #expect(overall[.stickyRouted]! > 0.05 * overall[.answered]!)
            #expect(overall[.arrivals]! == overall[.answered]! + overall[.abandoned]! + overall[.unresolved]!)
        }
        var none = scenario
        none.agentGroups[0].unhandledProbability = 0
        let handled = try CompiledScenario(none)
        #expect(RunSummary(model: handled, results: Simulation.run(handled, replications: 2, jobs: 2))
                    .perReplication.allSatisfy { $0[0][.stickyRouted] == 0 })
    }

    @Test func languagesRouteToSpeakersOnly() throws {
        let scenario = try ScenarioLoader.load(yaml: """
            name: languages
            seed: 1
            replications: 2
            duration: 4h
            queues:
              - {id: chat, strategy: least_busy, language: de}
            agents:
              - {group: german, count: 2, capacity: 2, languages: [de], queues: [chat]}
              - {group: english, count: 2, capacity: 2, languages: [en], queues: [chat]}
            customers:
              - {id: de-web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 12},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 6m}}
              - {id: mixed, channel: whatsapp, queue: chat, arrivals: {rate_per_hour: 12}, languages: {en: 0.5, de: 0.5},
                 patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 6m}}
            """, file: "languages.yaml")
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: 2, jobs: 1))
        #expect(summary.perReplication.allSatisfy { $0[0][.answered]! > 0 })
    }
}

extension StrategyName: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
