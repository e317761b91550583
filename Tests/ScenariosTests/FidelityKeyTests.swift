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
}
