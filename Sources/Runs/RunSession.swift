// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Dispatch
import Foundation
import ResultStorage
import Scenarios
import Statistics
import Synchronization

/// One simulation: compile, store the runs, simulate, store the results.
///
/// A session runs one or more variants of a scenario — one for `run`, one per strategy for
/// `compare` — on the same seed and the same replication indexes, with a fixed count or until
/// a precision target is met (`--replications auto`). Each variant is stored as its own run.
/// When `stop` is raised (the command line raises it on SIGINT or SIGTERM) the replications in
/// progress end early, the complete ones are stored and every run is marked `interrupted`.
/// Nothing here prints or exits: problems are ``RunError``s, progress goes to a callback.
package final class RunSession {
    /// One scenario to run, with the strategy forced on its queues, if any.
    package struct Variant {
        package var scenario: Scenario
        package var strategy: String?
        /// The name of a `compare --variant`, which labels it instead of the strategy.
        package var name: String?
        /// The `--set` overrides of this variant beyond the session's (a sweep's grid point or a
        /// `compare --variant`), recorded after them in a shard's manifest.
        package var settings: [String]

        package init(scenario: Scenario, strategy: String? = nil, name: String? = nil, settings: [String] = []) {
            self.scenario = scenario
            self.strategy = strategy
            self.name = name
            self.settings = settings
        }

        /// How reports and comparison rows name it: the variant's name, else its strategy.
        package var label: String { name ?? strategy ?? "" }
    }

    /// A variant after the simulation.
    package struct Run {
        package var variant: Variant
        package var model: CompiledScenario
        package var runID: Int64?
        package var results: [ReplicationResult]
        package var summary: RunSummary
    }

    /// Every variant's run, and how the replication count came about.
    package struct Outcome {
        package var runs: [Run]
        package var interrupted: Bool
        /// Replications per variant.
        package var replications: Int
        /// The rule of `--replications auto`, and whether it was met.
        package var target: PrecisionTarget?
        package var targetReached: Bool
        /// Replications finished over all variants, and those planned (for the interruption message).
        package var finishedReplications: Int
        package var plannedReplications: Int
    }

    /// What the session runs and where it stores it.
    package struct Options {
        /// The results database; nil stores nothing.
        package var database: String?
        /// Store one row per chat of the window (`--chats`).
        package var recordsChats: Bool
        /// Replications run in parallel.
        package var jobs: Int
        /// The rule of `--replications auto`, or nil for the scenario's fixed count.
        package var precisionTarget: PrecisionTarget?
        /// The command stored with each run (`run`, `compare`, `staff`).
        package var command: String
        /// The shard of the replication indexes to run (`--shard I/N`), or nil for all of them.
        /// Needs a fixed count and a database, where each run is stored with its manifest.
        package var shard: Shard?
        /// The `--set` overrides the scenarios were loaded with, recorded in a shard's manifest.
        package var settings: [String]

        package init(database: String?, recordsChats: Bool, jobs: Int, precisionTarget: PrecisionTarget?,
                     command: String, shard: Shard? = nil, settings: [String] = []) {
            precondition(shard == nil || (precisionTarget == nil && database != nil), "a shard needs a fixed count and a database")
            self.database = database
            self.recordsChats = recordsChats
            self.jobs = jobs
            self.precisionTarget = precisionTarget
            self.command = command
            self.shard = shard
            self.settings = settings
        }
    }

    package let options: Options
    /// Raised to end the run early; the finished replications are kept.
    package let stop: StopFlag
    /// Called with (replications done, replications planned) as they finish.
    let progress: @Sendable (Int, Int) -> Void
    /// The open result store; nil when the session stores nothing.
    package private(set) var store: ResultStore?

    package init(options: Options, stop: StopFlag = StopFlag(), progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.options = options
        self.stop = stop
        self.progress = progress
    }

    /// Runs every replication of every variant and stores them.
    ///
    /// Each finished replication is stored in one transaction with all its rows, so a run
    /// killed at any moment leaves whole replications only.
    ///
    /// - Throws: ``RunError/scenario(file:message:)`` when the model refuses a variant (nothing
    ///   is stored then), ``RunError/unusableDatabase(path:message:)`` when the database cannot
    ///   be opened for writing (nothing is simulated then), ``RunError/storage(path:message:)``
    ///   when it fails later (the runs are marked `failed` as far as it still allows).
    package func execute(_ variants: [Variant]) throws(RunError) -> Outcome {
        let models = try variants.map { variant throws(RunError) in
            do {
                var model = try CompiledScenario(variant.scenario)
                model.recordsChats = options.recordsChats && options.database != nil
                model.keepsIntervals = options.database != nil
                return model
            } catch {
                throw .scenario(file: variant.scenario.sourceFile, message: "\(error)")
            }
        }
        try openStore()
        var runIDs: [Int64?] = []
        for variant in variants {
            runIDs.append(try storing {
                try store.map { store in
                    let runID = try store.beginRun(runRecord(variant))
                    if let manifest = manifest(variant) { try store.recordShardManifest(runID: runID, manifest) }
                    return runID
                }
            })
        }
        let simulated: (results: [[ReplicationResult]], target: PrecisionTarget?, reached: Bool)
        do {
            simulated = try simulate(models) { v, batch throws(RunError) in
                guard let store, let runID = runIDs[v] else { return }
                try storing {
                    try store.recordReplicationBatch(runID: runID,
                                                     replications: StoredRows.replications(model: models[v], results: batch),
                                                     orderedIntervals: StoredRows.orderedIntervals(model: models[v], results: batch),
                                                     chats: StoredRows.chats(batch),
                                                     agents: StoredRows.agents(model: models[v], results: batch))
                }
            }
        } catch {
            markFailed(runIDs)
            throw error
        }
        let (results, target) = (simulated.results, simulated.target)
        let expected = target == nil ? planned(variants[0].scenario.replications).count : results.map(\.count).min() ?? 0
        let interrupted = stop.isRaised || results.contains { $0.count < expected }
        let reached = target != nil && !interrupted && simulated.reached
        var runs: [Run] = []
        for (v, variant) in variants.enumerated() {
            let summary = RunSummary(model: models[v], results: results[v])
            let run = Run(variant: variant, model: models[v], runID: runIDs[v], results: results[v], summary: summary)
            if let store, let runID = runIDs[v] {
                try finish(run, in: store, runID: runID, interrupted: interrupted,
                           replications: target == nil ? nil : results[v].count)
            }
            runs.append(run)
        }
        return Outcome(runs: runs, interrupted: interrupted, replications: results.map(\.count).min() ?? 0,
                       target: target, targetReached: reached,
                       finishedReplications: results.map(\.count).reduce(0, +),
                       plannedReplications: expected * variants.count)
    }

    /// Simulates every model, handing each model's finished replications to `record` as they come.
    ///
    /// A fixed count runs in rounds of `jobs` replications per model, each round recorded
    /// before the next starts, so a run stopped early — or killed — keeps every replication
    /// that finished. With `--replications auto` the count is known only at the end
    /// (replications past it are discarded), so everything is recorded then.
    private func simulate(_ models: [CompiledScenario], record: (Int, [ReplicationResult]) throws(RunError) -> Void)
        throws(RunError) -> (results: [[ReplicationResult]], target: PrecisionTarget?, reached: Bool) {
        let jobs = options.jobs
        let progress = self.progress
        if let target = options.precisionTarget {
            progress(0, target.minimum * models.count)
            let run = Simulation.run(models, until: target, jobs: jobs, stop: stop) { done, planned in
                progress(done, planned)
            }
            for (m, results) in run.results.enumerated() { try record(m, results) }
            return (run.results, target, run.reached)
        }
        let indexes = planned(models.first?.scenario.replications ?? 0)
        let total = indexes.count * models.count
        progress(0, total)
        var results: [[ReplicationResult]] = models.map { _ in [] }
        var first = 0
        rounds: while first < indexes.count && !stop.isRaised {
            let round = Array(indexes[first ..< min(first + jobs, indexes.count)])
            for (m, model) in models.enumerated() {
                let before = results.reduce(0) { $0 + $1.count }
                let batch = run(model, indexes: round, jobs: jobs) { done in progress(before + done, total) }
                results[m] += batch
                try record(m, batch)
                if stop.isRaised { break rounds }
            }
            first += round.count
        }
        return (results, nil, false)
    }

    /// The replication indexes this session runs of `replications`: all, or its shard's.
    func planned(_ replications: Int) -> [Int] {
        options.shard?.indexes(of: replications) ?? Array(0 ..< replications)
    }

    /// Runs the replications `indexes` of `model`, sorted by index; contiguous indexes (a
    /// whole run) go to ``Simulation`` at once, a shard's one by one on up to `jobs` threads.
    private func run(_ model: CompiledScenario, indexes: [Int], jobs: Int,
                     progress: @Sendable @escaping (Int) -> Void) -> [ReplicationResult] {
        guard let first = indexes.first else { return [] }
        if indexes.last == first + indexes.count - 1 {
            return Simulation.run(model, replications: indexes.count, first: first, jobs: jobs, stop: stop, progress: progress)
        }
        let results = Mutex<[ReplicationResult]>([])
        let stop = self.stop
        DispatchQueue.concurrentPerform(iterations: indexes.count) { k in
            let batch = Simulation.run(model, replications: 1, first: indexes[k], jobs: 1, stop: stop)
            let done = results.withLock { all in
                all += batch
                return all.count
            }
            progress(done)
        }
        return results.withLock { $0 }.sorted { $0.index < $1.index }
    }

    /// Runs a storage step, turning its error into ``RunError/storage(path:message:)``.
    private func storing<T>(_ body: () throws -> T) throws(RunError) -> T {
        do { return try body() } catch {
            throw .storage(path: options.database ?? "", message: "\(error)")
        }
    }

    /// Marks the runs failed after an error, as far as the store still allows.
    private func markFailed(_ runIDs: [Int64?]) {
        guard let store else { return }
        for case let runID? in runIDs {
            try? store.finishRun(runID: runID, status: .failed, endedAt: Self.timestamp())
        }
    }

    /// Opens (creating its directory) the session's database, unless it is open already or
    /// the session stores nothing.
    ///
    /// A file that cannot be opened for writing — a directory, an unreadable path, another
    /// program's database, one from a newer Parley — is ``RunError/unusableDatabase(path:message:)``:
    /// call this before long work, so a bad `--db` is refused before anything is simulated.
    package func openStore() throws(RunError) {
        guard store == nil, let path = options.database else { return }
        do { store = try ResultStore.create(at: path) } catch {
            throw .unusableDatabase(path: path, message: "\(error)")
        }
    }

    /// Stores `variant` with replications simulated beforehand (`parley roster`, which keeps
    /// nothing until its last round is done), as a complete run; nil without a database.
    package func store(_ variant: Variant, results: [ReplicationResult]) throws(RunError) -> Int64? {
        let model: CompiledScenario
        do { model = try CompiledScenario(variant.scenario) } catch {
            throw .scenario(file: variant.scenario.sourceFile, message: "\(error)")
        }
        try openStore()
        guard let store else { return nil }
        let runID = try storing { try store.beginRun(runRecord(variant)) }
        try storing {
            try store.recordReplicationBatch(runID: runID, replications: StoredRows.replications(model: model, results: results),
                                             intervals: StoredRows.intervals(model: model, results: results),
                                             chats: StoredRows.chats(results),
                                             agents: StoredRows.agents(model: model, results: results))
        }
        let run = Run(variant: variant, model: model, runID: runID, results: results,
                      summary: RunSummary(model: model, results: results))
        try finish(run, in: store, runID: runID, interrupted: false, replications: nil)
        return runID
    }

    /// Stores `variant` as a run that was interrupted before any replication ran (as when a
    /// staffing search is stopped), and returns its id; nil when the session stores nothing.
    package func recordInterrupted(_ variant: Variant) throws(RunError) -> Int64? {
        try openStore()
        guard let store else { return nil }
        return try storing {
            let runID = try store.beginRun(runRecord(variant))
            try store.finishRun(runID: runID, status: .interrupted, endedAt: Self.timestamp())
            return runID
        }
    }

    /// The run row of `variant`; a shard's counts the replications of the shard.
    func runRecord(_ variant: Variant) -> RunRecord {
        RunRecord(scenarioName: variant.scenario.name, scenarioYAML: variant.scenario.sourceText, command: options.command,
                  parleyVersion: ParleyVersion.current, gitRevision: ParleyVersion.gitRevision,
                  seed: variant.scenario.seed, replications: planned(variant.scenario.replications).count,
                  strategy: variant.strategy, startedAt: Self.timestamp())
    }

    /// The manifest of `variant`'s run when the session runs a shard, else nil.
    func manifest(_ variant: Variant) -> ShardManifest? {
        guard let shard = options.shard else { return nil }
        return ShardManifest(scenarioYAML: variant.scenario.sourceText, settings: options.settings + variant.settings,
                             seed: variant.scenario.seed, replications: variant.scenario.replications,
                             strategy: variant.strategy, shardIndex: shard.index, shardCount: shard.count,
                             parleyVersion: ParleyVersion.current, gitRevision: ParleyVersion.gitRevision)
    }

    /// Closes a run with its summaries and wait histograms, in one transaction.
    ///
    /// Both sum over the replications (a histogram per replication would multiply the rows
    /// for no reader), so they belong to the run, written with its final status.
    func finish(_ run: Run, in store: ResultStore, runID: Int64, interrupted: Bool, replications: Int?) throws(RunError) {
        do {
            try storing {
                try store.finishRun(runID: runID, status: interrupted ? .interrupted : .complete,
                                    endedAt: Self.timestamp(), replications: replications,
                                    summaries: StoredRows.summaries(run.summary),
                                    waitHistograms: StoredRows.histograms(model: run.model, results: run.results))
            }
        } catch {
            markFailed([runID])
            throw error
        }
    }

    /// The current time in ISO 8601, as stored with runs.
    package static func timestamp() -> String {
        Date().formatted(.iso8601)
    }
}

/// Why a session could not run or store its results.
package enum RunError: Error, CustomStringConvertible {
    /// The model refuses a scenario that loaded: `FILE:0:0: error: …` (a bad scenario).
    case scenario(file: String, message: String)
    /// The results database could not be written: `PATH: error: …` (a failed run).
    case storage(path: String, message: String)
    /// The results database cannot be opened for writing: `PATH: error: …` (bad usage).
    case unusableDatabase(path: String, message: String)

    package var description: String {
        switch self {
        case .scenario(let file, let message): "\(file):0:0: error: \(message)"
        case .storage(let path, let message), .unusableDatabase(let path, let message): "\(path): error: \(message)"
        }
    }
}
