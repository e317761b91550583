// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The SQLite file where Parley keeps its runs and their results (SPEC §5).
///
/// A run's life is ``beginRun(_:)``, then ``recordReplicationBatch(runID:replications:intervals:chats:agents:)``
/// as replications finish, and ``finishRun(runID:status:endedAt:replications:summaries:waitHistograms:)``
/// with the per-run rows. Every call is one transaction, so a run stopped at any point —
/// even killed — leaves a valid file holding whole replications only. Each run records the
/// process and host that write it; a store opened for writing marks `interrupted` the runs
/// left `running` by a process of this host that no longer exists (``markVanishedRuns()``).
/// Many runs, from several processes, may share one file. The schema is described in
/// `results/README.md`.
///
/// Like ``Database``, a store is used from one thread at a time.
public final class ResultStore {
    /// The open connection (migrated, unless the store is read-only).
    let database: Database
    /// The process that writes this store's runs; nil for a read-only store.
    public let writer: RunWriter?

    /// The oldest schema version a read-only store can read: reports need the tables of version 2.
    public static let oldestReadableVersion: Int64 = 2

    /// Opens (creating if needed) the result database at `path` for writing, migrates its
    /// schema to the latest version and marks the runs of vanished processes `interrupted`;
    /// `":memory:"` gives a private in-memory store. `writer` is recorded with every run begun.
    ///
    /// The file is checked before anything is written to it: one written by a newer Parley
    /// is refused with ``DatabaseError/newerSchema(version:latestKnown:)``, and one holding
    /// tables but no `schema_migrations` (another program's database) with
    /// ``DatabaseError/notResultDatabase``; both are left byte for byte unchanged.
    public init(path: String, writer: RunWriter = .current) throws(DatabaseError) {
        let database = try Database(path: path)
        self.database = database
        // One snapshot for both questions: another writer creating the file's tables between
        // them must not make a new file look like a foreign database.
        try database.readTransaction { () throws(DatabaseError) in
            let version = try database.recordedSchemaVersion()
            if let version, version > Migration.latestVersion {
                throw .newerSchema(version: version, latestKnown: Migration.latestVersion)
            }
            if version == nil, try !database.isEmpty() { throw .notResultDatabase }
        }
        try database.useWriteAheadLogging()
        try database.migrate()
        self.writer = writer
        try markVanishedRuns()
    }

    /// Opens the existing result database at `path` read-only (`SQLITE_OPEN_READONLY`), for reports.
    ///
    /// Nothing is written, not even the journal mode. Refused, unchanged: a file that is not
    /// a Parley result database (``DatabaseError/notResultDatabase``), one from a newer
    /// Parley (``DatabaseError/newerSchema(version:latestKnown:)``) and one older than
    /// ``oldestReadableVersion`` (``DatabaseError/olderSchema(version:oldestReadable:)``),
    /// which a writing Parley would migrate first.
    public init(readingAt path: String) throws(DatabaseError) {
        database = try Database(path: path, access: .readOnly)
        guard let version = try database.recordedSchemaVersion() else { throw .notResultDatabase }
        if version > Migration.latestVersion {
            throw .newerSchema(version: version, latestKnown: Migration.latestVersion)
        }
        if version < Self.oldestReadableVersion {
            throw .olderSchema(version: version, oldestReadable: Self.oldestReadableVersion)
        }
        writer = nil
    }

    /// Records the start of a run and returns its id.
    ///
    /// The scenario text is stored once per distinct content: a run of a text already in
    /// the file refers to the existing row. The run starts with status `running`, recording
    /// ``writer``'s process id and host.
    public func beginRun(_ run: RunRecord) throws(DatabaseError) -> Int64 {
        try database.transaction { () throws(DatabaseError) -> Int64 in try insertRun(run) }
    }

    /// Inserts the run row (and its scenario text, if new) inside the caller's transaction.
    func insertRun(_ run: RunRecord) throws(DatabaseError) -> Int64 {
        let scenarioID = try scenarioID(name: run.scenarioName, yaml: run.scenarioYAML)
        let insert = try database.cachedStatement("""
            INSERT INTO runs (scenario_id, command, parley_version, git_revision, seed,
                              replications, strategy, started_at, status, writer_pid, writer_host)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)
            """)
        defer { insert.reset() }
        try insert.bind(scenarioID, at: 1)
        try insert.bind(run.command, at: 2)
        try insert.bind(run.parleyVersion, at: 3)
        try insert.bind(run.gitRevision, at: 4)
        try insert.bind(Int64(bitPattern: run.seed), at: 5)
        try insert.bind(run.replications, at: 6)
        try insert.bind(run.strategy, at: 7)
        try insert.bind(run.startedAt, at: 8)
        try insert.bind(writer.map { Int64($0.processID) }, at: 9)
        try insert.bind(writer?.host, at: 10)
        try insert.step()
        return database.lastInsertRowID
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
        try database.transaction { () throws(DatabaseError) in try insertSummaries(runID: runID, rows) }
    }

    /// Inserts summaries inside the caller's transaction.
    func insertSummaries(runID: Int64, _ rows: [MetricSummary]) throws(DatabaseError) {
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

    /// Marks run `runID` ended with `status` at `endedAt` (ISO 8601, given by the caller),
    /// storing its per-run rows in the same transaction.
    ///
    /// `replications`, when given, replaces the count recorded at the start: a run with
    /// `--replications auto` learns how many it needs only at its end. `summaries` and
    /// `waitHistograms` sum over the run's replications, so they are written once, with the
    /// status: a finished run has them all, a `running` one none. The schema refuses
    /// `running` here, since a running run has no end time.
    public func finishRun(runID: Int64, status: RunStatus, endedAt: String, replications: Int? = nil,
                          summaries: [MetricSummary] = [],
                          waitHistograms: [WaitHistogramBucket] = []) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in
            try updateFinishedRun(runID: runID, status: status, endedAt: endedAt, replications: replications,
                                  summaries: summaries, waitHistograms: waitHistograms)
        }
    }

    /// Writes a run's end inside the caller's transaction.
    func updateFinishedRun(runID: Int64, status: RunStatus, endedAt: String, replications: Int?,
                           summaries: [MetricSummary], waitHistograms: [WaitHistogramBucket]) throws(DatabaseError) {
        try insertSummaries(runID: runID, summaries)
        try insertWaitHistograms(runID: runID, waitHistograms)
        let update = try database.cachedStatement(
            "UPDATE runs SET status = ?, ended_at = ?, replications = coalesce(?, replications) WHERE id = ?")
        defer { update.reset() }
        try update.bind(status.rawValue, at: 1)
        try update.bind(endedAt, at: 2)
        try update.bind(replications, at: 3)
        try update.bind(runID, at: 4)
        try update.step()
        guard database.changes == 1 else { throw .unknownRun(id: runID) }
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
