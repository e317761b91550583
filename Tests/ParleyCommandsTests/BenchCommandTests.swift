// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley bench` end to end, through the built executable, on a tiny center.
///
/// No test asserts anything about how fast the engine is: the gate tests compare with
/// baselines a billion times slower or faster than any machine could measure.
@Suite(.serialized) struct BenchCommandTests {
    static let tiny = ["bench", "--agents", "30", "--queues", "3", "--decisions", "2000", "--trials", "2"]

    @Test func jsonOutputFollowsTheContract() throws {
        let output = try ParleyProcess.run(Self.tiny + ["--strategy", "least_busy", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == 1)
        let json = try output.json()
        #expect(json["decisions"] as? Int == 4000)
        for key in ["p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "max_ns", "decisions_per_s", "calibration_ns", "normalised_p50"] {
            #expect(json[key] is Double || json[key] is Int, "missing \(key)")
        }
        let quantiles = ["p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "max_ns"].compactMap { json[$0] as? Double ?? (json[$0] as? Int).map(Double.init) }
        #expect(quantiles.count == 5 && quantiles == quantiles.sorted(), "\(quantiles)")
        #expect(json["strategy"] as? String == "least_busy")
        #expect(json["agents"] as? Int == 30 && json["queues"] as? Int == 3 && json["capacity"] as? Int == 2)
        #expect(json["check"] == nil)
    }

    @Test func textOutputByDefault() throws {
        let output = try ParleyProcess.run(Self.tiny)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("longest_idle: 30 agents in 3 queues, capacity 2, seed 1\n"))
        #expect(output.stdout.contains("p99 "))
        #expect(output.stdout.contains("\np99.9          "))
    }

    @Test func checkPassesAgainstAnAbsurdlySlowBaselineAndFailsAgainstAnAbsurdlyFastOne() throws {
        let slow = try ParleyProcess.temporaryFile("slow.json", Self.baseline(normalised: 1e9))
        let pass = try ParleyProcess.run(Self.tiny + ["--baseline", slow, "--check", "--json"])
        #expect(pass.status == 0, "\(pass.stderr)")
        #expect(pass.stderr.isEmpty)
        let check = try #require(try pass.json()["check"] as? [String: Any])
        #expect(check["passed"] as? Bool == true)

        let fast = try ParleyProcess.temporaryFile("fast.json", Self.baseline(normalised: 1e-9))
        let fail = try ParleyProcess.run(Self.tiny + ["--baseline", fast, "--check"])
        #expect(fail.status == 1)
        #expect(fail.stderr.hasPrefix("routing latency regressed: normalised p50 "))
        #expect(fail.stderr.split(separator: "\n").count == 1)

        // Without --check the comparison is reported but never fails.
        let report = try ParleyProcess.run(Self.tiny + ["--baseline", fast])
        #expect(report.status == 0)
        #expect(report.stdout.contains("check          routing latency regressed"))
    }

    @Test func badUsageExitsTwo() throws {
        let baseline = try ParleyProcess.temporaryFile("b.json", Self.baseline(normalised: 1))
        let otherCenter = try ParleyProcess.temporaryFile("other.json", Self.baseline(normalised: 1, agents: 31))
        let notJSON = try ParleyProcess.temporaryFile("x.json", "p50: 3")
        let cases: [([String], String)] = [
            (Self.tiny + ["--check"], "--check needs --baseline FILE"),
            (Self.tiny + ["--strategy", "fastest"], "unknown strategy 'fastest'"),
            (Self.tiny + ["--tolerance=-1"], "--tolerance must be a non-negative number"),
            (["bench", "--agents", "0", "--queues", "1"], "--agents must be between 1 and 1000000"),
            (["bench", "--queues", "1"], "--agents"),
            (Self.tiny + ["--baseline", otherCenter, "--check"], "the baseline is for longest_idle with 31 agents"),
            (Self.tiny + ["--baseline", notJSON, "--check"], "\(notJSON):1:1: error: unexpected character 'p'"),
            (Self.tiny + ["--baseline", baseline + ".missing", "--check"], "\(baseline).missing:0:0: error: cannot read the file"),
        ]
        for (arguments, message) in cases {
            let output = try ParleyProcess.run(arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }

    @Test func theResultIsStoredWhenTheSchemaHasTheBenchmarkTable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("results.db").path
        let output = try ParleyProcess.run(Self.tiny + ["--json", "--db", path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
        let database = try Database(path: path)
        let probe = try database.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'benchmark_results'")
        _ = try probe.step()
        if probe.int64(at: 0) == 1 {
            let row = try database.prepare("SELECT agents, queues, strategy, decisions FROM benchmark_results")
            #expect(try row.step())
            #expect(row.int64(at: 0) == 30 && row.int64(at: 1) == 3 && row.string(at: 2) == "longest_idle")
            #expect(row.int64(at: 3) == 4000)
            #expect(output.stderr.isEmpty)
        } else {
            // Schema version 1 (this branch): the table arrives with migration 2.
            #expect(output.stderr == "\(path): note: no benchmark_results table in this schema version; result not stored\n")
        }
    }

    static func baseline(normalised: Double, agents: Int = 30) -> String {
        """
        {"decisions": 4000, "p50_ns": 200, "strategy": "longest_idle", "agents": \(agents), "queues": 3, \
        "capacity": 2, "normalised_p50": \(normalised)}
        """
    }
}
