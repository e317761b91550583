// SPDX-License-Identifier: GPL-3.0-or-later

/// Decides whether routing latency regressed against a baseline: the rule behind `parley bench --check`.
///
/// The method, chosen for a noisy shared machine:
/// 1. **Normalise by a calibration loop.** Each trial times a fixed workload
///    (``CalibrationLoop``) in short bursts between its blocks of decisions, and divides its
///    decision median (p50) by the calibration operation's median. Both run in the same process
///    at the same moments, so a slower host, a lower clock or another process competing for the
///    caches slows both and mostly cancels out; a slower engine slows only the numerator.
/// 2. **Take the median of several trials** (5 by default): one trial disturbed by a burst of
///    other work cannot decide the verdict.
/// 3. **Compare with the baseline's normalised median** measured the same way on the same
///    machine: the result passes when `current ≤ baseline × (1 + tolerance)`. Equal or faster
///    always passes; only the median is gated, since tail latencies (p99, max) on a shared
///    machine measure the neighbours more than the engine.
///
/// Pure: no clock, no I/O; the numbers come in, the verdict goes out.
public struct RegressionGate: Sendable, Equatable {
    /// Allowed growth of the normalised median, as a fraction (0.25: up to 25 % slower passes).
    public var tolerance: Double

    public init(tolerance: Double = 0.25) { self.tolerance = tolerance }

    /// The gate's decision and its one-line reason.
    public struct Verdict: Sendable, Equatable {
        public var passed: Bool
        /// The current normalised median (median over trials).
        public var current: Double
        public var baseline: Double
        /// current / baseline.
        public var ratio: Double
        /// One line saying why, for standard error on failure.
        public var reason: String
    }

    /// Compares the trials' normalised medians (decision p50 / calibration time, one per trial) with the baseline's.
    public func evaluate(trialNormalisedP50: [Double], baselineNormalisedP50 baseline: Double) -> Verdict {
        let current = Self.median(trialNormalisedP50)
        guard baseline.isFinite && baseline > 0 else {
            return Verdict(passed: false, current: current, baseline: baseline, ratio: .nan,
                           reason: "the baseline's normalised p50 (\(baseline)) is not a positive number")
        }
        guard current.isFinite && current > 0 && trialNormalisedP50.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            return Verdict(passed: false, current: current, baseline: baseline, ratio: .nan,
                           reason: "no valid measurement: normalised p50s \(trialNormalisedP50)")
        }
        let ratio = current / baseline
        let passed = current <= baseline * (1 + tolerance)
        let change = Self.percent(ratio - 1)
        let limit = Self.percent(tolerance, signed: false)
        let detail = "normalised p50 \(Self.fixed(current)) (median of \(trialNormalisedP50.count) trials) "
            + "vs baseline \(Self.fixed(baseline)): \(change)"
        return Verdict(passed: passed, current: current, baseline: baseline, ratio: ratio,
                       reason: passed ? "routing latency within tolerance: \(detail), tolerance \(limit)"
                                      : "routing latency regressed: \(detail), beyond the tolerance of \(limit)")
    }

    /// The median of `values` (the mean of the middle two for an even count); NaN when empty.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func percent(_ fraction: Double, signed: Bool = true) -> String {
        let value = (fraction * 1000).rounded() / 10
        return (signed && value >= 0 ? "+" : "") + "\(value) %"
    }

    static func fixed(_ value: Double) -> String { "\((value * 1000).rounded() / 1000)" }
}
