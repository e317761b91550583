// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Runs

/// The HTML report of one stored drive (`parley report DB --live`): latency percentiles,
/// throughput over time, and the observed figures beside the simulator's prediction.
///
/// Self-contained like ``HTMLReport`` (inline CSS and SVG, no scripts), and the same bytes for
/// the same stored drive.
package struct LiveReport {
    package let run: LiveRunRecord

    package init(run: LiveRunRecord) { self.run = run }

    package func render() -> String {
        var sections = [header(), latencies()]
        if !run.throughput.isEmpty { sections.append(throughput()) }
        if !run.predictions.isEmpty { sections.append(prediction()) }
        let title = "Parley live report: \(run.scenarioName), drive \(run.id)"
        return HTML.page(title: title, sections: sections, footerNote: """
             Latencies run
            from each action's intended time (no coordinated omission); the prediction's intervals are over the
            simulator's replications.
            """)
    }

    /// `127.0.0.1:8080` of `http://127.0.0.1:8080`: the page holds no URL (it links nowhere).
    static func hostAndPort(_ url: String) -> String {
        url.hasPrefix("http://") ? String(url.dropFirst(7)) : url
    }

    private func count(_ name: String) -> Int? { run.counts.first { $0.0 == name }?.1 }

    func header() -> String {
        var facts: [(String, String)] = [
            ("Scenario", run.scenarioName), ("Drive", String(run.id)), ("Target", run.target.map(Self.hostAndPort) ?? "—"),
            ("Speed", run.speed.map { String(format: "%g×", $0) } ?? "—"),
            ("Replication played", run.replication.map(String.init) ?? "—"),
            ("Wall time", HTML.duration(run.wallSeconds)),
            ("Simulated", run.simulatedSeconds.map(HTML.duration) ?? "—"),
            ("Started", run.startedAt), ("Ended", run.endedAt),
            ("Parley", run.parleyVersion + (run.gitRevision.map { " (\($0))" } ?? "")),
        ]
        for name in ["chats_started", "chats_offered", "chats_accepted", "chats_handled", "chats_abandoned", "requests",
                     "errors", "late_starts", "invariant_violations"] {
            if let value = count(name) { facts.append((name, String(value))) }
        }
        let list = facts.map { "<div><dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd></div>" }.joined()
        let failed = run.thresholds.filter { !$0.passed }
        let warning = failed.isEmpty ? "" : "<p class=\"warning\">Thresholds breached: "
            + failed.map { "<code>\(HTML.escape($0.expression))</code>" }.joined(separator: ", ") + "</p>"
        return "<header>\n<h1>\(HTML.escape(run.scenarioName)): live drive</h1>\n<dl class=\"facts\">\(list)</dl>\n\(warning)\n</header>"
    }

    /// A table of every latency's percentiles and a chart of p50, p99 and p99.9 of the lifecycle latencies.
    func latencies() -> String {
        func ms(_ us: Int64) -> String { String(format: "%.3f", Double(us) / 1000) }
        let rows = run.latencies.map { l in
            "<tr><th>\(HTML.escape(l.name))</th><td>\(l.count)</td><td>\(ms(l.p50))</td><td>\(ms(l.p90))</td>"
                + "<td>\(ms(l.p99))</td><td>\(ms(l.p999))</td><td>\(ms(l.max))</td></tr>"
        }.joined(separator: "\n")
        let table = "<table>\n<caption>Latency percentiles (ms)</caption>\n<thead><tr><th>latency</th><th>count</th>"
            + "<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead>\n<tbody>\n\(rows)\n</tbody>\n</table>"
        let lifecycle = run.latencies.filter { !$0.name.hasPrefix("request ") }
        let chart = lifecycle.isEmpty ? "" : SVGChart.groupedBars(
            title: "Lifecycle latencies (ms)", groups: lifecycle.map(\.name), series: ["p50", "p99", "p99.9"],
            values: lifecycle.map { l in [l.p50, l.p99, l.p999].map { SVGChart.Estimate(value: Double($0) / 1000, halfWidth: nil) } },
            label: { String(format: "%g", $0) })
        return HTMLReport.section("latencies", "Latency percentiles", "<figure>\(chart)</figure>\n" + table)
    }

    /// Chats created, offered and accepted per wall second, and that second's create_to_offer p50 and p99.
    func throughput() -> String {
        let x = run.throughput.map { Double($0.second) }
        let counts = SVGChart.lines(
            title: "Throughput per wall second", x: x, xLabel: { String(format: "%g s", $0) },
            series: [("created", run.throughput.map { Double($0.created) }),
                     ("offered", run.throughput.map { Double($0.offered) }),
                     ("accepted", run.throughput.map { Double($0.accepted) }),
                     ("errors", run.throughput.map { Double($0.errors) })],
            label: { String(format: "%g", $0) }, minimumHigh: 1)
        let latency = SVGChart.lines(
            title: "create_to_offer per wall second (ms)", x: x, xLabel: { String(format: "%g s", $0) },
            series: [("p50", run.throughput.map { $0.createToOfferP50.map { Double($0) / 1000 } }),
                     ("p99", run.throughput.map { $0.createToOfferP99.map { Double($0) / 1000 } })],
            label: { String(format: "%g", $0) })
        let total = run.throughput.reduce(0) { $0 + $1.created }
        let peak = run.throughput.map(\.created).max() ?? 0
        let text = "<p>\(total) chats over \(run.throughput.count) s; the busiest second started \(peak).</p>"
        return HTMLReport.section("throughput", "Throughput over time", text + "\n<figure>\(counts)</figure>\n<figure>\(latency)</figure>")
    }

    /// Observed against predicted: a table, and whether each value is inside the 99.9 % interval for one run.
    func prediction() -> String {
        func number(_ value: Double?, _ metric: String) -> String {
            guard let value else { return "—" }
            return metric == "asa_s" ? HTML.duration(value) : HTML.percent(value)
        }
        let first = run.predictions[0]
        let rows = run.predictions.map { p -> String in
            let inside: String
            if let observed = p.observed, let low = p.low, let high = p.high {
                inside = observed >= low && observed <= high ? "inside" : "<strong>outside</strong>"
            } else {
                inside = "—"
            }
            return "<tr><th>\(HTML.escape(p.metric))</th><td>\(number(p.observed, p.metric))</td>"
                + "<td>\(number(p.mean, p.metric)) ± \(number(p.halfWidth95, p.metric))</td>"
                + "<td>\(number(p.low, p.metric)) … \(number(p.high, p.metric))</td><td>\(inside)</td></tr>"
        }.joined(separator: "\n")
        let text = "<p>The simulator ran \(first.replications) replications over the span the drive played; the "
            + "measured window is \(HTML.duration(first.windowStart)) to \(HTML.duration(first.windowEnd)) of simulated time. "
            + "A drive is one realisation, so it is held against the 99.9 % interval for one run.</p>"
        let table = "<table>\n<caption>Observed and predicted</caption>\n<thead><tr><th>metric</th><th>observed</th>"
            + "<th>predicted (95 % CI)</th><th>99.9 % interval for one run</th><th></th></tr></thead>\n<tbody>\n\(rows)\n</tbody>\n</table>"
        return HTMLReport.section("prediction", "Observed and predicted", text + "\n" + table)
    }
}
