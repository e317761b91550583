// SPDX-License-Identifier: GPL-3.0-or-later

/// What one trial measured: its decision latencies and, interleaved with them, the calibration loop's.
public struct BenchTrial: Sendable, Equatable {
    /// Every timed decision, in nanoseconds.
    public var decisions: LatencySamples
    /// Median time of one calibration operation in this trial, in nanoseconds.
    public var calibrationNanoseconds: Double
    /// Median decision latency, in nanoseconds.
    public var p50Nanoseconds: Double
    /// Fraction of the timed decisions that queued the chat (no eligible agent) rather than offering it.
    public var queuedFraction: Double

    public init(decisions: LatencySamples, calibrationNanoseconds: Double, queuedFraction: Double) {
        var decisions = decisions
        p50Nanoseconds = Double(decisions.quantile(0.5) ?? 0)
        self.decisions = decisions
        self.calibrationNanoseconds = calibrationNanoseconds
        self.queuedFraction = queuedFraction
    }

    /// The trial's decision median in calibration operations: the machine-independent latency the gate compares.
    public var normalisedP50: Double { p50Nanoseconds / calibrationNanoseconds }
}
