// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

/// A staffable group's `shift_rules` (SPEC §10) and their errors at exact lines, columns and key
/// paths (lines of ``Fixture/minimal``; its interval is the default 1h).
@Suite("Shift rules keys")
struct ShiftRulesKeysTests {
    private let minimal = Fixture.minimal

    /// The minimal scenario with a staffable group whose `shift_rules:` is `rules` (on line 16).
    private func with(_ rules: String) -> YAMLText {
        minimal.inserting("    staffable: {max: 10}\n    shift_rules: \(rules)", after: 14)
    }

    @Test("shift_rules are read with their defaults")
    func read() throws {
        let text = with("{lengths: [8h, 6h], starts: {from: \"06:00\", to: \"14:00\", every: 1h}, days: mon-fri, "
                            + "breaks: [{length: 1h, after: {min: 2h, max: 4h}}], max_shifts_per_week: 4}")
        let rules = try #require(try ScenarioLoader.load(yaml: text.text, file: "test.yaml").agentGroups[0].shiftRules)
        #expect(rules.lengths == [.hours(8), .hours(6)])
        #expect(rules.firstStart == 6 * 3600 && rules.lastStart == 14 * 3600 && rules.startEvery == .hours(1))
        #expect(rules.dailyStarts.count == 9)
        #expect(rules.days == [0, 1, 2, 3, 4])
        #expect(rules.breaks == [ShiftRules.Break(length: .hours(1), earliest: .hours(2), latest: .hours(4))])
        #expect(rules.maxShiftsPerWeek == 4)
        let defaults = try #require(try ScenarioLoader.load(yaml: with("{lengths: [8h], starts: {every: 2h}}").text,
                                                             file: "test.yaml").agentGroups[0].shiftRules)
        #expect(defaults.firstStart == 0 && defaults.lastStart == 22 * 3600)
        #expect(defaults.days == Array(0..<7) && defaults.breaks.isEmpty && defaults.maxShiftsPerWeek == 5)
        #expect(try ScenarioLoader.load(yaml: minimal.text, file: "test.yaml").agentGroups[0].shiftRules == nil)
    }

    @Test("impossible rules are errors at the offending key")
    func errors() {
        // A break longer than the shift.
        #expect(loadError(with("{lengths: [4h], starts: {every: 1h}, breaks: [{length: 5h, after: {min: 0s, max: 0s}}]}"))
                    == error(16, 73, "agents[0].shift_rules.breaks[0].length",
                             "a break of 5h starting up to 0s after the start does not fit in the shortest shift (4h)"))
        // A break window that runs past the shortest shift's end.
        #expect(loadError(with("{lengths: [8h, 4h], starts: {every: 1h}, breaks: [{length: 1h, after: {min: 2h, max: 4h}}]}"))
                    == error(16, 103, "agents[0].shift_rules.breaks[0].after.max",
                             "a break of 1h starting up to 4h after the start does not fit in the shortest shift (4h)"))
        // A start step that does not divide the day.
        #expect(loadError(with("{lengths: [8h], starts: {every: 7h}}"))
                    == error(16, 50, "agents[0].shift_rules.starts.every",
                             "the start step must divide the day (24h) into whole steps, found 7h"))
        // Durations off the scenario's 1-hour intervals.
        #expect(loadError(with("{lengths: [8h, 7h30m], starts: {every: 1h}}"))
                    == error(16, 33, "agents[0].shift_rules.lengths[1]",
                             "the length 7h30m is not a whole number of intervals; parley roster counts agents per interval "
                                + "(1h), so shifts and breaks start and end on its boundaries"))
        #expect(loadError(with("{lengths: [8h], starts: {every: 30m}}"))
                    == error(16, 50, "agents[0].shift_rules.starts.every",
                             "30m is not a whole number of intervals; parley roster counts agents per interval "
                                + "(1h), so shifts and breaks start and end on its boundaries"))
        #expect(loadError(with("{lengths: [8h], starts: {from: \"09:00\", to: \"08:00\", every: 1h}}"))
                    == error(16, 62, "agents[0].shift_rules.starts.to", "the last start must not be before the first ('from')"))
        #expect(loadError(with("{lengths: [8h], starts: {every: 1h}, days: weekdays}"))
                    == error(16, 61, "agents[0].shift_rules.days", "expected days such as mon-fri, sat,sun or daily, found 'weekdays'"))
        #expect(loadError(with("{lengths: [8h], starts: {every: 1h}, max_shifts_per_week: 8}"))?.keyPath
                    == "agents[0].shift_rules.max_shifts_per_week")
        #expect(loadError(with("{lengths: [25h], starts: {every: 1h}}"))
                    == error(16, 29, "agents[0].shift_rules.lengths[0]", "a shift must be at most 24h long, found 1d1h"))
        // Two breaks whose windows overlap.
        #expect(loadError(with("{lengths: [8h], starts: {every: 1h}, breaks: [{length: 1h, after: {min: 2h, max: 3h}}, "
                                   + "{length: 1h, after: {min: 3h, max: 5h}}]}"))?.keyPath
                    == "agents[0].shift_rules.breaks[1].after.min")
        // Rules on a group parley staff does not staff.
        let unstaffable = minimal.inserting("    shift_rules: {lengths: [8h], starts: {every: 1h}}", after: 14)
        #expect(loadError(unstaffable) == error(15, 18, "agents[0].shift_rules",
                                                "shift_rules need a staffable group (give staffable: {min, max}); "
                                                    + "parley roster covers the counts parley staff finds"))
    }
}
