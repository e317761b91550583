// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import RoutingBench

/// Quantiles are exact order statistics by the nearest-rank rule.
@Suite struct LatencySamplesTests {
    @Test func nearestRankQuantiles() {
        var samples = LatencySamples((1...100).reversed().map { UInt64($0) })
        #expect(samples.quantile(0.5) == 50)
        #expect(samples.quantile(0.9) == 90)
        #expect(samples.quantile(0.99) == 99)
        #expect(samples.quantile(1) == 100)
        #expect(samples.quantile(0) == 1)
        #expect(samples.maximum == 100)
        #expect(samples.total == 5050)
    }

    @Test func oddCountsAndSingleSamples() {
        var three = LatencySamples([30, 10, 20])
        #expect(three.quantile(0.5) == 20)
        #expect(three.quantile(0.99) == 30)
        var one = LatencySamples([7])
        #expect(one.quantile(0.5) == 7 && one.quantile(0.99) == 7)
        var none = LatencySamples()
        #expect(none.quantile(0.5) == nil)
    }

    @Test func recordingAfterAQuantileResorts() {
        var samples = LatencySamples([5, 1])
        #expect(samples.quantile(1) == 5)
        samples.record(9)
        samples.merge(LatencySamples([0]))
        #expect(samples.quantile(1) == 9)
        #expect(samples.quantile(0.25) == 0)
        #expect(samples.count == 4)
    }
}
