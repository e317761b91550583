// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records the rows of a strategy comparison, in one transaction.
    public func recordComparisons(_ rows: [ComparisonRecord]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in try insertComparisons(rows) }
    }

    /// Inserts the rows inside the caller's transaction.
    func insertComparisons(_ rows: [ComparisonRecord]) throws(DatabaseError) {
        let insert = try database.cachedStatement("""
            INSERT INTO strategy_comparisons (baseline_run_id, run_id, baseline_strategy, strategy,
                                              scope, scope_id, metric, mean_diff, ci95, significant, n)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            try insert.bind(row.baselineRunID, at: 1)
            try insert.bind(row.runID, at: 2)
            try insert.bind(row.baselineStrategy, at: 3)
            try insert.bind(row.strategy, at: 4)
            try insert.bind(row.scope.rawValue, at: 5)
            try insert.bind(row.scopeID, at: 6)
            try insert.bind(row.metric, at: 7)
            try insert.bind(row.meanDiff, at: 8)
            try insert.bind(row.ci95, at: 9)
            try insert.bind(row.significant ? 1 : 0, at: 10)
            try insert.bind(row.n, at: 11)
            try insert.step()
            insert.reset()
        }
    }

    /// Every row of the comparison run `runID` belongs to, as baseline or as compared
    /// strategy, in the order they were written; empty when it belongs to none.
    public func comparisons(involving runID: Int64) throws(DatabaseError) -> [ComparisonRecord] {
        try database.rows("""
            SELECT baseline_run_id, run_id, baseline_strategy, strategy, scope, scope_id, metric,
                   mean_diff, ci95, significant, n
            FROM strategy_comparisons
            WHERE baseline_run_id = (SELECT baseline_run_id FROM strategy_comparisons
                                     WHERE baseline_run_id = ?1 OR run_id = ?1 LIMIT 1)
            ORDER BY rowid
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            ComparisonRecord(
            baselineRunID: query.int64(at: 0),
            runID: query.int64(at: 1),
            baselineStrategy: query.string(at: 2),
            strategy: query.string(at: 3),
            scope: try decode(ScopeKind.self, query.string(at: 4), column: "strategy_comparisons.scope"),
            scopeID: query.string(at: 5),
            metric: query.string(at: 6),
            meanDiff: query.optionalDouble(at: 7),
            ci95: query.optionalDouble(at: 8),
            significant: query.int64(at: 9) != 0,
            n: Int(query.int64(at: 10)))
        }
    }
}
