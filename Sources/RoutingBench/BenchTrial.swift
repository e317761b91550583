// SPDX-License-Identifier: GPL-3.0-or-later

/// What one trial measured: blocks of timed decisions, and the calibration bursts timed between them.
///
/// Burst `i` ran just before block `i` and burst `i + 1` just after it, so every block of
/// decisions has a measure of the machine's speed on both sides.
public struct BenchTrial: Sendable, Equatable {
    /// Decision latencies (ns), block by block.
    public var blocks: [LatencySamples]
    /// The median calibration operation (ns) of each burst; one more than there are blocks.
    public var burstMedians: [Double]
    /// Fraction of the timed decisions that queued the chat (no eligible agent) rather than offering it.
    public var queuedFraction: Double

    public init(blocks: [LatencySamples], burstMedians: [Double], queuedFraction: Double) {
        precondition(burstMedians.count == blocks.count + 1, "a burst before every block and one after the last")
        self.blocks = blocks
        self.burstMedians = burstMedians
        self.queuedFraction = queuedFraction
    }

    /// Every decision of the trial.
    public var decisions: LatencySamples {
        var all = LatencySamples(capacity: blocks.reduce(0) { $0 + $1.count })
        for block in blocks { all.merge(block) }
        return all
    }

    /// The trial's calibration time: the median over its bursts of their median operation (ns).
    public var calibrationNanoseconds: Double { RegressionGate.median(burstMedians) }

    /// The trial's decision median (ns).
    public var p50Nanoseconds: Double {
        var all = decisions
        return Double(all.quantile(0.5) ?? 0)
    }

    /// The decision median in calibration operations: the machine-independent latency the gate compares.
    public var normalisedP50: Double { p50Nanoseconds / calibrationNanoseconds }
}
