// SPDX-License-Identifier: GPL-3.0-or-later

import ResultStorage

extension HTMLReport {
    /// The metrics of the sweep panel, in order.
    static let sweepMetrics = ["service_level", "abandon_rate", "asa_s", "occupancy"]

    /// The sweep the run belongs to: each metric against the grid points, with CI whiskers.
    package func sweep() -> String {
        let points = data.sweep
        guard let first = points.first else { return "" }
        let keys = first.point.settings.map { String($0.prefix { $0 != "=" }) }
        func values(_ point: SweepPoint) -> [String] {
            point.settings.map { setting in setting.firstIndex(of: "=").map { String(setting[setting.index(after: $0)...]) } ?? setting }
        }
        let labels = points.map { point, _ in
            values(point).joined(separator: ", ") + (point.runID == data.run.id ? " (this)" : "")
        }
        func summary(_ metric: String, _ summaries: [MetricSummary]) -> MetricSummary? {
            summaries.first { $0.name == metric }
        }
        let panels = Self.sweepMetrics.map { metric -> String in
            let isRatio = ["service_level", "abandon_rate", "occupancy"].contains(metric)
            return SVGChart.groupedBars(
                title: metric, groups: labels, series: [metric],
                values: points.map { _, summaries in
                    let s = summary(metric, summaries)
                    return [SVGChart.Estimate(value: s?.mean, halfWidth: s?.ci95)]
                },
                label: isRatio ? { String(format: "%.0f %%", $0 * 100) } : { String(format: "%.0f s", $0) },
                durations: !isRatio, width: 420, height: 240)
        }
        let header = keys.map { "<th scope=\"col\" class=\"text\">\(HTML.escape($0))</th>" }.joined()
            + Self.sweepMetrics.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        let rows = points.map { point, summaries -> String in
            let cells = values(point).map { "<td class=\"text\">\(HTML.escape($0))</td>" }.joined()
                + Self.sweepMetrics.map { metric -> String in
                    guard let s = summary(metric, summaries), let mean = s.mean else { return "<td>—</td>" }
                    let text = Self.number(mean, metric: metric) + (s.ci95.map { " ± " + Self.number($0, metric: metric) } ?? "")
                    return "<td>\(HTML.escape(text))</td>"
                }.joined()
            return point.runID == data.run.id ? "<tr class=\"this\">\(cells)</tr>" : "<tr>\(cells)</tr>"
        }
        return Self.section("sweep", "Sweep", """
            <p>\(points.count) grid points of \(HTML.escape(keys.joined(separator: " × "))) on common random numbers\
             (runs \(points[0].point.runID)–\(points[points.count - 1].point.runID)); overall means with 95 % intervals.</p>
            <div class="panels">\(panels.joined())</div>
            <table>
            <thead><tr>\(header)</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            """)
    }
}
