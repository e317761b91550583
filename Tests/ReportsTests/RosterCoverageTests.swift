// SPDX-License-Identifier: GPL-3.0-or-later

import ResultStorage
import Testing
@testable import Reports

/// The report's roster coverage: the stored roster and verdicts placed on the week, and the
/// intervals that missed their targets shaded in the chart.
@Suite struct RosterCoverageTests {
    /// Hourly intervals; 2 agents Tuesday 07:00–10:00 with a break at 08:00, 1 agent Tuesday 08:00–10:00;
    /// the window starts Tuesday 08:00 and its second hour (09:00) missed on one of two queues.
    static let roster = RosterRecord(
        agentGroup: "team", status: "time_limit", gap: 0.05, agentHours: 6, requiredHours: 5, cost: 180, headCount: 3,
        rounds: 2,
        shifts: [RosterRecord.Shift(startSeconds: 111_600, lengthSeconds: 10_800, breakStartsSeconds: [115_200], agents: 2),
                 RosterRecord.Shift(startSeconds: 115_200, lengthSeconds: 7_200, breakStartsSeconds: [], agents: 1)],
        intervals: (0..<168).map { t in
            (Double(t) * 3600, [31: 2, 32: 1, 33: 2][t] ?? 0, [31: 2, 32: 1, 33: 3][t] ?? 0)
        },
        windowStartSeconds: 115_200)

    static func verdict(_ queue: String, _ start: Double, _ met: Bool) -> StaffingRecord {
        StaffingRecord(queue: queue, intervalStartSeconds: start, agentGroup: "team", agents: 1, serviceLevel: 0.8,
                       serviceLevelCI95: 0.1, abandonRate: 0, abandonRateCI95: 0, meetsTargets: met)
    }

    @Test func coverageAndVerdictsFallOnTheWeek() {
        let staffing = [Self.verdict("a", 0, true), Self.verdict("b", 0, true),
                        Self.verdict("a", 3600, true), Self.verdict("b", 3600, false)]
        let coverage = HTMLReport.RosterCoverage(Self.roster, staffing: staffing)
        #expect(coverage.shown == 31..<34)
        #expect(Array(coverage.required[31..<34]) == [2, 1, 2])
        #expect(Array(coverage.onShift[31..<34]) == [2, 3, 3])
        #expect(Array(coverage.rostered[31..<34]) == [2, 1, 3])
        #expect(Array(coverage.met[31..<34]) == [nil, true, false])
        #expect(coverage.met.compactMap { $0 }.count == 2)
        // Without the window's start (rows before version 12) nothing is judged.
        var old = Self.roster
        old.windowStartSeconds = nil
        #expect(HTMLReport.RosterCoverage(old, staffing: staffing).met.allSatisfy { $0 == nil })
    }

    @Test func missedIntervalsAreShadedAndNamed() {
        let shaded = SVGChart.lines(title: "t", x: [0, 3600, 7200], xLabel: HTMLReport.weekClock,
                                    series: [("requirement", [1, 2, 1])], label: { String(format: "%g", $0) }, steps: true,
                                    flags: [false, true, false], flagName: "targets missed")
        #expect(shaded.components(separatedBy: "fill=\"\(SVGChart.flagColor)\"").count == 3)  // the band and its legend
        #expect(shaded.contains("<title>mon 01:00: targets missed</title>"))
        #expect(shaded.contains(">targets missed</text>"))
        let plain = SVGChart.lines(title: "t", x: [0, 3600, 7200], xLabel: HTMLReport.weekClock,
                                   series: [("requirement", [1, 2, 1])], label: { String(format: "%g", $0) }, steps: true)
        #expect(!plain.contains(SVGChart.flagColor) && !plain.contains("targets missed"))
        #expect(plain == SVGChart.lines(title: "t", x: [0, 3600, 7200], xLabel: HTMLReport.weekClock,
                                        series: [("requirement", [1, 2, 1])], label: { String(format: "%g", $0) }, steps: true,
                                        flags: [false, false, false], flagName: "targets missed"))
    }
}
