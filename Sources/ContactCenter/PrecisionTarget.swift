// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// When a run has replicated enough: every watched metric's confidence half-width is at most a target.
///
/// Used by `--replications auto`: replications are added until the 95 % half-widths of the
/// overall service level and abandon rate are at most ``halfWidth`` (an absolute width: both
/// are proportions), with at least ``minimum`` and at most ``maximum`` replications.
public struct PrecisionTarget: Sendable, Equatable {
    /// The largest acceptable half-width.
    public var halfWidth: Double
    /// Replications always run, so the first interval rests on a usable variance estimate.
    public var minimum: Int
    /// Replications never exceeded, even when the target is not reached.
    public var maximum: Int
    /// The overall metrics whose half-widths are watched.
    public var metrics: [Metric]
    /// The confidence level of the intervals.
    public var confidence: Double

    /// The fewest replications `--replications auto` runs.
    public static let defaultMinimum = 5

    public init(halfWidth: Double, minimum: Int = defaultMinimum, maximum: Int = 100,
                metrics: [Metric] = [.serviceLevel, .abandonRate], confidence: Double = 0.95) {
        precondition(halfWidth > 0 && minimum >= 2 && maximum >= minimum)
        self.halfWidth = halfWidth
        self.minimum = minimum
        self.maximum = maximum
        self.metrics = metrics
        self.confidence = confidence
    }

    /// Whether `values` (one per replication, nil where undefined) are precise enough.
    ///
    /// A metric defined in no replication has nothing to estimate and passes; one defined in
    /// a single replication has no interval yet and does not.
    public func isMet(by values: [Double?]) -> Bool {
        let summary = ReplicationSummary(values, confidence: confidence)
        if summary.count == 0 { return true }
        guard let width = summary.halfWidth else { return false }
        return width <= halfWidth
    }

    /// How many replications `values` suggest are needed in all, from the half-width shrinking as 1/√n.
    func estimatedNeed(for values: [Double?]) -> Int {
        let summary = ReplicationSummary(values, confidence: confidence)
        guard let width = summary.halfWidth, summary.count > 0 else { return values.count + 1 }
        let ratio = width / halfWidth
        let need = Double(values.count) * ratio * ratio
        return need.isFinite ? Int(min(need.rounded(.up), Double(maximum))) : maximum
    }
}
