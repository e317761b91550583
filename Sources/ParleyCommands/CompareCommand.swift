// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Reports
import Runs
import Scenarios

/// `parley compare SCENARIO --strategies a,b,c`: strategies on common random numbers, paired differences.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare assignment strategies on the same customers.",
        discussion: """
            Runs the scenario once per strategy, with the strategy set on every queue, on the same \
            seed and replications, so replication i of every strategy sees the same customers. \
            Each strategy after the first is compared with the first: per replication the \
            difference (strategy - first) of service_level, abandon_rate, asa_s, wait_p90_s and \
            occupancy, then the mean difference with a 95 % Student-t interval; a difference is \
            significant when its interval excludes 0.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp("Strategies to compare, comma-separated; the first is the baseline.",
                               valueName: "a,b,..."))
    var strategies: String

    @OptionGroup var options: SimulationOptions

    @OptionGroup var sharding: ShardOptions

    /// The strategy names, in order.
    var strategyNames: [String] {
        strategies.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        let names = strategyNames
        guard names.count >= 2 else {
            throw ValidationError("--strategies needs at least two names, such as longest_idle,least_busy")
        }
        for name in names where StrategyName(rawValue: name) == nil {
            let known = StrategyName.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown strategy '\(name)'; the strategies are \(known)")
        }
        try sharding.validate(with: options)
    }

    func run() throws {
        Interruption.install()
        let loaded = try options.loadScenario(scenario)
        let names = strategyNames
        let variants = names.map { name in
            RunSession.Variant(scenario: StrategyComparison.scenario(loaded, withStrategy: StrategyName(rawValue: name)!),
                               strategy: name)
        }
        let shard = try sharding.assignedShard()
        let session = options.session(command: "compare", shard: shard)
        let outcome = try options.execute(variants, in: session)
        let baseline = outcome.runs[0]
        let compared = outcome.runs.dropFirst().map { run in
            (run: run, differences: StrategyComparison.differences(baseline: (baseline.results, baseline.summary),
                                                                  other: (run.results, run.summary)))
        }
        // A shard's differences are over its replications only: `parley merge` records the whole run's.
        if shard == nil, let store = session.store, let baselineID = baseline.runID {
            do {
                try store.recordComparisons(StoredRows.comparisons(compared, baselineRunID: baselineID,
                                                                   baselineStrategy: names[0]))
            } catch {
                throw CommandError.failure("\(options.database): error: \(error)")
            }
        }
        let report = ComparisonReport(scenario: loaded, outcome: outcome, compared: compared)
        if options.json {
            let shardJSON = shard.map { [("shard", JSONValue.string("\($0.index)/\($0.count)"))] } ?? []
            print(report.json(extra: RunReport.ruleJSON(outcome) + shardJSON).rendered)
        } else {
            let runIDs = outcome.runs.compactMap(\.runID)
            let stored = runIDs.isEmpty ? "" : ", runs \(runIDs.map(String.init).joined(separator: ", ")) in \(options.database)"
            let shardText = shard.map { ", shard \($0.index)/\($0.count) of \(loaded.replications)" } ?? ""
            print("\(loaded.name): \(names.count) strategies on \(outcome.replications) common replications"
                  + "\(RunReport.ruleText(outcome))\(shardText), seed \(loaded.seed)\(stored)")
            print(report.table())
        }
        if outcome.interrupted { throw CommandError.interrupted() }
    }
}
