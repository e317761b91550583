// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Every run in the file, oldest first.
    public func runs() throws(DatabaseError) -> [StoredRun] {
        try readRuns(id: nil)
    }

    /// The run with id `runID`.
    ///
    /// - Throws: ``DatabaseError/unknownRun(id:)`` when there is none.
    public func run(id runID: Int64) throws(DatabaseError) -> StoredRun {
        guard let run = try readRuns(id: runID).first else { throw .unknownRun(id: runID) }
        return run
    }

    /// The full YAML text of the scenario run `runID` used.
    public func scenarioYAML(runID: Int64) throws(DatabaseError) -> String {
        let query = try database.prepare("""
            SELECT scenarios.yaml FROM runs JOIN scenarios ON scenarios.id = runs.scenario_id WHERE runs.id = ?
            """)
        try query.bind(runID, at: 1)
        guard try query.step() else { throw .unknownRun(id: runID) }
        return query.string(at: 0)
    }

    /// The run with id `runID`, or every run when it is nil, by id.
    private func readRuns(id runID: Int64?) throws(DatabaseError) -> [StoredRun] {
        try database.rows("""
            SELECT runs.id, scenarios.name, runs.status, runs.seed, runs.replications,
                   runs.started_at, runs.ended_at, runs.command, runs.parley_version,
                   runs.git_revision, runs.strategy
            FROM runs JOIN scenarios ON scenarios.id = runs.scenario_id
            WHERE ?1 IS NULL OR runs.id = ?1
            ORDER BY runs.id
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            StoredRun(
            id: query.int64(at: 0),
            scenarioName: query.string(at: 1),
            status: try decode(RunStatus.self, query.string(at: 2), column: "runs.status"),
            seed: UInt64(bitPattern: query.int64(at: 3)),
            replications: Int(query.int64(at: 4)),
            startedAt: query.string(at: 5),
            endedAt: query.optionalString(at: 6),
            command: query.string(at: 7),
            parleyVersion: query.string(at: 8),
            gitRevision: query.optionalString(at: 9),
            strategy: query.optionalString(at: 10))
        }
    }

    /// The summaries recorded for run `runID`, in the order they were recorded.
    public func summaries(runID: Int64) throws(DatabaseError) -> [MetricSummary] {
        try database.rows("""
            SELECT scope, scope_id, metric, mean, ci95, n
            FROM metric_summaries WHERE run_id = ? ORDER BY rowid
            """, runID: runID) { (query: Statement) throws(DatabaseError) in
            MetricSummary(
            scope: try decode(ScopeKind.self, query.string(at: 0), column: "metric_summaries.scope"),
            scopeID: query.string(at: 1),
            name: query.string(at: 2),
            mean: query.optionalDouble(at: 3),
            ci95: query.optionalDouble(at: 4),
            n: Int(query.int64(at: 5)))
        }
    }

    /// The replications recorded for run `runID` with their metrics, by replication index;
    /// a replication's metrics are ordered by scope, scope id and metric name.
    public func replications(runID: Int64) throws(DatabaseError) -> [ReplicationRecord] {
        let replicationQuery = try database.prepare("""
            SELECT replication, simulated_chats, events
            FROM replications WHERE run_id = ? ORDER BY replication
            """)
        try replicationQuery.bind(runID, at: 1)
        var result: [ReplicationRecord] = []
        var positions: [Int64: Int] = [:]
        while try replicationQuery.step() {
            positions[replicationQuery.int64(at: 0)] = result.count
            result.append(ReplicationRecord(
                index: Int(replicationQuery.int64(at: 0)),
                simulatedChats: Int(replicationQuery.int64(at: 1)),
                events: Int(replicationQuery.int64(at: 2)),
                metrics: []))
        }
        let metricQuery = try database.prepare("""
            SELECT replication, scope, scope_id, metric, value
            FROM replication_metrics WHERE run_id = ?
            ORDER BY replication, scope, scope_id, metric
            """)
        try metricQuery.bind(runID, at: 1)
        while try metricQuery.step() {
            // The foreign key guarantees the replication row exists.
            guard let position = positions[metricQuery.int64(at: 0)] else { continue }
            result[position].metrics.append(MetricValue(
                scope: try decode(ScopeKind.self, metricQuery.string(at: 1),
                                  column: "replication_metrics.scope"),
                scopeID: metricQuery.string(at: 2),
                name: metricQuery.string(at: 3),
                value: metricQuery.optionalDouble(at: 4)))
        }
        return result
    }

    /// The case of `type` whose raw value is `text`; the schema's CHECK constraints make a
    /// failure mean a file edited by hand.
    func decode<Value: RawRepresentable<String>>(
        _ type: Value.Type, _ text: String, column: String
    ) throws(DatabaseError) -> Value {
        guard let value = Value(rawValue: text) else {
            throw .unexpectedValue(column: column, value: text)
        }
        return value
    }
}
