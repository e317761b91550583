// SPDX-License-Identifier: GPL-3.0-or-later

/// The writes of one transaction on a ``ResultStore``, handed out by ``ResultStore/transaction(_:)``:
/// the store's usual writes, made inside the caller's transaction instead of each in its own.
///
/// Valid only inside the body it was given to.
public struct ResultTransaction {
    let store: ResultStore

    /// As ``ResultStore/beginRun(_:)``.
    public func beginRun(_ run: RunRecord) throws(DatabaseError) -> Int64 {
        try store.insertRun(run)
    }

    /// As ``ResultStore/recordReplicationBatch(runID:replications:intervals:chats:agents:)``.
    public func recordReplicationBatch(runID: Int64, replications: [ReplicationRecord],
                                       intervals: [IntervalMetricRow], chats: [StoredChat],
                                       agents: [AgentStatisticsRow]) throws(DatabaseError) {
        try store.insertReplications(runID: runID, replications)
        try store.insertIntervalMetrics(runID: runID, intervals)
        try store.insertChats(runID: runID, chats)
        try store.insertAgentStatistics(runID: runID, agents)
    }

    /// As ``ResultStore/finishRun(runID:status:endedAt:replications:summaries:waitHistograms:)``.
    public func finishRun(runID: Int64, status: RunStatus, endedAt: String, replications: Int? = nil,
                          summaries: [MetricSummary] = [], waitHistograms: [WaitHistogramBucket] = []) throws(DatabaseError) {
        try store.updateFinishedRun(runID: runID, status: status, endedAt: endedAt, replications: replications,
                                    summaries: summaries, waitHistograms: waitHistograms)
    }

    /// As ``ResultStore/recordComparisons(_:)``.
    public func recordComparisons(_ rows: [ComparisonRecord]) throws(DatabaseError) {
        try store.insertComparisons(rows)
    }

    /// As ``ResultStore/recordSweepPoints(_:)``.
    public func recordSweepPoints(_ points: [SweepPoint]) throws(DatabaseError) {
        try store.insertSweepPoints(points)
    }

    /// Records that `shard` was merged (into its ``MergedShard/runID``).
    public func recordMergedShard(_ shard: MergedShard) throws(DatabaseError) {
        let insert = try store.database.cachedStatement("""
            INSERT INTO merged_shards (run_identity, shard_index, shard_count, run_id, content_hash)
            VALUES (?, ?, ?, ?, ?)
            """)
        defer { insert.reset() }
        try insert.bind(shard.runIdentity, at: 1)
        try insert.bind(shard.shardIndex, at: 2)
        try insert.bind(shard.shardCount, at: 3)
        try insert.bind(shard.runID, at: 4)
        try insert.bind(shard.contentHash, at: 5)
        try insert.step()
    }
}
