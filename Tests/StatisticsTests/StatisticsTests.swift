// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import SplitMix
import Testing
@testable import Statistics

@Suite struct StudentTTests {
    /// Published two-sided critical values of Student's t.
    @Test(arguments: [(1, 0.975, 12.706205), (9, 0.975, 2.262157), (19, 0.975, 2.093024),
                      (9, 0.9995, 4.780913), (29, 0.9995, 3.659405), (1000, 0.975, 1.962339)])
    func quantilesMatchTables(df: Int, p: Double, expected: Double) {
        #expect(abs(StudentT.quantile(probability: p, degreesOfFreedom: df) - expected) < 5e-6)
    }

    @Test func summaryOfKnownSample() {
        // mean 5, sample sd = sqrt(2.5); half-width = t(0.975, 4) * sd / sqrt(5) = 2.776445 * 0.707107
        let summary = ReplicationSummary([3, 4, 5, 6, 7])
        #expect(summary.mean == 5)
        #expect(abs(summary.halfWidth! - 2.776445 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-5)
        #expect(summary.count == 5)
    }

    @Test func undefinedValuesAreLeftOutAndOneValueHasNoInterval() {
        let one = ReplicationSummary([nil, 0.5, nil])
        #expect(one.mean == 0.5)
        #expect(one.halfWidth == nil)
        #expect(one.count == 1)
        let none = ReplicationSummary([nil, nil])
        #expect(none.mean == nil && none.halfWidth == nil && none.count == 0)
    }
}

@Suite struct HistogramTests {
    @Test func smallValuesAreExact() {
        var h = LogLinearHistogram()
        for v in 0..<100 { h.record(Int64(v)) }
        #expect(h.quantile(0.5) == 49)
        #expect(h.quantile(1.0) == 99)
        #expect(h.quantile(0.0) == 0)
        #expect(LogLinearHistogram().quantile(0.5) == nil)
    }

    /// Every value's bucket midpoint lies within 1 % of the value, over twelve orders of magnitude.
    @Test func relativeErrorBelowOnePercent() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<200_000 {
            let value = UInt64(pow(10, Double(rng.next() % 12_000) / 1000)) // 1 ... 1e12
            let bucket = LogLinearHistogram.bucket(of: value)
            let (low, width) = LogLinearHistogram.range(of: bucket)
            #expect(low <= value && value < low + width)
            let mid = width == 1 ? Double(low) : Double(low) + Double(width - 1) / 2
            #expect(abs(mid - Double(value)) <= 0.01 * Double(value))
        }
    }

    @Test func quantilesOfUniformSample() {
        var h = LogLinearHistogram()
        for v in 1...100_000 { h.record(Int64(v) * 1000) }
        for q in [0.5, 0.9, 0.99] {
            let exact = q * 100_000 * 1000
            #expect(abs(h.quantile(q)! - exact) <= 0.01 * exact)
        }
        var other = LogLinearHistogram()
        other.record(5)
        h.merge(other)
        #expect(h.total == 100_001)
    }
}

@Suite struct RandomStreamTests {
    @Test func sameNameSameNumbersOtherNameOtherNumbers() {
        let a = RandomStream(seed: 7, replication: 0, name: "customers/web/arrivals")
        let b = RandomStream(seed: 7, replication: 0, name: "customers/web/arrivals")
        let c = RandomStream(seed: 7, replication: 0, name: "customers/web/patience")
        let d = RandomStream(seed: 7, replication: 1, name: "customers/web/arrivals")
        let xa = (0..<5).map { _ in a.uniform() }
        #expect(xa == (0..<5).map { _ in b.uniform() })
        #expect(xa != (0..<5).map { _ in c.uniform() })
        #expect(xa != (0..<5).map { _ in d.uniform() })
    }

    @Test func seedDerivationIsStableAcrossProcesses() {
        // FNV-1a + SplitMix64 over fixed bytes: the value is a property of the algorithm, not of the process.
        let first = StreamSeed.derive(seed: 1, replication: 2, name: "x")
        #expect(first == StreamSeed.derive(seed: 1, replication: 2, name: "x"))
        #expect(first != StreamSeed.derive(seed: 1, replication: 3, name: "x"))
        #expect(first == 0x00e7_7354_b824_df7a)
    }

    /// The sample mean of each distribution covers its exact mean in a 99.9 % interval.
    @Test(arguments: [
        Distribution.exponential(mean: 240), .constant(value: 30), .uniform(min: 10, max: 50),
        .lognormal(mean: 180, sd: 120), .gamma(mean: 420, sd: 300), .erlang(k: 3, mean: 90),
        .weibull(shape: 1.5, scale: 60), .empirical(values: [5, 10, 60]),
    ])
    func sampleMeanMatchesExactMean(distribution: Distribution) {
        let stream = RandomStream(seed: 11, replication: 0, name: "test")
        let draws = (0..<50_000).map { _ in distribution.sample(stream) }
        #expect(draws.allSatisfy { $0 >= 0 })
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
        let halfWidth = 3.2905 * (variance / Double(draws.count)).squareRoot()
        #expect(abs(mean - distribution.mean) <= max(halfWidth, 1e-12), "\(distribution): \(mean)")
    }
}
