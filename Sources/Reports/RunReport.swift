// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import ContactCenter
import Statistics

/// Renders a run's summary as the `--json` object of SPEC §4 or as an aligned text table.
public enum RunReport {
    /// The JSON object `{"scenario", "seed", "replications", "metrics": {"overall", "queues", "channels"}}`.
    public static func json(scenario: String, seed: UInt64, replications: Int, summary: RunSummary,
                            extra: [(String, JSONValue)] = []) -> JSONValue {
        func metrics(_ scope: ScopeSummary) -> JSONValue {
            .object(Metric.allCases.indices.map { m in
                let s = scope.summaries[m]
                return (Metric.allCases[m].rawValue, .object([("mean", .number(s.mean)), ("ci95", .number(s.halfWidth))]))
            })
        }
        var queues: [(String, JSONValue)] = []
        var channels: [(String, JSONValue)] = []
        var overall = JSONValue.object([])
        for scope in summary.summaries {
            switch scope.scope {
            case .overall: overall = metrics(scope)
            case .queue(let name): queues.append((name, metrics(scope)))
            case .channel(let name): channels.append((name, metrics(scope)))
            }
        }
        return .object([
            ("scenario", .string(scenario)),
            ("seed", seed <= UInt64(Int64.max) ? .integer(Int64(seed)) : .string(String(seed))),
            ("replications", .integer(Int64(replications))),
            ("metrics", .object([("overall", overall), ("queues", .object(queues)), ("channels", .object(channels))])),
        ] + extra)
    }

    /// `"wrap_up_reasons": {queue: {reason: {"mean", "ci95"}}}` for the queues that list reasons,
    /// queues and reasons sorted by name; nothing when none does, so the output of a run without
    /// them keeps its shape.
    public static func wrapUpReasonJSON(_ counts: WrapUpReasonCounts) -> [(String, JSONValue)] {
        guard !counts.isEmpty else { return [] }
        var queues: [(String, [(String, JSONValue)])] = []
        for (label, s) in zip(counts.labels, counts.summaries()) {
            let value = JSONValue.object([("mean", .number(s.mean)), ("ci95", .number(s.halfWidth))])
            if let last = queues.indices.last, queues[last].0 == label.queue { queues[last].1.append((label.reason, value)) }
            else { queues.append((label.queue, [(label.reason, value)])) }
        }
        return [("wrap_up_reasons", .object(queues.map { ($0.0, .object($0.1)) }))]
    }

    /// `"template_uses_by_label": {queue: {category: {language: {step: {"mean", "ci95"}}}}}`, all
    /// sorted by name; nothing when no agent group uses templates, so such a run keeps its shape.
    public static func templateUseJSON(_ counts: TemplateUseCounts) -> [(String, JSONValue)] {
        guard !counts.isEmpty else { return [] }
        var tree: [(String, [(String, [(String, [(String, JSONValue)])])])] = []
        for (label, s) in zip(counts.labels, counts.summaries()) {
            let value = JSONValue.object([("mean", .number(s.mean)), ("ci95", .number(s.halfWidth))])
            if tree.last?.0 != label.queue { tree.append((label.queue, [])) }
            let q = tree.count - 1
            if tree[q].1.last?.0 != label.category { tree[q].1.append((label.category, [])) }
            let k = tree[q].1.count - 1
            if tree[q].1[k].1.last?.0 != label.language { tree[q].1[k].1.append((label.language, [])) }
            tree[q].1[k].1[tree[q].1[k].1.count - 1].1.append((label.step, value))
        }
        return [("template_uses_by_label", .object(tree.map { queue, categories in
            (queue, .object(categories.map { category, languages in
                (category, .object(languages.map { ($0.0, .object($0.1)) }))
            }))
        }))]
    }

    /// `"service_counts": {"overall": {name: {"mean", "ci95"}}, "queues": {queue: {…}}}` for the
    /// counts the scenario switches on; nothing when it uses none, so such a run keeps its shape.
    public static func serviceCountJSON(_ counts: ServiceCounts) -> [(String, JSONValue)] {
        guard !counts.isEmpty else { return [] }
        let summaries = counts.summaries()
        func scope(_ s: Int) -> JSONValue {
            .object(zip(counts.names, summaries[s]).map { name, summary in
                (name.rawValue, .object([("mean", .number(summary.mean)), ("ci95", .number(summary.halfWidth))]))
            })
        }
        return [("service_counts", .object([
            ("overall", scope(0)),
            ("queues", .object(counts.scopes.indices.dropFirst().map { (counts.scopes[$0], scope($0)) })),
        ]))]
    }

    /// The service counts as a text table (one row per count, one column per scope), with a blank
    /// line and a heading before it; empty when the scenario uses none.
    public static func serviceCountTable(_ counts: ServiceCounts) -> String {
        guard !counts.isEmpty else { return "" }
        let summaries = counts.summaries()
        var rows = [["service count"] + counts.scopes.map { $0.isEmpty ? "overall" : "queue \($0)" }]
        for (n, name) in counts.names.enumerated() {
            rows.append([name.rawValue] + summaries.map { cell($0[n], metric: .tickets) })
        }
        return "\nconversation services (history, archive, deletion, tickets, calls, internal chats, template searches):\n" + align(rows, leftColumns: 1)
    }

    /// The template uses as a text table (queue, category, language, step, `mean ± half-width`),
    /// with a blank line and a heading before it; empty when no agent group uses templates.
    public static func templateUseTable(_ counts: TemplateUseCounts) -> String {
        guard !counts.isEmpty else { return "" }
        var rows = [["queue", "category", "language", "step", "template uses"]]
        for (label, s) in zip(counts.labels, counts.summaries()) {
            rows.append([label.queue, label.category, label.language, label.step, cell(s, metric: .templateUses)])
        }
        return "\nquick-reply template uses per category, language and fallback step:\n" + align(rows, leftColumns: 4)
    }

    /// A table with one row per metric and one column per scope, each cell `mean ± half-width`.
    public static func table(summary: RunSummary) -> String {
        let header = ["metric"] + summary.summaries.map { s in
            switch s.scope {
            case .overall: "overall"
            case .queue(let name): "queue \(name)"
            case .channel(let name): "channel \(name)"
            }
        }
        var rows = [header]
        for (m, metric) in Metric.allCases.enumerated() {
            rows.append([metric.rawValue] + summary.summaries.map { cell($0.summaries[m], metric: metric) })
        }
        return align(rows, leftColumns: 1)
    }

    /// Rows as text columns two spaces apart, a rule under the header; the first `leftColumns`
    /// columns are left-aligned, the others right-aligned.
    package static func align(_ rows: [[String]], leftColumns: Int) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.enumerated().map { r, row in
            let line = row.enumerated().map { c, text in
                c < leftColumns ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                                : String(repeating: " ", count: widths[c] - text.count) + text
            }.joined(separator: "  ")
            return r == 0 ? line + "\n" + String(repeating: "-", count: line.count) : line
        }.joined(separator: "\n")
    }

    /// Decimals shown for `metric`: one for counts, four for ratios, two for seconds.
    package static func digits(for metric: Metric) -> Int {
        if metric.isCount { return 1 }
        switch metric {
        case .abandonRate, .serviceLevel, .pWait, .occupancy, .offlineFormRate: return 4
        default: return 2
        }
    }

    package static func cell(_ s: ReplicationSummary, metric: Metric) -> String {
        guard let mean = s.mean else { return "—" }
        let digits = digits(for: metric)
        let m = format(mean, digits: digits)
        guard let h = s.halfWidth else { return m }
        return "\(m) ± \(format(h, digits: digits))"
    }

    /// `value` rounded to `digits` decimals, with a leading `+` for positive values when `signed`.
    package static func format(_ value: Double, digits: Int, signed: Bool) -> String {
        let text = format(value, digits: digits)
        return signed && !text.hasPrefix("-") && value != 0 ? "+" + text : text
    }

    package static func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded == 0 ? 0 : rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if !text.contains("e") {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }
}

extension RunReport {
    /// The `replication_rule` member of the JSON output, present with `--replications auto`.
    package static func ruleJSON(_ outcome: RunSession.Outcome) -> [(String, JSONValue)] {
        guard let target = outcome.target else { return [] }
        return [("replication_rule", .object([
            ("precision", .number(target.halfWidth)),
            ("metrics", .array(target.metrics.map { .string($0.rawValue) })),
            ("min_replications", .integer(Int64(target.minimum))),
            ("max_replications", .integer(Int64(target.maximum))),
            ("reached", .bool(outcome.targetReached)),
        ]))]
    }

    /// How the replication count was reached, for the table's heading.
    package static func ruleText(_ outcome: RunSession.Outcome) -> String {
        guard let target = outcome.target else { return "" }
        let metrics = target.metrics.map(\.rawValue).joined(separator: " and ")
        return outcome.targetReached
            ? " (auto: 95 % CI half-widths of \(metrics) ≤ \(target.halfWidth))"
            : " (auto: precision \(target.halfWidth) not reached within \(target.maximum))"
    }
}
