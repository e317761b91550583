// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios
import Testing
@testable import Rosters

/// A roster becomes groups working its shifts: one group per shift start, length and break
/// placement, on duty for the shift less its breaks, written so that the scenario reader reads
/// back the same groups.
@Suite struct RosterShiftGroupsTests {
    static let yaml = """
        name: shift-groups
        seed: 1
        start: 2026-11-23T00:00
        duration: 7d
        interval: 30m
        queues:
          - id: chat
            strategy: longest_idle
            targets: {service_level: 0.8}
        agents:
          - group: team
            count: 4
            staffable: {min: 0, max: 9}
            cost_per_hour: 28
            shift_rules:
              lengths: [8h, 6h]
              starts: {from: "00:00", to: "23:30", every: 30m}
              breaks: [{length: 30m, after: {min: 3h, max: 5h}}]
            capacity: 2
            queues: [chat]
          - group: leads
            count: 1
            queues: [chat]
        customers:
          - id: web
            channel: live_chat
            queue: chat
            arrivals: {rate_per_hour: 10}
            handle_time: {dist: exponential, mean: 5m}
        """

    @Test func shiftGroupsWorkTheRosterAndReadBackFromTheirText() throws {
        let source = try ScenarioLoader.load(yaml: Self.yaml, file: "shift-groups.yaml")
        let rules = try #require(source.agentGroups[0].shiftRules)
        let problem = RosterProblem(group: "team", rules: rules, interval: .minutes(30),
                                    requirement: Array(repeating: 0, count: 336), costPerHour: 28)
        // Sunday 22:00 for 8 h with the break at Monday 02:00 (across the week's end), and Tuesday 08:00 for 6 h.
        let roster = Roster(problem: problem, shifts: [
            Roster.Shift(start: 6 * 48 + 44, length: 16, breakOffsets: [8], agents: 2),
            Roster.Shift(start: 48 + 16, length: 12, breakOffsets: [7], agents: 1),
        ], status: .optimal, gap: 0, bound: 0)
        let groups = RosterPlanning.shiftGroups(roster)
        #expect(groups.map(\.name) == ["team sun 22:00 8h break 02:00", "team tue 08:00 6h break 11:30"])
        #expect(groups.map(\.texts) == [["sun 22:00-02:00", "mon 02:30-06:00"], ["tue 08:00-11:30", "tue 12:00-14:00"]])
        #expect(groups.map(\.agents) == [2, 1])
        // On duty per interval of the week, the ranges repeating weekly: the roster's coverage.
        var onDuty = Array(repeating: 0, count: 336)
        for group in groups {
            for range in group.ranges {
                for t in Int(range.start / 1800)..<Int(range.end / 1800) { onDuty[t % 336] += group.agents }
            }
        }
        #expect(onDuty == roster.coverage)

        let planned = RosterPlanning.scenario(source, rosters: [roster])
        #expect(planned.agentGroups.map(\.name) == groups.map(\.name) + ["leads"])
        #expect(planned.agentGroups.allSatisfy { $0.staffable == nil && $0.shiftRules == nil && $0.plan == nil })
        let text = try StaffingPlanWriter.text(Self.yaml, file: "shift-groups.yaml",
                                               splits: RosterPlanning.shiftGroupTexts([roster]), interval: .minutes(30),
                                               header: ["roster"])
        #expect(text.hasPrefix("# roster\nname: shift-groups\nseed: 1"))
        #expect(text.contains("  - group: \"team sun 22:00 8h break 02:00\"\n    count: 2\n"
                              + "    shifts: [\"sun 22:00-02:00\", \"mon 02:30-06:00\"]\n    cost_per_hour: 28\n    capacity: 2\n"))
        let written = try ScenarioLoader.load(yaml: text, file: "plan.yaml")
        #expect(written.agentGroups.map(\.name) == planned.agentGroups.map(\.name))
        #expect(written.agentGroups.map(\.shifts) == planned.agentGroups.map(\.shifts))
        #expect(written.agentGroups.map(\.count) == planned.agentGroups.map(\.count))
        #expect(written.agentGroups.map(\.costPerHour) == planned.agentGroups.map(\.costPerHour))
        #expect(written.agentGroups.map(\.capacity) == planned.agentGroups.map(\.capacity))

        // A 24-hour shift without breaks is two entries (one entry spans less than a day).
        var day = problem
        day.rules.lengths = [.hours(24)]
        day.rules.breaks = []
        let whole = RosterPlanning.shiftGroups(Roster(problem: day, shifts: [Roster.Shift(start: 16, length: 48, breakOffsets: [],
                                                                                         agents: 1)],
                                                      status: .optimal, gap: 0, bound: 0))
        #expect(whole.map(\.texts) == [["mon 08:00-20:00", "mon 20:00-08:00"]])
        #expect(whole[0].ranges.map(\.start) == [28_800, 72_000] && whole[0].ranges.map(\.end) == [72_000, 115_200])

        // A roster without shifts keeps its group, never on duty, so its queues stay served.
        let empty = Roster(problem: problem, shifts: [], status: .optimal, gap: 0, bound: 0)
        let none = try ScenarioLoader.load(yaml: StaffingPlanWriter.text(Self.yaml, file: "shift-groups.yaml",
                                                                         splits: RosterPlanning.shiftGroupTexts([empty]),
                                                                         interval: .minutes(30)), file: "plan.yaml")
        let kept = RosterPlanning.scenario(source, rosters: [empty])
        #expect(none.agentGroups.map(\.name) == ["team", "leads"] && kept.agentGroups.map(\.name) == ["team", "leads"])
        #expect(none.agentGroups[0].plan?.counts == kept.agentGroups[0].plan?.counts)
        #expect(none.agentGroups[0].plan?.counts.allSatisfy { $0 == 0 } == true)
        #expect(none.agentGroups[0].count == kept.agentGroups[0].count)
    }
}
