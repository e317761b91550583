// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ResultStorage
import Scenarios
import Testing
import Reports
import Runs

/// A stored run, summarised again from its stored replication rows, prints the bytes the run printed.
@Suite struct StoredRunJSONTests {
    static let examples = ["quickstart", "retail-week", "services-week", "staffing-week"]

    static func example(_ name: String, replications: Int) throws -> Scenario {
        var scenario = try ScenarioLoader.load(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scenarios/examples/\(name).yaml").path,
            overrides: ["duration=6h"])
        scenario.replications = replications
        return scenario
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("parley-show-\(UUID().uuidString).db").path
    }

    @Test(arguments: examples)
    func theStoredRunPrintsTheRunsJSON(name: String) throws {
        let scenario = try Self.example(name, replications: 3)
        let path = Self.temporaryDatabase()
        let outcome = try RunSession(options: .init(database: path, recordsChats: false, jobs: 2, precisionTarget: nil,
                                                    command: "run")).execute([.init(scenario: scenario)])
        let run = outcome.runs[0]
        let reasons = WrapUpReasonCounts(model: run.model, results: run.results)
        let templateUses = TemplateUseCounts(model: run.model, results: run.results)
        let serviceCounts = ServiceCounts(model: run.model, results: run.results)
        let printed = RunReport.json(scenario: scenario.name, seed: scenario.seed, replications: run.results.count,
                                     summary: run.summary,
                                     extra: RunReport.ruleJSON(outcome) + RunReport.wrapUpReasonJSON(reasons)
                                         + RunReport.templateUseJSON(templateUses)
                                         + RunReport.serviceCountJSON(serviceCounts)).rendered
        let stored = try StoredRunSummary(store: try ResultStore(readingAt: path), runID: nil)
        #expect(stored.run.id == run.runID && stored.replications == 3)
        #expect(stored.summary.summaries == run.summary.summaries)
        let shown = RunReport.json(scenario: stored.run.scenarioName, seed: stored.run.seed,
                                   replications: stored.replications, summary: stored.summary,
                                   extra: RunReport.wrapUpReasonJSON(stored.wrapUpReasons)
                                       + RunReport.templateUseJSON(stored.templateUses)
                                       + RunReport.serviceCountJSON(stored.serviceCounts)).rendered
        #expect(shown == printed)
        #expect(stored.wrapUpReasons == reasons)
        #expect(stored.templateUses == templateUses)
        #expect(templateUses.isEmpty == (name != "services-week"))   // the only example whose agents use templates
        #expect(RunReport.templateUseTable(stored.templateUses) == RunReport.templateUseTable(templateUses))
        #expect(stored.serviceCounts == serviceCounts)
        #expect(serviceCounts.isEmpty == (name != "services-week"))   // the only example with history and tickets
        #expect(RunReport.serviceCountTable(stored.serviceCounts) == RunReport.serviceCountTable(serviceCounts))
        #expect(reasons.isEmpty == (name != "services-week"))   // the only example whose queues list reasons
        #expect(RunReport.table(summary: stored.summary) == RunReport.table(summary: run.summary))
    }
}
