// SPDX-License-Identifier: GPL-3.0-or-later

/// One `parley bench` result: the center it timed and its decision latencies (a `benchmark_results` row).
public struct BenchmarkRecord: Sendable, Hashable {
    public var parleyVersion: String
    public var gitRevision: String?
    public var startedAt: String
    public var agents: Int
    public var queues: Int
    public var capacity: Int
    public var strategy: String
    public var seed: UInt64
    public var decisions: Int
    public var p50Nanoseconds: Double
    public var p90Nanoseconds: Double
    public var p99Nanoseconds: Double
    public var maxNanoseconds: Double
    public var decisionsPerSecond: Double

    public init(parleyVersion: String, gitRevision: String?, startedAt: String, agents: Int, queues: Int,
                capacity: Int, strategy: String, seed: UInt64, decisions: Int, p50Nanoseconds: Double,
                p90Nanoseconds: Double, p99Nanoseconds: Double, maxNanoseconds: Double, decisionsPerSecond: Double) {
        self.parleyVersion = parleyVersion
        self.gitRevision = gitRevision
        self.startedAt = startedAt
        self.agents = agents
        self.queues = queues
        self.capacity = capacity
        self.strategy = strategy
        self.seed = seed
        self.decisions = decisions
        self.p50Nanoseconds = p50Nanoseconds
        self.p90Nanoseconds = p90Nanoseconds
        self.p99Nanoseconds = p99Nanoseconds
        self.maxNanoseconds = maxNanoseconds
        self.decisionsPerSecond = decisionsPerSecond
    }
}
