// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation
import ResultStorage

/// Sections drawn from the tables later commands fill (interval series, agent statistics,
/// staffing); each is rendered only when its table has rows for the run.
extension HTMLReport {
    /// Service level and queue length per interval, one line per scope.
    package func intervalSeries() -> String {
        var charts: [String] = []
        let specs: [(String, String, (Double) -> String, Double)] = [
            ("service_level", "Service level per interval", { HTML.percent($0, digits: 0) }, 1),
            ("queue_length", "Chats waiting per interval (time-average)", { String(format: "%g", $0) }, 0),
        ]
        for (metric, title, label, minimumHigh) in specs {
            let rows = data.intervals.filter { $0.metric == metric }
            guard !rows.isEmpty else { continue }
            let starts = Array(Set(rows.map(\.intervalStartSeconds))).sorted()
            var scopes: [(ScopeKind, String)] = []
            for row in rows where !scopes.contains(where: { $0 == (row.scope, row.scopeID) }) {
                scopes.append((row.scope, row.scopeID))
            }
            let series = scopes.map { scope, id -> (String, [Double?]) in
                let name = scope == .overall ? "overall" : "\(scope.rawValue) \(id)"
                return (name, starts.map { start in
                    rows.first { $0.scope == scope && $0.scopeID == id && $0.intervalStartSeconds == start }?.mean
                })
            }
            charts.append("<figure>" + SVGChart.lines(title: title, x: starts, xLabel: Self.clock, series: series,
                                                      label: label, minimumHigh: minimumHigh)
                          + "<figcaption>\(HTML.escape(title)), mean over replications; the x axis is time since the"
                          + " start of the measured window.</figcaption></figure>")
        }
        if charts.isEmpty {
            let names = Array(Set(data.intervals.map(\.metric))).sorted().joined(separator: ", ")
            charts.append("<p>Interval metrics recorded: \(HTML.escape(names)).</p>")
        }
        return Self.section("intervals", "Over time", "<div class=\"charts\">\n\(charts.joined(separator: "\n"))\n</div>")
    }

    /// Occupancy per agent group as bars, with a table of the sums behind it.
    package func agentOccupancy() -> String {
        let loads = data.agentLoads
        let chart = SVGChart.groupedBars(
            title: "Occupancy per agent group", groups: loads.map(\.group), series: ["occupancy"],
            values: loads.map { [SVGChart.Estimate(value: $0.occupancy, halfWidth: nil)] },
            label: { HTML.percent($0, digits: 0) }, minimumHigh: 1)
        let rows = loads.map { l -> String in
            "<tr><th scope=\"row\">\(HTML.escape(l.group))</th><td>\(l.agents)</td>"
                + "<td>\(String(format: "%.1f", l.staffedSeconds / 3600))</td>"
                + "<td>\(String(format: "%.1f", l.busySeconds / 3600))</td>"
                + "<td>\(l.occupancy.map { HTML.percent($0) } ?? "—")</td><td>\(l.chats)</td><td>\(l.rona)</td></tr>"
        }
        return Self.section("agents", "Agent groups", """
            <div class="charts">
            <figure>\(chart)<figcaption>Slot-time in conversation over staffed slot-time, over all agents of the group\
             and all replications.</figcaption></figure>
            <table>
            <thead><tr><th scope="col">group</th><th scope="col">agents</th><th scope="col">staffed h</th>\
            <th scope="col">busy slot-h</th><th scope="col">occupancy</th><th scope="col">chats</th>\
            <th scope="col">RONA</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            </div>
            """)
    }

    /// The staffing plan: agents per group over the intervals, and what each queue achieved.
    package func staffing() -> String {
        let rows = data.staffing
        let starts = Array(Set(rows.map(\.intervalStartSeconds))).sorted()
        var groups: [String] = [], queues: [String] = []
        for row in rows {
            if !groups.contains(row.agentGroup) { groups.append(row.agentGroup) }
            if !queues.contains(row.queue) { queues.append(row.queue) }
        }
        // A group serving several queues appears under each with the same count: take the largest.
        let series = groups.map { group -> (String, [Double?]) in
            (group, starts.map { start in
                rows.filter { $0.agentGroup == group && $0.intervalStartSeconds == start }.map { Double($0.agents) }.max()
            })
        }
        let chart = SVGChart.lines(title: "Agents staffed per interval", x: starts, xLabel: Self.clock, series: series,
                                   label: { String(format: "%g", $0) }, steps: true)
        func estimate(_ value: Double?, _ ci: Double?) -> String {
            guard let value else { return "—" }
            return HTML.percent(value) + (ci.map { " ± " + HTML.percent($0) } ?? "")
        }
        // One row per queue and interval, one column per group.
        var tableRows: [String] = []
        for queue in queues {
            for start in starts {
                let cells = rows.filter { $0.queue == queue && $0.intervalStartSeconds == start }
                guard let first = cells.first else { continue }
                let counts = groups.map { group in cells.first { $0.agentGroup == group }.map { String($0.agents) } ?? "" }
                tableRows.append("<tr><th scope=\"row\">\(HTML.escape(queue))</th>"
                    + "<td class=\"text\">\(HTML.escape(Self.clock(start)))</td>"
                    + counts.map { "<td>\($0)</td>" }.joined()
                    + "<td>\(HTML.escape(estimate(first.serviceLevel, first.serviceLevelCI95)))</td>"
                    + "<td>\(HTML.escape(estimate(first.abandonRate, first.abandonRateCI95)))</td>"
                    + "<td class=\"\(first.meetsTargets ? "yes" : "no")\">\(first.meetsTargets ? "yes" : "no")</td></tr>")
            }
        }
        let groupHeaders = groups.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        let caption = data.run.command == "roster"
            ? "The agents the roster puts on duty per group and interval (breaks taken off), as simulated to verify it."
            : "The fewest agents per group and interval that meet the queues' targets."
        return Self.section("staffing", "Staffing", """
            <figure>\(chart)<figcaption>\(HTML.escape(caption))</figcaption></figure>
            <table>
            <thead><tr><th scope="col">queue</th><th scope="col" class="text">interval</th>\(groupHeaders)\
            <th scope="col">service level</th><th scope="col">abandon rate</th><th scope="col">meets targets</th></tr></thead>
            <tbody>
            \(tableRows.joined(separator: "\n"))
            </tbody>
            </table>
            """)
    }

    /// Seconds since the window start as `d HH:MM` past the first day, or `HH:MM`.
    package static func clock(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        let days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60
        let time = String(format: "%02d:%02d", hours, rest)
        return days > 0 ? "d\(days + 1) \(time)" : time
    }
}
