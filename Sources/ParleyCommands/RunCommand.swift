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
        abstract: "Run a scenario's replications and report its metrics.",
        discussion: """
            With --baseline FILE (a saved --json output) the run is compared with it: a metric \
            drifted when its mean moved by more than the two runs' combined 95 % CIs, \
            |new - old| > sqrt(ci_old^2 + ci_new^2). Counts (arrivals, offered, answered, abandoned, \
            unresolved) are not checked, since they scale with the run's length. With --check a \
            drift exits 1.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var options: SimulationOptions

    @Option(help: "A saved `parley run --json` output to compare with.")
    var baseline: String?

    @Flag(help: "With --baseline: exit 1 when a metric drifted.")
    var check = false

    func validate() throws {
        if check && baseline == nil { throw ValidationError("--check needs --baseline FILE") }
    }

    func run() throws {
        let loaded = try options.loadScenario(scenario)
        let baselineCheck: BaselineCheck?
        do { baselineCheck = try baseline.map { path throws(BaselineCheck.FileError) in try BaselineCheck(path: path) } } catch {
            Terminal.writeError(error.description)
            throw ExitCode(2)
        }
        let session = SimulationSession(options: options, command: "run")
        let outcome = try session.execute([SimulationSession.Variant(scenario: loaded, strategy: nil)])
        let run = outcome.runs[0]
        if options.json {
            print(RunReport.json(scenario: loaded.name, seed: loaded.seed, replications: run.results.count,
                                 summary: run.summary, extra: Self.ruleJSON(outcome)).rendered)
        } else {
            print("\(loaded.name): \(run.results.count) replications\(Self.ruleText(outcome)), seed \(loaded.seed)"
                  + (run.runID.map { ", run \($0) in \(options.database)" } ?? ""))
            print(RunReport.table(summary: run.summary))
        }
        if outcome.interrupted { throw ExitCode(130) }
        if let baselineCheck {
            for note in baselineCheck.unmatchedScopes(in: run.summary) { Terminal.writeError("not checked: \(note)") }
            let drifts = baselineCheck.drifts(in: run.summary)
            for drift in drifts { Terminal.writeError(BaselineCheck.describe(drift)) }
            if drifts.isEmpty {
                Terminal.writeError("no drift: \(BaselineCheck.checkedMetrics.count) metrics per scope within the "
                                    + "combined 95 % CIs of \(baselineCheck.path)")
            } else if check {
                throw ExitCode(1)
            }
        }
    }

    /// The `replication_rule` member of the JSON output, present with `--replications auto`.
    static func ruleJSON(_ outcome: SimulationSession.Outcome) -> [(String, JSONValue)] {
        guard let target = outcome.target else { return [] }
        return [("replication_rule", .object([
            ("precision", .number(target.halfWidth)),
            ("metrics", .array(target.metrics.map { .string($0.rawValue) })),
            ("min_replications", .integer(Int64(target.minimum))),
            ("max_replications", .integer(Int64(target.maximum))),
            ("reached", .bool(outcome.targetReached)),
        ]))]
    }

    /// How the replication count was reached, for the table's heading.
    static func ruleText(_ outcome: SimulationSession.Outcome) -> String {
        guard let target = outcome.target else { return "" }
        let metrics = target.metrics.map(\.rawValue).joined(separator: " and ")
        return outcome.targetReached
            ? " (auto: 95 % CI half-widths of \(metrics) ≤ \(target.halfWidth))"
            : " (auto: precision \(target.halfWidth) not reached within \(target.maximum))"
    }
}
