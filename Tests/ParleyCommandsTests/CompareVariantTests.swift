// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley compare --variant NAME:key=value…`: any `--set` variants on common random numbers.
@Suite(.serialized) struct CompareVariantTests {
    static func file() throws -> String {
        try ParleyProcess.temporaryFile("slow-and-fast.yaml", CompareCommandTests.slowAndFast)
    }

    @Test func aStrategyVariantGivesExactlyTheStrategyComparison() throws {
        let file = try Self.file()
        let byStrategy = try ParleyProcess.run(["compare", file, "--strategies", "longest_idle,least_busy",
                                                "--json", "--no-db", "--replications", "3"])
        let byVariant = try ParleyProcess.run(["compare", file, "--variant", "as-is:",
                                               "--variant", "lb:queues.support.strategy=least_busy",
                                               "--json", "--no-db", "--replications", "3"])
        #expect(byStrategy.status == 0 && byVariant.status == 0, "\(byVariant.stderr)")
        let strategyRows = try CompareCommandTests.comparisons(byStrategy.json())
        let variantJSON = try byVariant.json()
        let variantRows = try CompareCommandTests.comparisons(variantJSON)
        #expect(variantJSON["baseline"] as? String == "as-is")
        #expect(variantRows.allSatisfy { $0["variant"] as? String == "lb" && $0["strategy"] == nil })
        #expect(variantRows.map { $0["metric"] as? String } == strategyRows.map { $0["metric"] as? String })
        #expect(variantRows.map { $0["mean_diff"] as? Double } == strategyRows.map { $0["mean_diff"] as? Double })
        #expect(variantRows.map { $0["ci95"] as? Double } == strategyRows.map { $0["ci95"] as? Double })
        let variants = try #require(variantJSON["variants"] as? [[String: Any]])
        #expect(variants.map { $0["variant"] as? String } == ["as-is", "lb"])
        #expect(variants.map { $0["settings"] as? [String] } == [[], ["queues.support.strategy=least_busy"]])
        #expect(variantJSON["strategies"] == nil)
    }

    @Test func moreCustomersRaiseOccupancyAndIdenticalVariantsDifferByZero() throws {
        let output = try ParleyProcess.run(["compare", try Self.file(), "--variant", "base:",
                                            "--variant", "same:", "--variant",
                                            "busier:customers.web.arrivals.rate_per_hour=320,agents.slow.speed=0.02",
                                            "--json", "--no-db", "--replications", "4"])
        #expect(output.status == 0, "\(output.stderr)")
        let rows = try CompareCommandTests.comparisons(output.json())
        for row in rows where row["variant"] as? String == "same" {
            #expect(row["mean_diff"] as? Double == 0 && row["ci95"] as? Double == 0, "\(row)")
        }
        let occupancy = try #require(rows.first { $0["variant"] as? String == "busier" && $0["metric"] as? String == "occupancy" })
        let difference = try #require(occupancy["mean_diff"] as? Double)
        let halfWidth = try #require(occupancy["ci95"] as? Double)
        #expect(difference - halfWidth > 0, "a third more customers on the same agents: \(difference) ± \(halfWidth)")
    }

    @Test func variantsAreStoredUnderTheirNames() throws {
        let file = try Self.file()
        let db = (file as NSString).deletingLastPathComponent + "/variants.db"
        let output = try ParleyProcess.run(["compare", file, "--variant", "base:", "--variant",
                                            "lb:queues.support.strategy=least_busy", "--replications", "2", "--db", db])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("slow-and-fast: 2 variants on 2 common replications, seed 5, runs 1, 2 in "))
        #expect(output.stdout.contains("lb       occupancy"), "\(output.stdout)")
        #expect(output.stdout.contains("variant  metric"), "\(output.stdout)")
        let store = try ResultStore(path: db)
        let runs = try store.runs()
        #expect(runs.count == 2 && runs.allSatisfy { $0.command == "compare" && $0.status == .complete })
        let rows = try store.comparisons(involving: runs[1].id)
        #expect(rows.count == 5 && rows.allSatisfy { $0.baselineStrategy == "base" && $0.strategy == "lb" })
        let html = (db as NSString).deletingLastPathComponent + "/variants.html"
        let report = try ParleyProcess.run(["report", db, "--run", "\(runs[1].id)", "--out", html])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("Variant comparison") && page.contains("<th scope=\"col\">variant</th>"))
        #expect(page.contains("<th scope=\"row\">lb</th>") && page.contains("<strong>base</strong>"))
    }

    @Test("bad variants exit 2 naming the variant", arguments: [
        (["--variant", "base:"], "--variant needs at least two variants"),
        (["--variant", "a:", "--variant", "a:agents.fast.count=4"], "--variant a is given twice"),
        (["--variant", "a:", "--variant", "b:seed=3"], "--variant b: 'seed' is shared by every variant"),
        (["--variant", "a:", "--variant", "b agents.fast.count=4"], "needs the form NAME:key=value"),
        (["--variant", "a:", "--variant", "b:agents.fast.count=0"], "--variant b: --set:0:0: error: agents[1].count:"),
        (["--variant", "a:", "--variant", "b:agents.fast"], "--variant b: 'agents.fast' is not key.path=value"),
        (["--variant", "a:", "--strategies", "least_busy,random"], "give either --strategies or --variant, not both"),
        ([], "give --strategies a,b,... or two or more --variant"),
        (["--variant", "a:", "--variant", "b:agents.fast.count=4", "--shard", "0/2"], "--shard works with --strategies only"),
    ])
    func badVariantsExitTwo(arguments: [String], message: String) throws {
        let output = try ParleyProcess.run(["compare", try Self.file(), "--no-db", "--replications", "1"] + arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }
}
