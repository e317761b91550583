// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ResultStorage
import Testing

/// `parley merge OUT.db SHARD.db…`: shards merged into exactly the one-machine run, and what it refuses.
@Suite struct MergeCommandTests {
    /// A new empty directory for one test's files.
    static func directory() throws -> String {
        (try ParleyProcess.temporaryFile("x", "") as NSString).deletingLastPathComponent
    }

    /// Runs shard I of `count` for every I into `directory`/shard-I-of-N.db and returns the paths.
    static func shards(_ arguments: [String], count: Int, in directory: String) throws -> [String] {
        try (0 ..< count).map { index in
            let path = "\(directory)/shard-\(index)-of-\(count).db"
            let run = try ParleyProcess.run(["run"] + arguments + ["--shard", "\(index)/\(count)", "--db", path])
            #expect(run.status == 0, "\(run.stderr)")
            return path
        }
    }

    /// Merges `shards` into `output` and returns `parley show output --json`.
    static func mergedShow(_ shards: [String], into output: String) throws -> String {
        let merge = try ParleyProcess.run(["merge", output] + shards)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.hasPrefix("merged \(shards.count) shard"))
        let show = try ParleyProcess.run(["show", output, "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        return show.stdout
    }

    static let examples: [(file: String, replications: Int)] = [
        ("quickstart", 7), ("retail-week", 3), ("services-week", 3), ("staffing-week", 3),
    ]

    /// 1, 2, 3 and 7 shards (with 3 replications, four of the seven shards are empty) merge
    /// into the bytes the whole run printed, and that `show` prints of it stored whole.
    @Test(arguments: examples)
    func mergedShardsShowTheOneMachineRun(example: (file: String, replications: Int)) throws {
        let dir = try Self.directory()
        let arguments = ["scenarios/examples/\(example.file).yaml", "--replications", "\(example.replications)",
                         "--jobs", "2"]
        let whole = try ParleyProcess.run(["run"] + arguments + ["--db", "\(dir)/whole.db", "--json"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let shownWhole = try ParleyProcess.run(["show", "\(dir)/whole.db", "--json"])
        #expect(shownWhole.stdout == whole.stdout)
        for count in [1, 2, 3, 7] {
            let shards = try Self.shards(arguments, count: count, in: dir)
            let shown = try Self.mergedShow(shards.reversed(), into: "\(dir)/merged-\(count).db")
            #expect(shown == whole.stdout, "\(example.file), \(count) shards")
        }
    }

    /// `--replications auto` cannot be sharded (each shard would stop at its own count): a pilot
    /// run settles the count, the shards run that fixed count, and the merge equals the pilot.
    @Test func anAutoCountIsFixedByAPilotRunThenSharded() throws {
        let dir = try Self.directory()
        let scenario = ["scenarios/examples/quickstart.yaml", "--set", "duration=2h"]
        let refused = try ParleyProcess.run(["run"] + scenario + ["--replications", "auto", "--shard", "0/2",
                                                                  "--db", "\(dir)/x.db"])
        #expect(refused.status == 2 && refused.stderr.contains("--shard needs a fixed replication count"))
        let pilot = try ParleyProcess.run(["run"] + scenario + ["--replications", "auto", "--precision", "0.05",
                                                                "--db", "\(dir)/pilot.db", "--json"])
        #expect(pilot.status == 0, "\(pilot.stderr)")
        let count = try #require(try pilot.json()["replications"] as? Int)
        #expect(count > 2)
        let shownPilot = try ParleyProcess.run(["show", "\(dir)/pilot.db", "--json"]).stdout
        let fixed = try ParleyProcess.run(["run"] + scenario + ["--replications", "\(count)", "--no-db", "--json"])
        #expect(fixed.stdout == shownPilot)
        for shardCount in [1, 2, 3, 7] {
            let shards = try Self.shards(scenario + ["--replications", "\(count)"], count: shardCount, in: dir)
            #expect(try Self.mergedShow(shards, into: "\(dir)/merged-\(shardCount).db") == shownPilot)
        }
    }

    /// The merged run is an ordinary run: `parley report` draws it, and merging again changes nothing.
    @Test func aMergedRunIsReportedAndMergingAgainIsANoOp() throws {
        let dir = try Self.directory()
        let arguments = ["scenarios/examples/quickstart.yaml", "--set", "duration=2h", "--replications", "4", "--chats"]
        let shards = try Self.shards(arguments, count: 2, in: dir)
        let output = "\(dir)/merged.db"
        let shown = try Self.mergedShow(shards, into: output)
        let report = try ParleyProcess.run(["report", output, "--out", "\(dir)/report.html"])
        #expect(report.status == 0, "\(report.stderr)")
        let before = try Self.counts(output)
        let again = try ParleyProcess.run(["merge", output, shards[1], shards[0]])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "\(output): run 1 already holds these shards; nothing changed\n")
        #expect(try Self.counts(output) == before)
        #expect(try ParleyProcess.run(["show", output, "--json"]).stdout == shown)
        let file = try DatabaseFile(path: output)
        #expect(try file.integer("SELECT count(*) FROM merged_shards WHERE run_id = 1") == 2)
        #expect(try file.integer("SELECT count(*) FROM chats") > 0)
        #expect(try file.text("SELECT status || ' ' || replications FROM runs") == "complete 4")
    }

    /// Chat rows come through a merge whole: every column, the wrap-up reason among them, as the
    /// run on one machine stored them.
    @Test func mergedChatRowsEqualTheOneMachineRows() throws {
        let dir = try Self.directory()
        let arguments = ["scenarios/examples/services-week.yaml", "--set", "duration=6h", "--replications", "3", "--chats"]
        let whole = "\(dir)/whole.db"
        #expect(try ParleyProcess.run(["run"] + arguments + ["--db", whole]).status == 0)
        let output = "\(dir)/merged.db"
        _ = try Self.mergedShow(try Self.shards(arguments, count: 2, in: dir), into: output)
        let columns = "replication || '|' || chat || '|' || arrival_s || '|' || queue || '|' || channel || '|' || "
            + "ifnull(accepted_s, '') || '|' || ifnull(agent, '') || '|' || ifnull(wait_s, '') || '|' || outcome || '|' || "
            + "transfers || '|' || rona_count || '|' || ifnull(wrap_up_reason, '')"
        let query = "SELECT group_concat(row, char(10)) FROM (SELECT \(columns) AS row FROM chats ORDER BY replication, chat)"
        let expected = try DatabaseFile(path: whole).text(query)
        #expect(!expected.isEmpty)
        #expect(try DatabaseFile(path: output).text(query) == expected)
        #expect(try DatabaseFile(path: output).integer("SELECT count(*) FROM chats WHERE wrap_up_reason IS NOT NULL") > 0)
    }

    /// `compare --shard`: each file holds one shard run per strategy; the merge stores one run per
    /// strategy, each shown as in the whole comparison, and the whole comparison's differences.
    @Test(arguments: [2, 3])
    func comparedShardsMergeIntoTheWholeComparison(count: Int) throws {
        let dir = try Self.directory()
        let arguments = ["scenarios/examples/quickstart.yaml", "--set", "duration=2h", "--replications", "5",
                         "--strategies", "longest_idle,least_busy,round_robin"]
        let whole = try ParleyProcess.run(["compare"] + arguments + ["--db", "\(dir)/whole.db"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let shards = try (0 ..< count).map { index in
            let path = "\(dir)/compare-\(index).db"
            let shard = try ParleyProcess.run(["compare"] + arguments + ["--shard", "\(index)/\(count)", "--db", path,
                                                                         "--json"])
            #expect(shard.status == 0 && shard.stdout.hasSuffix("\"shard\": \"\(index)/\(count)\"}\n"), "\(shard.stderr)")
            return path
        }
        let output = "\(dir)/merged.db"
        let merge = try ParleyProcess.run(["merge", output] + shards)
        #expect(merge.stdout == "merged \(count) shards (5 replications) into runs 1, 2, 3 in \(output)\n", "\(merge.stderr)")
        for run in 1 ... 3 {
            let merged = try ParleyProcess.run(["show", output, "--run", "\(run)", "--json"])
            let inWhole = try ParleyProcess.run(["show", "\(dir)/whole.db", "--run", "\(run)", "--json"])
            #expect(merged.status == 0 && merged.stdout == inWhole.stdout, "run \(run)")
        }
        let (wholeStore, mergedStore) = (try ResultStore(readingAt: "\(dir)/whole.db"), try ResultStore(readingAt: output))
        #expect(try mergedStore.comparisons(involving: 1).count == 10)
        #expect(try mergedStore.comparisons(involving: 1) == (try wholeStore.comparisons(involving: 1)))
        #expect(try mergedStore.runs().map(\.strategy) == ["longest_idle", "least_busy", "round_robin"])
        let again = try ParleyProcess.run(["merge", output] + shards)
        #expect(again.stdout == "\(output): runs 1, 2, 3 already hold these shards; nothing changed\n")
        let single = "\(dir)/run-shard.db"
        #expect(try ParleyProcess.run(["run"] + arguments.prefix(5) + ["--shard", "1/\(count)", "--db", single]).status == 0)
        try Self.expectRefused(["\(dir)/other.db", shards[0], single],
                               "\(single): error: it holds 1 shard run and \(shards[0]) 3: not shards of the same runs")
        let auto = try ParleyProcess.run(["compare", "scenarios/examples/quickstart.yaml", "--strategies", "longest_idle,least_busy",
                                          "--replications", "auto", "--shard", "0/2"])
        #expect(auto.status == 2 && auto.stderr.contains("--shard needs a fixed replication count"))
    }

    /// Rows per table of a results file.
    static func counts(_ path: String) throws -> [Int64] {
        let file = try DatabaseFile(path: path)
        return try ["runs", "replications", "replication_metrics", "metric_summaries", "interval_metrics",
                    "agent_statistics", "wait_histograms", "chats", "merged_shards"].map { table in
            try file.integer("SELECT count(*) FROM \(table)")
        }
    }

    static let small = ["scenarios/examples/quickstart.yaml", "--set", "duration=1h", "--replications", "5"]

    /// Refuses, with exit 2, naming the file (or the missing shard) and the indexes, and creates no output.
    static func expectRefused(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let merge = try ParleyProcess.run(["merge"] + arguments)
        #expect(merge.status == 2, "\(merge.stderr)", sourceLocation: sourceLocation)
        #expect(merge.stderr.contains(message), "\(merge.stderr)", sourceLocation: sourceLocation)
        #expect(merge.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func missingAndDuplicatedReplicationsAreRefusedByIndex() throws {
        let dir = try Self.directory()
        let s = try Self.shards(Self.small, count: 3, in: dir)
        let output = "\(dir)/out.db"
        try Self.expectRefused([output, s[0], s[2]], "error: missing replication indexes 1, 4 (shard 1/3): give its database")
        try Self.expectRefused([output, s[0], s[1], s[2], s[1]],
                               "\(s[1]): error: duplicated replication indexes 1, 4: given 2 times")
        let copy = "\(dir)/copy.db"
        try FileManager.default.copyItem(atPath: s[2], toPath: copy)
        try Self.expectRefused([output, s[0], s[1], s[2], copy],
                               "\(s[2]), \(copy): error: duplicated replication index 2: each is in 2 of the shards given")
        #expect(!FileManager.default.fileExists(atPath: output), "nothing is created for refused shards")
    }

    @Test func shardsOfAnotherRunOrVersionAreRefused() throws {
        let dir = try Self.directory()
        let s = try Self.shards(Self.small, count: 2, in: dir)
        let seed = "\(dir)/seed.db"
        let other = try ParleyProcess.run(["run"] + Self.small + ["--seed", "7", "--shard", "1/2", "--db", seed])
        #expect(other.status == 0, "\(other.stderr)")
        try Self.expectRefused(["\(dir)/out.db", s[0], seed], "\(seed): error: not a shard of the same run as \(s[0]): seed 7 ≠ 42")
        let three = try Self.shards(Self.small, count: 3, in: dir)
        try Self.expectRefused(["\(dir)/out.db", s[0], three[1]],
                               "\(three[1]): error: not a shard of the same run as \(s[0]): shard count 3 ≠ 2")
        let settings = "\(dir)/settings.db"
        let set = try ParleyProcess.run(["run"] + Self.small + ["--set", "seed=42", "--shard", "1/2", "--db", settings])
        #expect(set.status == 0, "\(set.stderr)")
        try Self.expectRefused(["\(dir)/out.db", s[0], settings], "--set overrides 'duration=1h seed=42' ≠ 'duration=1h'")
        try DatabaseFile(path: s[1]).database.execute("UPDATE shard_manifests SET parley_version = '0.0.1'")
        try Self.expectRefused(["\(dir)/out.db", s[0], s[1]], "\(s[1]): error: not a shard of the same run as \(s[0]): "
                               + "Parley version 0.0.1 ≠ ")
    }

    @Test func aHalfWrittenShardOrAFileThatIsNoShardIsRefused() throws {
        let dir = try Self.directory()
        let s = try Self.shards(Self.small, count: 2, in: dir)
        let output = "\(dir)/out.db"
        try DatabaseFile(path: s[1]).database.execute("UPDATE runs SET status = 'running', ended_at = NULL")
        try Self.expectRefused([output, s[0], s[1]], "\(s[1]): error: shard 1/2 is half-written (run 1 is still running, "
                               + "or killed before it finished); run that shard again into a new file")
        try DatabaseFile(path: s[1]).database.execute("UPDATE runs SET status = 'interrupted', ended_at = 'x'")
        try Self.expectRefused([output, s[0], s[1]], "\(s[1]): error: shard 1/2 is half-written (run 1 is interrupted)")
        let whole = "\(dir)/whole.db"
        #expect(try ParleyProcess.run(["run"] + Self.small + ["--db", whole]).status == 0)
        try Self.expectRefused([output, whole], "\(whole): error: not a shard database: it holds no shard manifest")
        let text = try ParleyProcess.temporaryFile("notes.db", "not a database\n")
        try Self.expectRefused([output, text], "\(text): error: not a shard database")
        try Self.expectRefused([output, "\(dir)/none.db"], "\(dir)/none.db: error: no such shard database")
        try Self.expectRefused([s[0], s[0], s[1]], "\(s[0]): error: the output is one of the shards")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// An output holding other results of the same shards, or shard runs, is refused and left unchanged.
    @Test func anOutputHoldingOtherResultsOfTheseShardsIsRefused() throws {
        let dir = try Self.directory()
        let s = try Self.shards(Self.small, count: 2, in: dir)
        let output = "\(dir)/out.db"
        _ = try Self.mergedShow(s, into: output)
        let before = try Self.counts(output)
        try DatabaseFile(path: s[1]).database.execute("UPDATE replication_metrics SET value = value + 1 WHERE metric = 'asa_s'")
        try Self.expectRefused([output, s[0], s[1]], "\(output): error: run 1 already holds shard 1/2 of this run with other "
                               + "results than \(s[1]); nothing merged")
        #expect(try Self.counts(output) == before)
        let fresh = try Self.shards(Self.small, count: 2, in: try Self.directory())
        try Self.expectRefused([s[0], fresh[0], fresh[1]], "\(s[0]): error: it holds shard runs (it is a shard database)")
    }

    /// A shard opened as a results database is refused by `show` and `report`: only the merged run is the result.
    @Test func aShardIsNotShownOrReportedAsAWholeRun() throws {
        let dir = try Self.directory()
        let s = try Self.shards(Self.small, count: 2, in: dir)
        let message = "\(s[1]): error: run 1 is shard 1/2 of a run of 5 replications, not a whole run: merge the shards "
            + "first (parley merge OUT.db SHARD.db…) and give OUT.db\n"
        let show = try ParleyProcess.run(["show", s[1], "--json"])
        #expect(show.status == 2 && show.stdout.isEmpty && show.stderr == message)
        let report = try ParleyProcess.run(["report", s[1], "--out", "\(dir)/shard.html"])
        #expect(report.status == 2 && report.stderr == message)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/shard.html"))
    }

    /// A merge that fails midway (here a shard with a row the output's schema refuses) stores nothing.
    @Test func aFailedMergeLeavesTheOutputUnchanged() throws {
        let dir = try Self.directory()
        let s = try Self.shards(Self.small, count: 2, in: dir)
        let output = "\(dir)/out.db"
        #expect(try ParleyProcess.run(["run"] + Self.small + ["--db", output]).status == 0)
        let before = try Self.counts(output)
        let broken = try DatabaseFile(path: s[1]).database
        try broken.execute("PRAGMA foreign_keys = OFF")
        try broken.execute("""
            INSERT INTO interval_metrics (run_id, replication, scope, scope_id, interval_start_s, metric, value)
            VALUES (1, 99, 'queue', 'x', 0, 'asa_s', 1)
            """)
        let merge = try ParleyProcess.run(["merge", output, s[0], s[1]])
        #expect(merge.status == 1)
        #expect(merge.stderr.hasPrefix("\(output): error: SQLite error") && merge.stderr.hasSuffix("; nothing merged\n"),
                "\(merge.stderr)")
        #expect(try Self.counts(output) == before)
    }
}
