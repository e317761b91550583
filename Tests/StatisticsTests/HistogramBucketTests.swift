// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import Statistics

/// Iterating a histogram's buckets, as the result store does to save wait-time distributions.
@Suite struct HistogramBucketTests {
    @Test func bucketsCoverEveryRecordedValueOnce() {
        var h = LogLinearHistogram()
        let values: [Int64] = [0, 0, 5, 127, 128, 129, 1_000, 1_000_000, 60_000_000, 3_600_000_000]
        for v in values { h.record(v) }
        let buckets = h.nonEmptyBuckets
        #expect(buckets.reduce(0) { $0 + $1.count } == h.total)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        for v in values {
            let holding = buckets.filter { $0.lowerBound <= UInt64(v) && UInt64(v) < $0.upperBound }
            #expect(holding.count == 1, "value \(v)")
        }
        #expect(buckets.first == LogLinearHistogram.Bucket(lowerBound: 0, upperBound: 1, count: 2))
        #expect(LogLinearHistogram().nonEmptyBuckets.isEmpty)
    }

    @Test func mergedBucketsAreSums() {
        var a = LogLinearHistogram(), b = LogLinearHistogram()
        for v in stride(from: Int64(0), to: 10_000_000, by: 7_919) { a.record(v) }
        for v in stride(from: Int64(3), to: 90_000_000, by: 104_729) { b.record(v) }
        var merged = a
        merged.merge(b)
        var byBound: [UInt64: UInt64] = [:]
        for bucket in a.nonEmptyBuckets + b.nonEmptyBuckets { byBound[bucket.lowerBound, default: 0] += bucket.count }
        #expect(merged.nonEmptyBuckets.count == byBound.count)
        for bucket in merged.nonEmptyBuckets { #expect(byBound[bucket.lowerBound] == bucket.count) }
    }
}
