// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Metric rows written by one execution of the batched insert.
    ///
    /// 64 rows use 1 + 64 × 5 = 321 parameters, under the limit of 999 that SQLite builds
    /// older than 3.32 have. Batching saves the per-execution cost of a statement (a step,
    /// a reset, opening and closing cursors), about a fifth of the time per row.
    static let metricRowsPerBatch = 64

    /// Records finished replications of run `runID` and all their metrics, in one
    /// transaction.
    ///
    /// Metric rows are written in key order, `metricRowsPerBatch` at a time, through one
    /// multi-row `INSERT` prepared once and reused; the run id is bound once per call.
    ///
    /// - Complexity: O(m log M) for m metric rows added to a table of M.
    public func recordReplications(runID: Int64, _ replications: [ReplicationRecord]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in try insertReplications(runID: runID, replications) }
    }

    /// Inserts replications and their metrics inside the caller's transaction.
    func insertReplications(runID: Int64, _ replications: [ReplicationRecord]) throws(DatabaseError) {
        let insertReplication = try database.cachedStatement("""
            INSERT INTO replications (run_id, replication, simulated_chats, events)
            VALUES (?, ?, ?, ?)
            """)
        try insertReplication.bind(runID, at: 1)
        for replication in replications {
            try insertReplication.bind(replication.index, at: 2)
            try insertReplication.bind(replication.simulatedChats, at: 3)
            try insertReplication.bind(replication.events, at: 4)
            try insertReplication.step()
            insertReplication.reset()
        }
        try insertMetrics(runID: runID, of: replications)
    }

    /// Inserts every metric of `replications` in primary-key order: full batches first,
    /// then the rest one row at a time.
    ///
    /// Rows arriving in key order are appended at the right edge of the b-tree, where
    /// SQLite's cursor already is, instead of each being sought from the root: measured
    /// about 40 % faster per row. The sort is done once per distinct list of metric keys,
    /// which is usually once per call, since every replication reports the same metrics.
    private func insertMetrics(runID: Int64, of replications: [ReplicationRecord]) throws(DatabaseError) {
        let batchSize = Self.metricRowsPerBatch
        let batch = try database.cachedStatement(Self.insertMetricsSQL(rows: batchSize))
        let single = try database.cachedStatement(Self.insertMetricsSQL(rows: 1))
        try batch.bind(runID, at: 1)
        try single.bind(runID, at: 1)
        let total = replications.reduce(0) { $0 + $1.metrics.count }
        let batchedRows = total - total % batchSize
        var row = 0
        var sortedKeysOf: [MetricValue] = []
        var keyOrder: [Int] = []
        for replication in replications.sorted(by: { $0.index < $1.index }) {
            if !Self.haveSameKeys(replication.metrics, sortedKeysOf) {
                keyOrder = Self.keyOrder(of: replication.metrics)
                sortedKeysOf = replication.metrics
            }
            for position in keyOrder {
                let metric = replication.metrics[position]
                if row < batchedRows {
                    let slot = row % batchSize
                    try bind(metric, of: replication.index, to: batch, at: 2 + 5 * slot)
                    if slot == batchSize - 1 {
                        try batch.step()
                        batch.reset()
                    }
                } else {
                    try bind(metric, of: replication.index, to: single, at: 2)
                    try single.step()
                    single.reset()
                }
                row += 1
            }
        }
    }

    /// The positions of `metrics` in the order of the table's key (scope, scope id, name).
    ///
    /// For texts in Unicode normal form C (metric keys, queue ids and channel names are
    /// ASCII), `String` order is SQLite's binary order; any other order would still be
    /// correct, only slower to insert.
    ///
    /// - Complexity: O(m log m) for m metrics.
    static func keyOrder(of metrics: [MetricValue]) -> [Int] {
        metrics.indices.sorted { left, right in
            let x = metrics[left], y = metrics[right]
            if x.scope != y.scope { return x.scope.rawValue < y.scope.rawValue }
            if x.scopeID != y.scopeID { return x.scopeID < y.scopeID }
            return x.name < y.name
        }
    }

    /// Whether two lists of metrics have the same keys in the same order.
    ///
    /// - Complexity: O(m).
    static func haveSameKeys(_ a: [MetricValue], _ b: [MetricValue]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.scope == y.scope && x.scopeID == y.scopeID && x.name == y.name
        }
    }

    /// Binds one metric row's five values from parameter `first` on.
    @inline(__always)
    private func bind(_ metric: MetricValue, of replication: Int, to statement: Statement,
                      at first: Int) throws(DatabaseError) {
        try statement.bind(replication, at: first)
        try statement.bind(metric.scope.rawValue, at: first + 1)
        try statement.bind(metric.scopeID, at: first + 2)
        try statement.bind(metric.name, at: first + 3)
        try statement.bind(metric.value, at: first + 4)
    }

    /// An `INSERT` of `rows` metric rows; parameter 1 is the run id shared by all of them,
    /// and row k takes parameters 2 + 5k … 6 + 5k.
    static func insertMetricsSQL(rows: Int) -> String {
        let tuples = (0 ..< rows).map { row in
            let first = 2 + 5 * row
            return "(?1, ?\(first), ?\(first + 1), ?\(first + 2), ?\(first + 3), ?\(first + 4))"
        }
        return "INSERT INTO replication_metrics (run_id, replication, scope, scope_id, metric, value) VALUES "
            + tuples.joined(separator: ", ")
    }
}
