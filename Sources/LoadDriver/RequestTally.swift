// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram
import Synchronization

/// The drive's requests, counted behind a lock by the task that sent them: how many were answered,
/// the errors by status, each endpoint's latency and the throughput series' requests and errors a
/// second, and the agents' `offer_to_accept`. Counting them in ``DriveRecorder`` cost a hop onto its
/// executor (and back) for each, five or six a chat lifecycle; the recorder takes these figures into its
/// result when the drive ends.
final class RequestTally: Sendable {
    struct Counts {
        var requests = 0
        var errorsByStatus: [Int: Int] = [:]
        /// Each endpoint's latency (µs), by histogram name (`request POST /v1/chats`).
        var latencies: [String: Histogram<UInt64>] = [:]
        /// Requests and errors answered in each wall second from `origin`.
        var perSecond: [(requests: Int, errors: Int)] = []
        var origin: ContinuousClock.Instant?
    }

    private let counts = Mutex(Counts())

    /// Starts the per-second counts' clock (the recorder's `origin`).
    func begin(at instant: ContinuousClock.Instant) { counts.withLock { $0.origin = instant } }

    /// A request was answered at `end` with `status` (0: no answer); `name`: its latency histogram,
    /// measured from `intended`.
    func answered(status: Int, name: String?, from intended: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        let error = !(200..<300).contains(status)
        let microseconds = name == nil ? 0 : DriveRecorder.microseconds(end - intended)
        counts.withLock { counts in
            counts.requests += 1
            if error { counts.errorsByStatus[status, default: 0] += 1 }
            if let name {
                _ = counts.latencies[name, default: DriveResult.histogram(upTo: 3_600_000_000, digits: .three)]
                    .record(UInt64(max(0, microseconds)))
            }
            guard let origin = counts.origin, end >= origin else { return }
            let index = Int((end - origin).components.seconds)
            while counts.perSecond.count <= index { counts.perSecond.append((0, 0)) }
            counts.perSecond[index].requests += 1
            if error { counts.perSecond[index].errors += 1 }
        }
    }

    /// A latency other than a request's (`offer_to_accept`), from `intended` to `end`.
    func record(_ name: String, from intended: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        let microseconds = DriveRecorder.microseconds(end - intended)
        counts.withLock { counts in
            _ = counts.latencies[name, default: DriveResult.histogram(upTo: 3_600_000_000, digits: .three)]
                .record(UInt64(max(0, microseconds)))
        }
    }

    /// What was counted so far.
    var value: Counts { counts.withLock { $0 } }

    /// The bytes of the latency histograms.
    var footprintInBytes: Int { counts.withLock { $0.latencies.values.reduce(0) { $0 + $1.estimatedFootprintInBytes } } }
}
