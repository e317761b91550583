// SPDX-License-Identifier: GPL-3.0-or-later

extension ResultStore {
    /// Stores a live run with its counts, latencies and thresholds in one transaction; returns its id.
    public func recordLiveRun(_ run: LiveRunRecord) throws(DatabaseError) -> Int64 {
        try database.transaction { () throws(DatabaseError) -> Int64 in
            let insert = try database.cachedStatement("""
                INSERT INTO live_runs (kind, scenario_name, scenario_hash, target, speed, replication, started_at, ended_at,
                                       wall_seconds, simulated_seconds, parley_version, git_revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            defer { insert.reset() }
            try insert.bind(run.kind, at: 1)
            try insert.bind(run.scenarioName, at: 2)
            try insert.bind(ContentHash.hex(of: run.scenarioText), at: 3)
            try insert.bind(run.target, at: 4)
            try insert.bind(run.speed, at: 5)
            try insert.bind(run.replication, at: 6)
            try insert.bind(run.startedAt, at: 7)
            try insert.bind(run.endedAt, at: 8)
            try insert.bind(run.wallSeconds, at: 9)
            try insert.bind(run.simulatedSeconds, at: 10)
            try insert.bind(run.parleyVersion, at: 11)
            try insert.bind(run.gitRevision, at: 12)
            try insert.step()
            let id = database.lastInsertRowID
            try insertLiveCounts(of: run, id: id)
            try insertLiveLatencies(of: run, id: id)
            try insertLiveThresholds(of: run, id: id)
            try insertLivePredictions(of: run, id: id)
            try insertLiveThroughput(of: run, id: id)
            return id
        }
    }

    /// Inserts the counts of live run `id` (`live_counts`).
    private func insertLiveCounts(of run: LiveRunRecord, id: Int64) throws(DatabaseError) {
        let count = try database.cachedStatement("INSERT INTO live_counts (run_id, name, value) VALUES (?, ?, ?)")
        for (name, value) in run.counts {
            try count.bind(id, at: 1)
            try count.bind(name, at: 2)
            try count.bind(value, at: 3)
            try count.step()
            count.reset()
        }
    }

    /// Inserts the latency summaries of live run `id` (`live_latencies`).
    private func insertLiveLatencies(of run: LiveRunRecord, id: Int64) throws(DatabaseError) {
        let latency = try database.cachedStatement("""
            INSERT INTO live_latencies (run_id, name, count, p50_us, p90_us, p99_us, p999_us, max_us, mean_us)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in run.latencies {
            try latency.bind(id, at: 1)
            try latency.bind(row.name, at: 2)
            try latency.bind(row.count, at: 3)
            try latency.bind(row.p50, at: 4)
            try latency.bind(row.p90, at: 5)
            try latency.bind(row.p99, at: 6)
            try latency.bind(row.p999, at: 7)
            try latency.bind(row.max, at: 8)
            try latency.bind(row.mean, at: 9)
            try latency.step()
            latency.reset()
        }
    }

    /// Inserts the thresholds, in the order given of live run `id` (`live_thresholds`).
    private func insertLiveThresholds(of run: LiveRunRecord, id: Int64) throws(DatabaseError) {
        let threshold = try database.cachedStatement("""
            INSERT INTO live_thresholds (run_id, position, expression, value, passed) VALUES (?, ?, ?, ?, ?)
            """)
        for (position, row) in run.thresholds.enumerated() {
            try threshold.bind(id, at: 1)
            try threshold.bind(position, at: 2)
            try threshold.bind(row.expression, at: 3)
            try threshold.bind(row.value, at: 4)
            try threshold.bind(row.passed ? 1 : 0, at: 5)
            try threshold.step()
            threshold.reset()
        }
    }

    /// Inserts the simulator's predictions beside the observed figures of live run `id` (`live_predictions`).
    private func insertLivePredictions(of run: LiveRunRecord, id: Int64) throws(DatabaseError) {
        let prediction = try database.cachedStatement("""
            INSERT INTO live_predictions (run_id, metric, replications, window_start_s, window_end_s, observed, mean,
                                          half_width_95, low_999, high_999)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in run.predictions {
            try prediction.bind(id, at: 1)
            try prediction.bind(row.metric, at: 2)
            try prediction.bind(row.replications, at: 3)
            try prediction.bind(row.windowStart, at: 4)
            try prediction.bind(row.windowEnd, at: 5)
            try prediction.bind(row.observed, at: 6)
            try prediction.bind(row.mean, at: 7)
            try prediction.bind(row.halfWidth95, at: 8)
            try prediction.bind(row.low, at: 9)
            try prediction.bind(row.high, at: 10)
            try prediction.step()
            prediction.reset()
        }
    }

    /// Inserts the per-second throughput series of live run `id` (`live_throughput`).
    private func insertLiveThroughput(of run: LiveRunRecord, id: Int64) throws(DatabaseError) {
        let second = try database.cachedStatement("""
            INSERT INTO live_throughput (run_id, second, created, offered, accepted, requests, errors,
                                         create_to_offer_p50_us, create_to_offer_p99_us)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in run.throughput {
            try second.bind(id, at: 1)
            try second.bind(row.second, at: 2)
            try second.bind(row.created, at: 3)
            try second.bind(row.offered, at: 4)
            try second.bind(row.accepted, at: 5)
            try second.bind(row.requests, at: 6)
            try second.bind(row.errors, at: 7)
            try second.bind(row.createToOfferP50, at: 8)
            try second.bind(row.createToOfferP99, at: 9)
            try second.step()
            second.reset()
        }
    }

    /// The live runs in the file, oldest first, with their counts, latencies and thresholds.
    public func liveRuns() throws(DatabaseError) -> [LiveRunRecord] {
        let query = try database.prepare("""
            SELECT id, kind, scenario_name, target, speed, replication, started_at, ended_at, wall_seconds,
                   simulated_seconds, parley_version, git_revision
            FROM live_runs ORDER BY id
            """)
        let runs = try query.rows { (row: Statement) throws(DatabaseError) -> (Int64, LiveRunRecord) in
            (row.int64(at: 0),
             LiveRunRecord(kind: row.string(at: 1), scenarioName: row.string(at: 2), scenarioText: "",
                           target: row.optionalString(at: 3), speed: row.optionalDouble(at: 4),
                           replication: row.optionalDouble(at: 5).map { Int($0) }, startedAt: row.string(at: 6),
                           endedAt: row.string(at: 7), wallSeconds: row.double(at: 8),
                           simulatedSeconds: row.optionalDouble(at: 9), parleyVersion: row.string(at: 10),
                           gitRevision: row.optionalString(at: 11), counts: []))
        }
        var result: [LiveRunRecord] = []
        for (id, var run) in runs {
            run.id = id
            let counts = try database.prepare("SELECT name, value FROM live_counts WHERE run_id = ? ORDER BY name")
            try counts.bind(id, at: 1)
            run.counts = try counts.rows { (row: Statement) throws(DatabaseError) in (row.string(at: 0), Int(row.int64(at: 1))) }
            let latencies = try database.prepare("""
                SELECT name, count, p50_us, p90_us, p99_us, p999_us, max_us, mean_us FROM live_latencies
                WHERE run_id = ? ORDER BY name
                """)
            try latencies.bind(id, at: 1)
            run.latencies = try latencies.rows { (row: Statement) throws(DatabaseError) in
                LiveRunRecord.Latency(name: row.string(at: 0), count: Int(row.int64(at: 1)), p50: row.int64(at: 2),
                                      p90: row.int64(at: 3), p99: row.int64(at: 4), p999: row.int64(at: 5),
                                      max: row.int64(at: 6), mean: row.double(at: 7))
            }
            let thresholds = try database.prepare("""
                SELECT expression, value, passed FROM live_thresholds WHERE run_id = ? ORDER BY position
                """)
            try thresholds.bind(id, at: 1)
            run.thresholds = try thresholds.rows { (row: Statement) throws(DatabaseError) in
                LiveRunRecord.ThresholdOutcome(expression: row.string(at: 0), value: row.optionalDouble(at: 1),
                                               passed: row.int64(at: 2) == 1)
            }
            let predictions = try database.prepare("""
                SELECT metric, replications, window_start_s, window_end_s, observed, mean, half_width_95, low_999, high_999
                FROM live_predictions WHERE run_id = ?
                ORDER BY CASE metric WHEN 'service_level' THEN 0 WHEN 'asa_s' THEN 1 ELSE 2 END
                """)
            try predictions.bind(id, at: 1)
            run.predictions = try predictions.rows { (row: Statement) throws(DatabaseError) in
                LiveRunRecord.PredictionRow(metric: row.string(at: 0), replications: Int(row.int64(at: 1)),
                                            windowStart: row.double(at: 2), windowEnd: row.double(at: 3),
                                            observed: row.optionalDouble(at: 4), mean: row.optionalDouble(at: 5),
                                            halfWidth95: row.optionalDouble(at: 6), low: row.optionalDouble(at: 7),
                                            high: row.optionalDouble(at: 8))
            }
            let throughput = try database.prepare("""
                SELECT second, created, offered, accepted, requests, errors, create_to_offer_p50_us, create_to_offer_p99_us
                FROM live_throughput WHERE run_id = ? ORDER BY second
                """)
            try throughput.bind(id, at: 1)
            run.throughput = try throughput.rows { (row: Statement) throws(DatabaseError) in
                LiveRunRecord.ThroughputRow(second: Int(row.int64(at: 0)), created: Int(row.int64(at: 1)),
                                            offered: Int(row.int64(at: 2)), accepted: Int(row.int64(at: 3)),
                                            requests: Int(row.int64(at: 4)), errors: Int(row.int64(at: 5)),
                                            createToOfferP50: row.optionalDouble(at: 6).map { Int64($0) },
                                            createToOfferP99: row.optionalDouble(at: 7).map { Int64($0) })
            }
            result.append(run)
        }
        return result
    }
}
