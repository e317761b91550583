// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Reports
import ResultStorage
import Runs

/// `parley show DB [--run ID] [--json]`: a stored run's metrics, as `parley run` printed them.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a stored run's metrics, as `parley run` does.",
        discussion: """
            The summaries are recomputed from the run's stored per-replication metrics by the \
            code `parley run` uses, so for a run stored with a fixed replication count --json \
            prints exactly the bytes of `parley run --json` (also for a run made by `parley merge`).
            """)

    @Argument(help: "The SQLite results file.")
    var database: String

    @Option(name: .customLong("run"), help: "The run to show (default: the newest run in the file).")
    var runID: Int64?

    @Flag(help: "Print only a JSON object on standard output (the shape of `parley run --json`).")
    var json = false

    /// Reads the database read-only: a file that is not Parley's, or from a newer Parley, is refused (exit 2),
    /// and so is a shard run (the merged run is the result).
    func run() throws {
        guard FileManager.default.fileExists(atPath: database) else {
            throw CommandError.usage("\(database): error: no such results file")
        }
        let store: ResultStore
        do { store = try ResultStore(readingAt: database) } catch {
            throw CommandError.usage("\(database): error: \(error)")
        }
        let stored: StoredRunSummary
        do {
            stored = try StoredRunSummary(store: store, runID: runID)
        } catch .unknownRun {
            throw CommandError.usage("\(database): error: "
                                     + (runID.map { "no run with id \($0) in the file" } ?? "the file holds no run"))
        } catch {
            throw CommandError.failure("\(database): error: \(error)")
        }
        let run = stored.run
        try ShardedRunCheck.refuseShard(store, runID: run.id, database: database)
        if json {
            print(RunReport.json(scenario: run.scenarioName, seed: run.seed, replications: stored.replications,
                                 summary: stored.summary, extra: RunReport.wrapUpReasonJSON(stored.wrapUpReasons)
                                     + RunReport.templateUseJSON(stored.templateUses)
                                     + RunReport.serviceCountJSON(stored.serviceCounts)).rendered)
        } else {
            let status = run.status == .complete ? "" : " (\(run.status.rawValue))"
            print("\(run.scenarioName): \(stored.replications) replications, seed \(run.seed), run \(run.id) in \(database)"
                  + status)
            print(RunReport.table(summary: stored.summary))
            let templateUses = RunReport.templateUseTable(stored.templateUses)
            if !templateUses.isEmpty { print(templateUses) }
            let serviceCounts = RunReport.serviceCountTable(stored.serviceCounts)
            if !serviceCounts.isEmpty { print(serviceCounts) }
        }
    }
}
