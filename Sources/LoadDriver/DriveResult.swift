// SPDX-License-Identifier: GPL-3.0-or-later

import Histogram

/// What a drive observed: latency histograms, counts, invariant violations, and the thresholds judged on them.
public struct DriveResult: Sendable {
    /// The chats that arrived in the measured window (after the warm-up), counted as the simulator
    /// counts them: waits in simulated time, from the customer's intended start to the accept.
    public struct Observed: Sendable, Equatable {
        /// Chats created in the window (an offline form is not offered).
        public var offered = 0
        public var answered = 0
        public var answeredWithinThreshold = 0
        public var abandoned = 0
        public var waitAnsweredMicros: Int64 = 0

        /// The figures the simulator predicts, by SPEC §4's names (nil: over no chats).
        public var figures: [String: Double?] {
            ["service_level": offered == 0 ? nil : Double(answeredWithinThreshold) / Double(offered),
             "asa_s": answered == 0 ? nil : Double(waitAnsweredMicros) / 1e6 / Double(answered),
             "abandon_rate": offered == 0 ? nil : Double(abandoned) / Double(offered)]
        }
    }

    /// One wall second of the drive, from when the first customer was due: throughput and create_to_offer.
    public struct Second: Sendable {
        /// Chats due to start in the second, offers and accepts that reached agents, requests answered, errors.
        public var created = 0
        public var offered = 0
        public var accepted = 0
        public var requests = 0
        public var errors = 0
        /// The median and 99th percentile of `create_to_offer` over the offers that arrived in the
        /// second, in microseconds (nil: none did). Each second's histogram is kept only while offers
        /// may still reach it (``OfferSeries/grace``), then reduced to these two figures.
        public var createToOfferP50: UInt64?
        public var createToOfferP99: UInt64?

        public init() {}
    }

    /// A status change the service told an agent on its stream, at the simulated time it was received.
    public struct StatusChange: Sendable, Equatable {
        public let status: String
        public let simulatedSeconds: Double
    }

    /// Each agent's first status changes after the start (log-ons and -offs with its shifts, breaks,
    /// RONA), in order: at most ``statusChangesKept`` an agent, so that a long drive with RONAs keeps
    /// no record per chat; ``statusCounts`` counts them all.
    public var statusChanges: [String: [StatusChange]] = [:]
    public static let statusChangesKept = 100
    /// Every status change the agents were told, by status.
    public var statusCounts: [String: Int] = [:]

    /// Latency histograms in microseconds, by name: `create_to_offer`, `offer_to_accept`,
    /// `create_to_first_reply`, `websocket_delivery_lag`, and `request <METHOD> <route>` per endpoint.
    public var latencies: [String: Histogram<UInt64>] = [:]
    /// Chats the driver started, and those the service offered, accepted, abandoned, handled.
    public var chatsStarted = 0
    public var chatsOffered = 0
    public var chatsAccepted = 0
    public var chatsAbandoned = 0
    public var chatsHandled = 0
    public var rona = 0
    /// Re-contacts written (customers writing again after a handled chat), and chats that stayed with
    /// the chatbot: resolved by it, or left by their customer there (missed contacts).
    public var returns = 0
    public var botResolved = 0
    public var botLeft = 0
    /// Requests sent, and those answered with an unexpected status (by status; 0: no answer).
    public var requests = 0
    public var errorsByStatus: [Int: Int] = [:]
    /// Customers who started more than a millisecond after their intended time (the open workload's backlog).
    public var lateStarts = 0
    /// Invariant violations seen on the event streams: how many, and the first 100 described.
    public var violationCount = 0
    public var violations: [String] = []
    /// Chats whose first offer the FIFO-within-priority check compared with the queue's order.
    public var fifoChecked = 0
    /// The measured window's chats, and the simulator's prediction beside them (nil: not asked for).
    public var observed = Observed()
    public var prediction: Prediction?
    /// Throughput over time, one entry per wall second.
    public var series: [Second] = []
    /// Wall seconds the drive took, and the simulated seconds it played.
    public var wallSeconds = 0.0
    public var simulatedSeconds = 0.0
    public var speed = 1.0
    /// When the drive started and ended, ISO 8601 in UTC.
    public var startedAt = ""
    public var endedAt = ""

    /// The largest count of each kind of record the driver held during the drive (``DriveRecorder/held()``;
    /// nil: not counted).
    var peakHeld: [String: Int]?

    /// How far the service's clock may be off the driver's (half the shortest round trip of `GET /healthz`),
    /// the uncertainty of ``deliveryLag``; nil: the service did not tell its time.
    public var clockUncertaintyMicros: Int64?

    /// The latency from an event's engine time (`at`) on the service to its receipt on an agent's WebSocket.
    public static let deliveryLag = "websocket_delivery_lag"

    public var errors: Int { errorsByStatus.values.reduce(0, +) }

    /// Records a latency in microseconds.
    mutating func record(_ name: String, microseconds: Int64) {
        // In place: a copy taken out of the dictionary and stored back copied the counts at every record.
        _ = latencies[name, default: Self.histogram(upTo: 3_600_000_000, digits: .three)].record(UInt64(max(0, microseconds)))
    }

    /// A histogram sized for values up to `highest` at once, growing past it when needed: one that
    /// starts small regrows (copying its counts) at every new maximum, which a drive falling behind
    /// sets all the time (5.8 % of the driver's CPU in such a drive, by perf).
    static func histogram(upTo highest: UInt64, digits: SignificantDigits) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: highest, numberOfSignificantValueDigits: digits)
        histogram.autoResize = true
        return histogram
    }

    /// The value of a threshold's statistic, or nil when its histogram has no values.
    public func value(of statistic: Threshold.Statistic) -> Double? {
        func histogram(_ name: String) -> Histogram<UInt64>? {
            guard let histogram = latencies[name], histogram.totalCount > 0 else { return nil }
            return histogram
        }
        switch statistic {
        case .percentile(let p, let name): return histogram(name).map { Double($0.valueAtPercentile(p)) }
        case .mean(let name): return histogram(name).map(\.mean)
        case .max(let name): return histogram(name).map { Double($0.max) }
        case .min(let name): return histogram(name).map { Double($0.min) }
        case .count(let name): return Double(latencies[name]?.totalCount ?? 0)
        case .errorRate: return requests == 0 ? 0 : Double(errors) / Double(requests)
        case .errors: return Double(errors)
        case .lateStarts: return Double(lateStarts)
        case .invariantViolations: return Double(violationCount)
        }
    }

    /// The thresholds that do not hold, each with the value seen (nil: no data, which is a breach).
    public func breaches(of thresholds: [Threshold]) -> [(Threshold, Double?)] {
        thresholds.compactMap { threshold in
            guard let value = value(of: threshold.statistic) else { return (threshold, nil) }
            return threshold.comparison.holds(value, threshold.bound) ? nil : (threshold, value)
        }
    }
}
