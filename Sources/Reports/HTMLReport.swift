// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation
import ContactCenter
import ResultStorage

/// The HTML report of one stored run: a single self-contained page.
///
/// Inline CSS and inline SVG only — no scripts, fonts, images or links to other files — so
/// the page can be mailed, archived with a CI job or opened offline. It holds no wall-clock
/// time of its own: the same database and run give the same bytes. Sections whose tables
/// have no rows for the run (interval series, agent occupancy, roster, staffing, comparison, sweep) are left out.
package struct HTMLReport {
    package let data: ReportData

    package init(data: ReportData) { self.data = data }

    /// The whole page.
    package func render() -> String {
        var sections = [header(), keyFigures(), queueCharts(), waitDistribution()]
        if !data.comparisons.isEmpty { sections.append(comparison()) }
        if !data.sweep.isEmpty { sections.append(sweep()) }
        if !data.intervals.isEmpty { sections.append(intervalSeries()) }
        if !data.agentLoads.isEmpty { sections.append(agentOccupancy()) }
        if !data.rosters.isEmpty { sections.append(rosterCoverage()) }
        if !data.staffing.isEmpty { sections.append(staffing()) }
        sections += [metricTables(), scenarioText()]
        let title = "Parley report: \(data.run.scenarioName), run \(data.run.id)"
        return HTML.page(title: title, sections: sections,
                         footerNote: "\nIntervals are 95 % confidence intervals over replications (Student t).")
    }

    /// A `<section>` with an id, a heading and its content.
    package static func section(_ id: String, _ heading: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(HTML.escape(heading))</h2>\n\(content)\n</section>"
    }

    // MARK: - Header and figures

    package func header() -> String {
        let run = data.run
        var facts: [(String, String)] = [
            ("Scenario", run.scenarioName), ("Run", "\(run.id) (parley \(run.command))"),
            ("Seed", String(run.seed)), ("Replications", replicationsText()),
            ("Status", run.status.rawValue), ("Parley", run.parleyVersion + (run.gitRevision.map { " (\($0))" } ?? "")),
            ("Started", run.startedAt), ("Ended", run.endedAt ?? "—"),
        ]
        if let strategy = run.strategy { facts.insert(("Strategy", strategy + " on every queue"), at: 2) }
        let list = facts.map { "<div><dt>\(HTML.escape($0.0))</dt><dd>\(HTML.escape($0.1))</dd></div>" }.joined()
        let status = run.status == .complete ? "" :
            "<p class=\"warning\">This run is <strong>\(HTML.escape(run.status.rawValue))</strong>: "
            + "its figures are over the replications it completed.</p>"
        return "<header>\n<h1>\(HTML.escape(run.scenarioName))</h1>\n<dl class=\"facts\">\(list)</dl>\n\(status)\n</header>"
    }

    /// The requested count, and the completed count when it differs.
    package func replicationsText() -> String {
        let completed = data.summaries.map(\.n).max() ?? 0
        return completed == data.run.replications || data.summaries.isEmpty
            ? String(data.run.replications) : "\(completed) of \(data.run.replications) completed"
    }

    /// Four overall figures as cards.
    package func keyFigures() -> String {
        let figures: [(String, String, (Double) -> String)] = [
            ("service_level", "Service level", { HTML.percent($0) }),
            ("abandon_rate", "Abandon rate", { HTML.percent($0, digits: 2) }),
            ("asa_s", "Average speed of answer", HTML.duration),
            ("occupancy", "Occupancy", { HTML.percent($0) }),
        ]
        let cards = figures.map { key, name, format -> String in
            let s = data.summary(key, scope: .overall)
            let value = s?.mean.map(format) ?? "—"
            let ci = s?.ci95.map { "± " + format($0) } ?? ""
            return "<div class=\"card\"><div class=\"name\">\(HTML.escape(name))</div>"
                + "<div class=\"value\">\(HTML.escape(value))</div><div class=\"ci\">\(HTML.escape(ci))</div></div>"
        }
        return "<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"cards\">\(cards.joined())</div>\n</section>"
    }

    // MARK: - Tables and text

    /// One table per scope: every metric's mean, half-width and replication count.
    package func metricTables() -> String {
        let tables = data.scopes.map { scope, id -> String in
            let title = scope == .overall ? "Overall" : "\(scope == .queue ? "Queue" : "Channel") \(id)"
            let rows = data.summaries.filter { $0.scope == scope && $0.scopeID == id }.map { s -> String in
                let mean = s.mean.map { Self.number($0, metric: s.name) } ?? "—"
                let ci = s.ci95.map { "± " + Self.number($0, metric: s.name) } ?? ""
                return "<tr><th scope=\"row\">\(HTML.escape(s.name))</th><td>\(HTML.escape(mean))</td>"
                    + "<td>\(HTML.escape(ci))</td><td>\(s.n)</td></tr>"
            }
            return "<table>\n<caption>\(HTML.escape(title))</caption>\n"
                + "<thead><tr><th scope=\"col\">metric</th><th scope=\"col\">mean</th><th scope=\"col\">95 % CI</th>"
                + "<th scope=\"col\">n</th></tr></thead>\n<tbody>\n\(rows.joined(separator: "\n"))\n</tbody>\n</table>"
        }
        let content = tables.isEmpty ? "<p>No metrics were recorded for this run.</p>"
                                     : "<div class=\"tables\">\n\(tables.joined(separator: "\n"))\n</div>"
        return Self.section("metrics", "Metrics by scope", content)
    }

    /// The scenario file as it was run, escaped.
    package func scenarioText() -> String {
        Self.section("scenario", "Scenario file",
                     "<p>The YAML text stored with the run (command-line overrides such as <code>--set</code> "
                     + "are not part of it).</p>\n<pre>\(HTML.escape(data.scenarioYAML))</pre>")
    }

    /// A metric value for a table: ratios with four decimals, counts with one, seconds with two.
    package static func number(_ value: Double, metric: String) -> String {
        switch metric {
        case "abandon_rate", "service_level", "p_wait", "occupancy", "offline_form_rate": String(format: "%.4f", value)
        case _ where Metric(rawValue: metric)?.isCount == true: String(format: "%.1f", value)
        default: String(format: "%.2f", value)
        }
    }

    package static let css = """
        body { margin: 0; background: #f6f7f9; color: #1d2733; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", \
        Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 40px; }
        h1 { font-size: 26px; margin: 0 0 12px; }
        h2 { font-size: 18px; margin: 0 0 10px; border-bottom: 1px solid #d8dde4; padding-bottom: 4px; }
        header, section { background: #fff; border: 1px solid #dde2e8; border-radius: 6px; padding: 16px 20px; \
        margin-bottom: 16px; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 6px 18px; margin: 0; }
        .facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #5f6b76; }
        .facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        .warning { background: #fff4e0; border-left: 4px solid #e08a2c; padding: 6px 10px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { flex: 1 1 200px; border: 1px solid #dde2e8; border-radius: 6px; padding: 10px 14px; }
        .card .name { color: #5f6b76; font-size: 12px; }
        .card .value { font-size: 24px; font-weight: 700; }
        .card .ci { color: #5f6b76; font-size: 12px; min-height: 1em; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-start; }
        .charts figure { flex: 0 1 500px; }
        .panels { display: flex; flex-wrap: wrap; gap: 8px; }
        figure { margin: 0; }
        figcaption { font-size: 12px; color: #5f6b76; max-width: 620px; }
        svg.chart { max-width: 100%; height: auto; display: block; }
        svg .grid { stroke: #e3e7ec; stroke-width: 1; }
        svg .zero { stroke: #7d8792; stroke-width: 1; }
        svg .whisker { stroke: #1d2733; stroke-width: 1.3; }
        svg text { font-family: inherit; fill: #3c4753; }
        svg .tick, svg .legend { font-size: 11px; }
        svg .panel-title { font-size: 12px; font-weight: 600; }
        .tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #eef0f3; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; font-weight: normal; }
        thead th { font-size: 12px; color: #5f6b76; border-bottom: 1px solid #c9d0d8; }
        td.yes { color: #1f7a3f; font-weight: 600; } td.no { color: #8a939c; } tr.this td { font-weight: 600; }
        td.text, thead th.text { text-align: left; }
        svg .value { font-size: 10px; fill: #5f6b76; }
        pre { background: #f3f5f8; border: 1px solid #e1e5ea; padding: 12px; overflow-x: auto; font-size: 12.5px; \
        white-space: pre-wrap; }
        footer { color: #5f6b76; font-size: 12px; }
        @media print { body { background: #fff; } header, section { break-inside: avoid; border: none; } }
        """
}
