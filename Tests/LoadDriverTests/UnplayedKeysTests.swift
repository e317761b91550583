// SPDX-License-Identifier: GPL-3.0-or-later

import LoadDriver
import Scenarios
import Testing

/// A key the driver does not play is an error at the key, never ignored.
@Suite struct UnplayedKeysTests {
    static func scenario(customer: String = "", agent: String = "", top: String = "") throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: unplayed
            seed: 1
            duration: 1h
            \(top)queues:
              - id: sales
                strategy: longest_idle
            agents:
              - group: desk
                count: 2
            \(agent)    queues: [sales]
            customers:
              - id: web
                channel: live_chat
                queue: sales
                arrivals: {rate_per_hour: 10}
                handle_time: {dist: exponential, mean: 5m}
                patience: {dist: exponential, mean: 5m}
            \(customer)
            """, file: "unplayed.yaml")
    }

    @Test func aScenarioOfPlayedKeysPasses() throws {
        #expect(UnplayedKeys.check(try Self.scenario()) == nil)
        // A chatbot and returning customers are played.
        let played = try Self.scenario(customer: "    return: {probability: 0.3, after: {dist: constant, value: 1h}}\n"
                                           + "    bot: {deflection: 0.2, time: {dist: constant, value: 30s}}\n")
        #expect(UnplayedKeys.check(played) == nil)
    }

    @Test func anUnplayedKeyIsAnErrorAtIt() throws {
        let history = try Self.scenario(customer: "    return: {probability: 0.3, after: {dist: constant, value: 1h}, history_saves: {dist: constant, value: 30s}}\n")
        #expect(UnplayedKeys.check(history)?.description
                == "unplayed.yaml:18:68: error: customers[0].return.history_saves: parley drive does not play 'return.history_saves'; "
                + "drive a scenario without it")
        let transfer = try Self.scenario(agent: "    transfer_probability: 0.1\n    transfer_queue: sales\n")
        #expect(UnplayedKeys.check(transfer)?.keyPath == "agents[0].transfer_probability")
        #expect(UnplayedKeys.check(transfer)?.line == 10)
        let retrial = try Self.scenario(customer: "    retrial: {probability: 0.5, after: {dist: constant, value: 10m}}\n")
        #expect(UnplayedKeys.check(retrial)?.keyPath == "customers[0].retrial")
        let busy = try Self.scenario(top: "busyness: {cv: 0.1, per: replication}\n")
        #expect(UnplayedKeys.check(busy).map { ($0.keyPath, $0.line, $0.column) } ?? ("", 0, 0) == ("busyness", 4, 1))
    }
}
