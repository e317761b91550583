// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
@testable import ContactCenter
import Scenarios
import Testing

/// Staffing from paused runs: deciding an interval on the plan's replications paused at its
/// start gives exactly what simulating every candidate from the start gives — the same plan,
/// the same figures for every interval, the same evaluation and chat counts.
///
/// Both ways run in one process on the same scenario; the test fails if the paused runs were
/// never used, so it cannot pass by falling back to the old way everywhere.
@Suite("Staffing from paused runs")
struct StaffingResumeTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/examples/staffing-week.yaml").path

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var overrides: [String]
        var rule: StaffingRule
        var description: String { "\(name) (\(rule))" }
    }

    /// Shortened windows of `scenarios/examples/staffing-week.yaml` (a weekday's peak, and an
    /// evening into the weekend, where the leads' shifts and the wrap of the plan play a part).
    static let exampleCases = [
        Case(name: "Tuesday 08:00–16:00", overrides: ["start=2026-11-24T08:00", "duration=8h", "replications=4"], rule: .ci),
        Case(name: "Friday 14:00 to Saturday 02:00", overrides: ["start=2026-11-27T14:00", "duration=12h", "replications=3"],
             rule: .mean),
    ]

    @Test("the example's plan and every figure are those of the search from the start", arguments: exampleCases)
    func exampleIsIdentical(_ c: Case) throws {
        try expectIdentical(ScenarioLoader.load(contentsOf: Self.example, overrides: c.overrides), rule: c.rule)
    }

    /// The Erlang A cases of ``StaffingSearchTests`` over six two-hour intervals.
    @Test("M/M/n+M cases over several intervals give the same plan and figures",
          arguments: StaffingSearchTests.cases.prefix(2), [StaffingRule.mean, .ci])
    func erlangCasesAreIdentical(_ c: StaffingSearchTests.Case, rule: StaffingRule) throws {
        var scenario = try StaffingSearchTests.scenario(c)
        scenario.interval = .init(microseconds: 7_200_000_000)
        scenario.replications = 4
        try expectIdentical(scenario, rule: rule)
    }

    func expectIdentical(_ scenario: Scenario, rule: StaffingRule) throws {
        var fromStart = try StaffingSearch(scenario: scenario, rule: rule, jobs: 2)
        fromStart.resumesPausedRuns = false
        let old = try #require(try fromStart.run())
        let new = try #require(try StaffingSearch(scenario: scenario, rule: rule, jobs: 2).run())
        #expect(old.resumedEvaluations == 0)
        #expect(new.resumedEvaluations > new.evaluations / 2, "\(new.resumedEvaluations) of \(new.evaluations)")
        #expect(new.plans.map(\.group) == old.plans.map(\.group))
        #expect(new.plans.map(\.plan) == old.plans.map(\.plan))
        #expect(new.intervals == old.intervals)
        #expect(new.scenario == old.scenario)
        #expect(new.agentHours == old.agentHours && new.cost == old.cost)
        #expect(new.agentHoursByGroup.map(\.hours) == old.agentHoursByGroup.map(\.hours))
        #expect(new.evaluations == old.evaluations && new.verificationRuns == old.verificationRuns)
        #expect(new.simulatedChats == old.simulatedChats)
    }
}
