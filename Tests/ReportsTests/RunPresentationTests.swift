// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ResultStorage
import Scenarios
import Testing
@testable import Reports
import Runs

/// The presenters read a session's outcome or a stored run, in-process.
@Suite struct RunPresentationTests {
    static func storedRun() throws -> (path: String, outcome: RunSession.Outcome) {
        var scenario = try ScenarioLoader.load(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scenarios/examples/quickstart.yaml").path,
            overrides: ["duration=1h", "warmup=0s"])
        scenario.replications = 2
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-reports-\(UUID().uuidString).db").path
        let session = RunSession(options: .init(database: path, recordsChats: false, jobs: 2, precisionTarget: nil,
                                                command: "run"))
        return (path, try session.execute([.init(scenario: scenario)]))
    }

    @Test func runJSONHasTheContractKeysInOrder() throws {
        let (_, outcome) = try Self.storedRun()
        let run = outcome.runs[0]
        let json = RunReport.json(scenario: "quickstart", seed: 42, replications: 2, summary: run.summary).rendered
        #expect(json.hasPrefix("{\"scenario\": \"quickstart\", \"seed\": 42, \"replications\": 2, \"metrics\": {\"overall\": {"))
        #expect(json.contains("\"queues\": {\"sales\": {"))
        #expect(RunReport.ruleJSON(outcome).isEmpty, "a fixed count has no replication rule")
    }

    @Test func theHTMLReportOfAStoredRunIsSelfContained() throws {
        let (path, outcome) = try Self.storedRun()
        let data = try ReportData(store: try ResultStore(path: path), runID: outcome.runs[0].runID)
        let html = HTMLReport(data: data).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg") && html.contains("quickstart"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html == HTMLReport(data: data).render(), "the same run gives the same bytes")
    }
}
