// SPDX-License-Identifier: GPL-3.0-or-later

/// One live-mode run as stored: a `parley serve` session or a `parley drive` (schema versions 8 and 9).
public struct LiveRunRecord: Sendable, Equatable {
    /// A latency's percentiles, in microseconds.
    public struct Latency: Sendable, Equatable {
        public var name: String
        public var count: Int
        public var p50: Int64, p90: Int64, p99: Int64, p999: Int64, max: Int64
        public var mean: Double

        public init(name: String, count: Int, p50: Int64, p90: Int64, p99: Int64, p999: Int64, max: Int64, mean: Double) {
            self.name = name
            self.count = count
            (self.p50, self.p90, self.p99, self.p999, self.max, self.mean) = (p50, p90, p99, p999, max, mean)
        }
    }

    /// A threshold with the value it was judged on (nil: no data).
    public struct ThresholdOutcome: Sendable, Equatable {
        public var expression: String
        public var value: Double?
        public var passed: Bool

        public init(expression: String, value: Double?, passed: Bool) {
            self.expression = expression
            self.value = value
            self.passed = passed
        }
    }

    /// A metric observed beside the simulator's prediction for the same span.
    public struct PredictionRow: Sendable, Equatable {
        public var metric: String
        public var replications: Int
        public var windowStart: Double, windowEnd: Double
        public var observed: Double?, mean: Double?, halfWidth95: Double?, low: Double?, high: Double?

        public init(metric: String, replications: Int, windowStart: Double, windowEnd: Double, observed: Double?,
                    mean: Double?, halfWidth95: Double?, low: Double?, high: Double?) {
            self.metric = metric
            self.replications = replications
            (self.windowStart, self.windowEnd) = (windowStart, windowEnd)
            (self.observed, self.mean, self.halfWidth95, self.low, self.high) = (observed, mean, halfWidth95, low, high)
        }
    }

    /// One wall second of a drive: throughput and that second's create_to_offer percentiles (µs).
    public struct ThroughputRow: Sendable, Equatable {
        public var second: Int
        public var created: Int, offered: Int, accepted: Int, requests: Int, errors: Int
        public var createToOfferP50: Int64?, createToOfferP99: Int64?

        public init(second: Int, created: Int, offered: Int, accepted: Int, requests: Int, errors: Int,
                    createToOfferP50: Int64?, createToOfferP99: Int64?) {
            self.second = second
            (self.created, self.offered, self.accepted, self.requests, self.errors) = (created, offered, accepted, requests, errors)
            (self.createToOfferP50, self.createToOfferP99) = (createToOfferP50, createToOfferP99)
        }
    }

    /// The row's id in `live_runs` once stored (0 before).
    public var id: Int64 = 0
    /// `serve` or `drive`.
    public var kind: String
    public var scenarioName: String
    /// The scenario's text, stored by its hash only.
    public var scenarioText: String
    /// For a drive: the service's URL, the speed and the replication played.
    public var target: String?
    public var speed: Double?
    public var replication: Int?
    public var startedAt: String
    public var endedAt: String
    public var wallSeconds: Double
    public var simulatedSeconds: Double?
    public var parleyVersion: String
    public var gitRevision: String?
    /// Counts by name, in the order given.
    public var counts: [(String, Int)]
    public var latencies: [Latency]
    public var thresholds: [ThresholdOutcome]
    /// A drive's observed figures beside the simulator's prediction (schema version 9).
    public var predictions: [PredictionRow] = []
    /// A drive's throughput per wall second (schema version 9).
    public var throughput: [ThroughputRow] = []

    public init(kind: String, scenarioName: String, scenarioText: String, target: String? = nil, speed: Double? = nil,
                replication: Int? = nil, startedAt: String, endedAt: String, wallSeconds: Double,
                simulatedSeconds: Double? = nil, parleyVersion: String, gitRevision: String? = nil,
                counts: [(String, Int)], latencies: [Latency] = [], thresholds: [ThresholdOutcome] = []) {
        self.kind = kind
        self.scenarioName = scenarioName
        self.scenarioText = scenarioText
        self.target = target
        self.speed = speed
        self.replication = replication
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.wallSeconds = wallSeconds
        self.simulatedSeconds = simulatedSeconds
        self.parleyVersion = parleyVersion
        self.gitRevision = gitRevision
        self.counts = counts
        self.latencies = latencies
        self.thresholds = thresholds
    }

    public static func == (a: LiveRunRecord, b: LiveRunRecord) -> Bool {
        a.kind == b.kind && a.scenarioName == b.scenarioName && a.target == b.target && a.speed == b.speed
            && a.replication == b.replication && a.startedAt == b.startedAt && a.endedAt == b.endedAt
            && a.wallSeconds == b.wallSeconds && a.simulatedSeconds == b.simulatedSeconds
            && a.counts.map(\.0) == b.counts.map(\.0) && a.counts.map(\.1) == b.counts.map(\.1)
            && a.latencies == b.latencies && a.thresholds == b.thresholds && a.predictions == b.predictions
            && a.throughput == b.throughput
    }
}
