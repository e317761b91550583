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

    @Option(help: ArgumentHelp("Run only the replication indexes i with i mod N = I (0-based) and store them with "
                               + "a shard manifest, for `parley merge`; 'auto' reads SLURM_ARRAY_TASK_ID and "
                               + "SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --shards. Needs a fixed "
                               + "--replications: run `parley run SCENARIO --replications auto` once, then shard "
                               + "the count it settled on.", valueName: "I/N|auto"))
    var shard: ShardArgument?

    @Option(help: "With --shard auto: the number of shards (needed with JOB_COMPLETION_INDEX).")
    var shards: Int?

    func validate() throws {
        if check && baseline == nil { throw ValidationError("--check needs --baseline FILE") }
        if shards != nil && shard != .auto { throw ValidationError("--shards applies only with --shard auto") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
        guard shard != nil else { return }
        if options.replications == .auto {
            throw ValidationError("--shard needs a fixed replication count, the same in every shard: run "
                                  + "`parley run SCENARIO --replications auto` once, then shard the count it "
                                  + "settled on with --replications N --shard I/N")
        }
        if options.noDatabase { throw ValidationError("--shard stores the shard in --db; it cannot be used with --no-db") }
        if baseline != nil { throw ValidationError("--baseline compares a whole run; check the merged run instead") }
    }

    /// The shard to run, or nil for the whole run.
    func assignedShard() throws(CommandError) -> Shard? {
        switch shard {
        case nil: return nil
        case .fixed(let shard): return shard
        case .auto:
            do { return try Shard.assigned(by: ProcessInfo.processInfo.environment, shards: shards) } catch {
                throw .usage(error.description)
            }
        }
    }

    func run() throws {
        Interruption.install()
        let loaded = try options.loadScenario(scenario)
        let baselineCheck: BaselineCheck?
        do { baselineCheck = try baseline.map { path throws(BaselineCheck.FileError) in try BaselineCheck(path: path) } } catch {
            throw CommandError.usage(error.description)
        }
        let shard = try assignedShard()
        let session = options.session(command: "run", shard: shard)
        let outcome = try options.execute([RunSession.Variant(scenario: loaded)], in: session)
        let run = outcome.runs[0]
        if options.json {
            let shardJSON = shard.map { [("shard", JSONValue.string("\($0.index)/\($0.count)"))] } ?? []
            print(RunReport.json(scenario: loaded.name, seed: loaded.seed, replications: run.results.count,
                                 summary: run.summary,
                                 extra: RunReport.ruleJSON(outcome) + shardJSON
                                     + RunReport.wrapUpReasonJSON(WrapUpReasonCounts(model: run.model, results: run.results))).rendered)
        } else {
            let shardText = shard.map { ", shard \($0.index)/\($0.count) of \(loaded.replications)" } ?? ""
            print("\(loaded.name): \(run.results.count) replications\(RunReport.ruleText(outcome))\(shardText), seed \(loaded.seed)"
                  + (run.runID.map { ", run \($0) in \(options.database)" } ?? ""))
            print(RunReport.table(summary: run.summary))
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
