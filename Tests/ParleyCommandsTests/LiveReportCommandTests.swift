// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley report DB --live --out FILE.html`: a stored drive's latencies, throughput over time and
/// observed figures beside the simulator's prediction.
@Suite struct LiveReportCommandTests {
    /// A drive as `parley drive --db` stores it: two latencies, three seconds of throughput, the prediction.
    static func drive(scenario: String, asaObserved: Double) -> LiveRunRecord {
        var record = LiveRunRecord(
            kind: "drive", scenarioName: scenario, scenarioText: "name: \(scenario)\n", target: "http://127.0.0.1:8080",
            speed: 100, replication: 0, startedAt: "2026-12-06T09:00:00Z", endedAt: "2026-12-06T09:00:42Z", wallSeconds: 42,
            simulatedSeconds: 4200, parleyVersion: "test",
            counts: [("chats_started", 186), ("errors", 3), ("invariant_violations", 0)],
            latencies: [LiveRunRecord.Latency(name: "create_to_offer", count: 165, p50: 3093, p90: 294_911, p99: 771_071,
                                              p999: 976_891, max: 976_895, mean: 60_000),
                        LiveRunRecord.Latency(name: "request POST /v1/chats", count: 186, p50: 3207, p90: 7043, p99: 14_447,
                                              p999: 18_992, max: 19_007, mean: 4000)],
            thresholds: [LiveRunRecord.ThresholdOutcome(expression: "p99(create_to_offer)<20ms", value: 771_071, passed: false)])
        record.predictions = [
            LiveRunRecord.PredictionRow(metric: "service_level", replications: 30, windowStart: 600, windowEnd: 4200,
                                        observed: 0.7419, mean: 0.7452, halfWidth95: 0.041, low: 0.3366, high: 1),
            LiveRunRecord.PredictionRow(metric: "asa_s", replications: 30, windowStart: 600, windowEnd: 4200,
                                        observed: asaObserved, mean: 15.37, halfWidth95: 2.13, low: 0, high: 36.63),
            LiveRunRecord.PredictionRow(metric: "abandon_rate", replications: 30, windowStart: 600, windowEnd: 4200,
                                        observed: 0.1677, mean: 0.1321, halfWidth95: 0.0175, low: 0, high: 0.3066),
        ]
        record.throughput = (0..<3).map {
            LiveRunRecord.ThroughputRow(second: $0, created: 4 + $0, offered: 3 + $0, accepted: 3, requests: 12, errors: $0 == 1 ? 1 : 0,
                                        createToOfferP50: 3000, createToOfferP99: 9000 + Int64($0) * 1000)
        }
        return record
    }

    @Test func theNewestDriveIsReportedWithItsLatenciesThroughputAndPrediction() throws {
        let db = try ParleyProcess.temporaryFile("live.db", "")
        try FileManager.default.removeItem(atPath: db)
        let store = try ResultStore(path: db)
        let first = try store.recordLiveRun(Self.drive(scenario: "first-drive", asaObserved: 12.5))
        _ = try store.recordLiveRun(Self.drive(scenario: "second-drive", asaObserved: 80))
        let out = (db as NSString).deletingLastPathComponent + "/live.html"
        let output = try ParleyProcess.run(["report", db, "--live", "--out", out])
        #expect(output.status == 0, "\(output.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        ReportCommandTests.expectSelfContained(html)
        #expect(html.contains("<h1>second-drive: live drive</h1>"))
        #expect(html.contains("<dt>Target</dt><dd>127.0.0.1:8080</dd>"))
        for id in ["latencies", "throughput", "prediction"] { #expect(html.contains("<section id=\"\(id)\">"), "\(id)") }
        #expect(html.contains("<tr><th>create_to_offer</th><td>165</td><td>3.093</td><td>294.911</td><td>771.071</td>"))
        #expect(html.contains("Thresholds breached: <code>p99(create_to_offer)&lt;20ms</code>"))
        #expect(html.contains("15 chats over 3 s"))
        // The observed ASA of 80 s is outside the interval; the service level is inside.
        #expect(html.contains("<tr><th>asa_s</th><td>80.0 s</td><td>15.4 s ± 2.1 s</td><td>0 s … 36.6 s</td><td><strong>outside</strong></td></tr>"))
        #expect(html.contains("<tr><th>service_level</th><td>74.2 %</td><td>74.5 % ± 4.1 %</td><td>33.7 % … 100.0 %</td><td>inside</td></tr>"))

        // --run picks a drive by its live run id; the same drive gives the same bytes.
        let again = try ParleyProcess.run(["report", db, "--live", "--run", "\(first)", "--out", out + ".1"])
        #expect(again.status == 0)
        let firstHTML = try String(contentsOfFile: out + ".1", encoding: .utf8)
        #expect(firstHTML.contains("<h1>first-drive: live drive</h1>"))
        _ = try ParleyProcess.run(["report", db, "--live", "--run", "\(first)", "--out", out + ".2"])
        #expect(try String(contentsOfFile: out + ".2", encoding: .utf8) == firstHTML)
    }

    @Test func aFileWithoutTheDriveIsRefusedWithExit2() throws {
        let db = try ParleyProcess.temporaryFile("empty.db", "")
        try FileManager.default.removeItem(atPath: db)
        _ = try ResultStore(path: db)
        let out = (db as NSString).deletingLastPathComponent + "/none.html"
        let none = try ParleyProcess.run(["report", db, "--live", "--out", out])
        #expect(none.status == 2)
        #expect(none.stderr.contains("the file holds no drive"))
        let unknown = try ParleyProcess.run(["report", db, "--live", "--run", "7", "--out", out])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no drive with live run id 7"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
