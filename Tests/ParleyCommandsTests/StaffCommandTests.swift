// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley staff` end to end: the JSON and table it prints, the rows it stores, the plan file
/// it writes, and that `parley run` of that file reproduces the staffed run exactly.
@Suite(.serialized) struct StaffCommandTests {
    /// A Tuesday morning in hours: a staffable team (its shifts give way to the plan) and one senior.
    static let morning = """
        # A comment the plan file keeps.
        name: staff-small
        seed: 3
        replications: 4
        start: 2026-11-24T08:00
        warmup: 30m
        duration: 4h
        interval: 1h
        service_level_threshold: 30s
        queues:
          - id: support
            strategy: longest_idle
            targets: {service_level: 0.8, abandon_rate: 0.1}
        agents:
          - group: team
            count: 3
            capacity: 2
            staffable: {min: 1, max: 20}
            cost_per_hour: 30
            queues: [support]
            shifts: ["mon-fri 08:00-17:00"]
          - group: senior
            count: 1
            cost_per_hour: 45
            queues: [support]
        customers:
          - id: web
            channel: live_chat
            queue: support
            arrivals: {profile: {interval: 1h, rates_per_hour: [0, 0, 0, 0, 0, 0, 0, 0, 20, 40, 60, 40, 30, 20,
                                                               10, 10, 10, 10, 10, 10, 0, 0, 0, 0]}}
            patience: {dist: exponential, mean: 3m}
            handle_time: {dist: exponential, mean: 5m}
        """

    @Test func jsonRowsPlanFileAndTheRunOfThePlan() throws {
        let file = try ParleyProcess.temporaryFile("morning.yaml", Self.morning)
        let directory = (file as NSString).deletingLastPathComponent
        let db = directory + "/staff.db", plan = directory + "/plan.yaml"
        let output = try ParleyProcess.run(["staff", file, "--json", "--db", db, "--plan-out", plan, "--jobs", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == 1)
        #expect(output.stderr.contains("searched 4 intervals in "))
        let json = try output.json()
        #expect(json["scenario"] as? String == "staff-small" && json["rule"] as? String == "ci")
        #expect(json["seed"] as? Int == 3 && json["replications"] as? Int == 4)
        #expect(json["all_targets_met"] as? Bool == true)
        let intervals = try #require(json["intervals"] as? [[String: Any]])
        #expect(intervals.map { $0["start"] as? Int } == [0, 3600, 7200, 10800])
        #expect(intervals.map { $0["local_time"] as? String } == ["tue 08:00", "tue 09:00", "tue 10:00", "tue 11:00"])
        let teams = intervals.compactMap { ($0["groups"] as? [String: Int])?["team"] }
        #expect(teams.count == 4 && teams.allSatisfy { (1...20).contains($0) })
        #expect(intervals.allSatisfy { ($0["groups"] as? [String: Int])?["senior"] == 1 })
        for key in ["service_level", "abandon_rate", "asa_s"] {
            #expect(intervals.allSatisfy { ($0[key] as? [String: Any])?["mean"] is Double }, "\(key)")
        }
        #expect(intervals.allSatisfy { $0["erlang_c"] is Int && $0["erlang_a"] is Int && $0["estimate"] is Int })
        let hours = try #require(json["agent_hours"] as? Double)
        #expect(hours == Double(teams.reduce(0, +)))
        #expect(json["cost"] as? Double == hours * 30)
        let runID = try #require(json["run_id"] as? Int)

        let stored = try DatabaseFile(path: db)
        #expect(try stored.integer("SELECT count(*) FROM staffing_results WHERE run_id = \(runID)") == 8)
        #expect(try stored.texts("SELECT agents FROM staffing_results WHERE agent_group = 'team' ORDER BY interval_start_s")
                == teams.map(String.init))
        #expect(try stored.text("SELECT command FROM runs WHERE id = \(runID)") == "staff")

        let text = try String(contentsOfFile: plan, encoding: .utf8)
        #expect(text.hasPrefix("# Written by parley staff "))
        #expect(text.contains("# A comment the plan file keeps.") && !text.contains("shifts"))
        let rerun = try ParleyProcess.run(["run", plan, "--db", db, "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let rerunID = try stored.integer("SELECT max(id) FROM runs")
        #expect(rerunID != Int64(runID))
        let rows = try stored.integer("SELECT count(*) FROM interval_metrics WHERE run_id = \(runID)")
        #expect(rows > 0)
        #expect(try stored.integer("""
            SELECT count(*) FROM interval_metrics a JOIN interval_metrics b
              ON a.replication = b.replication AND a.scope = b.scope AND a.scope_id = b.scope_id
             AND a.interval_start_s = b.interval_start_s AND a.metric = b.metric
            WHERE a.run_id = \(runID) AND b.run_id = \(rerunID) AND a.value IS b.value
            """) == rows)

        let html = try ReportCommandTests.report(db, run: Int64(runID))
        #expect(html.contains("<section id=\"staffing\">"))
    }

    @Test func tableWithTheMeanRule() throws {
        let file = try ParleyProcess.temporaryFile("morning.yaml", Self.morning)
        let output = try ParleyProcess.run(["staff", file, "--rule", "mean", "--no-db", "--replications", "3"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "staff-small: rule mean, 3 replications, seed 3")
        let columns = lines[1].components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        #expect(columns == ["interval", "queue", "team*", "senior", "service level", "abandon rate", "ASA s",
                            "Erlang C", "Erlang A", "estimate", "met"])
        #expect(lines.filter { $0.hasPrefix("tue ") }.count == 4)
        #expect(lines.last == "targets met in 4 of 4 queue intervals")
    }

    @Test func scenariosAndOptionsItCannotSearchExit2() throws {
        let noTargets = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let output = try ParleyProcess.run(["staff", noTargets, "--no-db"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: no queue has targets; add, for example, targets: {service_level: 0.8} to a queue"))
        let file = try ParleyProcess.temporaryFile("morning.yaml", Self.morning)
        let auto = try ParleyProcess.run(["staff", file, "--no-db", "--replications", "auto"])
        #expect(auto.status == 2 && auto.stderr.contains("parley staff needs a fixed number of replications"))
        #expect(try ParleyProcess.run(["staff", file, "--no-db", "--rule", "best"]).status == 2)
        let one = try ParleyProcess.run(["staff", file, "--no-db", "--replications", "1"])
        #expect(one.status == 2 && one.stderr.contains("the ci rule needs at least 2 replications"))
        let unstaffable = try ParleyProcess.run(["staff", file, "--no-db", "--set", "agents.team.staffable.max=0"])
        #expect(unstaffable.status == 2 && unstaffable.stderr.contains("agents[0].staffable.max: must be at least 1"))
    }
}
