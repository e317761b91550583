// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Scenarios

/// Stops running replications on SIGINT or SIGTERM; the run is then stored as interrupted.
let interruption = StopFlag()

/// One simulation run from the command line: compile, store the run, simulate, store the results.
struct SimulationSession {
    let scenario: Scenario
    let options: SimulationOptions
    let command: String

    struct Outcome {
        var results: [ReplicationResult]
        var summary: RunSummary
        var runID: Int64?
        var interrupted: Bool
    }

    /// Runs every replication and stores them; an interrupted run keeps what completed and is marked so.
    func execute() throws -> Outcome {
        let model: CompiledScenario
        do { model = try CompiledScenario(scenario) } catch {
            Terminal.writeError("\(scenario.sourceFile):0:0: error: \(error)")
            throw ExitCode(2)
        }
        installInterruptHandlers()
        let store = try openStore()
        let runID = try store.map { try $0.beginRun(runRecord()) }
        let progress = Progress(total: scenario.replications, enabled: Terminal.standardErrorIsTerminal && !options.json)
        let results = Simulation.run(model, replications: scenario.replications, jobs: options.effectiveJobs,
                                     stop: interruption) { done in progress.update(done) }
        progress.finish()
        let interrupted = interruption.isRaised || results.count < scenario.replications
        let summary = RunSummary(model: model, results: results)
        if let store, let runID {
            try record(summary: summary, results: results, in: store, runID: runID, interrupted: interrupted)
        }
        if interrupted { Terminal.writeError("interrupted after \(results.count) of \(scenario.replications) replications") }
        return Outcome(results: results, summary: summary, runID: runID, interrupted: interrupted)
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

    func runRecord() -> RunRecord {
        RunRecord(scenarioName: scenario.name, scenarioYAML: scenario.sourceText, command: command,
                  parleyVersion: ParleyVersion.current,
                  gitRevision: ProcessInfo.processInfo.environment["PARLEY_GIT_REVISION"],
                  seed: scenario.seed, replications: scenario.replications, strategy: nil, startedAt: Self.timestamp())
    }

    /// Stores per-replication metrics and summaries in one transaction each, then closes the run.
    func record(summary: RunSummary, results: [ReplicationResult], in store: ResultStore, runID: Int64,
                interrupted: Bool) throws {
        do {
            let replications = zip(results, summary.perReplication).map { result, scopes in
                ReplicationRecord(index: result.index, simulatedChats: result.simulatedChats, events: result.events,
                                  metrics: scopes.flatMap { scope in
                                      zip(Metric.allCases, scope.values).map { metric, value in
                                          MetricValue(scope: Self.storedScope(scope.scope), scopeID: scope.scope.name,
                                                      name: metric.rawValue, value: value)
                                      }
                                  })
            }
            try store.recordReplications(runID: runID, replications)
            try store.recordSummaries(runID: runID, summary.summaries.flatMap { scope in
                zip(Metric.allCases, scope.summaries).map { metric, s in
                    MetricSummary(scope: Self.storedScope(scope.scope), scopeID: scope.scope.name, name: metric.rawValue,
                                  mean: s.mean, ci95: s.halfWidth, n: s.count)
                }
            })
            try store.finishRun(runID: runID, status: interrupted ? .interrupted : .complete, endedAt: Self.timestamp())
        } catch {
            Terminal.writeError("\(options.database): error: \(error)")
            throw ExitCode(1)
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

    func installInterruptHandlers() {
        signal(SIGINT) { _ in interruption.raise() }
        signal(SIGTERM) { _ in interruption.raise() }
    }
}

/// A one-line progress bar with an ETA on standard error, shown only on a terminal.
final class Progress: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    let started = Date()
    let lock = NSLock()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        update(0)
    }

    func update(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let elapsed = Date().timeIntervalSince(started)
        let eta = done == 0 ? "" : String(format: "  eta %.0fs", elapsed / Double(done) * Double(total - done))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) replications\(eta)   ".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
