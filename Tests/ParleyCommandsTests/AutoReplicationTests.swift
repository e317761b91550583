// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing

/// `--replications auto`: replications are added until the overall service level and abandon
/// rate are precise enough, and the count depends only on the seed.
@Suite(.serialized) struct AutoReplicationTests {
    static func overall(_ json: [String: Any], _ metric: String) throws -> (mean: Double, ci95: Double) {
        let overall = try #require((json["metrics"] as? [String: Any])?["overall"] as? [String: Any])
        let value = try #require(overall[metric] as? [String: Any])
        return (try #require(value["mean"] as? Double), try #require(value["ci95"] as? Double))
    }

    @Test func stopsAtTheFirstCountMeetingThePrecisionWhateverTheJobs() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let arguments = ["run", file, "--json", "--no-db", "--replications", "auto", "--precision", "0.05"]
        let one = try ParleyProcess.run(arguments + ["--jobs", "1"])
        let two = try ParleyProcess.run(arguments + ["--jobs", "2"])
        let three = try ParleyProcess.run(arguments + ["--jobs", "3"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout && two.stdout == three.stdout)
        let json = try one.json()
        let n = try #require(json["replications"] as? Int)
        #expect(n > 5 && n < 100, "this scenario needs more than the minimum and less than the maximum")
        let rule = try #require(json["replication_rule"] as? [String: Any])
        #expect(rule["reached"] as? Bool == true)
        #expect(rule["precision"] as? Double == 0.05)
        #expect(try Self.overall(json, "service_level").ci95 <= 0.05)
        #expect(try Self.overall(json, "abandon_rate").ci95 <= 0.05)

        // The same seed with one replication fewer is not yet precise enough: n is the first count that is.
        let fewer = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "\(n - 1)"]).json()
        #expect(try Self.overall(fewer, "service_level").ci95 > 0.05 || Self.overall(fewer, "abandon_rate").ci95 > 0.05)
        // And a fixed run of n replications has exactly the auto run's metrics.
        let fixed = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "\(n)"])
        #expect(fixed.stdout.hasPrefix(String(one.stdout.prefix(upTo: try #require(one.stdout.range(of: ", \"replication_rule\""))
                                                                 .lowerBound))))
    }

    @Test func stopsAtTheMaximumWhenThePrecisionIsOutOfReach() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let output = try ParleyProcess.run(["run", file, "--json", "--no-db", "--replications", "auto",
                                            "--precision", "0.0001", "--max-replications", "7"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        #expect(json["replications"] as? Int == 7)
        #expect((json["replication_rule"] as? [String: Any])?["reached"] as? Bool == false)
    }

    @Test func theStoredRunRecordsTheCountReached() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        let db = (file as NSString).deletingLastPathComponent + "/auto.db"
        let output = try ParleyProcess.run(["run", file, "--db", db, "--replications", "auto", "--precision", "0.05"])
        #expect(output.status == 0, "\(output.stderr)")
        let heading = try #require(output.stdout.split(separator: "\n").first)
        #expect(heading.contains("replications (auto: 95 % CI half-widths of service_level and abandon_rate ≤ 0.05)"))
        let count = try #require(Int(heading.split(separator: " ")[1]))
        let database = try DatabaseFile(path: db)
        #expect(try database.integer("SELECT replications FROM runs") == Int64(count))
        #expect(try database.integer("SELECT count(*) FROM replications") == Int64(count))
    }

    @Test func precisionWithoutAutoIsBadUsage() throws {
        let file = try ParleyProcess.temporaryFile("small.yaml", RunCommandTests.small)
        #expect(try ParleyProcess.run(["run", file, "--no-db", "--precision", "0.01"]).status == 2)
        #expect(try ParleyProcess.run(["run", file, "--no-db", "--replications", "auto", "--precision", "0"]).status == 2)
        #expect(try ParleyProcess.run(["run", file, "--no-db", "--replications", "many"]).status == 2)
        #expect(try ParleyProcess.run(["run", file, "--no-db", "--replications", "auto",
                                       "--max-replications", "3"]).status == 2)
    }
}
