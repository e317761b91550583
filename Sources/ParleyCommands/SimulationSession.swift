// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Scenarios
import Statistics

/// Stops running replications on SIGINT or SIGTERM; the run is then stored as interrupted.
let interruption = StopFlag()

/// One simulation from the command line: compile, store the runs, simulate, store the results.
///
/// A session runs one or more variants of a scenario — one for `run`, one per strategy for
/// `compare` — on the same seed and the same replication indexes, with a fixed count or until
/// a precision target is met (`--replications auto`). Each variant is stored as its own run.
/// On SIGINT or SIGTERM the replications in progress end early, the complete ones are stored
/// and every run is marked `interrupted`.
final class SimulationSession {
    /// One scenario to run, with the strategy forced on its queues, if any.
    struct Variant {
        var scenario: Scenario
        var strategy: String?
    }

    /// A variant after the simulation.
    struct Run {
        var variant: Variant
        var model: CompiledScenario
        var runID: Int64?
        var results: [ReplicationResult]
        var summary: RunSummary
    }

    struct Outcome {
        var runs: [Run]
        var interrupted: Bool
        /// Replications per variant.
        var replications: Int
        /// The rule of `--replications auto`, and whether it was met.
        var target: PrecisionTarget?
        var targetReached: Bool
    }

    let options: SimulationOptions
    let command: String
    /// The open result store; nil with `--no-db`.
    private(set) var store: ResultStore?

    init(options: SimulationOptions, command: String) {
        self.options = options
        self.command = command
    }

    /// Runs every replication of every variant and stores them.
    func execute(_ variants: [Variant]) throws -> Outcome {
        let models = try variants.map { variant in
            do {
                var model = try CompiledScenario(variant.scenario)
                model.recordsChats = options.chats && !options.noDatabase
                return model
            } catch {
                Terminal.writeError("\(variant.scenario.sourceFile):0:0: error: \(error)")
                throw ExitCode(2)
            }
        }
        installInterruptHandlers()
        store = try openStore()
        let runIDs = try variants.map { variant in try store.map { try $0.beginRun(runRecord(variant)) } }
        var (results, target, reached): ([[ReplicationResult]], PrecisionTarget?, Bool)
        do {
            (results, target, reached) = try simulate(models) { v, batch in
                if let store, let runID = runIDs[v] {
                    try store.recordReplications(runID: runID, replicationRows(model: models[v], results: batch))
                    try store.recordIntervalMetrics(runID: runID, Self.intervalRows(model: models[v], results: batch))
                    try store.recordChats(runID: runID, Self.chatRows(batch))
                    try store.recordAgentStatistics(runID: runID, Self.agentRows(model: models[v], results: batch))
                }
            }
        } catch {
            markFailed(runIDs)
            Terminal.writeError("\(options.database): error: \(error)")
            throw ExitCode(1)
        }
        let expected = target == nil ? variants[0].scenario.replications : results.map(\.count).min() ?? 0
        let interrupted = interruption.isRaised || results.contains { $0.count < expected }
        if target != nil && interrupted { reached = false }
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
        if interrupted {
            let done = results.map(\.count).reduce(0, +)
            Terminal.writeError("interrupted after \(done) of \(expected * variants.count) replications")
        }
        return Outcome(runs: runs, interrupted: interrupted, replications: results.map(\.count).min() ?? 0,
                       target: target, targetReached: reached)
    }

    /// Simulates every model, handing each model's finished replications to `record` as they come.
    ///
    /// A fixed count runs in rounds of `--jobs` replications per model, each round recorded
    /// before the next starts, so a run stopped by a signal — or killed — keeps every
    /// replication that finished. With `--replications auto` the count is known only at the
    /// end (replications past it are discarded), so everything is recorded then.
    private func simulate(_ models: [CompiledScenario], record: (Int, [ReplicationResult]) throws -> Void) throws
        -> ([[ReplicationResult]], PrecisionTarget?, Bool) {
        let jobs = options.effectiveJobs
        let showProgress = Terminal.standardErrorIsTerminal && !options.json
        if let target = options.precisionTarget {
            let progress = ProgressBar(total: target.minimum * models.count, enabled: showProgress)
            let run = Simulation.run(models, until: target, jobs: jobs, stop: interruption) { done, planned in
                progress.update(done, total: planned)
            }
            progress.finish()
            for (m, results) in run.results.enumerated() { try record(m, results) }
            return (run.results, target, run.reached)
        }
        let count = models.first?.scenario.replications ?? 0
        let progress = ProgressBar(total: count * models.count, enabled: showProgress)
        var results: [[ReplicationResult]] = models.map { _ in [] }
        var first = 0
        rounds: while first < count && !interruption.isRaised {
            let size = min(jobs, count - first)
            for (m, model) in models.enumerated() {
                let before = results.reduce(0) { $0 + $1.count }
                let batch = Simulation.run(model, replications: size, first: first, jobs: jobs, stop: interruption) { done in
                    progress.update(before + done)
                }
                results[m] += batch
                try record(m, batch)
                if interruption.isRaised { break rounds }
            }
            first += size
        }
        progress.finish()
        return (results, nil, false)
    }

    /// Marks the runs failed after an error, as far as the store still allows.
    private func markFailed(_ runIDs: [Int64?]) {
        guard let store else { return }
        for case let runID? in runIDs {
            try? store.finishRun(runID: runID, status: .failed, endedAt: Self.timestamp())
        }
    }

    func openStore() throws -> ResultStore? {
        guard !options.noDatabase else { return nil }
        let directory = (options.database as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        do { return try ResultStore(path: options.database) } catch {
            Terminal.writeError("\(options.database): error: \(error)")
            throw ExitCode(1)
        }
    }

    func runRecord(_ variant: Variant) -> RunRecord {
        RunRecord(scenarioName: variant.scenario.name, scenarioYAML: variant.scenario.sourceText, command: command,
                  parleyVersion: ParleyVersion.current,
                  gitRevision: ProcessInfo.processInfo.environment["PARLEY_GIT_REVISION"],
                  seed: variant.scenario.seed, replications: variant.scenario.replications,
                  strategy: variant.strategy, startedAt: Self.timestamp())
    }

    /// The rows of finished replications: every metric of every scope.
    func replicationRows(model: CompiledScenario, results: [ReplicationResult]) -> [ReplicationRecord] {
        let summary = RunSummary(model: model, results: results)
        return zip(results, summary.perReplication).map { result, scopes in
            ReplicationRecord(index: result.index, simulatedChats: result.simulatedChats, events: result.events,
                              metrics: scopes.flatMap { scope in
                                  zip(Metric.allCases, scope.values).map { metric, value in
                                      MetricValue(scope: Self.storedScope(scope.scope), scopeID: scope.scope.name,
                                                  name: metric.rawValue, value: value)
                                  }
                              })
        }
    }

    /// Stores a run's summaries and wait histograms, one transaction each, then closes it.
    func finish(_ run: Run, in store: ResultStore, runID: Int64, interrupted: Bool, replications: Int?) throws {
        do {
            try store.recordSummaries(runID: runID, run.summary.summaries.flatMap { scope in
                zip(Metric.allCases, scope.summaries).map { metric, s in
                    MetricSummary(scope: Self.storedScope(scope.scope), scopeID: scope.scope.name, name: metric.rawValue,
                                  mean: s.mean, ci95: s.halfWidth, n: s.count)
                }
            })
            try store.recordWaitHistograms(runID: runID, Self.histogramRows(model: run.model, results: run.results))
            try store.finishRun(runID: runID, status: interrupted ? .interrupted : .complete,
                                endedAt: Self.timestamp(), replications: replications)
        } catch {
            markFailed([runID])
            Terminal.writeError("\(options.database): error: \(error)")
            throw ExitCode(1)
        }
    }

    /// What each agent did in each replication.
    static func agentRows(model: CompiledScenario, results: [ReplicationResult]) -> [AgentStatisticsRow] {
        results.flatMap { result in
            zip(model.engineConfiguration.agents, result.agents).enumerated().map { a, pair in
                AgentStatisticsRow(replication: result.index, group: model.agentGroupName(of: a), agent: pair.0.name,
                                   capacity: pair.0.capacity, staffedSeconds: Double(pair.1.staffedMicros) / 1e6,
                                   busySeconds: Double(pair.1.busySlotMicros) / 1e6, chats: pair.1.chats, rona: pair.1.rona)
            }
        }
    }

    /// The per-chat rows of each replication (empty unless `--chats`).
    static func chatRows(_ results: [ReplicationResult]) -> [StoredChat] {
        results.flatMap { result in
            result.chats.map { chat in
                StoredChat(replication: result.index, chat: chat.number, arrivalSeconds: chat.arrivalSeconds,
                           queue: chat.queue, channel: chat.channel, acceptedSeconds: chat.acceptedSeconds,
                           agent: chat.agent, waitSeconds: chat.waitSeconds, outcome: chat.outcome.rawValue,
                           transfers: chat.transfers, ronaCount: chat.ronaCount)
            }
        }
    }

    /// The per-interval series of every queue of each replication.
    static func intervalRows(model: CompiledScenario, results: [ReplicationResult]) -> [IntervalMetricRow] {
        results.flatMap { result in
            model.intervalValues(of: result).map { value in
                IntervalMetricRow(replication: result.index, scope: .queue, scopeID: value.queue,
                                  intervalStartSeconds: value.startSeconds, metric: value.metric.rawValue, value: value.value)
            }
        }
    }

    /// The non-empty wait-time buckets of every scope, summed over the replications, in seconds.
    static func histogramRows(model: CompiledScenario, results: [ReplicationResult]) -> [WaitHistogramBucket] {
        WaitHistograms.perScope(model: model, results: results).flatMap { scope, waits in
            waits.nonEmptyBuckets.map { bucket in
                WaitHistogramBucket(scope: storedScope(scope), scopeID: scope.name,
                                    lowerSeconds: Double(bucket.lowerBound) / 1e6,
                                    upperSeconds: Double(bucket.upperBound) / 1e6, count: Int(bucket.count))
            }
        }
    }

    /// The store's scope kind for a model scope.
    static func storedScope(_ scope: ContactCenter.MetricScope) -> ResultStorage.MetricScope {
        switch scope {
        case .overall: .overall
        case .queue: .queue
        case .channel: .channel
        }
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601)
    }

    /// Raises ``interruption`` on SIGINT and SIGTERM.
    ///
    /// The signals are also unblocked: a blocked signal mask is inherited through `exec`, and
    /// a parent that blocks them in the thread that spawns Parley (test runners and some
    /// process supervisors do) would otherwise leave them pending until the run ends. Called
    /// before any worker thread exists, so every thread inherits the unblocked mask.
    func installInterruptHandlers() {
        signal(SIGINT) { _ in interruption.raise() }
        signal(SIGTERM) { _ in interruption.raise() }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
