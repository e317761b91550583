// SPDX-License-Identifier: GPL-3.0-or-later

/// A benchmark's result over all its trials: the latency distribution and the normalised median the gate uses.
///
/// Latency quantiles are over the decisions of every trial pooled; the normalised median is the
/// median over trials of each trial's decision median divided by its calibration time (see
/// ``RegressionGate``).
public struct BenchResult: Sendable {
    public var configuration: BenchConfiguration
    /// Decisions timed, all trials.
    public var decisions: Int
    public var p50Nanoseconds: Double
    public var p90Nanoseconds: Double
    public var p99Nanoseconds: Double
    public var maxNanoseconds: Double
    /// Decisions per second of time spent inside them: 10⁹ / the mean decision latency.
    public var decisionsPerSecond: Double
    /// Median over trials of the calibration operation's median time.
    public var calibrationNanoseconds: Double
    /// Each trial's decision median over its calibration time, in trial order.
    public var trialNormalisedP50: [Double]
    /// Each trial's decision median, in trial order.
    public var trialP50Nanoseconds: [Double]
    /// Fraction of the timed decisions that queued the chat.
    public var queuedFraction: Double
    /// Median cost of one pair of clock reads; part of every latency above.
    public var clockOverheadNanoseconds: Double

    /// The median over trials of the normalised decision median: the value the gate compares.
    public var normalisedP50: Double { RegressionGate.median(trialNormalisedP50) }

    /// Pools the trials' decisions and summarises them.
    public init(configuration: BenchConfiguration, trials: [BenchTrial], clockOverheadNanoseconds: Double) {
        self.configuration = configuration
        var pooled = LatencySamples(capacity: trials.reduce(0) { $0 + $1.decisions.count })
        for trial in trials { pooled.merge(trial.decisions) }
        decisions = pooled.count
        p50Nanoseconds = Double(pooled.quantile(0.5) ?? 0)
        p90Nanoseconds = Double(pooled.quantile(0.9) ?? 0)
        p99Nanoseconds = Double(pooled.quantile(0.99) ?? 0)
        maxNanoseconds = Double(pooled.quantile(1) ?? 0)
        let total = Double(pooled.total)
        decisionsPerSecond = total > 0 ? Double(pooled.count) * 1e9 / total : 0
        calibrationNanoseconds = RegressionGate.median(trials.map(\.calibrationNanoseconds))
        trialNormalisedP50 = trials.map(\.normalisedP50)
        trialP50Nanoseconds = trials.map(\.p50Nanoseconds)
        queuedFraction = trials.isEmpty ? 0 : trials.map(\.queuedFraction).reduce(0, +) / Double(trials.count)
        self.clockOverheadNanoseconds = clockOverheadNanoseconds
    }
}
