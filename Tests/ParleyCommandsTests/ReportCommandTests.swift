// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley report DB --out FILE.html`: one self-contained, well-formed page per run.
@Suite(.serialized) struct ReportCommandTests {
    /// The small scenario with markup in a comment, which the report must show as text.
    static let scenario = RunCommandTests.small.replacingOccurrences(
        of: "name: small-team", with: "# <b>bold</b> & <script>alert(1)</script> stay text\nname: small-team")

    /// Runs the scenario into a new database and returns its path.
    static func database(replications: Int = 3) throws -> String {
        let file = try ParleyProcess.temporaryFile("small.yaml", scenario)
        let db = (file as NSString).deletingLastPathComponent + "/report.db"
        let output = try ParleyProcess.run(["run", file, "--db", db, "--replications", "\(replications)"])
        #expect(output.status == 0, "\(output.stderr)")
        return db
    }

    /// Writes the report of `run` (default the newest) and returns its text.
    static func report(_ db: String, run: Int64? = nil) throws -> String {
        let out = (db as NSString).deletingLastPathComponent + "/report-\(run ?? 0).html"
        let output = try ParleyProcess.run(["report", db, "--out", out] + (run.map { ["--run", "\($0)"] } ?? []))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        return try String(contentsOfFile: out, encoding: .utf8)
    }

    /// The checks every report passes.
    static func expectSelfContained(_ html: String) {
        #expect(HTMLStructure.nestingProblem(in: html) == nil, "\(HTMLStructure.nestingProblem(in: html) ?? "")")
        for tag in ["svg", "table", "section"] {
            #expect(HTMLStructure.count("<\(tag)", in: html) == HTMLStructure.count("</\(tag)>", in: html), "\(tag)")
        }
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.lowercased().contains("<script"))
        #expect(HTMLStructure.count("<svg", in: html) >= 3)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aRunReportIsSelfContainedAndEscapesTheScenario() throws {
        let db = try Self.database()
        let html = try Self.report(db)
        Self.expectSelfContained(html)
        #expect(html.contains("# &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; stay text"))
        #expect(!html.contains("<b>bold"))
        for id in ["overview", "queues", "waits", "metrics", "scenario", "intervals", "agents"] {
            #expect(html.contains("<section id=\"\(id)\">"), "\(id)")
        }
        // Sections of tables this run has no rows in are left out.
        for id in ["comparison", "staffing"] {
            #expect(!html.contains("<section id=\"\(id)\">"), "\(id)")
        }
        #expect(html.contains("<caption>Queue chat</caption>") && html.contains("<caption>Channel whatsapp</caption>"))
        #expect(try Self.report(db, run: 1) == html, "the newest run is the default, and the page is reproducible")
    }

    @Test func laterTablesAreDrawnWhenTheyHaveRows() throws {
        let db = try Self.database(replications: 2)
        let file = try DatabaseFile(path: db)
        var intervalRows: [String] = [], agentRows: [String] = []
        for replication in 0..<2 {
            for interval in 0..<8 {
                let start = interval * 1800
                intervalRows += [
                    "(1, \(replication), 'overall', '', \(start), 'service_level', \(0.7 + 0.02 * Double(interval)))",
                    "(1, \(replication), 'queue', 'chat', \(start), 'service_level', \(0.6 + 0.03 * Double(interval)))",
                    "(1, \(replication), 'overall', '', \(start), 'queue_length', \(Double(interval % 4) + 0.5))",
                ]
            }
            for agent in 1...4 {
                agentRows.append("(1, \(replication), 'desk', 'desk-\(agent)', 2, 14400, \(9000 + agent * 100), "
                                 + "\(40 + agent), \(agent % 2))")
            }
        }
        // Replace the series the run stored with known values.
        try file.database.execute("DELETE FROM interval_metrics")
        try file.database.execute("INSERT INTO interval_metrics VALUES " + intervalRows.joined(separator: ", "))
        try file.database.execute("DELETE FROM agent_statistics")
        try file.database.execute("INSERT INTO agent_statistics VALUES " + agentRows.joined(separator: ", "))
        try file.database.execute("""
            INSERT INTO staffing_results VALUES
                (1, 'chat', 0, 'desk', 3, 0.82, 0.02, 0.04, 0.01, 1),
                (1, 'chat', 1800, 'desk', 4, 0.85, 0.02, 0.03, 0.01, 1),
                (1, 'messages', 0, 'desk', 3, 0.91, 0.03, 0.01, 0.005, 1),
                (1, 'messages', 1800, 'desk', 4, 0.70, 0.05, 0.06, 0.02, 0)
            """)
        let html = try Self.report(db)
        Self.expectSelfContained(html)
        for id in ["intervals", "agents", "staffing"] {
            #expect(html.contains("<section id=\"\(id)\">"), "\(id)")
        }
        #expect(html.contains("Service level per interval") && html.contains("Chats waiting per interval"))
        // desk: busy (9100 + 9200 + 9300 + 9400) × 2 over staffed 4 × 14400 × 2 slots × 2 replications.
        #expect(html.contains("<td>\(String(format: "%.1f %%", 37_000.0 * 2 / (4 * 14_400 * 2 * 2) * 100))</td>"))
        #expect(html.contains("<td class=\"text\">00:30</td>"))
        #expect(HTMLStructure.count("<svg", in: html) >= 6)
    }

    @Test func aComparedRunShowsTheComparison() throws {
        let file = try ParleyProcess.temporaryFile("slow-and-fast.yaml", CompareCommandTests.slowAndFast)
        let db = (file as NSString).deletingLastPathComponent + "/compare.db"
        let compare = try ParleyProcess.run(["compare", file, "--strategies", "longest_idle,least_busy",
                                             "--replications", "3", "--db", db])
        #expect(compare.status == 0, "\(compare.stderr)")
        for run in [Int64(1), 2] {
            let html = try Self.report(db, run: run)
            Self.expectSelfContained(html)
            #expect(html.contains("<section id=\"comparison\">"))
            #expect(html.contains("Differences from the baseline <strong>longest_idle</strong>"))
        }
        #expect(try Self.report(db, run: 2).contains("least_busy on every queue"))
    }

    @Test func aSweptRunShowsTheSweep() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", Self.scenario)
        let db = (file as NSString).deletingLastPathComponent + "/sweep.db"
        let sweep = try ParleyProcess.run(["sweep", file, "--vary", "seed=1", "--replications", "2", "--db", db])
        #expect(sweep.status == 2, "seed is not a grid key")
        let grid = try ParleyProcess.run(["sweep", file, "--vary", "agents.desk.count=2,3,4", "--replications", "2", "--db", db])
        #expect(grid.status == 0, "\(grid.stderr)")
        let html = try Self.report(db, run: 2)
        Self.expectSelfContained(html)
        #expect(html.contains("<section id=\"sweep\">"))
        #expect(html.contains("<p>3 grid points of agents.desk.count on common random numbers (runs 1–3)"))
        #expect(HTMLStructure.count("<tr class=\"this\"><td class=\"text\">3</td>", in: html) == 1)
        #expect(!(try Self.report(try Self.database())).contains("<section id=\"sweep\">"))
    }

    @Test func aMissingFileOrRunIsBadUsage() throws {
        let db = try Self.database(replications: 1)
        let out = (db as NSString).deletingLastPathComponent + "/never.html"
        let unknown = try ParleyProcess.run(["report", db, "--run", "7", "--out", out])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no run with id 7"))
        let missing = try ParleyProcess.run(["report", "/nonexistent/results.db", "--out", out])
        #expect(missing.status == 2)
        #expect(try ParleyProcess.run(["report", db]).status == 2, "--out is required")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
