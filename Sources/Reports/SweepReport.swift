// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Runs
import Scenarios
import Statistics

/// Renders a sweep (`parley sweep`) as its `--json` object or as an aligned table: each grid
/// point's overall metrics, mean and 95 % half-width, against the varied keys' values.
package struct SweepReport {
    package let scenario: Scenario
    package let grid: SweepGrid
    package let outcome: RunSession.Outcome

    /// The metrics reported per grid point, in order.
    package static let metrics: [Metric] = [.serviceLevel, .abandonRate, .asaSeconds, .waitP90Seconds, .occupancy]

    package init(scenario: Scenario, grid: SweepGrid, outcome: RunSession.Outcome) {
        self.scenario = scenario
        self.grid = grid
        self.outcome = outcome
    }

    /// The values of the varied keys at each grid point, in the order of ``SweepGrid/axes``.
    var pointValues: [[String]] {
        grid.points.map { point in point.map { String($0[$0.index(after: $0.firstIndex(of: "=")!)...]) } }
    }

    /// `{"scenario", "seed", "replications", "vary": [{"key", "values"}], "points": [{"settings": {key: value},
    /// "run_id", "metrics": {metric: {"mean", "ci95"}}}]}`.
    package func json(extra: [(String, JSONValue)] = []) -> JSONValue {
        let points: [JSONValue] = zip(pointValues, outcome.runs).map { values, run in
            let overall = run.summary.summary(of: .overall)
            return .object([
                ("settings", .object(zip(grid.axes, values).map { ($0.key, .string($1)) })),
                ("run_id", run.runID.map { .integer($0) } ?? .null),
                ("metrics", .object(Self.metrics.map { metric in
                    let s = overall?[metric]
                    return (metric.rawValue, .object([("mean", .number(s?.mean)), ("ci95", .number(s?.halfWidth))]))
                })),
            ])
        }
        return .object([
            ("scenario", .string(scenario.name)),
            ("seed", scenario.seed <= UInt64(Int64.max) ? .integer(Int64(scenario.seed)) : .string(String(scenario.seed))),
            ("replications", .integer(Int64(outcome.replications))),
            ("vary", .array(grid.axes.map { axis in
                .object([("key", .string(axis.key)), ("values", .array(axis.values.map { .string($0) }))])
            })),
            ("points", .array(points)),
        ] + extra)
    }

    /// One row per grid point: the varied keys' values, then each metric's `mean ± half-width`.
    package func table() -> String {
        var rows = [grid.axes.map(\.key) + Self.metrics.map(\.rawValue)]
        for (values, run) in zip(pointValues, outcome.runs) {
            let overall = run.summary.summary(of: .overall)
            rows.append(values + Self.metrics.map { metric in
                overall.map { RunReport.cell($0[metric], metric: metric) } ?? "—"
            })
        }
        return RunReport.align(rows, leftColumns: grid.axes.count)
    }
}
