// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import ParleyCommands

/// `parley erlang` end to end, through the built executable.
@Suite struct ErlangCommandTests {
    /// The textbook example: 100 chats per 30 min, AHT 180 s, 14 agents: P(wait) 0.1741, SL(20 s) 0.8884, ASA 7.8359 s.
    @Test func textbookExampleToThreeDecimals() throws {
        let output = try ParleyProcess.run(["erlang", "c", "--rate", "100/30m", "--aht", "180", "--agents", "14",
                                            "--threshold", "20s", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        func value(_ key: String) throws -> Double { try #require(json[key] as? Double, "missing \(key)") }
        #expect(try (value("p_wait") * 1000).rounded() == (0.1741 * 1000).rounded())
        #expect(try (value("service_level") * 1000).rounded() == (0.8884 * 1000).rounded())
        #expect(try (value("asa_s") * 1000).rounded() == (7.8359 * 1000).rounded())
        #expect(json["model"] as? String == "erlang_c")
        #expect(json["agents"] as? Int == 14)
        #expect(try value("arrival_rate_per_hour") == 200)
        #expect(output.stdout.split(separator: "\n").count == 1)
    }

    @Test func textOutputIsAlignedFigures() throws {
        let output = try ParleyProcess.run(["erlang", "c", "--rate", "200/h", "--aht", "3m", "--agents", "14"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Erlang C (M/M/14): 200 chats/h, AHT 180 s, threshold 20 s")
        #expect(lines.contains("probability of waiting  0.174132"))
        #expect(lines.contains("service level (≤ 20 s)  0.888350"))
        #expect(lines.contains("ASA, answered chats     7.8359 s"))
        // Every value starts in the column after the longest label and two spaces.
        let column = "probability of waiting  ".count
        for line in lines.dropFirst() {
            let characters = Array(line)
            let aligned = characters.count > column && characters[column] != " "
                && characters[column - 1] == " " && characters[column - 2] == " "
            #expect(aligned, "value not in column \(column): '\(line)'")
        }
    }

    /// The Erlang-A benchmark of shared/validation/cases.json, through the command line.
    @Test func erlangABenchmark() throws {
        let output = try ParleyProcess.run(["erlang", "a", "--rate", "2/m", "--aht", "4m", "--patience", "2m",
                                            "--agents", "10", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        let expected: [(String, Double, Double)] = [("p_wait", 0.247519, 5e-7), ("abandon_rate", 0.0684054, 5e-8),
                                                    ("service_level", 0.825157, 5e-7), ("mean_wait_s", 0.136811 * 60, 3e-5),
                                                    ("asa_s", 0.110174 * 60, 3e-5), ("occupancy", 0.745276, 5e-7)]
        for (key, value, tolerance) in expected {
            let mine = try #require(json[key] as? Double, "missing \(key)")
            #expect(abs(mine - value) <= tolerance, "\(key): \(mine) vs \(value)")
        }
        #expect(json["patience_s"] as? Double == 120)
    }

    @Test func targetServiceLevelGivesTheFewestAgents() throws {
        let output = try ParleyProcess.run(["erlang", "c", "--rate", "200/h", "--aht", "3m", "--target-sl", "0.8", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        #expect(json["agents"] as? Int == 14)
        #expect(json["target_service_level"] as? Double == 0.8)
        let text = try ParleyProcess.run(["erlang", "a", "--rate", "120/h", "--aht", "4m", "--patience", "2m",
                                          "--target-sl", "0.9", "--max-abandon", "0.02"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("fewest agents (service level ≥ 0.9, abandonment ≤ 0.02)  13"), "\(text.stdout)")
    }

    /// Every accepted spelling of one rate gives the same figures.
    @Test func rateSpellingsAgree() throws {
        var outputs: [String] = []
        for rate in ["200/h", "200", "100/30m", "3.3333333333333335/m", "4800/d"] {
            let output = try ParleyProcess.run(["erlang", "c", "--rate", rate, "--aht", "3m", "--agents", "14", "--json"])
            #expect(output.status == 0, "\(rate): \(output.stderr)")
            let json = try output.json()
            outputs.append(String(format: "%.9f", json["p_wait"] as? Double ?? -1))
        }
        #expect(Set(outputs).count == 1, "\(outputs)")
    }

    @Test func thousandsOfAgentsStayFinite() throws {
        let output = try ParleyProcess.run(["erlang", "a", "--rate", "28000/h", "--aht", "4m", "--patience", "2m",
                                            "--agents", "2000", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        for key in ["p_wait", "abandon_rate", "service_level", "occupancy"] {
            let value = try #require(json[key] as? Double, "\(key) missing or null")
            #expect((0...1).contains(value), "\(key) = \(value)")
        }
    }

    static let badInputs: [([String], String)] = [
        (["c", "--rate", "12/x", "--aht", "4m", "--agents", "3"], "The value '12/x' is invalid for '--rate <rate>'"),
        (["c", "--rate", "0/h", "--aht", "4m", "--agents", "3"], "--rate '0/h' is not a positive rate"),
        (["c", "--rate", "120/h", "--aht", "4 min", "--agents", "3"], "The value '4 min' is invalid for '--aht <aht>'"),
        (["c", "--rate", "120/h", "--aht", "30m1h", "--agents", "3"], "The value '30m1h' is invalid for '--aht <aht>'"),
        (["a", "--rate", "120/h", "--aht", "4m", "--agents", "10"], "Erlang A needs --patience"),
        (["c", "--rate", "120/h", "--aht", "4m", "--agents", "10", "--patience", "2m"], "--patience applies to Erlang A and chat only"),
        (["c", "--rate", "120/h", "--aht", "4m"], "give --agents N for its figures, or --target-sl X"),
        (["c", "--rate", "120/h", "--aht", "4m", "--target-sl", "1"], "--target-sl must lie strictly between 0 and 1"),
        (["c", "--rate", "120/h", "--aht", "4m", "--agents", "0"], "--agents must be between 1 and 1000000"),
        (["c", "--rate", "120/h", "--aht", "4m", "--agents", "8"], "Erlang C is unstable with 8 agents"),
        (["x", "--rate", "120/h", "--aht", "4m", "--agents", "8"], "The value 'x' is invalid for '<model>'"),
    ]

    @Test(arguments: badInputs)
    func badInputExitsTwoWithAClearMessage(arguments: [String], message: String) throws {
        let output = try ParleyProcess.run(["erlang"] + arguments)
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    /// Erlang B: B(1, 1) = 1/2, B(2, 1) = 1/5, and the 1 % table value for 10 Erlangs is 18 agents.
    @Test func erlangBAgainstExactValuesAndTheTable() throws {
        func figures(_ arguments: [String]) throws -> [String: Any] {
            let output = try ParleyProcess.run(["erlang", "b", "--json"] + arguments)
            #expect(output.status == 0, "\(output.stderr)")
            return try output.json()
        }
        let one = try figures(["--rate", "60/h", "--aht", "1m", "--agents", "1"])
        #expect(one["model"] as? String == "erlang_b")
        #expect(abs((one["blocking_probability"] as? Double ?? 0) - 0.5) < 1e-12)
        #expect(abs((one["carried_load"] as? Double ?? 0) - 0.5) < 1e-12)
        let two = try figures(["--rate", "60/h", "--aht", "1m", "--agents", "2"])
        #expect(abs((two["blocking_probability"] as? Double ?? 0) - 0.2) < 1e-12)
        #expect(abs((two["occupancy"] as? Double ?? 0) - 0.4) < 1e-12)
        let table = try figures(["--rate", "200/h", "--aht", "3m", "--max-blocking", "0.01"])
        #expect(table["agents"] as? Int == 18)
        #expect((table["blocking_probability"] as? Double ?? 1) <= 0.01)
        let text = try ParleyProcess.run(["erlang", "b", "--rate", "200/h", "--aht", "3m", "--agents", "18"])
        #expect(text.stdout.hasPrefix("Erlang B (M/M/18/18, lost when all busy): 200 chats/h, AHT 180 s\n"))
    }

    /// A chat team of one slot per agent is Erlang C (no patience) or Erlang A (with patience).
    @Test(arguments: [[String](), ["--patience", "2m"]])
    func chatTeamOfOneSlotIsErlangCOrA(patience: [String]) throws {
        let common = ["--rate", "200/h", "--aht", "3m", "--agents", "12", "--json"] + patience
        let chat = try ParleyProcess.run(["erlang", "chat", "--capacity", "1"] + common).json()
        let classic = try ParleyProcess.run(["erlang", patience.isEmpty ? "c" : "a"] + common).json()
        #expect(chat["model"] as? String == "erlang_chat")
        for key in ["p_wait", "service_level", "asa_s", "mean_wait_s", "occupancy"] + (patience.isEmpty ? [] : ["abandon_rate"]) {
            let a = try #require(chat[key] as? Double, "\(key)"), b = try #require(classic[key] as? Double, "\(key)")
            #expect(abs(a - b) < 1e-9 * max(1, abs(b)), "\(key): chat \(a), classic \(b)")
        }
    }

    /// The fewest agents of a chat team meet the target, and one agent fewer does not.
    @Test func chatTeamFewestAgentsIsTheBoundary() throws {
        let team = ["--rate", "120/h", "--aht", "6m", "--capacity", "3", "--slowdown", "1,1.2,1.5", "--threshold", "30s"]
        let found = try ParleyProcess.run(["erlang", "chat", "--target-sl", "0.8", "--json"] + team)
        #expect(found.status == 0, "\(found.stderr)")
        let json = try found.json()
        let agents = try #require(json["agents"] as? Int)
        #expect((json["service_level"] as? Double ?? 0) >= 0.8)
        #expect(json["slowdown"] as? [Double] == [1, 1.2, 1.5])
        let fewer = try ParleyProcess.run(["erlang", "chat", "--agents", "\(agents - 1)", "--json"] + team)
        if fewer.status == 0 {
            #expect((try fewer.json()["service_level"] as? Double ?? 1) < 0.8)
        } else {
            #expect(fewer.stderr.contains("the chat team is unstable with \(agents - 1) agents"))
        }
    }

    @Test(arguments: [
        (["chat", "--rate", "60/h", "--aht", "4m", "--agents", "2"], "'parley erlang chat' needs --capacity"),
        (["chat", "--rate", "60/h", "--aht", "4m", "--agents", "2", "--capacity", "2", "--slowdown", "1"],
         "--slowdown needs 2 positive factors"),
        (["c", "--rate", "60/h", "--aht", "4m", "--agents", "2", "--capacity", "2"], "--capacity and --slowdown apply to"),
        (["b", "--rate", "60/h", "--aht", "4m", "--target-sl", "0.8"], "Erlang B has no waiting"),
        (["b", "--rate", "60/h", "--aht", "4m", "--max-blocking", "2"], "--max-blocking must lie strictly between 0 and 1"),
        (["c", "--rate", "60/h", "--aht", "4m", "--max-blocking", "0.1"], "--max-blocking goes with 'parley erlang b'"),
    ])
    func newModelsRefuseBadOptions(arguments: [String], message: String) throws {
        let output = try ParleyProcess.run(["erlang"] + arguments)
        #expect(output.status == 2)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }
}
