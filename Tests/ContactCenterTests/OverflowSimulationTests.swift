// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Testing

/// `overflow` in the simulator (SPEC §3.3), on the shipped example `overflow-tiers.yaml`: support
/// chats waiting 45 s may go to the billing specialists, and after 3 min move to the backup team.
@Suite struct OverflowSimulationTests {
    static func example() throws -> Scenario {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/examples/overflow-tiers.yaml").path
        return try ScenarioLoader.load(contentsOf: path)
    }

    static func run(_ scenario: Scenario) throws -> (results: [ReplicationResult], summary: RunSummary) {
        let model = try CompiledScenario(scenario)
        let results = Simulation.run(model, replications: scenario.replications, jobs: 2)
        return (results, RunSummary(model: model, results: results))
    }

    /// Without its steps the support queue loses far more customers and answers fewer in time;
    /// the specialists and the backup team take support chats only with them (the backup queue
    /// has no stream of its own), and billing's service suffers a little for it.
    @Test func overflowServesSupportSignificantlyBetter() throws {
        let scenario = try Self.example()
        #expect(scenario.queues[0].overflow.count == 2)
        var plain = scenario
        plain.queues[0].overflow = []
        let with = try Self.run(scenario), without = try Self.run(plain)
        let support = 1   // scopes: overall, then queues in file order
        func separated(_ metric: Metric, higherWithOverflow: Bool) -> Bool {
            let a = with.summary.summaries[support][metric], b = without.summary.summaries[support][metric]
            guard let ma = a.mean, let mb = b.mean, let ha = a.halfWidth, let hb = b.halfWidth else { return false }
            return higherWithOverflow ? ma - ha > mb + hb : ma + ha < mb - hb
        }
        #expect(separated(.serviceLevel, higherWithOverflow: true))
        #expect(separated(.abandonRate, higherWithOverflow: false))
        #expect(separated(.meanWaitSeconds, higherWithOverflow: false))
        // Agents 7 and 8 are the backup team: busy only when support chats move to them.
        for (w, wo) in zip(with.results, without.results) {
            #expect(wo.agents[7].busySlotMicros == 0 && wo.agents[8].busySlotMicros == 0)
            #expect(w.agents[7].busySlotMicros + w.agents[8].busySlotMicros > 0)
        }
        // Conservation holds with chats moving between queues.
        for values in with.summary.perReplication.map({ $0[0] }) {
            #expect(values[.arrivals]! == values[.answered]! + values[.abandoned]! + values[.unresolved]!)
        }
    }
}
