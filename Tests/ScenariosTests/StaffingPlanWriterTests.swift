// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

/// `parley staff --plan-out`: a plan written into the scenario text reads back as that plan,
/// and everything else in the text stays as it was.
@Suite("Staffing plan writer")
struct StaffingPlanWriterTests {
    static let twoGroups = """
        name: plan-test   # a comment that must survive
        seed: 7
        duration: 8h
        queues:
          - id: support
            strategy: longest_idle
        agents:
          - group: day
            count: {interval: 1h,
                    values: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]}
            # a comment between keys
            capacity: 2
            queues: [support]
          - group: late
            shifts: ["daily 12:00-20:00"]
            count: 3
            queues: [support]
        customers:
          - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: 20},
             handle_time: {dist: exponential, mean: 4m}}
        """

    @Test("each group's count becomes the plan, its shifts go, and the rest of the text stays")
    func roundTrip() throws {
        let day = StaffingPlan(interval: .minutes(30), counts: (0..<48).map { $0 / 4 })
        let late = StaffingPlan(interval: .minutes(30), counts: (0..<48).map { $0 % 3 })
        let text = try StaffingPlanWriter.text(Self.twoGroups, file: "t.yaml", plans: [("day", day), ("late", late)],
                                               header: ["written by a test"], note: "found")
        let scenario = try ScenarioLoader.load(yaml: text, file: "t.yaml")
        #expect(scenario.agentGroups.map(\.plan) == [day, late])
        #expect(scenario.agentGroups.map(\.count) == [11, 2])
        #expect(scenario.agentGroups.map(\.shifts) == [[], []])
        #expect(scenario.agentGroups[0].capacity == 2)
        #expect(text.hasPrefix("# written by a test\nname: plan-test   # a comment that must survive\n"))
        #expect(text.contains("    # a comment between keys\n    capacity: 2"))
        #expect(text.contains("    count:  # found\n      interval: 30m\n      values: [0, 0, 0, 0, 1,"))
        #expect(!text.contains("shifts"))
        let original = try ScenarioLoader.load(yaml: Self.twoGroups, file: "t.yaml")
        #expect(scenario.customerStreams == original.customerStreams && scenario.queues == original.queues)
    }

    @Test("a group written as one flow mapping is refused at its count")
    func flowGroupRefused() {
        let flow = """
            name: flow
            seed: 1
            duration: 1h
            queues: [{id: q, strategy: longest_idle}]
            agents: [{group: g, count: 2, queues: [q]}]
            customers: [{id: c, channel: live_chat, queue: q, arrivals: {rate_per_hour: 1}, handle_time: {dist: constant, value: 60}}]
            """
        let plan = StaffingPlan(interval: .hours(1), counts: Array(repeating: 1, count: 24))
        #expect(throws: ScenarioError(file: "f.yaml", line: 5, column: 21, keyPath: "agents[0].count",
                                      message: "cannot rewrite a key inside a flow mapping; write the agent group in block style")) {
            try StaffingPlanWriter.text(flow, file: "f.yaml", plans: [("g", plan)])
        }
    }

    @Test("durations are written in the shortest form the loader reads back")
    func durations() {
        #expect(StaffingPlanWriter.durationText(.minutes(30)) == "30m")
        #expect(StaffingPlanWriter.durationText(.hours(1)) == "1h")
        #expect(StaffingPlanWriter.durationText(.minutes(90)) == "1h30m")
        #expect(StaffingPlanWriter.durationText(.seconds(45)) == "45s")
        #expect(StaffingPlanWriter.durationText(.hours(24)) == "1d")
    }
}
