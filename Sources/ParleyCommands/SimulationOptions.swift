// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import Runs
import Scenarios

/// Options shared by the commands that simulate (`run`, `compare`, `staff`).
struct SimulationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Replications to run (overrides the scenario's), or 'auto' to add replications "
                               + "until the 95 % CIs of overall service level and abandon rate are within --precision.",
                               valueName: "n|auto"))
    var replications: ReplicationCount?

    @Option(help: "With --replications auto: the largest acceptable 95 % CI half-width.")
    var precision: Double?

    @Option(help: "With --replications auto: never run more replications than this.")
    var maxReplications: Int?

    @Option(help: "Base seed (overrides the scenario's).")
    var seed: UInt64?

    @Option(name: .customLong("db"), help: "SQLite file to store results in.")
    var database: String = "results/parley.db"

    @Flag(help: "Store one row per chat of the window in the results database (table chats; never message text).")
    var chats = false

    @Flag(name: .customLong("no-db"), help: "Do not store results.")
    var noDatabase = false

    @Option(help: "Replications run in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print only a JSON object on standard output.")
    var json = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key, e.g. agents.team.count=12.",
                                                         valueName: "key.path=value"))
    var overrides: [String] = []

    /// The default half-width of `--replications auto`.
    static let defaultPrecision = 0.01
    /// The most replications run at once: far more threads than cores only costs memory.
    static let maxJobs = 1_024

    /// The default cap of `--replications auto`.
    static let defaultMaxReplications = 100

    func validate() throws {
        if database.isEmpty && !noDatabase {
            throw ValidationError("--db needs a file name (use --no-db to store nothing)")
        }
        if case .fixed(let count) = replications, !(1...ScenarioLimits.replications).contains(count) {
            throw ValidationError("--replications must be between 1 and \(ScenarioLimits.replications) (or auto): "
                                  + "every replication's results are kept until the run's summary")
        }
        if let jobs, !(1...Self.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and \(Self.maxJobs): each job is a thread with its own replication")
        }
        if replications != .auto && (precision != nil || maxReplications != nil) {
            throw ValidationError("--precision and --max-replications apply only with --replications auto")
        }
        if let precision, !(precision > 0 && precision.isFinite) {
            throw ValidationError("--precision must be a positive number, such as 0.01")
        }
        if let maxReplications, !(PrecisionTarget.defaultMinimum...ScenarioLimits.replications).contains(maxReplications) {
            throw ValidationError("--max-replications must be between \(PrecisionTarget.defaultMinimum) and "
                                  + "\(ScenarioLimits.replications)")
        }
    }

    /// The precision rule of `--replications auto`, or nil for a fixed count.
    var precisionTarget: PrecisionTarget? {
        guard replications == .auto else { return nil }
        return PrecisionTarget(halfWidth: precision ?? Self.defaultPrecision,
                               maximum: maxReplications ?? Self.defaultMaxReplications)
    }

    /// Loads the scenario with the overrides and command-line settings; a bad one is a usage error
    /// naming file, line and column.
    func loadScenario(_ path: String) throws(CommandError) -> Scenario {
        try loadScenario(scenario: path, extraOverrides: [])
    }

    /// Loads the scenario at `path` with `--set` and then `extraOverrides` applied (a
    /// `compare --variant`'s settings), and the options' replications and seed.
    func loadScenario(scenario path: String, extraOverrides: [String]) throws(CommandError) -> Scenario {
        do {
            var scenario = try ScenarioLoader.load(contentsOf: path, overrides: overrides + extraOverrides)
            if case .fixed(let count) = replications { scenario.replications = count }
            if let target = precisionTarget { scenario.replications = target.maximum }
            if let seed { scenario.seed = seed }
            return scenario
        } catch {
            throw .usage(error.description)
        }
    }

    var effectiveJobs: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// A session of `command` with these options, stopped by SIGINT/SIGTERM, drawing progress on a terminal.
    ///
    /// The command installs the signal handlers (``Interruption/install()``) first thing,
    /// before loading, so a signal at any point after start-up ends in an interrupted run.
    func session(command: String, shard: Shard? = nil) -> RunSession {
        let bar = ProgressBar(total: 0, enabled: Terminal.standardErrorIsTerminal && !json)
        return RunSession(options: RunSession.Options(database: noDatabase ? nil : database, recordsChats: chats,
                                                      jobs: effectiveJobs, precisionTarget: precisionTarget,
                                                      command: command, shard: shard, settings: overrides),
                          stop: Interruption.flag) { done, total in bar.update(done, total: total) }
    }

    /// Runs `variants` in `session`; a failure becomes the command's error, an interruption is said on stderr.
    func execute(_ variants: [RunSession.Variant], in session: RunSession) throws(CommandError) -> RunSession.Outcome {
        let outcome: RunSession.Outcome
        do { outcome = try session.execute(variants) } catch { throw .session(error) }
        if Terminal.standardErrorIsTerminal && !json { FileHandle.standardError.write(Data("\n".utf8)) }
        if outcome.interrupted {
            Terminal.writeError("interrupted after \(outcome.finishedReplications) of \(outcome.plannedReplications) replications")
        }
        return outcome
    }
}
