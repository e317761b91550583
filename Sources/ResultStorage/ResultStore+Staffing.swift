// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Records the staffing `parley staff` found for run `runID`, in one transaction.
    ///
    /// One row per queue, interval and agent group serving the queue (`results/README.md`);
    /// read them back with ``staffingResults(runID:)``.
    public func recordStaffingResults(runID: Int64, _ rows: [StaffingRecord]) throws(DatabaseError) {
        guard !rows.isEmpty else { return }
        try database.transaction { () throws(DatabaseError) in
            let insert = try database.cachedStatement("""
                INSERT INTO staffing_results (run_id, queue, interval_start_s, agent_group, agents, service_level,
                                              service_level_ci95, abandon_rate, abandon_rate_ci95, meets_targets)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try insert.bind(runID, at: 1)
            for row in rows {
                try insert.bind(row.queue, at: 2)
                try insert.bind(row.intervalStartSeconds, at: 3)
                try insert.bind(row.agentGroup, at: 4)
                try insert.bind(Int64(row.agents), at: 5)
                try insert.bind(row.serviceLevel, at: 6)
                try insert.bind(row.serviceLevelCI95, at: 7)
                try insert.bind(row.abandonRate, at: 8)
                try insert.bind(row.abandonRateCI95, at: 9)
                try insert.bind(row.meetsTargets ? 1 : 0, at: 10)
                try insert.step()
                insert.reset()
            }
        }
    }
}
