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

    package init(scenario: Scenario, outcome: RunSession.Outcome,
                 compared: [(run: RunSession.Run, differences: [StrategyComparison.Difference])]) {
        self.scenario = scenario
        self.outcome = outcome
        self.compared = compared
    }

    package var baselineStrategy: String { outcome.runs[0].variant.strategy ?? "" }

    /// `{"baseline", "comparisons": [{"strategy", "metric", "mean_diff", "ci95", "significant"}, …], …}`.
    ///
    /// After the contract's keys: the scenario, seed and replications, and each strategy's own
    /// overall means of the compared metrics with their run ids.
    package func json(extra: [(String, JSONValue)] = []) -> JSONValue {
        let comparisons: [JSONValue] = compared.flatMap { run, differences in
            differences.map { d in
                JSONValue.object([
                    ("strategy", .string(run.variant.strategy ?? "")), ("metric", .string(d.metric.rawValue)),
                    ("mean_diff", .number(d.meanDiff)), ("ci95", .number(d.ci95)),
                    ("significant", .bool(d.isSignificant)), ("n", .integer(Int64(d.n))),
                ])
            }
        }
        let strategies: [JSONValue] = outcome.runs.map { run in
            let overall = run.summary.summary(of: .overall)
            return .object([
                ("strategy", .string(run.variant.strategy ?? "")),
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
            ("strategies", .array(strategies)),
        ] + extra)
    }

    /// One row per compared strategy and metric: both means, the difference and its significance.
    package func table() -> String {
        var rows = [["strategy", "metric", "\(baselineStrategy) (baseline)", "this strategy", "difference", "significant"]]
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
                rows.append([run.variant.strategy ?? "", d.metric.rawValue,
                             base.map { RunReport.cell($0[d.metric], metric: d.metric) } ?? "—",
                             own.map { RunReport.cell($0[d.metric], metric: d.metric) } ?? "—",
                             difference, d.isSignificant ? "yes" : "no"])
            }
        }
        return RunReport.align(rows, leftColumns: 2)
    }
}
