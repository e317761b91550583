// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley roster` end to end: the JSON it prints, the run it stores, the scenario it writes
/// (whose `parley run` reproduces the verified figures), and rules that cannot cover an interval.
@Suite(.serialized) struct RosterCommandTests {
    /// A Tuesday morning in hours; the staffable team works 3-hour or 2-hour shifts starting on
    /// the hour, each with a 1-hour break one hour in.
    static func morning(firstStart: String = "05:00") -> String {
        StaffCommandTests.morning
            .replacingOccurrences(of: "name: staff-small", with: "name: roster-small")
            .replacingOccurrences(of: "    shifts: [\"mon-fri 08:00-17:00\"]\n", with: "")
            .replacingOccurrences(of: "    cost_per_hour: 30\n", with: """
                    cost_per_hour: 30
                    shift_rules:
                      lengths: [3h, 2h]
                      starts: {from: "\(firstStart)", to: "12:00", every: 1h}
                      breaks: [{length: 1h, after: {min: 1h, max: 1h}}]

                """)
    }

    @Test func jsonRunAndPlanFileReproducingTheVerifiedRun() throws {
        let file = try ParleyProcess.temporaryFile("roster-morning.yaml", Self.morning())
        let directory = (file as NSString).deletingLastPathComponent
        let db = directory + "/roster.db", plan = directory + "/roster-plan.yaml"
        try? FileManager.default.removeItem(atPath: db)
        try? FileManager.default.removeItem(atPath: plan)
        let output = try ParleyProcess.run(["roster", file, "--json", "--db", db, "--plan-out", plan, "--jobs", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("solved 1 roster in "))
        let json = try output.json()
        #expect(json["scenario"] as? String == "roster-small" && json["rule"] as? String == "ci")
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.count == 1 && groups[0]["group"] as? String == "team")
        let requirement = try #require(groups[0]["requirement"] as? [Int])
        let rostered = try #require(groups[0]["rostered"] as? [Int])
        #expect(requirement.count == 168 && rostered.count == 168)
        #expect(zip(rostered, requirement).allSatisfy { $0 >= $1 })
        // Tuesday 07:00 (the warm-up) to 11:00 are required; nothing else.
        #expect(requirement.indices.filter { requirement[$0] > 0 } .allSatisfy { (31...35).contains($0) })
        #expect((32...35).allSatisfy { requirement[$0] >= 1 })
        let roster = try #require(groups[0]["roster"] as? [String: Any])
        #expect(roster["status"] as? String == "optimal" && roster["gap"] as? Double == 0)
        let hours = try #require(roster["agent_hours"] as? Double)
        #expect(hours == Double(rostered.reduce(0, +)))
        #expect(roster["cost"] as? Double == hours * 30)
        #expect(groups[0]["over_coverage_agent_hours"] as? Double == hours - Double(requirement.reduce(0, +)))
        #expect(groups[0]["erlang_c"] is [String: Any] && groups[0]["erlang_a"] is [String: Any])
        let intervals = try #require(json["intervals"] as? [[String: Any]])
        #expect(intervals.map { $0["local_time"] as? String } == ["tue 08:00", "tue 09:00", "tue 10:00", "tue 11:00"])
        // Each interval's verdict beside its judgement: met and within noise count as met, missed does not.
        for interval in intervals {
            let verdict = try #require(interval["verdict"] as? String)
            #expect(["met", "within_noise", "missed"].contains(verdict))
            #expect(interval["meets_targets"] as? Bool == (verdict != "missed"))
        }
        let rounds = try #require(json["rounds"] as? Int)
        #expect((1...3).contains(rounds))
        let runID = try #require(json["run_id"] as? Int)

        let stored = try DatabaseFile(path: db)
        #expect(try stored.text("SELECT command FROM runs WHERE id = \(runID)") == "roster")
        #expect(try stored.text("SELECT status FROM runs WHERE id = \(runID)") == "complete")
        #expect(try stored.texts("SELECT status || ' ' || rounds FROM rosters WHERE run_id = \(runID)") == ["optimal \(rounds)"])
        #expect(try stored.texts("SELECT rostered FROM roster_intervals WHERE run_id = \(runID) ORDER BY interval_s")
                == rostered.map(String.init))
        #expect(try stored.texts("SELECT required FROM roster_intervals WHERE run_id = \(runID) ORDER BY interval_s")
                == requirement.map(String.init))
        #expect(try stored.integer("SELECT CAST(sum(agents * (length_s - 3600)) / 3600 AS INTEGER) FROM roster_shifts WHERE run_id = \(runID)")
                == Int64(hours))
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        #expect(text.hasPrefix("# Written by parley roster "))
        #expect(text.contains("# Roster of team"))
        let rerun = try ParleyProcess.run(["run", plan, "--db", db, "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let rerunID = try stored.integer("SELECT max(id) FROM runs")
        let rows = try stored.integer("SELECT count(*) FROM interval_metrics WHERE run_id = \(runID)")
        #expect(rows > 0)
        #expect(try stored.integer("""
            SELECT count(*) FROM interval_metrics a JOIN interval_metrics b
              ON a.replication = b.replication AND a.scope = b.scope AND a.scope_id = b.scope_id
             AND a.interval_start_s = b.interval_start_s AND a.metric = b.metric
            WHERE a.run_id = \(runID) AND b.run_id = \(rerunID) AND a.value IS b.value
            """) == rows)

        // The report of the roster run draws its coverage: the stored requirement and rostered
        // counts per interval (Tuesday 07:00, the warm-up, to 11:00), the verdicts of the simulation.
        let html = directory + "/roster-report.html", plain = directory + "/roster-rerun-report.html"
        try? FileManager.default.removeItem(atPath: html)
        try? FileManager.default.removeItem(atPath: plain)
        let report = try ParleyProcess.run(["report", db, "--run", String(runID), "--out", html])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<section id=\"roster\">") && page.contains("<title>Roster coverage: team</title>"))
        let verdicts = Dictionary(uniqueKeysWithValues: intervals.compactMap { row -> (String, Bool)? in
            guard let time = row["local_time"] as? String, let met = row["meets_targets"] as? Bool else { return nil }
            return (time, met)
        })
        let tableRows = try Self.rosterRows(page)
        // Every required interval is shown, and those shifts cover beyond them.
        let shown = tableRows.map { 24 + Int($0.interval.dropFirst(4).prefix(2))! }
        #expect(Set(31...35).isSubset(of: shown) && shown == Array(shown.first!...shown.last!))
        #expect(tableRows.allSatisfy { $0.interval.hasPrefix("tue ") && ($0.required > 0 || $0.onShift > 0) })
        for (row, t) in zip(tableRows, shown) {
            #expect(row.required == requirement[t] && row.rostered == rostered[t])
            #expect(row.onShift >= row.rostered)
            #expect(row.met == verdicts[row.interval].map { $0 ? "yes" : "no" } ?? "—")
        }
        #expect(page.contains("targets missed") == verdicts.values.contains(false))
        #expect(try stored.integer("SELECT count(*) FROM staffing_results WHERE run_id = \(runID)") == 4)
        // A run without a roster has no roster section.
        let rerunReport = try ParleyProcess.run(["report", db, "--run", String(rerunID), "--out", plain])
        #expect(rerunReport.status == 0, "\(rerunReport.stderr)")
        #expect(!(try String(contentsOfFile: plain, encoding: .utf8)).contains("id=\"roster\""))
    }

    /// The rows of the report's roster table: interval, required, on shift, on duty after breaks, targets met.
    static func rosterRows(_ page: String) throws -> [(interval: String, required: Int, onShift: Int, rostered: Int, met: String)] {
        let table = try #require(page.range(of: "<table class=\"roster\">").map { page[$0.upperBound...] })
        let body = table[..<(table.range(of: "</table>")?.lowerBound ?? table.endIndex)]
        let pattern = try NSRegularExpression(pattern: #"<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>-?\d+</td><td(?: class="\w+")?>([^<]+)</td></tr>"#)
        let text = String(body)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            let field = { (i: Int) in String(text[Range(match.range(at: i), in: text)!]) }
            return (field(1), Int(field(2))!, Int(field(3))!, Int(field(4))!, field(5))
        }
    }

    @Test func rulesThatCannotCoverAnIntervalExit2NamingIt() throws {
        let file = try ParleyProcess.temporaryFile("roster-late.yaml", Self.morning(firstStart: "09:00"))
        let output = try ParleyProcess.run(["roster", file, "--no-db", "--replications", "3"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("error: group 'team': tue 07:00–08:00 needs "))
        #expect(output.stderr.contains("no shift its shift_rules allow covers that interval"))
        let noRules = try ParleyProcess.temporaryFile("morning.yaml", StaffCommandTests.morning)
        let missing = try ParleyProcess.run(["roster", noRules, "--no-db"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("staffable group 'team' has no shift_rules"))
    }
}

/// An interrupted `parley roster` exits 130 and stores nothing: the database is written only after the last round.
@Suite(.serialized) struct RosterInterruptionTests {
    @Test func sigintDuringTheSearchExits130AndStoresNothing() throws {
        let file = try ParleyProcess.temporaryFile("roster-morning.yaml", RosterCommandTests.morning())
        let db = (file as NSString).deletingLastPathComponent + "/roster-interrupted.db"
        try? FileManager.default.removeItem(atPath: db)
        let (process, out, err) = try StaffInterruptionTests.start(["roster", file, "--db", db]
                                                                     + StaffInterruptionTests.arguments)
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, SIGINT)
        let (stdout, stderr) = StaffInterruptionTests.finish(process, out, err)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stdout.isEmpty)
        #expect(stderr.contains("nothing stored"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}

/// `parley roster --from-run ID` takes the requirement of a stored `parley staff` run.
@Suite(.serialized) struct RosterFromRunTests {
    @Test func theStoredStaffRunsCountsAreTheRequirement() throws {
        let file = try ParleyProcess.temporaryFile("roster-from-run.yaml", RosterCommandTests.morning())
        let db = (file as NSString).deletingLastPathComponent + "/roster-from-run.db"
        try? FileManager.default.removeItem(atPath: db)
        let staff = try ParleyProcess.run(["staff", file, "--json", "--db", db, "--jobs", "2"])
        #expect(staff.status == 0, "\(staff.stderr)")
        let staffRun = try #require(try staff.json()["run_id"] as? Int)
        let teams = try #require(try staff.json()["intervals"] as? [[String: Any]])
            .compactMap { ($0["groups"] as? [String: Int])?["team"] }
        let output = try ParleyProcess.run(["roster", file, "--from-run", String(staffRun), "--json", "--db", db, "--jobs", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        let groups = try #require(try output.json()["groups"] as? [[String: Any]])
        let requirement = try #require(groups.first?["requirement"] as? [Int])
        // Tuesday 08:00–11:00 are the window (week intervals 32–35); 07:00 the warm-up, at the first count.
        #expect(Array(requirement[32...35]) == teams)
        #expect(requirement[31] == teams.first)
        #expect(groups.first?["erlang_c"] is NSNull)
        let wrong = try ParleyProcess.run(["roster", file, "--from-run", "999", "--db", db])
        #expect(wrong.status == 2)
        let rosterRun = try #require(try output.json()["run_id"] as? Int)
        let notStaff = try ParleyProcess.run(["roster", file, "--from-run", String(rosterRun), "--db", db])
        #expect(notStaff.status == 2)
        #expect(notStaff.stderr.contains("is a 'roster' run, not a staff run"))
    }
}
