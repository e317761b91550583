// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram
import Synchronization

/// One latency histogram that many tasks record into at once, behind a lock: the agents'
/// `websocket_delivery_lag`. One histogram per agent (as before) held a 3-digit histogram each,
/// regrown at every new maximum: 400 agents held 35 MB after two minutes of a drive (heaptrack).
final class SharedHistogram: Sendable {
    private let histogram: Mutex<Histogram<UInt64>>

    init(upTo highest: UInt64 = 3_600_000_000, digits: SignificantDigits = .three) {
        histogram = Mutex(DriveResult.histogram(upTo: highest, digits: digits))
    }

    /// Records a latency in microseconds (negative: 0).
    func record(_ microseconds: Int64) {
        histogram.withLock { _ = $0.record(UInt64(max(0, microseconds))) }
    }

    /// A copy of what was recorded.
    var value: Histogram<UInt64> { histogram.withLock { $0 } }

    var footprintInBytes: Int { histogram.withLock { $0.estimatedFootprintInBytes } }
}
