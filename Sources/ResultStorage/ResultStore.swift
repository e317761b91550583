// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The SQLite file where Parley keeps its runs and their results (SPEC §5).
///
/// A run's life is ``beginRun(_:)``, then ``recordReplications(runID:_:)`` as replications
/// finish, ``recordSummaries(runID:_:)`` once, and ``finishRun(runID:status:endedAt:replications:)``.
/// Every call is one transaction, so a run stopped at any point leaves a valid file whose
/// completed writes are all there. Many runs, from several processes, may share one file.
/// The schema is described in `results/README.md`.
///
/// Like ``Database``, a store is used from one thread at a time.
public final class ResultStore {
    /// The open, migrated connection.
    let database: Database

    /// Opens (creating if needed) the result database at `path` and migrates its schema
    /// to the latest version; `":memory:"` gives a private in-memory store.
    ///
    /// Refuses a file written by a newer Parley with
    /// ``DatabaseError/newerSchema(version:latestKnown:)``.
    public init(path: String) throws(DatabaseError) {
        database = try Database(path: path)
        try database.migrate()
    }

    /// Records the start of a run and returns its id.
    ///
    /// The scenario text is stored once per distinct content: a run of a text already in
    /// the file refers to the existing row. The run starts with status `running`.
    public func beginRun(_ run: RunRecord) throws(DatabaseError) -> Int64 {
        try database.transaction { () throws(DatabaseError) -> Int64 in
            let scenarioID = try scenarioID(name: run.scenarioName, yaml: run.scenarioYAML)
            let insert = try database.cachedStatement("""
                INSERT INTO runs (scenario_id, command, parley_version, git_revision, seed,
                                  replications, strategy, started_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')
                """)
            try insert.bind(scenarioID, at: 1)
            try insert.bind(run.command, at: 2)
            try insert.bind(run.parleyVersion, at: 3)
            try insert.bind(run.gitRevision, at: 4)
            try insert.bind(Int64(bitPattern: run.seed), at: 5)
            try insert.bind(run.replications, at: 6)
            try insert.bind(run.strategy, at: 7)
            try insert.bind(run.startedAt, at: 8)
            try insert.step()
            return database.lastInsertRowID
        }
    }

    /// The id of the scenario row holding `yaml`, inserting it if the text is new.
    private func scenarioID(name: String, yaml: String) throws(DatabaseError) -> Int64 {
        let hash = ContentHash.hex(of: yaml)
        let find = try database.cachedStatement("SELECT id FROM scenarios WHERE content_hash = ?")
        defer { find.reset() }  // A statement left on a row would hold its read snapshot.
        try find.bind(hash, at: 1)
        if try find.step() { return find.int64(at: 0) }
        let insert = try database.cachedStatement(
            "INSERT INTO scenarios (name, content_hash, yaml) VALUES (?, ?, ?)")
        try insert.bind(name, at: 1)
        try insert.bind(hash, at: 2)
        try insert.bind(yaml, at: 3)
        try insert.step()
        return database.lastInsertRowID
    }

    /// Records the across-replication summaries of run `runID`, in one transaction.
    public func recordSummaries(runID: Int64, _ rows: [MetricSummary]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in
            let insert = try database.cachedStatement("""
                INSERT INTO metric_summaries (run_id, scope, scope_id, metric, mean, ci95, n)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            try insert.bind(runID, at: 1)
            for row in rows {
                try insert.bind(row.scope.rawValue, at: 2)
                try insert.bind(row.scopeID, at: 3)
                try insert.bind(row.name, at: 4)
                try insert.bind(row.mean, at: 5)
                try insert.bind(row.ci95, at: 6)
                try insert.bind(row.n, at: 7)
                try insert.step()
                insert.reset()
            }
        }
    }

    /// Marks run `runID` ended with `status` at `endedAt` (ISO 8601, given by the caller).
    ///
    /// `replications`, when given, replaces the count recorded at the start: a run with
    /// `--replications auto` learns how many it needs only at its end. The schema refuses
    /// `running` here, since a running run has no end time.
    public func finishRun(runID: Int64, status: RunStatus, endedAt: String,
                          replications: Int? = nil) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in
            let update = try database.cachedStatement(
                "UPDATE runs SET status = ?, ended_at = ?, replications = coalesce(?, replications) WHERE id = ?")
            try update.bind(status.rawValue, at: 1)
            try update.bind(endedAt, at: 2)
            try update.bind(replications, at: 3)
            try update.bind(runID, at: 4)
            try update.step()
            guard database.changes == 1 else { throw .unknownRun(id: runID) }
        }
    }
}

extension ResultStore {
    /// Opens (creating the file and its directory if needed) the result database at `path`.
    public static func create(at path: String) throws(DatabaseError) -> ResultStore {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        return try ResultStore(path: path)
    }
}
