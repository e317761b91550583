// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage

/// The roster section of a `parley roster` run: per rostered group its coverage over the week.
extension HTMLReport {
    /// One group's coverage per interval of the week (0 = Monday 00:00 local time).
    package struct RosterCoverage: Equatable {
        package var group: String
        /// Each interval's start, seconds after Monday 00:00.
        package var starts: [Double]
        package var required: [Int]
        /// Agents whose shift covers the interval, on a break or not.
        package var onShift: [Int]
        /// Agents on duty after breaks (what the simulation put on duty).
        package var rostered: [Int]
        /// Whether every queue the group serves met its targets in the simulation; nil: not judged
        /// (outside the measured window, no targets, or a run stored before the window was recorded).
        package var met: [Bool?]
        /// The intervals shown: from the first to the last one with a requirement, a shift or a verdict.
        package var shown: Range<Int>

        /// The coverage of `roster` with the verdicts of `staffing` (the run's `staffing_results` rows).
        package init(_ roster: RosterRecord, staffing: [StaffingRecord]) {
            group = roster.agentGroup
            let count = roster.intervals.count
            let step = count > 0 ? 604_800 / Double(count) : 1
            starts = roster.intervals.map(\.startSeconds)
            required = roster.intervals.map(\.required)
            rostered = roster.intervals.map(\.rostered)
            onShift = Array(repeating: 0, count: count)
            for shift in roster.shifts where count > 0 {
                let first = Int((shift.startSeconds / step).rounded())
                for k in 0..<Int((shift.lengthSeconds / step).rounded()) { onShift[(first + k) % count] += shift.agents }
            }
            met = Array(repeating: nil, count: count)
            if let windowStart = roster.windowStartSeconds, count > 0 {
                let offset = Int((windowStart / step).rounded())
                for row in staffing where row.agentGroup == roster.agentGroup {
                    let t = (offset + Int((row.intervalStartSeconds / step).rounded())) % count
                    met[t] = (met[t] ?? true) && row.meetsTargets
                }
            }
            let (required, onShift, met) = (required, onShift, met)
            let used = (0..<count).filter { required[$0] > 0 || onShift[$0] > 0 || met[$0] != nil }
            shown = (used.first ?? 0)..<((used.last ?? (count - 1)) + 1)
        }
    }

    /// Per rostered group: requirement, agents on shift and on duty after breaks per interval,
    /// intervals that missed their targets in the verification marked; then the table behind it.
    package func rosterCoverage() -> String {
        let figures = data.rosters.map { roster -> String in
            let coverage = RosterCoverage(roster, staffing: data.staffing)
            let shown = Array(coverage.shown)
            let x = shown.map { coverage.starts[$0] }
            // The requirement last, so it shows where the roster meets it exactly.
            let series: [(String, [Double?])] = [
                ("on shift", shown.map { Double(coverage.onShift[$0]) }),
                ("on duty after breaks", shown.map { Double(coverage.rostered[$0]) }),
                ("requirement", shown.map { Double(coverage.required[$0]) }),
            ]
            let title = "Roster coverage: \(roster.agentGroup)"
            let chart = SVGChart.lines(title: title, x: x, xLabel: Self.weekClock, series: series,
                                       label: { String(format: "%g", $0) }, steps: true,
                                       flags: shown.map { coverage.met[$0] == false }, flagName: "targets missed")
            let judged = coverage.met.compactMap { $0 }
            let over = roster.agentHours - roster.requiredHours
            let facts = "\(roster.status == "optimal" ? "Optimal" : roster.status == "repaired" ? "Previous round's roster repaired" : "Time limit reached"), gap "
                + String(format: "%.2f", roster.gap * 100) + " %; "
                + String(format: "%.1f agent-hours on duty for %.1f required (%+.1f from shift granularity and breaks)",
                         roster.agentHours, roster.requiredHours, over)
                + "; \(roster.shifts.reduce(0) { $0 + $1.agents }) shifts, \(roster.headCount) agents; "
                + "\(roster.rounds) round\(roster.rounds == 1 ? "" : "s") of roster and simulation; "
                + (judged.isEmpty ? "no interval judged against targets."
                                  : "targets met in \(judged.filter { $0 }.count) of \(judged.count) intervals.")
            let rows = shown.map { t -> String in
                let verdict = coverage.met[t].map { $0 ? "yes" : "no" } ?? "—"
                return "<tr><th scope=\"row\">\(HTML.escape(Self.weekClock(coverage.starts[t])))</th>"
                    + "<td>\(coverage.required[t])</td><td>\(coverage.onShift[t])</td><td>\(coverage.rostered[t])</td>"
                    + "<td>\(coverage.rostered[t] - coverage.required[t])</td>"
                    + "<td" + (coverage.met[t].map { $0 ? " class=\"yes\"" : " class=\"no\"" } ?? "") + ">\(verdict)</td></tr>"
            }
            return """
                <figure>\(chart)<figcaption>\(HTML.escape(title)) per interval of the week (local time): the staffing \
                requirement, the agents whose shift covers the interval, and those on duty after breaks (what the \
                verification simulated); shaded intervals missed a queue's targets. \(HTML.escape(facts))</figcaption></figure>
                <table class="roster">
                <caption>\(HTML.escape(roster.agentGroup))</caption>
                <thead><tr><th scope="col">interval</th><th scope="col">required</th><th scope="col">on shift</th>\
                <th scope="col">on duty after breaks</th><th scope="col">over</th><th scope="col">targets met</th></tr></thead>
                <tbody>
                \(rows.joined(separator: "\n"))
                </tbody>
                </table>
                """
        }
        return Self.section("roster", "Roster", figures.joined(separator: "\n"))
    }

    /// Seconds after Monday 00:00 as `tue 08:30`.
    package static func weekClock(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        return days[(minutes / 1440) % 7] + String(format: " %02d:%02d", minutes % 1440 / 60, minutes % 60)
    }
}
