// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Reports
import ResultStorage
import RoutingBench
import Runs
import Scenarios

/// `parley bench`: time the routing engine's decisions in a synthetic busy center, and gate on a baseline.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the routing engine's decisions in a synthetic busy center.",
        discussion: """
            A decision is one chat arriving: the engine offers it to an agent or queues it. Agents \
            belong to 1–3 queues, accept, finish, miss offers and take breaks, at about 85 % \
            utilisation. With --baseline FILE --check, exits 1 when the normalised median latency \
            (decision p50 / calibration loop time, median of the trials) grew beyond the tolerance.
            """)

    @Option(help: "Agents in the center.")
    var agents: Int

    @Option(help: "Queues in the center.")
    var queues: Int

    @Option(help: "Concurrent chats per agent.")
    var capacity: Int = 2

    @Option(help: ArgumentHelp("The strategy of every queue (SPEC §2.4 name).", valueName: "name"))
    var strategy: String = "longest_idle"

    @Option(help: "Decisions timed per trial.")
    var decisions: Int = 200_000

    @Option(help: "Seed of the center and its load.")
    var seed: UInt64 = 1

    @Option(help: "Trials; the gate compares their median.")
    var trials: Int = 5

    @Option(name: .customLong("overflow-after"),
            help: ArgumentHelp("Let every queue's waiting chats also go to the next queue's members after this long (overflow).",
                               valueName: "seconds"))
    var overflowAfter: Double?

    @Flag(help: "Print only a JSON object on standard output.")
    var json = false

    @Option(help: ArgumentHelp("A saved `parley bench --json` output to compare with.", valueName: "file"))
    var baseline: String?

    @Flag(help: "Exit 1 when latency regressed beyond the tolerance (needs --baseline).")
    var check = false

    @Option(help: "Allowed growth of the normalised median latency, as a fraction.")
    var tolerance: Double = 0.25

    @Option(name: .customLong("db"), help: "SQLite file to store the result in (table benchmark_results).")
    var database: String?

    /// Bounds of the synthetic center and its measurement (the samples of a trial are kept in memory).
    static let maxAgents = 1_000_000, maxQueues = 100_000, maxDecisions = 100_000_000, maxTrials = 1_000

    func validate() throws {
        if !(1...Self.maxAgents).contains(agents) {
            throw ValidationError("--agents must be between 1 and \(Self.maxAgents): the center is held in memory")
        }
        if !(1...min(agents, Self.maxQueues)).contains(queues) {
            throw ValidationError("--queues must be between 1 and the number of agents (at most \(Self.maxQueues))")
        }
        if !(1...ScenarioLimits.capacity).contains(capacity) {
            throw ValidationError("--capacity must be between 1 and \(ScenarioLimits.capacity)")
        }
        if !(1...Self.maxDecisions).contains(decisions) {
            throw ValidationError("--decisions must be between 1 and \(Self.maxDecisions): each is kept as a latency sample")
        }
        if !(1...Self.maxTrials).contains(trials) { throw ValidationError("--trials must be between 1 and \(Self.maxTrials)") }
        if !(tolerance >= 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a non-negative number") }
        if let overflowAfter, !(overflowAfter >= 0 && overflowAfter <= 86_400) {
            throw ValidationError("--overflow-after must be between 0 and 86400 seconds")
        }
        if BenchConfiguration.strategy(named: strategy) == nil {
            let names = BenchConfiguration.strategyNames.map(\.name).joined(separator: ", ")
            throw ValidationError("unknown strategy '\(strategy)'; one of: \(names)")
        }
        if check && baseline == nil { throw ValidationError("--check needs --baseline FILE") }
        if database?.isEmpty == true { throw ValidationError("--db needs a file name") }
    }

    func run() throws {
        var configuration = BenchConfiguration(agents: agents, queues: queues, capacity: capacity,
                                               strategy: BenchConfiguration.strategy(named: strategy)!,
                                               decisions: decisions, seed: seed, trials: trials)
        configuration.overflowAfterSeconds = overflowAfter
        let saved = try baseline.map { path in try loadBaseline(path, for: configuration) }
        let showProgress = Terminal.standardErrorIsTerminal && !json
        let result = try Benchmark.run(configuration) { done in
            if showProgress { FileHandle.standardError.write(Data("\rtrial \(done)/\(configuration.trials)".utf8)) }
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let verdict = saved.map {
            RegressionGate(tolerance: tolerance).evaluate(trialNormalisedP50: result.trialNormalisedP50,
                                                          baselineNormalisedP50: $0.normalisedP50)
        }
        print(json ? BenchReport.json(result, verdict: verdict).rendered : BenchReport.text(result, verdict: verdict))
        if let database { try store(result, in: database) }
        if check, let verdict, !verdict.passed { throw CommandError.failure(verdict.reason) }
    }

    /// Reads the baseline; an unreadable one, or one of another center, is a usage error (exit 2).
    func loadBaseline(_ path: String, for configuration: BenchConfiguration) throws(CommandError) -> BenchBaseline {
        let saved: BenchBaseline
        do { saved = try BenchBaseline(contentsOf: path) } catch {
            throw .usage(error.description)
        }
        if let mismatch = saved.mismatch(with: configuration) {
            throw .usage("\(path): error: the baseline is for \(mismatch)")
        }
        return saved
    }

    /// Stores the result when the database has the `benchmark_results` table; says so on stderr when it has not.
    /// A file that cannot be opened for writing is a usage error (exit 2), a failed write a failure (exit 1).
    func store(_ result: BenchResult, in path: String) throws(CommandError) {
        let store: ResultStore
        do { store = try ResultStore.create(at: path) } catch {
            throw .usage("\(path): error: \(error)")
        }
        do {
            if try !store.recordBenchmark(StoredRows.benchmark(result)) {
                Terminal.writeError("\(path): note: no benchmark_results table in this schema version; result not stored")
            }
        } catch {
            throw .failure("\(path): error: \(error)")
        }
    }
}
