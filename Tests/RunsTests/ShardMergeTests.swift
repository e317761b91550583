// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ResultStorage
import Testing
@testable import Runs

/// Shards merged by ``ShardMerge`` hold every row the whole run stored, and its summaries.
@Suite struct ShardMergeTests {
    /// Runs shard `shard` (or the whole run) of quickstart with chats into a new file; returns its path.
    static func stored(_ shard: Shard?, replications: Int) throws -> String {
        let path = RunSessionTests.temporaryDatabase()
        var options = RunSessionTests.options(path)
        options.shard = shard
        options.settings = ["duration=1h", "warmup=0s"]
        _ = try RunSession(options: options)
            .execute([.init(scenario: try RunSessionTests.quickstart(replications: replications))])
        return path
    }

    /// Every row of run `runID` that a merge must reproduce, table by table.
    struct Rows: Equatable {
        var replications: [ReplicationRecord]
        var summaries: [MetricSummary]
        var intervals: [IntervalMetricRow]
        var agents: [AgentStatisticsRow]
        var chats: [StoredChat]
        var histograms: [WaitHistogramBucket]
        var status: RunStatus
        var recordedReplications: Int

        init(_ path: String, runID: Int64 = 1) throws {
            let store = try ResultStore(readingAt: path)
            replications = try store.replications(runID: runID)
            summaries = try store.summaries(runID: runID)
            intervals = try store.intervalMetrics(runID: runID)
            agents = try store.agentStatistics(runID: runID)
            chats = try store.chats(runID: runID)
            histograms = try store.waitHistograms(runID: runID)
            status = try store.run(id: runID).status
            recordedReplications = try store.run(id: runID).replications
        }
    }

    /// 12 shards — more than SQLite's 10 attached databases — of 14 replications, given in
    /// any order, merge into the whole run's rows, summaries and histograms exactly.
    @Test func twelveShardsMergeIntoTheWholeRunsRows() throws {
        let whole = try Rows(try Self.stored(nil, replications: 14))
        #expect(!whole.chats.isEmpty && !whole.intervals.isEmpty && !whole.agents.isEmpty && !whole.histograms.isEmpty)
        let shards = try (0 ..< 12).map { try Self.stored(Shard(index: $0, count: 12), replications: 14) }
        let output = RunSessionTests.temporaryDatabase()
        #expect(try ShardMerge.merge(into: output, shards: shards.reversed()) == .merged(runIDs: [1], replications: 14))
        #expect(try Rows(output) == whole)
        #expect(try ShardMerge.merge(into: output, shards: shards) == .alreadyMerged(runIDs: [1]))
        let store = try ResultStore(readingAt: output)
        #expect(try store.runs().count == 1)
        let identity = try #require(try ResultStore(readingAt: shards[0]).shardManifest(runID: 1)).runIdentity
        #expect(try store.mergedShards(runIdentity: identity).map(\.shardIndex) == Array(0 ..< 12))
    }

    @Test func theRunIdentityIgnoresOnlyTheShardIndex() {
        let manifest = ShardManifest(scenarioYAML: "a", settings: ["x=1"], seed: 1, replications: 4, strategy: nil,
                                     shardIndex: 0, shardCount: 2, parleyVersion: "1", gitRevision: nil)
        var other = manifest
        other.shardIndex = 1
        #expect(other.runIdentity == manifest.runIdentity && manifest.differences(from: other).isEmpty)
        other.strategy = "longest_idle"
        #expect(other.runIdentity != manifest.runIdentity)
        #expect(other.differences(from: manifest) == ["strategy longest_idle ≠ none"])
        var settings = manifest
        settings.settings = "x=1\nseed=2"
        #expect(settings.runIdentity != manifest.runIdentity)
    }

    @Test func theContentHashIsTheRowsNotTheirOrder() {
        let a = ReplicationRecord(index: 0, simulatedChats: 3, events: 9, metrics: [
            MetricValue(scope: .overall, scopeID: "", name: "asa_s", value: 1.5),
            MetricValue(scope: .queue, scopeID: "q", name: "asa_s", value: nil),
        ])
        let b = ReplicationRecord(index: 1, simulatedChats: 4, events: 9, metrics: [])
        var shuffled = a
        shuffled.metrics.reverse()
        #expect(ReplicationRecord.contentHash(of: [a, b]) == ReplicationRecord.contentHash(of: [b, shuffled]))
        var changed = a
        changed.metrics[0].value = 1.5000000000000002
        #expect(ReplicationRecord.contentHash(of: [a, b]) != ReplicationRecord.contentHash(of: [changed, b]))
    }
}
