// SPDX-License-Identifier: GPL-3.0-or-later

/// Per-queue, per-interval counts and time integrals of one replication (SPEC §4 attribution).
///
/// Chats count in the interval they arrived in; queue length, staffed agents, busy and staffed
/// slots are integrals over time (microseconds × count), split at interval edges.
public struct IntervalTally: Sendable, Equatable {
    /// Intervals per queue; queue `q`, interval `i` is at `q × count + i`.
    public let count: Int
    public var offered: [Int]
    public var answered: [Int]
    public var answeredWithinThreshold: [Int]
    public var abandoned: [Int]
    /// Summed waits of the answered chats, in microseconds (for the per-interval ASA of `parley staff`).
    public var answeredWaitMicros: [Double]
    public var queueLengthMicros: [Double]
    public var staffedAgentMicros: [Double]
    public var busySlotMicros: [Double]
    public var staffedSlotMicros: [Double]

    public init(queues: Int, intervals: Int) {
        count = intervals
        let zeros = Array(repeating: 0, count: queues * intervals)
        let zeroTimes = Array(repeating: 0.0, count: queues * intervals)
        offered = zeros
        answered = zeros
        answeredWithinThreshold = zeros
        abandoned = zeros
        answeredWaitMicros = zeroTimes
        queueLengthMicros = zeroTimes
        staffedAgentMicros = zeroTimes
        busySlotMicros = zeroTimes
        staffedSlotMicros = zeroTimes
    }

    /// The window the intervals divide: its start and end, and the interval length, in microseconds.
    struct Window {
        var start: Int64
        var end: Int64
        var interval: Int64

        /// The interval holding `time`, or nil outside the window.
        func interval(at time: Int64) -> Int? {
            time >= start && time < end ? Int((time - start) / interval) : nil
        }
    }

    /// Counts one chat of queue `q` in the interval holding `time` (nothing outside the window).
    static func count<Series: MutableCollection<Int>>(_ counter: inout Series, queue q: Int, intervals: Int, at time: Int64,
                                                       in window: Window) where Series.Index == Int {
        guard let i = window.interval(at: time) else { return }
        counter[q * intervals + i] += 1
    }

    /// Adds `value` to the series of queue `q` in the interval holding `time` (nothing outside the window).
    static func add<Series: MutableCollection<Double>>(_ value: Double, to series: inout Series, queue q: Int, intervals: Int,
                                                       at time: Int64, in window: Window) where Series.Index == Int {
        guard let i = window.interval(at: time) else { return }
        series[q * intervals + i] += value
    }

    /// Adds `value` × the part of [from, to) inside each interval, for queue `q`.
    ///
    /// - Complexity: O(intervals spanned).
    static func integrate<Series: MutableCollection<Double>>(_ series: inout Series, queue q: Int, intervals: Int,
                                                             from: Int64, to: Int64, value: Double, in window: Window)
        where Series.Index == Int {
        guard value != 0 else { return }
        var start = max(from, window.start)
        let end = min(to, window.end)
        while start < end {
            let i = Int((start - window.start) / window.interval)
            let edge = min(window.start + Int64(i + 1) * window.interval, end)
            series[q * intervals + i] += value * Double(edge - start)
            start = edge
        }
    }
}
