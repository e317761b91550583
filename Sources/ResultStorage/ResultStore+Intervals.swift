// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Interval rows written by one execution of the batched insert: 1 + 64 × 6 = 385
    /// parameters, under the limit of 999 of SQLite builds older than 3.32.
    static let intervalRowsPerBatch = 64

    /// Records per-interval values of run `runID` in one transaction (their replications must be recorded).
    public func recordIntervalMetrics(runID: Int64, _ rows: [IntervalMetricRow]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        try database.transaction { () throws(DatabaseError) in try insertIntervalMetrics(runID: runID, rows) }
    }

    /// Inserts the rows inside the caller's transaction, in primary-key order, full batches
    /// of ``intervalRowsPerBatch`` through one multi-row `INSERT`, then the rest one by one.
    ///
    /// A replication has thousands of interval values (queues × metrics × intervals): in key
    /// order they are appended at the b-tree's right edge, and batched they save the per-row
    /// cost of a statement execution, as for `replication_metrics`.
    ///
    /// - Complexity: O(r log r) for r rows.
    func insertIntervalMetrics(runID: Int64, _ rows: [IntervalMetricRow]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        let sorted = rows.sorted { x, y in
            if x.replication != y.replication { return x.replication < y.replication }
            if x.scope != y.scope { return x.scope.rawValue < y.scope.rawValue }
            if x.scopeID != y.scopeID { return x.scopeID < y.scopeID }
            if x.metric != y.metric { return x.metric < y.metric }
            return x.intervalStartSeconds < y.intervalStartSeconds
        }
        try insertIntervalMetrics(runID: runID, ordered: sorted)
    }

    /// Inserts rows that come in primary-key order (replication, scope, scope id, metric,
    /// interval start) inside the caller's transaction, as ``insertIntervalMetrics(runID:_:)``
    /// does, holding only one batch at a time: a long run's series is never whole in memory.
    ///
    /// - Complexity: O(r) for r rows.
    func insertIntervalMetrics(runID: Int64, ordered rows: some Sequence<IntervalMetricRow>) throws(DatabaseError) {
        let batchSize = Self.intervalRowsPerBatch
        var pending: [IntervalMetricRow] = []
        pending.reserveCapacity(batchSize)
        var batch: Statement?
        for row in rows {
            pending.append(row)
            guard pending.count == batchSize else { continue }
            if batch == nil {
                batch = try database.cachedStatement(Self.insertIntervalsSQL(rows: batchSize))
                try batch?.bind(runID, at: 1)
            }
            guard let batch else { continue }
            for (slot, row) in pending.enumerated() { try bind(row, to: batch, at: 2 + 6 * slot) }
            try batch.step()
            batch.reset()
            pending.removeAll(keepingCapacity: true)
        }
        guard !pending.isEmpty else { return }
        let single = try database.cachedStatement(Self.insertIntervalsSQL(rows: 1))
        try single.bind(runID, at: 1)
        for row in pending {
            try bind(row, to: single, at: 2)
            try single.step()
            single.reset()
        }
    }

    /// Binds one interval row's six values from parameter `first` on.
    @inline(__always)
    private func bind(_ row: IntervalMetricRow, to statement: Statement, at first: Int) throws(DatabaseError) {
        try statement.bind(Int64(row.replication), at: first)
        try statement.bind(row.scope.rawValue, at: first + 1)
        try statement.bind(row.scopeID, at: first + 2)
        try statement.bind(row.intervalStartSeconds, at: first + 3)
        try statement.bind(row.metric, at: first + 4)
        try statement.bind(row.value, at: first + 5)
    }

    /// An `INSERT` of `rows` interval rows; parameter 1 is the run id shared by all of them,
    /// and row k takes parameters 2 + 6k … 7 + 6k.
    static func insertIntervalsSQL(rows: Int) -> String {
        let tuples = (0 ..< rows).map { row in
            let first = 2 + 6 * row
            return "(?1, ?\(first), ?\(first + 1), ?\(first + 2), ?\(first + 3), ?\(first + 4), ?\(first + 5))"
        }
        return "INSERT INTO interval_metrics (run_id, replication, scope, scope_id, interval_start_s, metric, value) VALUES "
            + tuples.joined(separator: ", ")
    }
}
