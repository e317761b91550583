// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

/// The keys of SPEC §3.3 that drive every engine behaviour from a scenario: read, defaulted and
/// refused with their exact location (lines of ``Fixture/minimal``).
@Suite("Fidelity keys")
struct FidelityKeyTests {
    private let minimal = Fixture.minimal

    @Test("take_delay is read under the take rule and refused elsewhere or negative")
    func takeDelay() throws {
        let scenario = try ScenarioLoader.load(yaml: minimal.inserting("    claim: take\n    take_delay: 5s", after: 9).text,
                                               file: "test.yaml")
        #expect(scenario.queues[0].claim == .take)
        #expect(scenario.queues[0].takeDelay == .seconds(5))
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").queues[0].takeDelay == .zero)
        #expect(loadError(minimal.inserting("    take_delay: 5s", after: 9)) == error(
            10, 17, "queues[0].take_delay", "'take_delay' applies only to the take claim rule, not first_reply"))
        #expect(loadError(minimal.inserting("    claim: take\n    take_delay: -5", after: 9)) == error(
            11, 17, "queues[0].take_delay", "a duration must not be negative, found '-5'"))
    }

    @Test("after_rona takes shares summing to 1 and an optional time away")
    func afterRONA() throws {
        let scenario = try ScenarioLoader.load(
            yaml: minimal.inserting("    after_rona: {available: 0.7, away: 0.3, for: 5m}", after: 13).text, file: "test.yaml")
        #expect(scenario.agentGroups[0].afterRonaAwayProbability == 0.3)
        #expect(scenario.agentGroups[0].afterRonaAwayFor == .constant(value: 300))
        let awayOnly = try ScenarioLoader.load(yaml: minimal.inserting("    after_rona: {away: 0.25}", after: 13).text,
                                               file: "test.yaml")
        #expect(awayOnly.agentGroups[0].afterRonaAwayProbability == 0.25)
        #expect(loadError(minimal.inserting("    after_rona: {available: 0.7, away: 0.7}", after: 13)) == error(
            14, 17, "agents[0].after_rona", "the shares 'available' and 'away' must sum to 1, found 1.4"))
        #expect(loadError(minimal.inserting("    after_rona: {away: 1.5}", after: 13)) == error(
            14, 24, "agents[0].after_rona.away", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    after_rona: {}", after: 13)) == error(
            14, 17, "agents[0].after_rona", "give the shares 'available' and 'away'"))
    }
}
