// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records finished replications of run `runID` with every row that belongs to them —
    /// their metrics, per-interval values, chats and per-agent statistics — in one
    /// transaction.
    ///
    /// A process killed at any moment (even by SIGKILL, which no handler sees) therefore
    /// leaves each replication either whole or absent. The per-run rows (summaries and wait
    /// histograms, which sum over replications) are written by
    /// ``finishRun(runID:status:endedAt:replications:summaries:waitHistograms:)``.
    ///
    /// - Complexity: O(r log R) for r rows added to tables of R.
    public func recordReplicationBatch(runID: Int64, replications: [ReplicationRecord],
                                       intervals: [IntervalMetricRow], chats: [StoredChat],
                                       agents: [AgentStatisticsRow]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in
            try insertReplications(runID: runID, replications)
            try insertIntervalMetrics(runID: runID, intervals)
            try insertChats(runID: runID, chats)
            try insertAgentStatistics(runID: runID, agents)
        }
    }

    /// As ``recordReplicationBatch(runID:replications:intervals:chats:agents:)``, with the
    /// per-interval rows made as they are written, in primary-key order (replication, scope,
    /// scope id, metric, interval start): the same rows in the same order, never all in memory.
    public func recordReplicationBatch(runID: Int64, replications: [ReplicationRecord],
                                       orderedIntervals intervals: some Sequence<IntervalMetricRow>, chats: [StoredChat],
                                       agents: [AgentStatisticsRow]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in
            try insertReplications(runID: runID, replications)
            try insertIntervalMetrics(runID: runID, ordered: intervals)
            try insertChats(runID: runID, chats)
            try insertAgentStatistics(runID: runID, agents)
        }
    }
}
