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

extension ResultStore {
    /// The agents per interval and group of run `runID`'s `staffing_results` (what `parley
    /// roster --from-run` reads): (interval start in seconds after the window's start, group, agents),
    /// one per interval and group (a group serving several queues has the same count under each).
    public func staffedAgents(runID: Int64) throws(DatabaseError) -> [(intervalStartSeconds: Double, group: String, agents: Int)] {
        let query = try database.prepare("""
            SELECT interval_start_s, agent_group, max(agents) FROM staffing_results WHERE run_id = ?
            GROUP BY interval_start_s, agent_group ORDER BY interval_start_s, agent_group
            """)
        try query.bind(runID, at: 1)
        var rows: [(intervalStartSeconds: Double, group: String, agents: Int)] = []
        while try query.step() {
            rows.append((query.double(at: 0), query.string(at: 1), Int(query.int64(at: 2))))
        }
        return rows
    }
}
