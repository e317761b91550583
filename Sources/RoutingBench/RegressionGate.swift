// SPDX-License-Identifier: GPL-3.0-or-later

/// Decides whether routing latency regressed against a baseline: the rule behind `parley bench --check`.
///
/// The method, chosen for a noisy shared machine:
/// 1. **Normalise by a calibration loop.** Each trial times its decisions in blocks of 1,024,
///    with a burst of 256 operations of a fixed workload (``CalibrationLoop``) before the first
///    block and after each one, in the same process. A decision's median (p50) divided by the
///    calibration operation's median is a latency in "calibration operations": a slower host or
///    a lower clock slows both and cancels out; a slower engine slows only the numerator.
/// 2. **Leave out disturbed trials.** On this project's shared virtual machine, neighbours come
///    and go in phases lasting seconds that slow the calibration by 1.3–2× but the decisions by
///    a different factor (1.2–1.5×, more or less than the calibration depending on the
///    strategy), so a ratio taken in a disturbed phase is biased either way. Every trial runs
///    the identical workload, so a trial's calibration time differs from another's only by the
///    machine's state: the fastest trial's is the machine least disturbed, and only trials whose
///    calibration is within ``undisturbedSlack`` (15 %) of it are used. (Selecting blocks within
///    a trial instead was tried and rejected: a burst right after heavy decisions runs slower
///    from the decisions' own cache traffic, which ties the selection to the workload.)
/// 3. **Take the median over those trials** (of 5 by default): one trial still disturbed
///    cannot decide the verdict.
/// 4. **Compare with the baseline's normalised median**, measured the same way on the same
///    machine: the result passes when `current ≤ baseline × (1 + tolerance)`. Equal or faster
///    always passes. Only the median is gated: tail latencies (p99, max) on a shared machine
///    measure the neighbours more than the engine.
///
/// Pure: no clock, no I/O; the numbers come in, the verdict goes out.
public struct RegressionGate: Sendable, Equatable {
    /// Allowed growth of the normalised median, as a fraction (0.25: up to 25 % slower passes).
    public var tolerance: Double

    public init(tolerance: Double = 0.25) { self.tolerance = tolerance }

    /// How much slower than the fastest trial's calibration a trial's may be for the trial to count as undisturbed.
    public static let undisturbedSlack = 0.15

    /// The indexes of the undisturbed trials, given each trial's calibration time: those within
    /// ``undisturbedSlack`` of the fastest (all of them when none is a positive number).
    public static func undisturbed(_ calibrationNanoseconds: [Double]) -> [Int] {
        guard let fastest = calibrationNanoseconds.filter({ $0 > 0 && $0.isFinite }).min() else {
            return Array(calibrationNanoseconds.indices)
        }
        return calibrationNanoseconds.indices.filter {
            calibrationNanoseconds[$0] > 0 && calibrationNanoseconds[$0] <= fastest * (1 + undisturbedSlack)
        }
    }

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
