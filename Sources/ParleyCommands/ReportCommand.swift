// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Reports
import ResultStorage
import Runs

/// `parley report DB [--run ID] --out FILE.html`: one self-contained HTML page about a stored run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report (inline SVG charts, no scripts or remote resources) of a stored run.")

    @Argument(help: "The SQLite results file.")
    var database: String

    @Option(name: .customLong("run"), help: "The run to report (default: the newest run in the file).")
    var runID: Int64?

    @Option(help: "The HTML file to write.")
    var out: String

    @Flag(help: "Report a stored `parley drive` (--run: its live run id; default: the newest drive).")
    var live = false

    /// Refuses an output that is not a regular file or a new name, then reads the database
    /// read-only: a file that is not Parley's, or from a newer Parley, is refused unchanged (exit 2),
    /// and so is a shard run (the merged run is the result).
    func run() throws {
        do { try OutputFile.check(out) } catch { throw CommandError.usage(error.description) }
        guard FileManager.default.fileExists(atPath: database) else {
            throw CommandError.usage("\(database): error: no such results file")
        }
        let store: ResultStore
        do { store = try ResultStore(readingAt: database) } catch {
            throw CommandError.usage("\(database): error: \(error)")
        }
        if live { return try reportLive(store) }
        let data: ReportData
        do {
            data = try ReportData(store: store, runID: runID)
        } catch .unknownRun {
            throw CommandError.usage("\(database): error: "
                                     + (runID.map { "no run with id \($0) in the file" } ?? "the file holds no run"))
        } catch {
            throw CommandError.failure("\(database): error: \(error)")
        }
        try ShardedRunCheck.refuseShard(store, runID: data.run.id, database: database)
        do {
            try OutputFile.write(HTMLReport(data: data).render(), to: out)
        } catch let refused as OutputFile.Refused {
            throw CommandError.usage(refused.description)
        } catch {
            throw CommandError.failure("\(out): error: cannot write the report: \(error.localizedDescription)")
        }
        Terminal.writeError("wrote \(out) (run \(data.run.id), \(data.run.scenarioName))")
    }

    /// Writes the report of a stored drive: latencies, throughput over time, observed against predicted.
    private func reportLive(_ store: ResultStore) throws {
        let drives: [LiveRunRecord]
        do { drives = try store.liveRuns().filter { $0.kind == "drive" } } catch {
            throw CommandError.failure("\(database): error: \(error)")
        }
        guard let run = runID.map({ id in drives.first { $0.id == id } }) ?? drives.last else {
            throw CommandError.usage("\(database): error: "
                                     + (runID.map { "no drive with live run id \($0) in the file" } ?? "the file holds no drive"))
        }
        do {
            try OutputFile.write(LiveReport(run: run).render(), to: out)
        } catch let refused as OutputFile.Refused {
            throw CommandError.usage(refused.description)
        } catch {
            throw CommandError.failure("\(out): error: cannot write the report: \(error.localizedDescription)")
        }
        Terminal.writeError("wrote \(out) (drive \(run.id), \(run.scenarioName))")
    }
}
