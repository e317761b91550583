// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records per-agent statistics of run `runID` in one transaction (their replications must be recorded).
    public func recordAgentStatistics(runID: Int64, _ rows: [AgentStatisticsRow]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        try database.transaction { () throws(DatabaseError) in try insertAgentStatistics(runID: runID, rows) }
    }

    /// Inserts the rows inside the caller's transaction.
    func insertAgentStatistics(runID: Int64, _ rows: [AgentStatisticsRow]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        let insert = try database.cachedStatement("""
            INSERT INTO agent_statistics (run_id, replication, agent_group, agent, capacity, staffed_s, busy_s, chats, rona)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(runID, at: 1)
        for row in rows {
            try insert.bind(Int64(row.replication), at: 2)
            try insert.bind(row.group, at: 3)
            try insert.bind(row.agent, at: 4)
            try insert.bind(Int64(row.capacity), at: 5)
            try insert.bind(row.staffedSeconds, at: 6)
            try insert.bind(row.busySeconds, at: 7)
            try insert.bind(Int64(row.chats), at: 8)
            try insert.bind(Int64(row.rona), at: 9)
            try insert.step()
            insert.reset()
        }
    }
}
