// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios
import Statistics

/// Paired differences between assignment strategies run on common random numbers (SPEC §6).
///
/// Every strategy runs the same scenario with the same seed and replication indexes; since
/// everything about a chat is drawn at its arrival from its stream's own sub-streams,
/// replication i of each strategy sees the same customers. The difference of a metric in
/// replication i (strategy − baseline) therefore removes the customers' variability, and the
/// mean difference gets a Student-t interval from the differences alone.
public enum StrategyComparison {
    /// The metrics compared, in report order.
    public static let metrics: [Metric] = [.serviceLevel, .abandonRate, .asaSeconds, .waitP90Seconds, .occupancy]

    /// One metric of one strategy against the baseline.
    public struct Difference: Sendable, Equatable {
        public var metric: Metric
        /// Mean over the pairs of (strategy − baseline); nil without pairs.
        public var meanDiff: Double?
        /// Its 95 % half-width; nil with fewer than two pairs.
        public var ci95: Double?
        /// Pairs: replications where both values are defined.
        public var n: Int

        /// Whether the interval excludes 0 (false when there is no interval).
        public var isSignificant: Bool {
            guard let meanDiff, let ci95 else { return false }
            return abs(meanDiff) > ci95
        }
    }

    /// `scenario` with `strategy` on every queue.
    public static func scenario(_ scenario: Scenario, withStrategy strategy: StrategyName) -> Scenario {
        var changed = scenario
        for q in changed.queues.indices { changed.queues[q].strategy = strategy }
        return changed
    }

    /// The differences of each of `metrics` in `scope` between `other` and `baseline`, paired by replication index.
    ///
    /// A replication present in only one of the runs (an interrupted run) or with the metric
    /// undefined in either is left out of that metric's pairs.
    public static func differences(baseline: (results: [ReplicationResult], summary: RunSummary),
                                   other: (results: [ReplicationResult], summary: RunSummary),
                                   scope: MetricScope = .overall, metrics: [Metric] = metrics,
                                   confidence: Double = 0.95) -> [Difference] {
        differences(baseline: (baseline.results.map(\.index), baseline.summary),
                    other: (other.results.map(\.index), other.summary),
                    scope: scope, metrics: metrics, confidence: confidence)
    }

    /// The same differences for runs given by the replication index of each of their summary's
    /// per-replication values, as read back from a results database (a merged run has no
    /// ``ReplicationResult``s).
    public static func differences(baseline: (indexes: [Int], summary: RunSummary),
                                   other: (indexes: [Int], summary: RunSummary),
                                   scope: MetricScope = .overall, metrics: [Metric] = metrics,
                                   confidence: Double = 0.95) -> [Difference] {
        func valuesByIndex(_ run: (indexes: [Int], summary: RunSummary)) -> [Int: ScopeValues] {
            var byIndex: [Int: ScopeValues] = [:]
            for (position, index) in run.indexes.enumerated() {
                if let values = run.summary.perReplication[position].first(where: { $0.scope == scope }) {
                    byIndex[index] = values
                }
            }
            return byIndex
        }
        let base = valuesByIndex(baseline), compared = valuesByIndex(other)
        let indexes = baseline.indexes.filter { compared[$0] != nil }
        return metrics.map { metric in
            let differences: [Double?] = indexes.map { index in
                guard let b = base[index]?[metric], let o = compared[index]?[metric] else { return nil }
                return o - b
            }
            let summary = ReplicationSummary(differences, confidence: confidence)
            return Difference(metric: metric, meanDiff: summary.mean, ci95: summary.halfWidth, n: summary.count)
        }
    }
}
