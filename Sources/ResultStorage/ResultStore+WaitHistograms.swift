// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records the wait-time distribution of run `runID`, every scope's non-empty buckets,
    /// in one transaction.
    public func recordWaitHistograms(runID: Int64, _ buckets: [WaitHistogramBucket]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in try insertWaitHistograms(runID: runID, buckets) }
    }

    /// Inserts the buckets inside the caller's transaction.
    func insertWaitHistograms(runID: Int64, _ buckets: [WaitHistogramBucket]) throws(DatabaseError) {
        let insert = try database.cachedStatement("""
            INSERT INTO wait_histograms (run_id, scope, scope_id, bucket_lower_s, bucket_upper_s, count)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        try insert.bind(runID, at: 1)
        for bucket in buckets {
            try insert.bind(bucket.scope.rawValue, at: 2)
            try insert.bind(bucket.scopeID, at: 3)
            try insert.bind(bucket.lowerSeconds, at: 4)
            try insert.bind(bucket.upperSeconds, at: 5)
            try insert.bind(bucket.count, at: 6)
            try insert.step()
            insert.reset()
        }
    }

    /// The wait-time buckets of run `runID`, by scope, scope id and bound.
    public func waitHistograms(runID: Int64) throws(DatabaseError) -> [WaitHistogramBucket] {
        try database.rows("""
            SELECT scope, scope_id, bucket_lower_s, bucket_upper_s, count
            FROM wait_histograms WHERE run_id = ? ORDER BY scope, scope_id, bucket_lower_s
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            WaitHistogramBucket(
            scope: try decode(ScopeKind.self, query.string(at: 0), column: "wait_histograms.scope"),
            scopeID: query.string(at: 1),
            lowerSeconds: query.double(at: 2),
            upperSeconds: query.double(at: 3),
            count: Int(query.int64(at: 4)))
        }
    }
}
