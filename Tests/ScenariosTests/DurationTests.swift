// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

@Suite("Durations")
struct DurationTests {
    @Test("duration texts are read in seconds", arguments: [
        ("20s", 20.0), ("4m", 240), ("2h", 7_200), ("1h30m", 5_400), ("7d", 604_800), ("1.5h", 5_400),
        ("250ms", 0.25), ("0s", 0), ("1d2h3m4s5ms", 93_784.005), ("90m", 5_400), ("2m30s", 150),
    ])
    func parses(text: String, seconds: Double) {
        #expect(DurationText.seconds(from: text) == seconds)
    }

    @Test("anything else is not a duration", arguments: [
        "", "20", "s", "5 m", "-5s", "+5s", "1m30m", "30m1h", "5x", "1.h", ".5h", "1.5.5h", "5sm", "1h 30m",
        "20S", "1e3s", "5msx",
    ])
    func rejects(text: String) {
        #expect(DurationText.seconds(from: text) == nil)
    }

    @Test("lines of sample files may also be plain numbers of seconds")
    func bareNumbers() {
        #expect(DurationText.seconds(from: "12.5", allowsBareNumber: true) == 12.5)
        #expect(DurationText.seconds(from: "90", allowsBareNumber: true) == 90)
        #expect(DurationText.seconds(from: "2m", allowsBareNumber: true) == 120)
        #expect(DurationText.seconds(from: "-3", allowsBareNumber: true) == nil)
    }

    @Test("the command line's durations: parts or a plain number of seconds", arguments: [
        ("20s", 20.0), ("1h30m", 5_400), ("250ms", 0.25), ("1.5h", 5_400), ("45", 45), ("2d", 172_800),
        ("12.5", 12.5), ("0", 0), ("007", 7),
    ])
    func commandLine(text: String, seconds: Double) {
        let duration = DurationText(text)
        #expect(duration?.seconds == seconds)
        #expect(duration?.text == text)
        #expect(duration.map(String.init(describing:)) == text)
    }

    @Test("the command line refuses what the scenario format refuses", arguments: [
        "", "m", "30m1h", "1m30m", "-5s", "4 m", "1.h", "20x", "-3", "+3", ".5", "5.", "1e3", " 5", "5 ", "1.5.5",
    ])
    func commandLineRejects(text: String) {
        #expect(DurationText(text) == nil)
    }

    /// `ms` next to `m` and `s`, with the seconds summed as the parser sums them.
    static let millisecondTexts: [(text: String, seconds: Double)] = [
        ("1ms", 0.001), ("1m", 60.0), ("1m250ms", 60.0 + 250.0 * 0.001), ("1s1ms", 1.0 + 0.001), ("2h3m4s", 7_384.0),
    ]

    @Test("ms is one unit, read before m, and in its place after s", arguments: millisecondTexts)
    func millisecondsAndMinutes(text: String, seconds: Double) {
        #expect(DurationText.seconds(from: text) == seconds)
    }

    @Test("units out of order or repeated around ms are refused", arguments: [
        "1ms1s", "1ms1m", "250ms1m", "1ms1ms", "1s1m", "5sm", "5mss", "5msm",
    ])
    func millisecondsOutOfOrder(text: String) {
        #expect(DurationText.seconds(from: text) == nil)
        #expect(DurationText(text) == nil)
    }

    @Test("a YAML number is a number of seconds", arguments: [("90", 90.0), ("2.5", 2.5), ("0", 0)])
    func yamlNumbers(text: String, seconds: Double) throws {
        let yaml = Fixture.minimal.replacing(4, with: "warmup: \(text)").text
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "test.yaml")
        #expect(scenario.warmup == SimDuration(seconds: seconds))
    }

    @Test("a bad duration text shows the text and the accepted forms")
    func badText() {
        #expect(loadError(Fixture.minimal.replacing(4, with: "warmup: 5 minutes")) == error(
            4, 9, "warmup", "invalid duration '5 minutes'; a duration is a number of seconds or one or more "
                + "<number><unit> parts with units ms, s, m, h, d, such as 20s, 4m, 2h, 1h30m, 7d or 1.5h"))
    }

    @Test("a negative number of seconds is refused")
    func negative() {
        #expect(loadError(Fixture.minimal.replacing(4, with: "warmup: -5")) == error(
            4, 9, "warmup", "a duration must not be negative, found '-5'"))
    }

    @Test("durations that must be positive refuse zero")
    func zero() {
        #expect(loadError(Fixture.minimal.replacing(5, with: "duration: 0s")) == error(
            5, 11, "duration", "must be longer than 0s, found '0s'"))
        #expect(loadError(Fixture.minimal.replacing(6, with: "service_level_threshold: 0")) == error(
            6, 26, "service_level_threshold", "must be longer than 0s, found '0'"))
    }

    @Test("a list is not a duration")
    func wrongType() {
        #expect(loadError(Fixture.minimal.replacing(5, with: "duration: [1h]")) == error(
            5, 11, "duration", "expected a duration, found a list; a duration is a number of seconds or one or "
                + "more <number><unit> parts with units ms, s, m, h, d, such as 20s, 4m, 2h, 1h30m, 7d or 1.5h"))
    }
}
