// SPDX-License-Identifier: GPL-3.0-or-later

/// Every timed latency of a benchmark, kept exactly: quantiles are order statistics, not bucket estimates.
///
/// A few million samples fit in memory easily (8 bytes each), so the benchmark keeps them all
/// and sorts once when asked for quantiles; nothing is lost to bucketing.
public struct LatencySamples: Sendable, Equatable {
    private var values: [UInt64] = []
    private var isSorted = true

    /// An empty set of samples with room for `capacity` of them.
    public init(capacity: Int = 0) { values.reserveCapacity(capacity) }

    /// Samples given directly (for tests and merges).
    public init(_ values: [UInt64]) {
        self.values = values
        isSorted = false
    }

    /// Number of samples.
    public var count: Int { values.count }

    /// Adds one sample.
    ///
    /// - Complexity: O(1) amortised.
    @inline(__always)
    public mutating func record(_ nanoseconds: UInt64) {
        values.append(nanoseconds)
        isSorted = false
    }

    /// Adds every sample of `other`.
    public mutating func merge(_ other: LatencySamples) {
        values.append(contentsOf: other.values)
        isSorted = false
    }

    /// The `q`-quantile by the nearest-rank rule: the smallest sample with at least q · n samples at or below it.
    ///
    /// Returns nil when there is no sample. `q` is clamped to [0, 1]; q = 1 gives the maximum.
    /// - Complexity: O(n log n) the first time after a change, O(1) after.
    public mutating func quantile(_ q: Double) -> UInt64? {
        guard !values.isEmpty else { return nil }
        sortIfNeeded()
        let rank = Int((min(max(q, 0), 1) * Double(values.count)).rounded(.up))
        return values[max(rank, 1) - 1]
    }

    /// The largest sample, or nil.
    public var maximum: UInt64? { values.max() }

    /// The sum of every sample, in nanoseconds.
    public var total: UInt64 { values.reduce(0, &+) }

    private mutating func sortIfNeeded() {
        guard !isSorted else { return }
        values.sort()
        isSorted = true
    }
}
