// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Reports
import ResultStorage

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

    func run() throws {
        guard FileManager.default.fileExists(atPath: database) else {
            throw CommandError.usage("\(database): error: no such results file")
        }
        let data: ReportData
        do {
            let store = try ResultStore(path: database)
            data = try ReportData(store: store, runID: runID)
        } catch .unknownRun {
            throw CommandError.usage("\(database): error: "
                                     + (runID.map { "no run with id \($0) in the file" } ?? "the file holds no run"))
        } catch {
            throw CommandError.failure("\(database): error: \(error)")
        }
        do {
            try HTMLReport(data: data).render().write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw CommandError.failure("\(out): error: cannot write the report: \(error.localizedDescription)")
        }
        Terminal.writeError("wrote \(out) (run \(data.run.id), \(data.run.scenarioName))")
    }
}
