// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
@testable import ContactCenter
import Scenarios
import Testing

/// The plan `parley staff` finds for the staffing example, written into the scenario file and
/// run again as `parley run` would, meets every target and reproduces the reported figures.
///
/// A shortened version of `scenarios/examples/staffing-week.yaml` — a Tuesday from 08:00 to
/// 16:00 in half hours, four replications — keeps the test quick; the whole week is measured
/// in the README's performance table.
@Suite("Staffing plan fed back")
struct StaffingPlanFeedbackTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/examples/staffing-week.yaml").path
    static let overrides = ["start=2026-11-24T08:00", "duration=8h", "replications=4"]

    @Test("the plan found, read back from its YAML and simulated, meets every target with the same figures")
    func planMeetsTargetsWhenRunAgain() throws {
        let scenario = try ScenarioLoader.load(contentsOf: Self.path, overrides: Self.overrides)
        let result = try #require(try StaffingSearch(scenario: scenario, rule: .ci, jobs: 2).run())
        #expect(result.intervals.count == 16)
        #expect(result.meetsAllTargets)
        let text = try StaffingPlanWriter.text(scenario.sourceText, file: Self.path, plans: result.plans)
        let fed = try ScenarioLoader.load(yaml: text, file: Self.path, overrides: Self.overrides)
        #expect(fed.agentGroups[0].plan == result.plans[0].plan)
        #expect(fed.agentGroups[0].shifts.isEmpty && fed.agentGroups[1] == scenario.agentGroups[1])
        let model = try CompiledScenario(fed)
        let results = Simulation.run(model, replications: fed.replications, jobs: 2)
        let targets = try #require(fed.queues[0].targets)
        for interval in result.intervals {
            let outcome = IntervalOutcome(results: results, queue: 0, interval: interval.index)
            #expect(outcome.meets(targets, rule: .ci), "\(interval.localTime)")
            #expect(outcome == interval.outcome, "\(interval.localTime)")
        }
        // The leads' shifts (Mon–Fri 09:00–17:00) are counted, not searched.
        #expect(result.intervals.map { $0.groups[1].agents } == [0, 0] + Array(repeating: 2, count: 14))
    }
}
