// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// The interval series of run `runID`, averaged over its replications, by scope, scope
    /// id, metric and interval.
    public func intervalMeans(runID: Int64) throws(DatabaseError) -> [IntervalMean] {
        try database.rows("""
            SELECT scope, scope_id, metric, interval_start_s, avg(value), count(value)
            FROM interval_metrics WHERE run_id = ?
            GROUP BY scope, scope_id, metric, interval_start_s
            ORDER BY scope, scope_id, metric, interval_start_s
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            IntervalMean(
            scope: try decode(ScopeKind.self, query.string(at: 0), column: "interval_metrics.scope"),
            scopeID: query.string(at: 1),
            metric: query.string(at: 2),
            intervalStartSeconds: query.double(at: 3),
            mean: query.optionalDouble(at: 4),
            n: Int(query.int64(at: 5)))
        }
    }

    /// Per agent group, the staffed and busy time of run `runID` summed over its agents and
    /// replications, by group name.
    public func agentGroupLoads(runID: Int64) throws(DatabaseError) -> [AgentGroupLoad] {
        try database.rows("""
            SELECT agent_group, count(DISTINCT agent), sum(staffed_s), sum(staffed_s * capacity), sum(busy_s),
                   sum(chats), sum(rona)
            FROM agent_statistics WHERE run_id = ?
            GROUP BY agent_group ORDER BY agent_group
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            AgentGroupLoad(
            group: query.string(at: 0), agents: Int(query.int64(at: 1)),
            staffedSeconds: query.double(at: 2), staffedSlotSeconds: query.double(at: 3),
            busySeconds: query.double(at: 4), chats: Int(query.int64(at: 5)), rona: Int(query.int64(at: 6)))
        }
    }

    /// The staffing results of run `runID`, by queue, interval and agent group.
    public func staffingResults(runID: Int64) throws(DatabaseError) -> [StaffingRecord] {
        try database.rows("""
            SELECT queue, interval_start_s, agent_group, agents, service_level, service_level_ci95,
                   abandon_rate, abandon_rate_ci95, meets_targets
            FROM staffing_results WHERE run_id = ?
            ORDER BY queue, interval_start_s, agent_group
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            StaffingRecord(
            queue: query.string(at: 0), intervalStartSeconds: query.double(at: 1),
            agentGroup: query.string(at: 2), agents: Int(query.int64(at: 3)),
            serviceLevel: query.optionalDouble(at: 4), serviceLevelCI95: query.optionalDouble(at: 5),
            abandonRate: query.optionalDouble(at: 6), abandonRateCI95: query.optionalDouble(at: 7),
            meetsTargets: query.int64(at: 8) != 0)
        }
    }
}
