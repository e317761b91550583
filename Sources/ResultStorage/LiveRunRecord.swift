// SPDX-License-Identifier: GPL-3.0-or-later

/// One live-mode run as stored: a `parley serve` session or a `parley drive` (schema version 5).
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
            && a.latencies == b.latencies && a.thresholds == b.thresholds
    }
}
