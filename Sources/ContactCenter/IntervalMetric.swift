// SPDX-License-Identifier: GPL-3.0-or-later

/// The per-interval series of every queue (SPEC §4: chats count in the interval they arrived in;
/// queue length, staffed agents and occupancy are time-averages over the interval).
public enum IntervalMetric: String, Sendable, CaseIterable {
    case offered, answered, abandoned
    case serviceLevel = "service_level"
    case queueLength = "queue_length"
    case staffedAgents = "staffed_agents"
    case occupancy

    /// The metric of queue `q` in interval `i` of a replication; nil when undefined.
    public func value(in tally: IntervalTally, queue q: Int, interval i: Int, lengthMicros: Int64) -> Double? {
        let k = q * tally.count + i
        switch self {
        case .offered: return Double(tally.offered[k])
        case .answered: return Double(tally.answered[k])
        case .abandoned: return Double(tally.abandoned[k])
        case .serviceLevel:
            return tally.offered[k] == 0 ? nil : Double(tally.answeredWithinThreshold[k]) / Double(tally.offered[k])
        case .queueLength: return tally.queueLengthMicros[k] / Double(lengthMicros)
        case .staffedAgents: return tally.staffedAgentMicros[k] / Double(lengthMicros)
        case .occupancy:
            return tally.staffedSlotMicros[k] == 0 ? nil : tally.busySlotMicros[k] / tally.staffedSlotMicros[k]
        }
    }
}

extension CompiledScenario {
    /// Start (seconds after the window's start) and length (microseconds) of interval `i`; the last may be short.
    public func intervalBounds(_ i: Int) -> (startSeconds: Double, lengthMicros: Int64) {
        let start = Int64(i) * interval
        let end = min(start + interval, windowEnd.microseconds - windowStart.microseconds)
        return (Double(start) / 1e6, end - start)
    }

    /// Every interval value of every queue of one replication, in queue, interval, metric order.
    public func intervalValues(of result: ReplicationResult) -> [(queue: String, startSeconds: Double,
                                                                   metric: IntervalMetric, value: Double?)] {
        var values: [(String, Double, IntervalMetric, Double?)] = []
        for (q, name) in queueNames.enumerated() {
            for i in 0..<intervalCount {
                let (start, length) = intervalBounds(i)
                for metric in IntervalMetric.allCases {
                    values.append((name, start, metric,
                                   metric.value(in: result.intervals, queue: q, interval: i, lengthMicros: length)))
                }
            }
        }
        return values
    }
}
