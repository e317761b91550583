// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Reports
import Runs
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

    @OptionGroup var sharding: ShardOptions

    func validate() throws {
        if check && baseline == nil { throw ValidationError("--check needs --baseline FILE") }
        try sharding.validate(with: options)
        if sharding.shard != nil && baseline != nil {
            throw ValidationError("--baseline compares a whole run; check the merged run instead")
        }
    }

    func run() throws {
        Interruption.install()
        let loaded = try options.loadScenario(scenario)
        let baselineCheck: BaselineCheck?
        do { baselineCheck = try baseline.map { path throws(BaselineCheck.FileError) in try BaselineCheck(path: path) } } catch {
            throw CommandError.usage(error.description)
        }
        let shard = try sharding.assignedShard()
        let session = options.session(command: "run", shard: shard)
        let outcome = try options.execute([RunSession.Variant(scenario: loaded)], in: session)
        let run = outcome.runs[0]
        if options.json {
            let shardJSON = shard.map { [("shard", JSONValue.string("\($0.index)/\($0.count)"))] } ?? []
            print(RunReport.json(scenario: loaded.name, seed: loaded.seed, replications: run.results.count,
                                 summary: run.summary,
                                 extra: RunReport.ruleJSON(outcome) + shardJSON
                                     + RunReport.wrapUpReasonJSON(WrapUpReasonCounts(model: run.model, results: run.results))
                                     + RunReport.templateUseJSON(TemplateUseCounts(model: run.model, results: run.results))
                                     + RunReport.serviceCountJSON(ServiceCounts(model: run.model, results: run.results))).rendered)
        } else {
            let shardText = shard.map { ", shard \($0.index)/\($0.count) of \(loaded.replications)" } ?? ""
            print("\(loaded.name): \(run.results.count) replications\(RunReport.ruleText(outcome))\(shardText), seed \(loaded.seed)"
                  + (run.runID.map { ", run \($0) in \(options.database)" } ?? ""))
            print(RunReport.table(summary: run.summary))
            let templateUses = RunReport.templateUseTable(TemplateUseCounts(model: run.model, results: run.results))
            if !templateUses.isEmpty { print(templateUses) }
            let serviceCounts = RunReport.serviceCountTable(ServiceCounts(model: run.model, results: run.results))
            if !serviceCounts.isEmpty { print(serviceCounts) }
        }
        if outcome.interrupted { throw CommandError.interrupted() }
        guard let baselineCheck else { return }
        for note in baselineCheck.unmatchedScopes(in: run.summary) { Terminal.writeError("not checked: \(note)") }
        let drifts = baselineCheck.drifts(in: run.summary)
        for drift in drifts { Terminal.writeError(BaselineCheck.describe(drift)) }
        if drifts.isEmpty {
            Terminal.writeError("no drift: \(BaselineCheck.checkedMetrics.count) metrics per scope within the "
                                + "combined 95 % CIs of \(baselineCheck.path)")
        } else if check {
            throw CommandError.failure("")
        }
    }
}
