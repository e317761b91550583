// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import ContactCenter
import Scenarios
import Statistics

/// Renders a strategy comparison as the `--json` object of SPEC §6 or as an aligned table.
package struct ComparisonReport {
    package let scenario: Scenario
    package let outcome: RunSession.Outcome
    package let compared: [(run: RunSession.Run, differences: [StrategyComparison.Difference])]
    /// The `--set` overrides of each `--variant`, by name.
    package let settingsByName: [String: [String]]

    package init(scenario: Scenario, outcome: RunSession.Outcome,
                 compared: [(run: RunSession.Run, differences: [StrategyComparison.Difference])],
                 variants: [ComparisonVariant] = []) {
        self.scenario = scenario
        self.outcome = outcome
        self.compared = compared
        self.settingsByName = Dictionary(variants.map { ($0.name, $0.settings) }, uniquingKeysWith: { first, _ in first })
    }

    package var baselineStrategy: String { outcome.runs[0].variant.label }

    /// Whether the variants are named `--variant`s rather than strategies: their rows say
    /// `variant` where a strategy comparison says `strategy`.
    package var comparesVariants: Bool { outcome.runs.first?.variant.name != nil }

    /// The key and column that name a variant.
    var labelKey: String { comparesVariants ? "variant" : "strategy" }

    /// `{"baseline", "comparisons": [{"strategy", "metric", "mean_diff", "ci95", "significant"}, …], …}`.
    ///
    /// After the contract's keys: the scenario, seed and replications, and each strategy's own
    /// overall means of the compared metrics with their run ids. With `--variant`, `variant`
    /// replaces `strategy`, `variants` (each with its `settings`) replaces `strategies`.
    package func json(extra: [(String, JSONValue)] = []) -> JSONValue {
        let comparisons: [JSONValue] = compared.flatMap { run, differences in
            differences.map { d in
                JSONValue.object([
                    (labelKey, .string(run.variant.label)), ("metric", .string(d.metric.rawValue)),
                    ("mean_diff", .number(d.meanDiff)), ("ci95", .number(d.ci95)),
                    ("significant", .bool(d.isSignificant)), ("n", .integer(Int64(d.n))),
                ])
            }
        }
        let strategies: [JSONValue] = outcome.runs.map { run in
            let overall = run.summary.summary(of: .overall)
            let settings: [(String, JSONValue)] = comparesVariants
                ? [("settings", .array((settingsByName[run.variant.label] ?? []).map { .string($0) }))] : []
            return .object([(labelKey, .string(run.variant.label))] + settings + [
                ("run_id", run.runID.map { .integer($0) } ?? .null),
                ("metrics", .object(StrategyComparison.metrics.map { metric in
                    let s = overall?[metric]
                    return (metric.rawValue, .object([("mean", .number(s?.mean)), ("ci95", .number(s?.halfWidth))]))
                })),
            ])
        }
        return .object([
            ("baseline", .string(baselineStrategy)),
            ("comparisons", .array(comparisons)),
            ("scenario", .string(scenario.name)),
            ("seed", scenario.seed <= UInt64(Int64.max) ? .integer(Int64(scenario.seed)) : .string(String(scenario.seed))),
            ("replications", .integer(Int64(outcome.replications))),
            (comparesVariants ? "variants" : "strategies", .array(strategies)),
        ] + extra)
    }

    /// One row per compared strategy and metric: both means, the difference and its significance.
    package func table() -> String {
        var rows = [[labelKey, "metric", "\(baselineStrategy) (baseline)", "this \(labelKey)", "difference", "significant"]]
        let base = outcome.runs[0].summary.summary(of: .overall)
        for (run, differences) in compared {
            let own = run.summary.summary(of: .overall)
            for d in differences {
                let digits = RunReport.digits(for: d.metric)
                let difference: String
                if let mean = d.meanDiff {
                    difference = RunReport.format(mean, digits: digits, signed: true)
                        + (d.ci95.map { " ± " + RunReport.format($0, digits: digits) } ?? "")
                } else {
                    difference = "—"
                }
                rows.append([run.variant.label, d.metric.rawValue,
                             base.map { RunReport.cell($0[d.metric], metric: d.metric) } ?? "—",
                             own.map { RunReport.cell($0[d.metric], metric: d.metric) } ?? "—",
                             difference, d.isSignificant ? "yes" : "no"])
            }
        }
        return RunReport.align(rows, leftColumns: 2)
    }
}
