// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Scenarios

/// The planner's keys of SPEC §3.3 (`busyness`, `retrial`): read, defaulted and refused with
/// their exact location (lines of ``Fixture/minimal``).
@Suite("Planner keys")
struct PlannerKeyTests {
    private let minimal = Fixture.minimal

    @Test("busyness takes a coefficient of variation from 0 to 3 and a period")
    func busyness() throws {
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").busyness == nil)
        let perReplication = try ScenarioLoader.load(yaml: minimal.inserting("busyness: {cv: 0.25}", after: 2).text,
                                                     file: "test.yaml")
        #expect(perReplication.busyness == BusynessSpec(cv: 0.25, per: .replication))
        let perDay = try ScenarioLoader.load(yaml: minimal.inserting("busyness: {cv: 0, per: day}", after: 2).text,
                                             file: "test.yaml")
        #expect(perDay.busyness == BusynessSpec(cv: 0, per: .day))
        #expect(loadError(minimal.inserting("busyness: {cv: -0.1}", after: 2)) == error(
            3, 16, "busyness.cv", "a coefficient of variation must not be negative, found -0.1"))
        #expect(loadError(minimal.inserting("busyness: {cv: 5}", after: 2)) == error(
            3, 16, "busyness.cv", "must be at most 3 (\(ScenarioLimits.busynessCVReason)), found 5"))
        #expect(loadError(minimal.inserting("busyness: {cv: .nan}", after: 2)) == error(
            3, 16, "busyness.cv", "expected a finite number, found '.nan'"))
        #expect(loadError(minimal.inserting("busyness: {cv: 0.2, per: week}", after: 2)) == error(
            3, 26, "busyness.per", "unknown busyness period 'week'; expected replication or day"))
        #expect(loadError(minimal.inserting("busyness: {per: day}", after: 2))?.keyPath == "busyness")
        #expect(loadError(minimal.inserting("busyness: {cv: 0.2, by: day}", after: 2))?.keyPath == "busyness.by")
        #expect(try ScenarioLoader.load(yaml: minimal.inserting("busyness: {cv: 0.25}", after: 2).text, file: "test.yaml",
                                        overrides: ["busyness.cv=0.5"]).busyness?.cv == 0.5)
    }

    @Test("busyness is refused when every stream replays a trace, which has no rate to multiply")
    func busynessNeedsARate() throws {
        let directory = try Fixture.temporaryDirectory()
        try "10\n20\n".write(toFile: directory + "/trace.csv", atomically: true, encoding: .utf8)
        let scenarioPath = directory + "/scenario.yaml"
        try minimal.replacing(19, with: "    arrivals: {trace: trace.csv}").inserting("busyness: {cv: 0.2}", after: 2).text
            .write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(file: scenarioPath, line: 3, column: 11, keyPath: "busyness",
                                      message: "busyness multiplies arrival rates, but every customer stream replays "
                                          + "a trace, which has none")) {
            try ScenarioLoader.load(contentsOf: scenarioPath)
        }
    }

    @Test("retrial takes a probability, a delay and an optional cap on attempts")
    func retrial() throws {
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").customerStreams[0].retrial == nil)
        let capped = try ScenarioLoader.load(
            yaml: minimal.inserting("    retrial: {probability: 0.4, after: {dist: exponential, mean: 5m}, max_attempts: 3}",
                                    after: 21).text, file: "test.yaml")
        #expect(capped.customerStreams[0].retrial == RetrialSpec(probability: 0.4, after: .exponential(mean: 300), maxAttempts: 3))
        let uncapped = try ScenarioLoader.load(
            yaml: minimal.inserting("    retrial: {probability: 1, after: {dist: constant, value: 1m}}", after: 21).text,
            file: "test.yaml")
        #expect(uncapped.customerStreams[0].retrial?.maxAttempts == nil)
        #expect(loadError(minimal.inserting("    retrial: {probability: 1.5, after: {dist: constant, value: 1m}}", after: 21))
                == error(22, 28, "customers[0].retrial.probability", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting(
            "    retrial: {probability: 0.5, after: {dist: constant, value: 1m}, max_attempts: 0}", after: 21)) == error(
            22, 83, "customers[0].retrial.max_attempts", "must be at least 1, found 0"))
        #expect(loadError(minimal.inserting("    retrial: {probability: 1, after: {dist: constant, value: 0}}", after: 21))
                == error(22, 28, "customers[0].retrial.probability",
                         "with a retrial probability of 1 and no max_attempts, 'after' must never be shorter than 1µs, "
                             + "or a customer could try again forever at one instant"))
        #expect(loadError(minimal.inserting("    retrial: {probability: 0.5}", after: 21))?.keyPath == "customers[0].retrial")
        #expect(loadError(minimal.inserting("    retrial: {probability: 0.5, after: {dist: constant, value: 1m}, tries: 3}",
                                            after: 21))?.keyPath == "customers[0].retrial.tries")
    }
}
