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

    /// The labelled counts print exactly: nested JSON members in label order, and text tables
    /// after a blank line and a heading; nothing at all for a run without them.
    @Test func templateUsesAndServiceCountsPrintExactly() {
        typealias Label = TemplateUseCounts.Label
        let uses = TemplateUseCounts(labels: [Label(queue: "q", category: "billing", language: "de", step: "exact"),
                                              Label(queue: "q", category: "billing", language: "fr", step: "queue_default")],
                                     perReplication: [[2, 1], [4, 1]])
        #expect(RunReport.templateUseJSON(uses).map { JSONValue.object([$0]).rendered }
                    == [#"{"template_uses_by_label": {"q": {"billing": {"de": {"exact": {"mean": 3, "ci95": 12.706204736174698}}, "#
                        + #""fr": {"queue_default": {"mean": 1, "ci95": 0}}}}}}"#])
        #expect(RunReport.templateUseTable(uses) == """

            quick-reply template uses per category, language and fallback step:
            queue  category  language  step           template uses
            -------------------------------------------------------
            q      billing   de        exact             3.0 ± 12.7
            q      billing   fr        queue_default      1.0 ± 0.0
            """)
        let counts = ServiceCounts(names: [.historyLookups, .outOfHoursTickets], scopes: ["", "q"],
                                   perReplication: [[[2, 5], [2, 5]], [[4, 5], [4, 5]]])
        #expect(RunReport.serviceCountJSON(counts).map { JSONValue.object([$0]).rendered }
                    == [#"{"service_counts": {"overall": {"history_lookups": {"mean": 3, "ci95": 12.706204736174698}, "#
                        + #""out_of_hours_tickets": {"mean": 5, "ci95": 0}}, "queues": {"q": {"history_lookups": "#
                        + #"{"mean": 3, "ci95": 12.706204736174698}, "out_of_hours_tickets": {"mean": 5, "ci95": 0}}}}}"#])
        #expect(RunReport.serviceCountTable(counts) == """

            conversation services (history, archive, deletion, tickets, calls, internal chats, template searches):
            service count            overall     queue q
            --------------------------------------------
            history_lookups       3.0 ± 12.7  3.0 ± 12.7
            out_of_hours_tickets   5.0 ± 0.0   5.0 ± 0.0
            """)
        let none = ServiceCounts(names: [], scopes: [], perReplication: [[], []])
        #expect(RunReport.serviceCountJSON(none).isEmpty && RunReport.serviceCountTable(none).isEmpty)
        let noUses = TemplateUseCounts(labels: [], perReplication: [[], []])
        #expect(RunReport.templateUseJSON(noUses).isEmpty && RunReport.templateUseTable(noUses).isEmpty)
    }
}
