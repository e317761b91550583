// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import Reports
import ResultStorage
import Runs
import Scenarios

/// `parley sweep SCENARIO --vary key=v1,v2,… [--vary …]`: a grid of `--set` variants on common random numbers.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of --set variants of a scenario on the same customers.",
        discussion: """
            Every combination of the --vary values (the first key varying slowest) is run as a \
            variant of the scenario with those keys set, on the same seed and replications, so \
            replication i of every grid point sees the same customers. Prints each grid point's \
            overall service_level, abandon_rate, asa_s, wait_p90_s and occupancy (mean ± 95 % \
            half-width); each grid point is stored as a run, with its --vary values in \
            sweep_points. With --shard every grid point runs the shard's replications, and \
            `parley merge` makes the whole sweep of the shards.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("vary"), help: ArgumentHelp("A scenario key and the values to try, e.g. "
                                                          + "agents.team.count=10,12,14; repeat for a grid.",
                                                          valueName: "key.path=v1,v2,..."))
    var vary: [String] = []

    @OptionGroup var options: SimulationOptions

    @OptionGroup var sharding: ShardOptions

    func validate() throws {
        guard !vary.isEmpty else { throw ValidationError("give at least one --vary key.path=v1,v2,…") }
        do { _ = try SweepGrid(vary) } catch { throw ValidationError(error.description) }
        try sharding.validate(with: options)
    }

    func run() throws {
        Interruption.install()
        let grid: SweepGrid
        do { grid = try SweepGrid(vary) } catch { throw CommandError.usage(error.description) }
        let base = try options.loadScenario(scenario)
        let variants = try grid.points.map { point throws(CommandError) in
            var loaded: Scenario
            do { loaded = try ScenarioLoader.load(contentsOf: scenario, overrides: options.overrides + point) } catch {
                throw .usage("\(error) (--vary \(point.joined(separator: " ")))")
            }
            loaded.replications = base.replications
            loaded.seed = base.seed
            return RunSession.Variant(scenario: loaded, settings: point)
        }
        let shard = try sharding.assignedShard()
        let session = options.session(command: "sweep", shard: shard)
        let outcome = try options.execute(variants, in: session)
        let runIDs = outcome.runs.compactMap { (run: RunSession.Run) in run.runID }
        if let store = session.store, let first = runIDs.first, runIDs.count == variants.count {
            do {
                try store.recordSweepPoints(zip(runIDs, grid.points).map { SweepPoint(runID: $0, sweepRunID: first, settings: $1) })
            } catch {
                throw CommandError.failure("\(options.database): error: \(error)")
            }
        }
        let report = SweepReport(scenario: base, grid: grid, outcome: outcome)
        if options.json {
            let shardJSON = shard.map { [("shard", JSONValue.string("\($0.index)/\($0.count)"))] } ?? []
            print(report.json(extra: RunReport.ruleJSON(outcome) + shardJSON).rendered)
        } else {
            let stored = runIDs.isEmpty ? "" : ", runs \(runIDs.first!)–\(runIDs.last!) in \(options.database)"
            let shardText = shard.map { ", shard \($0.index)/\($0.count) of \(base.replications)" } ?? ""
            print("\(base.name): \(variants.count) grid points on \(outcome.replications) common replications"
                  + "\(RunReport.ruleText(outcome))\(shardText), seed \(base.seed)\(stored)")
            print(report.table())
        }
        if outcome.interrupted { throw CommandError.interrupted() }
    }
}
