// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `parley run … --baseline FILE --check` against a saved `--json` output.
@Suite(.serialized) struct DriftCheckTests {
    /// A saved baseline of the small scenario and its path.
    static func baseline() throws -> (scenario: String, baseline: String) {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let saved = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "8"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let path = (file as NSString).deletingLastPathComponent + "/baseline.json"
        try saved.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return (file, path)
    }

    @Test func anUnchangedRerunPasses() throws {
        let (file, baseline) = try Self.baseline()
        let output = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "8",
                                            "--baseline", baseline, "--check"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "no drift: 11 metrics per scope within the combined 95 % CIs of \(baseline)\n")
        #expect(try output.json()["replications"] as? Int == 8, "stdout stays the JSON object")
    }

    @Test func fewerAgentsAreFlaggedMetricByMetric() throws {
        let (file, baseline) = try Self.baseline()
        // Two agents instead of four for 60 chats an hour of about 6 minutes: the load (≈ 5.7
        // Erlang of work on 4 slots, slowed down) far exceeds what they serve, so waits and
        // abandonment jump by many times the intervals' widths.
        let output = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "8",
                                            "--set", "agents.desk.count=2", "--baseline", baseline, "--check"])
        #expect(output.status == 1, "\(output.stderr)")
        let lines = output.stderr.split(separator: "\n").map(String.init)
        let serviceLevel = try #require(lines.first { $0.hasPrefix("drift: overall service_level: ") })
        #expect(serviceLevel.contains(" ± ") && serviceLevel.contains(" -> "))
        #expect(lines.contains { $0.hasPrefix("drift: overall abandon_rate: ") })
        #expect(lines.contains { $0.hasPrefix("drift: queue chat ") })
        #expect(!lines.contains { $0.contains(" arrivals:") }, "counts are not checked")
        #expect(try output.json()["scenario"] as? String == "small-team")
        // Without --check the drift is reported but does not fail.
        let report = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "8",
                                            "--set", "agents.desk.count=2", "--baseline", baseline])
        #expect(report.status == 0)
        #expect(report.stderr.contains("drift: overall service_level: "))
    }

    @Test func aMalformedBaselineExitsTwoNamingTheFile() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let broken = try ParleyProcess.temporaryFile("broken.json", "{\"metrics\": {\n  \"overall\": {\"x\": 1,}\n}}")
        let output = try ParleyProcess.run(["run", file, "--no-db", "--baseline", broken, "--check"])
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty, "nothing ran")
        #expect(output.stderr.hasPrefix("\(broken):2:22: error: expected a key in double quotes"), "\(output.stderr)")

        let wrongShape = try ParleyProcess.temporaryFile("other.json", "{\"decisions\": 10}")
        let shape = try ParleyProcess.run(["run", file, "--no-db", "--baseline", wrongShape, "--check"])
        #expect(shape.status == 2)
        #expect(shape.stderr.hasPrefix("\(wrongShape):1:1: error: metrics: "), "\(shape.stderr)")

        let missing = try ParleyProcess.run(["run", file, "--no-db", "--baseline", "/nonexistent/b.json", "--check"])
        #expect(missing.status == 2)
        #expect(try ParleyProcess.run(["run", file, "--no-db", "--check"]).status == 2)
    }
}
