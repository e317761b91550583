// SPDX-License-Identifier: GPL-3.0-or-later

/// A benchmark's result over all its trials: the latency distribution and the normalised median the gate uses.
///
/// Latency quantiles are over every timed decision of every trial, disturbed or not. The
/// normalised median is computed as ``RegressionGate`` describes: per trial, the decision p50
/// divided by the trial's calibration time; then the median over the undisturbed trials.
public struct BenchResult: Sendable {
    public var configuration: BenchConfiguration
    /// Decisions timed, all trials.
    public var decisions: Int
    public var p50Nanoseconds: Double
    public var p90Nanoseconds: Double
    public var p99Nanoseconds: Double
    /// The 99.9th percentile: one decision in a thousand takes longer.
    public var p999Nanoseconds: Double
    public var maxNanoseconds: Double
    /// Decisions per second of time spent inside them: 10⁹ / the mean decision latency.
    public var decisionsPerSecond: Double
    /// The fastest trial's calibration time: the machine least disturbed (ns).
    public var referenceCalibrationNanoseconds: Double
    /// Median calibration time of the trials used (ns).
    public var calibrationNanoseconds: Double
    /// Each trial's calibration time (ns), in trial order.
    public var trialCalibrationNanoseconds: [Double]
    /// Each trial's decision median (ns), in trial order.
    public var trialP50Nanoseconds: [Double]
    /// Each undisturbed trial's decision median over its calibration time, in trial order.
    public var trialNormalisedP50: [Double]
    /// Fraction of the timed decisions that queued the chat.
    public var queuedFraction: Double
    /// Median cost of one pair of clock reads; part of every latency above.
    public var clockOverheadNanoseconds: Double

    /// The median over trials of the normalised decision median: the value the gate compares.
    public var normalisedP50: Double { RegressionGate.median(trialNormalisedP50) }

    /// Pools the trials' decisions and summarises them.
    public init(configuration: BenchConfiguration, trials: [BenchTrial], clockOverheadNanoseconds: Double) {
        self.configuration = configuration
        var pooled = LatencySamples()
        for trial in trials { pooled.merge(trial.decisions) }
        decisions = pooled.count
        p50Nanoseconds = Double(pooled.quantile(0.5) ?? 0)
        p90Nanoseconds = Double(pooled.quantile(0.9) ?? 0)
        p99Nanoseconds = Double(pooled.quantile(0.99) ?? 0)
        p999Nanoseconds = Double(pooled.quantile(0.999) ?? 0)
        maxNanoseconds = Double(pooled.quantile(1) ?? 0)
        let total = Double(pooled.total)
        decisionsPerSecond = total > 0 ? Double(pooled.count) * 1e9 / total : 0
        let calibrations = trials.map(\.calibrationNanoseconds), medians = trials.map(\.p50Nanoseconds)
        let used = RegressionGate.undisturbed(calibrations)
        trialCalibrationNanoseconds = calibrations
        trialP50Nanoseconds = medians
        referenceCalibrationNanoseconds = calibrations.min() ?? .nan
        trialNormalisedP50 = used.map { medians[$0] / calibrations[$0] }
        calibrationNanoseconds = RegressionGate.median(used.map { calibrations[$0] })
        queuedFraction = trials.isEmpty ? 0 : trials.map(\.queuedFraction).reduce(0, +) / Double(trials.count)
        self.clockOverheadNanoseconds = clockOverheadNanoseconds
    }
}
