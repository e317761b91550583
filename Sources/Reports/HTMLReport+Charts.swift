// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation
import ResultStorage

/// The charts every run has: per-queue bars, the waiting-time distribution, and a comparison's differences.
extension HTMLReport {
    /// Service level and abandon rate, then answer speed and the 90th percentile wait, per queue with CI whiskers.
    package func queueCharts() -> String {
        let groups = [("overall", ScopeKind.overall, "")] + data.queues.map { ($0, ScopeKind.queue, $0) }
        func estimates(_ metrics: [String]) -> [[SVGChart.Estimate]] {
            groups.map { _, scope, id in
                metrics.map { metric in
                    let s = data.summary(metric, scope: scope, id: id)
                    return SVGChart.Estimate(value: s?.mean, halfWidth: s?.ci95)
                }
            }
        }
        let ratios = SVGChart.groupedBars(
            title: "Service level and abandon rate per queue", groups: groups.map(\.0),
            series: ["service level", "abandon rate"], values: estimates(["service_level", "abandon_rate"]),
            label: { HTML.percent($0, digits: 0) }, minimumHigh: 1)
        let waits = SVGChart.groupedBars(
            title: "Average speed of answer and 90th percentile wait per queue", groups: groups.map(\.0),
            series: ["average speed of answer", "90th percentile wait"], values: estimates(["asa_s", "wait_p90_s"]),
            label: HTML.shortDuration, durations: true)
        return Self.section("queues", "Queues", """
            <div class="charts">
            <figure>\(ratios)<figcaption>Mean over replications; whiskers are 95 % confidence intervals.\
             Service level counts chats answered within the queue's threshold over all offered chats.</figcaption></figure>
            <figure>\(waits)<figcaption>Waits of answered chats, in seconds; the 90th percentile is read\
             from each replication's log-linear histogram, then averaged.</figcaption></figure>
            </div>
            """)
    }

    /// Bin edges (seconds) of the waiting-time chart; the log-linear buckets are gathered into these.
    package static let waitEdges: [Double] = [0, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600,
                                      7200, 14_400, 28_800, 86_400]

    /// The waits of all answered chats in the run, as shares per bin.
    package func waitDistribution() -> String {
        let buckets = data.waitBuckets.filter { $0.scope == .overall }
        let total = buckets.reduce(0) { $0 + $1.count }
        guard total > 0 else {
            return Self.section("waits", "Waiting times", "<p>No chat was answered in this run.</p>")
        }
        var counts = Array(repeating: 0, count: Self.waitEdges.count)
        for bucket in buckets {
            let bin = (Self.waitEdges.lastIndex { $0 <= bucket.lowerSeconds }) ?? 0
            counts[bin] += bucket.count
        }
        let used = (counts.lastIndex { $0 > 0 } ?? 0) + 1
        let labels = (0..<used).map { i -> String in
            let low = HTML.shortDuration(Self.waitEdges[i])
            return i + 1 < Self.waitEdges.count ? "\(low)–\(HTML.shortDuration(Self.waitEdges[i + 1]))" : "\(low) +"
        }
        let shares = counts.prefix(used).map { [SVGChart.Estimate(value: Double($0) / Double(total), halfWidth: nil)] }
        let chart = SVGChart.groupedBars(title: "Waiting time of answered chats", groups: labels,
                                         series: ["share of answered chats"], values: Array(shares),
                                         label: { HTML.percent($0, digits: 0) },
                                         valueLabel: { $0 > 0 && $0 < 0.0005 ? "<0.1 %" : HTML.percent($0, digits: $0 < 0.1 ? 1 : 0) },
                                         width: 1020, height: 300)
        var percentiles = ""
        for (key, name) in [("wait_p50_s", "median"), ("wait_p90_s", "90th percentile"), ("wait_p99_s", "99th percentile")] {
            if let mean = data.summary(key, scope: .overall)?.mean { percentiles += " \(name) \(HTML.duration(mean));" }
        }
        return Self.section("waits", "Waiting times", """
            <figure>\(chart)<figcaption>\(total) answered chats over all replications, by wait (bins include\
             their lower bound). Mean over replications:\(HTML.escape(String(percentiles.dropLast()))).</figcaption></figure>
            """)
    }

    /// The comparison the run belongs to: per metric, each strategy's (or variant's) mean difference from the baseline.
    package func comparison() -> String {
        let rows = data.comparisons.filter { $0.scope == .overall }
        guard let first = rows.first else { return "" }
        var runs: [Int64] = []
        for row in rows where !runs.contains(row.runID) { runs.append(row.runID) }
        let labels = runs.map { id in
            let strategy = rows.first { $0.runID == id }?.strategy ?? ""
            return id == data.run.id ? "\(strategy) (this)" : strategy
        }
        var metrics: [String] = []
        for row in rows where !metrics.contains(row.metric) { metrics.append(row.metric) }
        let panels = metrics.map { metric -> String in
            let values = runs.map { id -> SVGChart.Estimate in
                let row = rows.first { $0.runID == id && $0.metric == metric }
                return SVGChart.Estimate(value: row?.meanDiff, halfWidth: row?.ci95)
            }
            let isRatio = ["service_level", "abandon_rate", "occupancy"].contains(metric)
            return SVGChart.differenceBars(title: metric, labels: labels, values: values,
                                           label: isRatio ? { String(format: "%+.1f pt", $0 * 100) } : { String(format: "%+.1f s", $0) })
        }
        let tableRows = rows.map { r -> String in
            let diff = r.meanDiff.map { Self.number($0, metric: r.metric) } ?? "—"
            let ci = r.ci95.map { "± " + Self.number($0, metric: r.metric) } ?? ""
            return "<tr><th scope=\"row\">\(HTML.escape(r.strategy))</th><td class=\"text\">\(HTML.escape(r.metric))</td>"
                + "<td>\(HTML.escape(diff))</td><td>\(HTML.escape(ci))</td><td>\(r.n)</td>"
                + "<td class=\"\(r.significant ? "yes" : "no")\">\(r.significant ? "yes" : "no")</td></tr>"
        }
        let baselineNote = first.baselineRunID == data.run.id ? "this run" : "run \(first.baselineRunID)"
        // A `compare --variant` run has no strategy of its own; its rows name variants.
        let kind = data.run.strategy == nil ? "variant" : "strategy"
        return Self.section("comparison", kind == "variant" ? "Variant comparison" : "Strategy comparison", """
            <p>Differences from the baseline <strong>\(HTML.escape(first.baselineStrategy))</strong> (\(baselineNote)),\
             paired by replication on common random numbers; bars in dark blue are significant (the 95 % interval\
             excludes 0).</p>
            <div class="panels">\(panels.joined())</div>
            <table>
            <thead><tr><th scope="col">\(kind)</th><th scope="col" class="text">metric</th><th scope="col">mean difference</th>\
            <th scope="col">95 % CI</th><th scope="col">n</th><th scope="col">significant</th></tr></thead>
            <tbody>
            \(tableRows.joined(separator: "\n"))
            </tbody>
            </table>
            """)
    }
}
