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

    /// Counts one chat of queue `q` in the interval holding `time` (nothing outside the window).
    mutating func add(_ counter: WritableKeyPath<IntervalTally, [Int]>, queue q: Int, at time: Int64,
                      model: CompiledScenario) {
        let offset = time - model.windowStart.microseconds
        guard offset >= 0, time < model.windowEnd.microseconds else { return }
        self[keyPath: counter][q * count + Int(offset / model.interval)] += 1
    }

    /// Adds `value` to the series of queue `q` in the interval holding `time` (nothing outside the window).
    mutating func add(_ value: Double, to series: WritableKeyPath<IntervalTally, [Double]>, queue q: Int, at time: Int64,
                      model: CompiledScenario) {
        let offset = time - model.windowStart.microseconds
        guard offset >= 0, time < model.windowEnd.microseconds else { return }
        self[keyPath: series][q * count + Int(offset / model.interval)] += value
    }

    /// Adds `value` × the part of [from, to) inside each interval, for queue `q`.
    ///
    /// - Complexity: O(intervals spanned).
    mutating func integrate(_ series: WritableKeyPath<IntervalTally, [Double]>, queue q: Int, from: Int64, to: Int64,
                            value: Double, model: CompiledScenario) {
        guard value != 0 else { return }
        var start = max(from, model.windowStart.microseconds)
        let end = min(to, model.windowEnd.microseconds)
        while start < end {
            let i = Int((start - model.windowStart.microseconds) / model.interval)
            let edge = min(model.windowStart.microseconds + Int64(i + 1) * model.interval, end)
            self[keyPath: series][q * count + i] += value * Double(edge - start)
            start = edge
        }
    }
}
