// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import ResultStorage
import Reports
import Runs
import Scenarios

/// `parley compare SCENARIO --strategies a,b,c | --variant NAME:key=value…`: variants on common
/// random numbers, paired differences.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare strategies, or any variants of a scenario, on the same customers.",
        discussion: """
            Runs the scenario once per variant on the same seed and replications, so replication \
            i of every variant sees the same customers. With --strategies a variant is the \
            scenario with that strategy set on every queue; with --variant it is the scenario \
            with that variant's settings applied after any --set (NAME:key=value,key=value; a \
            value may hold commas, as in a list). Each variant after the first is compared with \
            the first: per replication the difference (variant - first) of service_level, \
            abandon_rate, asa_s, wait_p90_s and occupancy, then the mean difference with a 95 % \
            Student-t interval; a difference is significant when its interval excludes 0.
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: ArgumentHelp("Strategies to compare, comma-separated; the first is the baseline.",
                               valueName: "a,b,..."))
    var strategies: String?

    @Option(name: .customLong("variant"),
            help: ArgumentHelp("A variant to compare, repeated two or more times; the first is the baseline. "
                                   + "NAME: alone is the scenario as given.",
                               valueName: "name:key=value,..."))
    var variantTexts: [String] = []

    @OptionGroup var options: SimulationOptions

    @OptionGroup var sharding: ShardOptions

    /// The strategy names, in order.
    var strategyNames: [String] {
        (strategies ?? "").split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The `--variant`s, read.
    func parsedVariants() throws -> [ComparisonVariant] {
        var variants: [ComparisonVariant] = []
        for text in variantTexts {
            do { variants.append(try ComparisonVariant(parsing: text)) } catch { throw ValidationError(error.description) }
        }
        return variants
    }

    func validate() throws {
        switch (strategies, variantTexts.isEmpty) {
        case (nil, true):
            throw ValidationError("give --strategies a,b,... or two or more --variant NAME:key=value,...")
        case (.some, false):
            throw ValidationError("give either --strategies or --variant, not both")
        case (.some, true):
            let names = strategyNames
            guard names.count >= 2 else {
                throw ValidationError("--strategies needs at least two names, such as longest_idle,least_busy")
            }
            for name in names where StrategyName(rawValue: name) == nil {
                let known = StrategyName.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown strategy '\(name)'; the strategies are \(known)")
            }
        case (nil, false):
            let variants = try parsedVariants()
            guard variants.count >= 2 else {
                throw ValidationError("--variant needs at least two variants; the first is the baseline")
            }
            var seen = Set<String>()
            for variant in variants where !seen.insert(variant.name).inserted {
                throw ValidationError("--variant \(variant.name) is given twice; each variant needs its own name")
            }
            if sharding.shard != nil {
                throw ValidationError("--shard works with --strategies only; run each variant's shards with "
                                          + "parley run --set …, or use parley sweep --vary with --shard")
            }
        }
        try sharding.validate(with: options)
    }

    /// The variants to run: one per strategy, or one per `--variant` loaded with its settings.
    func runVariants(_ loaded: Scenario) throws(CommandError) -> [RunSession.Variant] {
        guard !variantTexts.isEmpty else {
            return strategyNames.map { name in
                RunSession.Variant(scenario: StrategyComparison.scenario(loaded, withStrategy: StrategyName(rawValue: name)!),
                                   strategy: name)
            }
        }
        // validate() has read every --variant already.
        let parsed = (try? parsedVariants()) ?? []
        var variants: [RunSession.Variant] = []
        for variant in parsed {
            let scenario: Scenario
            do {
                scenario = try options.loadScenario(scenario: self.scenario, extraOverrides: variant.settings)
            } catch {
                throw .usage("--variant \(variant.name): \(error.message)")
            }
            variants.append(RunSession.Variant(scenario: scenario, name: variant.name, settings: variant.settings))
        }
        return variants
    }

    func run() throws {
        Interruption.install()
        let loaded = try options.loadScenario(scenario)
        let variants = try runVariants(loaded)
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
                                                                   baselineStrategy: baseline.variant.label))
            } catch {
                throw CommandError.failure("\(options.database): error: \(error)")
            }
        }
        let report = ComparisonReport(scenario: loaded, outcome: outcome, compared: compared,
                                      variants: (try? parsedVariants()) ?? [])
        if options.json {
            let shardJSON = shard.map { [("shard", JSONValue.string("\($0.index)/\($0.count)"))] } ?? []
            print(report.json(extra: RunReport.ruleJSON(outcome) + shardJSON).rendered)
        } else {
            let runIDs = outcome.runs.compactMap(\.runID)
            let stored = runIDs.isEmpty ? "" : ", runs \(runIDs.map(String.init).joined(separator: ", ")) in \(options.database)"
            let kind = variantTexts.isEmpty ? "strategies" : "variants"
            let shardText = shard.map { ", shard \($0.index)/\($0.count) of \(loaded.replications)" } ?? ""
            print("\(loaded.name): \(variants.count) \(kind) on \(outcome.replications) common replications"
                  + "\(RunReport.ruleText(outcome))\(shardText), seed \(loaded.seed)\(stored)")
            print(report.table())
        }
        if outcome.interrupted { throw CommandError.interrupted() }
    }
}
