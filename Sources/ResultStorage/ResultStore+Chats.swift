// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records per-chat rows of run `runID` in one transaction (their replications must be recorded).
    public func recordChats(runID: Int64, _ rows: [StoredChat]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        try database.transaction { () throws(DatabaseError) in try insertChats(runID: runID, rows) }
    }

    /// Inserts the rows inside the caller's transaction.
    func insertChats(runID: Int64, _ rows: [StoredChat]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        let insert = try database.cachedStatement("""
            INSERT INTO chats (run_id, replication, chat, arrival_s, queue, channel, accepted_s, agent, wait_s,
                               outcome, transfers, rona_count, wrap_up_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(runID, at: 1)
        for row in rows {
            try insert.bind(Int64(row.replication), at: 2)
            try insert.bind(Int64(row.chat), at: 3)
            try insert.bind(row.arrivalSeconds, at: 4)
            try insert.bind(row.queue, at: 5)
            try insert.bind(row.channel, at: 6)
            try insert.bind(row.acceptedSeconds, at: 7)
            try insert.bind(row.agent, at: 8)
            try insert.bind(row.waitSeconds, at: 9)
            try insert.bind(row.outcome, at: 10)
            try insert.bind(Int64(row.transfers), at: 11)
            try insert.bind(Int64(row.ronaCount), at: 12)
            try insert.bind(row.wrapUpReason, at: 13)
            try insert.step()
            insert.reset()
        }
    }
}
