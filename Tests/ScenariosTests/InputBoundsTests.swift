// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Scenarios

/// Every number a scenario can carry is bounded, with a located error that gives the limit and
/// its reason (issue 19): the reproducers that crashed, hung or exhausted memory in a run.
@Suite("Input bounds")
struct InputBoundsTests {
    private let minimal = Fixture.minimal
    private let tooLong = "a duration must be at most 36525d (100 years), so that every sum of durations fits "
        + "the simulator's 64-bit microsecond clock"

    @Test("durations, warm-up, drain limit and interval near the 64-bit microsecond range are refused")
    func hugeDurations() {
        #expect(loadError(minimal.replacing(5, with: "duration: 1e308")) == error(
            5, 11, "duration", "\(tooLong), found '1e308'"))
        #expect(loadError(minimal.replacing(4, with: "warmup: 9223372036854775807")) == error(
            4, 9, "warmup", "\(tooLong), found '9223372036854775807'"))
        #expect(loadError(minimal.replacing(5, with: "duration: 500000000h")) == error(
            5, 11, "duration", "\(tooLong), found '500000000h'"))
        #expect(loadError(minimal.replacing(5, with: "duration: 10000000d")) == error(
            5, 11, "duration", "\(tooLong), found '10000000d'"))
        #expect(loadError(minimal.inserting("drain_limit: 1e15", after: 5)) == error(
            6, 14, "drain_limit", "\(tooLong), found '1e15'"))
        #expect(loadError(minimal.inserting("interval: 1e18", after: 5)) == error(
            6, 11, "interval", "\(tooLong), found '1e18'"))
        #expect(loadError(minimal, overrides: ["duration=1e308"]) == ScenarioError(
            file: "--set", line: 0, column: 0, keyPath: "duration", message: "\(tooLong), found '1e308'"))
        // The limit itself is accepted: 100 years of window, warm-up and drain limit all fit.
        #expect(loadError(minimal.replacing(19, with: "    arrivals: {rate_per_hour: 1}")
            .replacing(5, with: "duration: 36525d").inserting("interval: 30d", after: 5)) == nil)
    }

    @Test("a positive duration shorter than 1 µs would round to 0 and is refused")
    func subMicrosecondDurations() {
        #expect(loadError(minimal.replacing(5, with: "duration: 0.0000001")) == error(
            5, 11, "duration", "a duration must be 0 or at least 1µs, the simulator's time step, found '0.0000001'"))
        #expect(loadError(minimal.replacing(21, with: "    handle_time: {dist: exponential, mean: 0.0000004}")) == error(
            21, 44, "customers[0].handle_time.mean",
            "a duration must be 0 or at least 1µs, the simulator's time step, found '0.0000004'"))
    }

    @Test("the window holds a bounded number of intervals")
    func intervalCount() {
        #expect(loadError(minimal.inserting("interval: 1ms", after: 5)) == error(
            6, 11, "interval", "the window of 360000s holds 360000000 intervals of 0s, above the limit of 200000 "
                + "(each interval keeps a row of the time series per queue); give a longer interval or a shorter duration"))
    }

    @Test("capacities and counts are bounded before anything is allocated")
    func capacitiesAndCounts() {
        let capacity = "the simulator keeps a work rate for every slot of every agent"
        #expect(loadError(minimal.replacing(13, with: "    capacity: 2305843009213693952")) == error(
            13, 15, "agents[0].capacity", "must be at most 1000 (\(capacity)), found 2305843009213693952"))
        #expect(loadError(minimal.replacing(13, with: "    capacity: 99999999999999999999")) == error(
            13, 15, "agents[0].capacity", "must be at most 1000 (\(capacity)), found 99999999999999999999"))
        #expect(loadError(minimal.replacing(
            13, with: "    capacity: {live_chat: 9223372036854775807, whatsapp: 9223372036854775807}")) == error(
            13, 27, "agents[0].capacity.live_chat", "must be at most 1000 (\(capacity)), found 9223372036854775807"))
        #expect(loadError(minimal.replacing(13, with: "    capacity: {live_chat: 1000, whatsapp: 1000}")) == error(
            13, 15, "agents[0].capacity",
            "the channels' slots add up to 2000, above the limit of 1000 (\(capacity)); give a smaller 'total'"))
        #expect(loadError(minimal.replacing(12, with: "    count: 1000000000")) == error(
            12, 12, "agents[0].count",
            "must be at most 100000 (each agent is a record the engine scans when it routes a chat), found 1000000000"))
        #expect(loadError(minimal.replacing(12, with: "    count: 100000").replacing(13, with: "    capacity: 1000")) == error(
            12, 12, "agents[0].count", "the groups up to this one hold 100000 agents of up to 1000 slots, 100000000 in "
                + "all, above the limit of 10000000 (\(capacity))"))
        #expect(loadError(minimal.replacing(3, with: "replications: 1000000000")) == error(
            3, 15, "replications", "must be at most 100000 (each replication keeps its results in memory until the "
                + "run's summary), found 1000000000"))
        #expect(loadError(minimal.replacing(21, with: "    handle_time: {dist: erlang, k: 1000000000, mean: 4m}")) == error(
            21, 36, "customers[0].handle_time.k", "must be at most 1000 (each draw adds k exponential draws), found 1000000000"))
    }

    @Test("arrival and break rates are bounded so that simulated time advances")
    func rates() {
        #expect(loadError(minimal.replacing(19, with: "    arrivals: {rate_per_hour: 1e9}")) == error(
            19, 31, "customers[0].arrivals.rate_per_hour", "must be at most 1000000 (about 280 chats a second, so that "
                + "a run's events stay bounded and simulated time advances), found 1e9"))
        #expect(loadError(minimal.inserting("    away: {rate_per_hour: 1e12, for: 5m}", after: 13)) == error(
            14, 27, "agents[0].away.rate_per_hour", "must be at most 60 (one break a minute on average, so that "
                + "simulated time advances between breaks), found 1e12"))
        #expect(loadError(minimal.inserting("    away: {every: 0.000001, for: 0.000001}", after: 13)) == error(
            14, 19, "agents[0].away.every", "breaks must be at least 1m apart, so that an agent's breaks leave time "
                + "to work and a run's events stay bounded, found '0.000001'"))
        #expect(loadError(minimal.inserting("    return: {probability: 1, after: {dist: constant, value: 0}}", after: 21))
            == error(22, 27, "customers[0].return.probability", "with a return probability of 1, 'after' must never "
                         + "be shorter than 1µs, or a customer could return forever at one instant"))
        #expect(loadError(minimal.inserting("    return: {probability: 1, after: {dist: uniform, min: 0, max: 1m}}", after: 21))
            == error(22, 27, "customers[0].return.probability", "with a return probability of 1, 'after' must never "
                         + "be shorter than 1µs, or a customer could return forever at one instant"))
        #expect(loadError(minimal.inserting("    return: {probability: 1, after: {dist: constant, value: 10m}}", after: 21))
            == nil)
    }

    @Test("a scenario whose replications would create too many events is refused with the estimate")
    func eventEstimate() {
        #expect(loadError(minimal.replacing(5, with: "duration: 1000h")
            .replacing(19, with: "    arrivals: {rate_per_hour: 1000000}")) == error(
            19, 15, "customers[0].arrivals", "a replication would create about 5130000000 events (1026000000 chats at "
                + "5 events each, 0 break, shift and plan events) over the 1026h of warm-up, window and drain limit, "
                + "above the limit of 2000000000 that keeps a run's time and memory bounded; lower the rates or the "
                + "agents, or shorten duration, warmup or drain_limit"))
        #expect(loadError(minimal.replacing(12, with: "    count: 1000")
            .inserting("    away: {every: 1m, for: 30s}", after: 13)
            .replacing(5, with: "duration: 36525d").inserting("interval: 30d", after: 5)) == error(
            15, 11, "agents[0].away", "a replication would create about 105721095600 events (105195120 chats at 5 "
                + "events each, 105195120000 break, shift and plan events) over the 876626h of warm-up, window and drain "
                + "limit, above the limit of 2000000000 that keeps a run's time and memory bounded; lower the rates "
                + "or the agents, or shorten duration, warmup or drain_limit"))
    }

    @Test("names with control characters are refused, and messages escape what they echo")
    func controlCharacters() {
        #expect(loadError(minimal.replacing(1, with: "name: \"\\e[31mred\"")) == error(
            1, 7, "name", "must not contain control characters, found U+001B"))
        #expect(loadError(minimal.replacing(8, with: "  - id: \"sup\\u202Eport\"")) == error(
            8, 9, "queues[0].id", "must not contain control characters, found U+202E"))
        let echoed = ScenarioError(file: "a.yaml", line: 1, column: 1, keyPath: "x\u{1B}", message: "unknown key '\u{1B}[2J'")
        #expect(echoed.description == "a.yaml:1:1: error: x\\u{1B}: unknown key '\\u{1B}[2J'")
    }

    @Test("a YAML alias bomb is refused before it expands")
    func aliasBomb() {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        let failure = loadError(lines.joined(separator: "\n"))
        #expect(failure?.message == "the scenario expands to more than 1000000 YAML nodes (an alias repeats every node "
            + "of its anchor); write the values out or use fewer aliases")
        #expect(failure?.file == "test.yaml")
    }

    @Test("trace times and start dates are real dates and times")
    func traceDates() throws {
        let directory = try Fixture.temporaryDirectory()
        let scenarioPath = directory + "/scenario.yaml"
        let trace = minimal.replacing(19, with: "    arrivals: {trace: trace.csv}").inserting("start: 2026-11-23T00:00", after: 5)
        try trace.text.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        let invalid = "invalid arrival: expected seconds after start or a local time such as 2026-11-23T08:15:30"
        for line in ["2026-11-23T99999999999999999:00", "2026-13-01T00:00", "2026-02-29T08:00", "2026-11-23T24:00",
                     "2026-11-23T08:60", "inf", "nan", "1e308", "0x10"] {
            try "10\n\(line)\n".write(toFile: directory + "/trace.csv", atomically: true, encoding: .utf8)
            #expect(throws: ScenarioError(file: directory + "/trace.csv", line: 2, column: 1,
                                          keyPath: "customers[0].arrivals.trace", message: invalid)) {
                try ScenarioLoader.load(contentsOf: scenarioPath)
            }
        }
        try "10\n4000000000\n".write(toFile: directory + "/trace.csv", atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(file: directory + "/trace.csv", line: 2, column: 1, keyPath: "customers[0].arrivals.trace",
                                      message: "the arrival is more than 36525d (100 years) after start, the longest "
                                          + "span the simulator's 64-bit microsecond clock is given")) {
            try ScenarioLoader.load(contentsOf: scenarioPath)
        }
        try "2028-02-29T08:00\n".write(toFile: directory + "/trace.csv", atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader.load(contentsOf: scenarioPath)
        #expect(loaded.customerStreams[0].arrivals != .poisson(ratePerHour: 1))
        #expect(loadError(minimal.inserting("start: 2026-02-30T00:00", after: 5)) == error(
            6, 8, "start", "expected a local date and time such as 2026-11-23T08:00, found '2026-02-30T00:00'"))
        #expect(loadError(minimal.inserting("start: 2026-11-23T99999999999999999999:00", after: 5)) == error(
            6, 8, "start", "expected a local date and time such as 2026-11-23T08:00, found '2026-11-23T99999999999999999999:00'"))
    }

    @Test("a bad line of a sample or trace file is located but never quoted")
    func fileContentNotEchoed() throws {
        let directory = try Fixture.temporaryDirectory()
        try "secret-token-123\n".write(toFile: directory + "/secret.txt", atomically: true, encoding: .utf8)
        let path = directory + "/scenario.yaml"
        try minimal.replacing(21, with: "    handle_time: {dist: empirical, file: secret.txt}").text
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(file: directory + "/secret.txt", line: 1, column: 1,
                                      keyPath: "customers[0].handle_time.file",
                                      message: "invalid sample; \(DurationText.acceptedForms)")) {
            try ScenarioLoader.load(contentsOf: path)
        }
        try minimal.replacing(19, with: "    arrivals: {trace: secret.txt}").text
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(file: directory + "/secret.txt", line: 1, column: 1,
                                      keyPath: "customers[0].arrivals.trace",
                                      message: "invalid arrival: expected seconds after start or a local time such as "
                                          + "2026-11-23T08:15:30")) {
            try ScenarioLoader.load(contentsOf: path)
        }
    }

    @Test("invalid UTF-8 is located at the first bad byte")
    func invalidUTF8() throws {
        let directory = try Fixture.temporaryDirectory()
        let path = directory + "/scenario.yaml"
        var bytes = Array(minimal.text.utf8)
        let secondLine = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        bytes.insert(contentsOf: [0xC3, 0xA9, 0xFF], at: secondLine + 6)   // "seed: é\u{FF}7"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: ScenarioError(file: path, line: 2, column: 8, keyPath: "",
                                      message: "the file is not UTF-8 text: an invalid byte sequence starts here")) {
            try ScenarioLoader.load(contentsOf: path)
        }
    }
}
