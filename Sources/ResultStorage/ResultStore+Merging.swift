// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// The ids of the runs that are shards (they have a manifest), oldest first.
    public func shardRunIDs() throws(DatabaseError) -> [Int64] {
        guard try hasSchema(version: 4) else { return [] }
        return try database.prepare("SELECT run_id FROM shard_manifests ORDER BY run_id").rows {
            (query: Statement) throws(DatabaseError) in query.int64(at: 0)
        }
    }

    /// The replication indexes stored for run `runID`, ascending.
    public func replicationIndexes(runID: Int64) throws(DatabaseError) -> [Int] {
        try database.rows("SELECT replication FROM replications WHERE run_id = ? ORDER BY replication",
                          runID: runID) { (query: Statement) throws(DatabaseError) in Int(query.int64(at: 0)) }
    }

    /// Every per-interval value of run `runID`, by replication, scope, scope id, metric and interval.
    public func intervalMetrics(runID: Int64) throws(DatabaseError) -> [IntervalMetricRow] {
        try database.rows("""
            SELECT replication, scope, scope_id, interval_start_s, metric, value
            FROM interval_metrics WHERE run_id = ?
            ORDER BY replication, scope, scope_id, metric, interval_start_s
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            IntervalMetricRow(
            replication: Int(query.int64(at: 0)),
            scope: try decode(ScopeKind.self, query.string(at: 1), column: "interval_metrics.scope"),
            scopeID: query.string(at: 2), intervalStartSeconds: query.double(at: 3), metric: query.string(at: 4),
            value: query.optionalDouble(at: 5))
        }
    }

    /// Every agent's statistics of run `runID`, by replication and agent.
    public func agentStatistics(runID: Int64) throws(DatabaseError) -> [AgentStatisticsRow] {
        try database.rows("""
            SELECT replication, agent_group, agent, capacity, staffed_s, busy_s, chats, rona
            FROM agent_statistics WHERE run_id = ? ORDER BY replication, agent
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            AgentStatisticsRow(
            replication: Int(query.int64(at: 0)), group: query.string(at: 1), agent: query.string(at: 2),
            capacity: Int(query.int64(at: 3)), staffedSeconds: query.double(at: 4), busySeconds: query.double(at: 5),
            chats: Int(query.int64(at: 6)), rona: Int(query.int64(at: 7)))
        }
    }

    /// Every chat row of run `runID` (empty unless it was run with `--chats`), by replication and chat.
    public func chats(runID: Int64) throws(DatabaseError) -> [StoredChat] {
        try database.rows("""
            SELECT replication, chat, arrival_s, queue, channel, accepted_s, agent, wait_s, outcome, transfers,
                   rona_count, wrap_up_reason
            FROM chats WHERE run_id = ? ORDER BY replication, chat
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            StoredChat(
            replication: Int(query.int64(at: 0)), chat: Int(query.int64(at: 1)), arrivalSeconds: query.double(at: 2),
            queue: query.string(at: 3), channel: query.string(at: 4), acceptedSeconds: query.optionalDouble(at: 5),
            agent: query.optionalString(at: 6), waitSeconds: query.optionalDouble(at: 7), outcome: query.string(at: 8),
            transfers: Int(query.int64(at: 9)), ronaCount: Int(query.int64(at: 10)),
            wrapUpReason: query.optionalString(at: 11))
        }
    }

    /// The shards merged into this file of the run with identity `runIdentity`, by shard index.
    public func mergedShards(runIdentity: String) throws(DatabaseError) -> [MergedShard] {
        let query = try database.prepare("""
            SELECT run_identity, shard_index, shard_count, run_id, content_hash
            FROM merged_shards WHERE run_identity = ? ORDER BY shard_index
            """)
        try query.bind(runIdentity, at: 1)
        return try query.rows { (query: Statement) throws(DatabaseError) in
            MergedShard(runIdentity: query.string(at: 0), shardIndex: Int(query.int64(at: 1)),
                        shardCount: Int(query.int64(at: 2)), runID: query.int64(at: 3), contentHash: query.string(at: 4))
        }
    }

    /// Runs `body` in one transaction on this store: every write made through the
    /// ``ResultTransaction`` it is given is committed together, or — when `body` throws —
    /// none is. Used to store a merged run whole or not at all.
    public func transaction<T>(_ body: (ResultTransaction) throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        try database.transaction { () throws(DatabaseError) -> T in try body(ResultTransaction(store: self)) }
    }
}
