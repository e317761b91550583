// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records per-interval values of run `runID` in one transaction (their replications must be recorded).
    public func recordIntervalMetrics(runID: Int64, _ rows: [IntervalMetricRow]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        try database.transaction { () throws(DatabaseError) in try insertIntervalMetrics(runID: runID, rows) }
    }

    /// Inserts the rows inside the caller's transaction.
    func insertIntervalMetrics(runID: Int64, _ rows: [IntervalMetricRow]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        let insert = try database.cachedStatement("""
            INSERT INTO interval_metrics (run_id, replication, scope, scope_id, interval_start_s, metric, value)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(runID, at: 1)
        for row in rows {
            try insert.bind(Int64(row.replication), at: 2)
            try insert.bind(row.scope.rawValue, at: 3)
            try insert.bind(row.scopeID, at: 4)
            try insert.bind(row.intervalStartSeconds, at: 5)
            try insert.bind(row.metric, at: 6)
            try insert.bind(row.value, at: 7)
            try insert.step()
            insert.reset()
        }
    }
}
