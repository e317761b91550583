// SPDX-License-Identifier: GPL-3.0-or-later

/// A histogram of non-negative integer values (microseconds) with bounded relative error.
///
/// Values below 128 have a bucket each; above, every power of two is split into 64 equal
/// buckets, so a bucket spans at most 1/64 of its lower bound and the midpoint reported by
/// ``quantile(_:)`` is within 1/128 (< 1 %) of any value in it. Memory is fixed by the
/// largest value seen (about 2,300 buckets for twelve days), never by the number of values.
public struct LogLinearHistogram: Sendable, Equatable {
    @usableFromInline static let linearLimit: UInt64 = 128
    @usableFromInline static let subBuckets = 64

    @usableFromInline var counts: [UInt64] = []
    @usableFromInline var recorded: UInt64 = 0
    /// Number of values recorded.
    public var total: UInt64 { recorded }

    public init() {}

    /// The bucket of `value`.
    ///
    /// - Complexity: O(1).
    @inlinable
    static func bucket(of value: UInt64) -> Int {
        if value < linearLimit { return Int(value) }
        let msb = 63 - value.leadingZeroBitCount          // ≥ 7
        let shift = msb - 6
        let top = Int(value >> UInt64(shift)) - subBuckets  // 0..<64
        return Int(linearLimit) + (shift - 1) * subBuckets + top
    }

    /// The smallest value and the width of bucket `index`.
    static func range(of index: Int) -> (low: UInt64, width: UInt64) {
        if index < Int(linearLimit) { return (UInt64(index), 1) }
        let shift = (index - Int(linearLimit)) / subBuckets + 1
        let top = UInt64((index - Int(linearLimit)) % subBuckets + subBuckets)
        return (top << UInt64(shift), 1 << UInt64(shift))
    }

    /// Records one value; negative values count as zero.
    ///
    /// - Complexity: O(1) amortised.
    @inlinable
    public mutating func record(_ value: Int64) {
        let index = Self.bucket(of: UInt64(max(value, 0)))
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
        counts[index] &+= 1
        recorded &+= 1
    }

    /// Adds every value of `other`.
    public mutating func merge(_ other: LogLinearHistogram) {
        if other.counts.count > counts.count {
            counts.append(contentsOf: repeatElement(0, count: other.counts.count - counts.count))
        }
        for (index, count) in other.counts.enumerated() { counts[index] &+= count }
        recorded &+= other.recorded
    }

    /// One bucket of the histogram: the values in `lowerBound ..< upperBound` and how many were recorded.
    public struct Bucket: Sendable, Equatable {
        /// The smallest value the bucket holds.
        public var lowerBound: UInt64
        /// The smallest value above the bucket (exclusive upper bound).
        public var upperBound: UInt64
        /// Values recorded in the bucket.
        public var count: UInt64

        public init(lowerBound: UInt64, upperBound: UInt64, count: UInt64) {
            self.lowerBound = lowerBound
            self.upperBound = upperBound
            self.count = count
        }
    }

    /// The buckets holding at least one value, in increasing order of their bounds.
    ///
    /// Their counts add up to ``total``; merging histograms adds the counts of equal buckets,
    /// so bucket bounds are the same in every histogram and buckets can be summed by bound.
    ///
    /// - Complexity: O(buckets).
    public var nonEmptyBuckets: [Bucket] {
        counts.indices.compactMap { index in
            guard counts[index] > 0 else { return nil }
            let (low, width) = Self.range(of: index)
            return Bucket(lowerBound: low, upperBound: low + width, count: counts[index])
        }
    }

    /// The `q`-quantile (0 ≤ q ≤ 1) by nearest rank, as its bucket's midpoint; nil when empty.
    ///
    /// - Complexity: O(buckets).
    public func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = max(1, UInt64((q * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, count) in counts.enumerated() where count > 0 {
            seen += count
            if seen >= rank {
                let (low, width) = Self.range(of: index)
                return width == 1 ? Double(low) : Double(low) + Double(width - 1) / 2
            }
        }
        return nil
    }
}
