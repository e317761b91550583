// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

/// The keys `parley staff` reads — queue `targets`, group `staffable` and `cost_per_hour` — and
/// their errors at exact lines, columns and key paths (lines of ``Fixture/minimal``).
@Suite("Staffing keys")
struct StaffingKeysTests {
    private let minimal = Fixture.minimal

    @Test("targets, staffable and cost_per_hour are read into the scenario")
    func read() throws {
        let text = minimal
            .inserting("    targets: {service_level: 0.8, abandon_rate: 0.05, asa: 30s}", after: 9)
            .inserting("    staffable: {min: 2, max: 40}\n    cost_per_hour: 32.5", after: 14)
        let scenario = try ScenarioLoader.load(yaml: text.text, file: "test.yaml")
        #expect(scenario.queues[0].targets == QueueTargets(serviceLevel: 0.8, abandonRate: 0.05, asa: .seconds(30)))
        #expect(scenario.agentGroups[0].staffable == StaffableRange(min: 2, max: 40))
        #expect(scenario.agentGroups[0].costPerHour == 32.5)
        let plain = try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml")
        #expect(plain.queues[0].targets == nil)
        #expect(plain.agentGroups[0].staffable == nil && plain.agentGroups[0].costPerHour == nil)
        let onlyMax = try ScenarioLoader.load(yaml: minimal.inserting("    staffable: {max: 5}", after: 14).text, file: "t.yaml")
        #expect(onlyMax.agentGroups[0].staffable == StaffableRange(min: 0, max: 5))
    }

    @Test("targets: at least one, each in its range, no unknown key")
    func targetErrors() {
        #expect(loadError(minimal.inserting("    targets: {}", after: 9)) == error(
            10, 14, "queues[0].targets", "give at least one target: service_level, abandon_rate or asa"))
        #expect(loadError(minimal.inserting("    targets: {service_level: 1.2}", after: 9)) == error(
            10, 30, "queues[0].targets.service_level", "a probability must be from 0 to 1, found 1.2"))
        #expect(loadError(minimal.inserting("    targets: {asa: 0s}", after: 9)) == error(
            10, 20, "queues[0].targets.asa", "must be longer than 0s, found '0s'"))
        #expect(loadError(minimal.inserting("    targets: {service_levl: 0.8}", after: 9)) == error(
            10, 15, "queues[0].targets.service_levl", "unknown key 'service_levl' (did you mean 'service_level'?)"))
    }

    @Test("staffable needs a max not below min; a cost is not negative and given for all staffable groups or none")
    func staffableErrors() {
        #expect(loadError(minimal.inserting("    staffable: {min: 5, max: 2}", after: 14)) == error(
            15, 30, "agents[0].staffable.max", "max (2) must not be below min (5)"))
        #expect(loadError(minimal.inserting("    staffable: {min: 1}", after: 14)) == error(
            15, 16, "agents[0].staffable", "missing required key 'max'"))
        #expect(loadError(minimal.inserting("    cost_per_hour: -3", after: 14)) == error(
            15, 20, "agents[0].cost_per_hour", "a cost must not be negative, found -3"))
        let twoGroups = minimal.inserting("""
                staffable: {max: 10}
                cost_per_hour: 30
              - group: seniors
                count: 2
                queues: [support]
                staffable: {max: 4}
            """, after: 14)
        #expect(loadError(twoGroups) == error(
            17, 5, "agents[1]", "staffable group 'seniors' has no cost_per_hour, but staffable group 'team' has one; "
                + "give every staffable group a cost or none"))
    }

    @Test("a staffing plan of zeros loads, keeping one agent who is never on duty")
    func planOfZeros() throws {
        let zeros = Array(repeating: "0", count: 24).joined(separator: ", ")
        let text = minimal.replacing(12, with: "    count: {interval: 1h, values: [\(zeros)]}")
        let scenario = try ScenarioLoader.load(yaml: text.text, file: "test.yaml")
        #expect(scenario.agentGroups[0].count == 1)
        #expect(scenario.agentGroups[0].plan?.counts == Array(repeating: 0, count: 24))
    }
}
