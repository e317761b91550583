// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Scenarios

/// `parley run SCENARIO`: simulate a scenario's replications and report its metrics.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's replications and report its metrics.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var options: SimulationOptions

    func run() throws {
        let loaded = try options.loadScenario(scenario)
        let outcome = try SimulationSession(scenario: loaded, options: options, command: "run").execute()
        if options.json {
            print(RunReport.json(scenario: loaded.name, seed: loaded.seed, replications: outcome.results.count,
                                 summary: outcome.summary).rendered)
        } else {
            print("\(loaded.name): \(outcome.results.count) replications, seed \(loaded.seed)"
                  + (outcome.runID.map { ", run \($0) in \(options.database)" } ?? ""))
            print(RunReport.table(summary: outcome.summary))
        }
        if outcome.interrupted { throw ExitCode(130) }
    }
}

/// Options shared by the commands that simulate (`run`; later `compare` and `staff`).
struct SimulationOptions: ParsableArguments {
    @Option(help: "Replications to run (overrides the scenario's).")
    var replications: Int?

    @Option(help: "Base seed (overrides the scenario's).")
    var seed: UInt64?

    @Option(name: .customLong("db"), help: "SQLite file to store results in.")
    var database: String = "results/parley.db"

    @Flag(name: .customLong("no-db"), help: "Do not store results.")
    var noDatabase = false

    @Option(help: "Replications run in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print only a JSON object on standard output.")
    var json = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key, e.g. agents.team.count=12.",
                                                         valueName: "key.path=value"))
    var overrides: [String] = []

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// Loads the scenario with the overrides and command-line settings; a bad one exits 2 naming file, line and column.
    func loadScenario(_ path: String) throws -> Scenario {
        do {
            var scenario = try ScenarioLoader.load(contentsOf: path, overrides: overrides)
            if let replications { scenario.replications = replications }
            if let seed { scenario.seed = seed }
            return scenario
        } catch {
            Terminal.writeError(error.description)
            throw ExitCode(2)
        }
    }

    var effectiveJobs: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}
