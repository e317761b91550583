// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram

/// The throughput series' `create_to_offer` percentiles, one histogram for each wall second still open.
///
/// An offer is counted in the second it reached an agent, and is recorded at most a request's
/// timeout (30 s) later (an offer seen before its chat's create request returned is recorded when
/// it returns); so a second more than `grace` below the latest is reduced to its percentiles and
/// its histogram reset for a later second. The series then holds two figures a second, and the
/// histograms for the grace are made at the start (≈ 1.3 MB for the default 60 s), so a drive's
/// first minute does not grow the driver's memory step by step.
struct OfferSeries {
    private var open: [Int: Histogram<UInt64>] = [:]
    private var spare: [Histogram<UInt64>] = []
    /// Seconds below this are reduced; `grace`: how many seconds below the latest stay open.
    private(set) var sealedBelow = 0
    let grace: Int
    /// Offers recorded after their second was reduced: counted in its offers, not in its percentiles.
    private(set) var late = 0

    init(grace: Int = 60) {
        self.grace = grace
        open.reserveCapacity(grace + 2)
        spare = (0..<(grace + 2)).map { _ in Self.histogram() }
    }

    private static func histogram() -> Histogram<UInt64> { DriveResult.histogram(upTo: 60_000_000, digits: .two) }

    /// Records an offer's `create_to_offer` in second `s`'s histogram, if that is still open.
    mutating func record(_ microseconds: Int64, second s: Int) {
        guard s >= sealedBelow else {
            late += 1
            return
        }
        if open[s] == nil { open[s] = spare.popLast() ?? Self.histogram() }
        _ = open[s]!.record(UInt64(max(0, microseconds)))
    }

    /// Reduces the seconds below `limit` into `series`; their histograms are reset and kept for later seconds.
    mutating func seal(below limit: Int, into series: inout [DriveResult.Second]) {
        guard limit > sealedBelow else { return }
        for index in open.keys.filter({ $0 < limit }) {
            guard var histogram = open.removeValue(forKey: index) else { continue }
            series[index].createToOfferP50 = histogram.valueAtPercentile(50)
            series[index].createToOfferP99 = histogram.valueAtPercentile(99)
            histogram.reset()
            spare.append(histogram)
        }
        sealedBelow = limit
    }

    /// Histograms held (open and spare), and their bytes.
    var histograms: Int { open.count + spare.count }
    var footprintInBytes: Int {
        open.values.reduce(0) { $0 + $1.estimatedFootprintInBytes } + spare.reduce(0) { $0 + $1.estimatedFootprintInBytes }
    }
}
