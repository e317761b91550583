// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Statistics
import Testing

/// The claim rules and the pull strategies as the synthetic agents play them (SPEC §3.3).
@Suite struct ClaimingSimulationTests {
    /// One queue served by two agents with room for every chat (50 slots each against a few chats
    /// at a time), so no chat ever waits for a slot: each wait is exactly the agents' reaction.
    static func roomy(strategy: String, queueExtra: String = "") throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: claiming-\(strategy)
            seed: 11
            replications: 3
            duration: 2h
            queues:
              - {id: chat, strategy: \(strategy)\(queueExtra)}
            agents:
              - {group: team, count: 2, capacity: 50, queues: [chat], accept_delay: {dist: constant, value: 3s}}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 20},
                 handle_time: {dist: constant, value: 2m}}
            """, file: "claiming.yaml")
    }

    static func overall(_ scenario: Scenario) throws -> [ScopeValues] {
        let model = try CompiledScenario(scenario)
        return RunSummary(model: model, results: Simulation.run(model, replications: scenario.replications, jobs: 2))
            .perReplication.map { $0[0] }
    }

    /// Under `take` the agent takes, then replies: every wait grows by exactly the take delay, for
    /// single-agent offers, broadcast offers and visible chats alike.
    @Test(arguments: ["longest_idle", "ring_all", "first_responder"])
    func theTakeDelayLengthensEveryWaitByExactlyItself(strategy: String) throws {
        let replying = try Self.overall(Self.roomy(strategy: strategy))
        let taking = try Self.overall(Self.roomy(strategy: strategy, queueExtra: ", claim: take, take_delay: 7s"))
        let instantTake = try Self.overall(Self.roomy(strategy: strategy, queueExtra: ", claim: take"))
        for (reply, take) in zip(replying, taking) {
            #expect(reply[.arrivals]! > 20)
            #expect(reply[.answered]! == reply[.arrivals]!)
            #expect(take[.answered]! == take[.arrivals]!)
            #expect(reply[.asaSeconds]! == 3, "\(strategy): the reply claims after the 3 s reaction")
            #expect(take[.asaSeconds]! == 10, "\(strategy): the take costs 7 s more")
            #expect(take[.serviceLevel]! == 1)
        }
        // A take that costs nothing changes nothing.
        #expect(instantTake.map { $0[.asaSeconds] } == replying.map { $0[.asaSeconds] })
    }

    /// Under `manual` an agent whose look at the list is already under way may pull a chat sooner
    /// than its reaction time, but under `take` each chat it pulls still costs the whole take delay.
    @Test func getNextUnderTakeCostsTheTakeDelay() throws {
        let replying = try Self.overall(Self.roomy(strategy: "manual"))
        let taking = try Self.overall(Self.roomy(strategy: "manual", queueExtra: ", claim: take, take_delay: 7s"))
        for (reply, take) in zip(replying, taking) {
            #expect(reply[.asaSeconds]! <= 3)
            #expect(take[.answered]! == take[.arrivals]!)
            #expect(take[.asaSeconds]! >= 7)
        }
    }

    /// `first_responder` and `manual` differ as the products do: in the shipped example every
    /// member sees each chat and the quickest reaction wins, while get next serves one chat per
    /// reaction, so first_responder answers more chats within the threshold, sooner, on common random numbers.
    @Test func firstResponderAndManualDifferSignificantly() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/examples/first-responder.yaml").path
        let scenario = try ScenarioLoader.load(contentsOf: path)
        func run(_ strategy: StrategyName) throws -> (results: [ReplicationResult], summary: RunSummary) {
            let model = try CompiledScenario(StrategyComparison.scenario(scenario, withStrategy: strategy))
            let results = Simulation.run(model, replications: scenario.replications, jobs: 2)
            return (results, RunSummary(model: model, results: results))
        }
        let firstResponder = try run(.firstResponder)
        // The example's members also react to unanswered-chat alerts (alert_reaction).
        #expect(firstResponder.summary.perReplication.allSatisfy { $0[0][.alertReactions]! > 0 })
        let differences = StrategyComparison.differences(baseline: firstResponder, other: try run(.manual))
        let serviceLevel = try #require(differences.first { $0.metric == .serviceLevel })
        let asa = try #require(differences.first { $0.metric == .asaSeconds })
        #expect(serviceLevel.isSignificant && serviceLevel.meanDiff! < 0)
        #expect(asa.isSignificant && asa.meanDiff! > 0)
    }

    /// A take that would end after the offer timeout is RONA: the offer expires before the agent owns the chat.
    @Test func aTakeEndingAfterTheOfferTimeoutIsRONA() throws {
        let late = try Self.overall(Self.roomy(strategy: "longest_idle",
                                               queueExtra: ", claim: take, take_delay: 28s, offer_timeout: 30s"))
        for replication in late {
            #expect(replication[.answered]! == 0)
            #expect(replication[.rona]! > 0)
        }
    }
}
