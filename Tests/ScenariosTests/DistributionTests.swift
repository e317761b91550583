// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Scenarios

@Suite("Distributions")
struct DistributionTests {
    /// The minimal scenario with `handle_time` (line 21) set to `flow`.
    private static func withHandleTime(_ flow: String) -> YAMLText {
        Fixture.minimal.replacing(21, with: "    handle_time: \(flow)")
    }

    @Test("each distribution of SPEC §3.2 is read with its parameters in seconds", arguments: [
        ("{dist: exponential, mean: 4m}", DistributionSpec.exponential(mean: 240)),
        ("{dist: constant, value: 30s}", .constant(value: 30)),
        ("{dist: constant, value: 0}", .constant(value: 0)),
        ("{dist: uniform, min: 1m, max: 5m}", .uniform(min: 60, max: 300)),
        ("{dist: uniform, min: 2m, max: 2m}", .uniform(min: 120, max: 120)),
        ("{dist: lognormal, mean: 3m, sd: 2m}", .lognormal(mean: 180, sd: 120)),
        ("{dist: gamma, mean: 7m, sd: 5m}", .gamma(mean: 420, sd: 300)),
        ("{dist: erlang, k: 3, mean: 6m}", .erlang(k: 3, mean: 360)),
        ("{dist: weibull, shape: 1.5, scale: 5m}", .weibull(shape: 1.5, scale: 300)),
        ("{dist: empirical, values: [1m, 90, 2m30s]}", .empirical(values: [60, 90, 150])),
    ])
    func reads(flow: String, expected: DistributionSpec) throws {
        let scenario = try ScenarioLoader.load(yaml: Self.withHandleTime(flow).text, file: "test.yaml")
        #expect(scenario.customerStreams[0].handleTime == expected)
    }

    @Test("a parameter of another distribution is an unknown key")
    func foreignParameter() {
        #expect(loadError(Self.withHandleTime("{dist: exponential, mean: 4m, sd: 1m}")) == error(
            21, 48, "customers[0].handle_time.sd", "unknown key 'sd'"))
        #expect(loadError(Self.withHandleTime("{dist: erlang, k: 2, maen: 4m}")) == error(
            21, 39, "customers[0].handle_time.maen", "unknown key 'maen' (did you mean 'mean'?)"))
    }

    @Test("an unknown distribution name lists the known ones")
    func unknownName() {
        #expect(loadError(Self.withHandleTime("{dist: exponentail, mean: 4m}")) == error(
            21, 25, "customers[0].handle_time.dist",
            "unknown distribution 'exponentail' (did you mean 'exponential'?); expected one of exponential, "
                + "constant, uniform, lognormal, gamma, erlang, weibull, empirical"))
    }

    @Test("a distribution without dist is reported at its mapping")
    func missingDist() {
        #expect(loadError(Self.withHandleTime("{mean: 4m}")) == error(
            21, 18, "customers[0].handle_time",
            "missing required key 'dist' (one of exponential, constant, uniform, lognormal, gamma, erlang, "
                + "weibull, empirical)"))
    }

    @Test("a missing parameter is reported at the distribution's mapping")
    func missingParameter() {
        #expect(loadError(Self.withHandleTime("{dist: gamma, mean: 4m}")) == error(
            21, 18, "customers[0].handle_time", "missing required key 'sd'"))
    }

    @Test("impossible parameters are refused at the parameter")
    func impossibleParameters() {
        #expect(loadError(Self.withHandleTime("{dist: uniform, min: 5m, max: 1m}")) == error(
            21, 48, "customers[0].handle_time.max", "must not be less than min (300s)"))
        #expect(loadError(Self.withHandleTime("{dist: exponential, mean: 0}")) == error(
            21, 44, "customers[0].handle_time.mean", "must be longer than 0s, found '0'"))
        #expect(loadError(Self.withHandleTime("{dist: erlang, k: 0, mean: 4m}")) == error(
            21, 36, "customers[0].handle_time.k", "must be at least 1, found 0"))
        #expect(loadError(Self.withHandleTime("{dist: erlang, k: 1.5, mean: 4m}")) == error(
            21, 36, "customers[0].handle_time.k", "expected an integer, found '1.5'"))
        #expect(loadError(Self.withHandleTime("{dist: weibull, shape: -1, scale: 4m}")) == error(
            21, 41, "customers[0].handle_time.shape", "must be greater than 0, found -1"))
        #expect(loadError(Self.withHandleTime("{dist: lognormal, mean: 4m, sd: 0s}")) == error(
            21, 50, "customers[0].handle_time.sd", "must be longer than 0s, found '0s'"))
        #expect(loadError(Self.withHandleTime("{dist: empirical, values: []}")) == error(
            21, 44, "customers[0].handle_time.values", "must list at least one entry"))
        #expect(loadError(Self.withHandleTime("{dist: empirical, values: [1m, soon]}")) == error(
            21, 49, "customers[0].handle_time.values[1]",
            "invalid duration 'soon'; a duration is a number of seconds or one or more <number><unit> parts "
                + "with units ms, s, m, h, d, such as 20s, 4m, 2h, 1h30m, 7d or 1.5h"))
    }

    @Test("a distribution must be a mapping")
    func notAMapping() {
        #expect(loadError(Self.withHandleTime("4m")) == error(
            21, 18, "customers[0].handle_time",
            "expected a distribution such as {dist: exponential, mean: 4m}, found '4m'"))
    }

    @Test("an empirical sample file is read relative to the scenario, skipping blanks and comments")
    func empiricalFile() throws {
        let directory = try Fixture.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/samples", withIntermediateDirectories: true)
        try "# handle times, one a line\n\n  45s\n2m\r\n90\n   # indented comment\n1.5\n"
            .write(toFile: directory + "/samples/handle.txt", atomically: true, encoding: .utf8)
        let path = directory + "/scenario.yaml"
        try Self.withHandleTime("{dist: empirical, file: samples/handle.txt}").text
            .write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try ScenarioLoader.load(contentsOf: path)
        #expect(scenario.customerStreams[0].handleTime == .empirical(values: [45, 120, 90, 1.5]))
    }

    @Test("a bad line of a sample file is reported in that file, at its line")
    func empiricalFileError() throws {
        let directory = try Fixture.temporaryDirectory()
        try "30s\n# a comment\n  soon\n".write(toFile: directory + "/bad.txt", atomically: true, encoding: .utf8)
        let path = directory + "/scenario.yaml"
        try Self.withHandleTime("{dist: empirical, file: bad.txt}").text
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(
            file: directory + "/bad.txt", line: 3, column: 3, keyPath: "customers[0].handle_time.file",
            message: "invalid sample; a duration is a number of seconds or one or more <number><unit> "
                + "parts with units ms, s, m, h, d, such as 20s, 4m, 2h, 1h30m, 7d or 1.5h")) {
            try ScenarioLoader.load(contentsOf: path)
        }
    }

    @Test("a missing or empty sample file is reported at the file key's value")
    func empiricalFileMissingOrEmpty() throws {
        let directory = try Fixture.temporaryDirectory()
        try "# nothing here\n\n".write(toFile: directory + "/empty.txt", atomically: true, encoding: .utf8)
        let missing = Self.withHandleTime("{dist: empirical, file: none.txt}").text
        #expect(throws: ScenarioError(file: directory + "/s.yaml", line: 21, column: 42,
                                      keyPath: "customers[0].handle_time.file",
                                      message: "cannot read the sample file '\(directory)/none.txt'")) {
            try ScenarioLoader.load(yaml: missing, file: directory + "/s.yaml")
        }
        let empty = Self.withHandleTime("{dist: empirical, file: empty.txt}").text
        #expect(throws: ScenarioError(file: directory + "/s.yaml", line: 21, column: 42,
                                      keyPath: "customers[0].handle_time.file",
                                      message: "the sample file '\(directory)/empty.txt' holds no values")) {
            try ScenarioLoader.load(yaml: empty, file: directory + "/s.yaml")
        }
    }

    @Test("an empirical distribution takes values or a file, not both")
    func empiricalBoth() {
        #expect(loadError(Self.withHandleTime("{dist: empirical, values: [1m], file: x.txt}")) == error(
            21, 56, "customers[0].handle_time.file", "give either 'values' or 'file', not both"))
        #expect(loadError(Self.withHandleTime("{dist: empirical}")) == error(
            21, 18, "customers[0].handle_time", "missing required key 'values' or 'file'"))
    }

    @Test("the mean used by the stability check", arguments: [
        (DistributionSpec.exponential(mean: 240), 240.0),
        (.uniform(min: 60, max: 300), 180),
        (.empirical(values: [60, 90, 150]), 100),
        (.erlang(k: 3, mean: 360), 360),
    ])
    func means(distribution: DistributionSpec, mean: Double) {
        #expect(distribution.mean == mean)
    }
}
