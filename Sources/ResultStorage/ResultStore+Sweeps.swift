// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records the grid points of a sweep (their runs must be recorded), in one transaction.
    public func recordSweepPoints(_ points: [SweepPoint]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in try insertSweepPoints(points) }
    }

    /// Inserts the points inside the caller's transaction.
    func insertSweepPoints(_ points: [SweepPoint]) throws(DatabaseError) {
        let insert = try database.cachedStatement(
            "INSERT INTO sweep_points (run_id, sweep_run_id, settings) VALUES (?, ?, ?)")
        for point in points {
            try insert.bind(point.runID, at: 1)
            try insert.bind(point.sweepRunID, at: 2)
            try insert.bind(point.settings.joined(separator: "\n"), at: 3)
            try insert.step()
            insert.reset()
        }
    }

    /// The grid points of the sweep run `runID` belongs to, by run id; empty when it is no sweep's.
    public func sweepPoints(involving runID: Int64) throws(DatabaseError) -> [SweepPoint] {
        guard try hasSchema(version: 6) else { return [] }
        return try database.rows("""
            SELECT run_id, sweep_run_id, settings FROM sweep_points
            WHERE sweep_run_id = (SELECT sweep_run_id FROM sweep_points WHERE run_id = ?1) ORDER BY run_id
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            SweepPoint(runID: query.int64(at: 0), sweepRunID: query.int64(at: 1),
                       settings: query.string(at: 2).split(separator: "\n").map(String.init))
        }
    }
}
