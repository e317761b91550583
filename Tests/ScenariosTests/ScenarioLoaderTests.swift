// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyTime
import Testing
@testable import Scenarios

@Suite("Loading valid scenarios")
struct ScenarioLoaderTests {
    @Test("the minimal scenario of SPEC §3.1 loads as written")
    func minimalExample() throws {
        let scenario = try ScenarioLoader.load(yaml: Fixture.minimalText, file: "scenarios/erlang-a.yaml")
        let expected = Scenario(
            name: "erlang-a-bench", seed: 7, replications: 10, warmup: .hours(2), duration: .hours(100),
            drainLimit: .hours(24), serviceLevelThreshold: .seconds(20),
            queues: [QueueSpec(id: "support", strategy: .longestIdle, priority: 0, serviceLevelThreshold: nil)],
            agentGroups: [AgentGroupSpec(name: "team", count: 10, capacity: 1, speed: 1, slowdown: [1],
                                         queues: ["support"])],
            customerStreams: [CustomerStreamSpec(id: "web", channel: .liveChat, queue: "support",
                                                 arrivals: .poisson(ratePerHour: 120),
                                                 patience: .exponential(mean: 120),
                                                 handleTime: .exponential(mean: 240))],
            sourceText: Fixture.minimalText, sourceFile: "scenarios/erlang-a.yaml")
        #expect(scenario == expected)
    }

    @Test("omitted keys take the defaults of SPEC §3.1")
    func defaults() throws {
        let yaml = """
            name: defaults
            seed: 0
            duration: 1h
            queues:
              - {id: q, strategy: least_busy}
            agents:
              - {group: g, count: 10, queues: [q]}
            customers:
              - id: c
                channel: sms
                queue: q
                arrivals: {rate_per_hour: 120}
                handle_time: {dist: constant, value: 4m}
            """
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "d.yaml")
        #expect(scenario.replications == 10)
        #expect(scenario.warmup == .zero)
        #expect(scenario.drainLimit == .hours(24))
        #expect(scenario.serviceLevelThreshold == .seconds(20))
        #expect(scenario.queues == [QueueSpec(id: "q", strategy: .leastBusy, priority: 0, serviceLevelThreshold: nil)])
        #expect(scenario.agentGroups == [AgentGroupSpec(name: "g", count: 10, capacity: 1, speed: 1, slowdown: [1],
                                                        queues: ["q"])])
        #expect(scenario.customerStreams[0].patience == nil)
        #expect(scenario.customerStreams[0].channel == .sms)
        #expect(scenario.sourceFile == "d.yaml")
        #expect(scenario.sourceText == yaml)
    }

    @Test("every accepted key is read into the scenario")
    func everyAcceptedKey() throws {
        let yaml = """
            name: full
            seed: 18446744073709551615
            replications: 3
            warmup: 30m
            duration: 8h
            drain_limit: 2h
            service_level_threshold: 60s
            queues:
              - id: chat
                strategy: longest_idle
                priority: 2
                service_level_threshold: 30s
              - id: messaging
                strategy: least_busy
                priority: -1
            agents:
              - group: seniors
                count: 4
                capacity: 3
                speed: 1.25
                slowdown: [1, 1.2, 1.45]
                queues: [chat, messaging]
              - group: juniors
                count: 6
                queues: [messaging]
            customers:
              - id: web
                channel: live_chat
                queue: chat
                arrivals: {rate_per_hour: 30.5}
                patience: {dist: lognormal, mean: 3m, sd: 2m}
                handle_time: {dist: gamma, mean: 7m, sd: 5m}
              - id: wa
                channel: whatsapp
                queue: messaging
                arrivals: {rate_per_hour: 12}
                patience: ~
                handle_time: {dist: exponential, mean: 9m}
              - id: fb
                channel: facebook
                queue: messaging
                arrivals: {rate_per_hour: 2}
                handle_time: {dist: exponential, mean: 9m}
            """
        let scenario = try ScenarioLoader.load(yaml: yaml, file: "full.yaml")
        #expect(scenario.seed == UInt64.max)
        #expect(scenario.replications == 3)
        #expect(scenario.warmup == .minutes(30))
        #expect(scenario.duration == .hours(8))
        #expect(scenario.drainLimit == .hours(2))
        #expect(scenario.serviceLevelThreshold == .seconds(60))
        #expect(scenario.queues == [
            QueueSpec(id: "chat", strategy: .longestIdle, priority: 2, serviceLevelThreshold: .seconds(30)),
            QueueSpec(id: "messaging", strategy: .leastBusy, priority: -1, serviceLevelThreshold: nil),
        ])
        #expect(scenario.agentGroups == [
            AgentGroupSpec(name: "seniors", count: 4, capacity: 3, speed: 1.25, slowdown: [1, 1.2, 1.45],
                           queues: ["chat", "messaging"]),
            AgentGroupSpec(name: "juniors", count: 6, capacity: 1, speed: 1, slowdown: [1], queues: ["messaging"]),
        ])
        #expect(scenario.customerStreams.map(\.id) == ["web", "wa", "fb"])
        #expect(scenario.customerStreams.map(\.channel) == [.liveChat, .whatsapp, .facebook])
        #expect(scenario.customerStreams[0].arrivals == .poisson(ratePerHour: 30.5))
        #expect(scenario.customerStreams[0].patience == .lognormal(mean: 180, sd: 120))
        #expect(scenario.customerStreams[0].handleTime == .gamma(mean: 420, sd: 300))
        #expect(scenario.customerStreams[1].patience == nil)
    }

    @Test("a file is read from disk and named by its path")
    func loadsFromFile() throws {
        let directory = try Fixture.temporaryDirectory()
        let path = directory + "/bench.yaml"
        try Fixture.minimalText.write(toFile: path, atomically: true, encoding: .utf8)
        let scenario = try ScenarioLoader.load(contentsOf: path)
        #expect(scenario.sourceFile == path)
        #expect(scenario.sourceText == Fixture.minimalText)
        #expect(scenario.name == "erlang-a-bench")
    }

    @Test("an unreadable file is an error at line 0, column 0")
    func missingFile() throws {
        let path = try Fixture.temporaryDirectory() + "/absent.yaml"
        #expect(throws: ScenarioError(file: path, line: 0, column: 0, keyPath: "",
                                      message: "cannot read the scenario: no such file")) {
            try ScenarioLoader.load(contentsOf: path)
        }
    }

    @Test("a FIFO is read to its end, as a shell's process substitution would give it")
    func loadsFromAFIFO() throws {
        let path = try Fixture.temporaryDirectory() + "/piped.yaml"
        try #require(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            // In pieces, so that the reader sees more than one read.
            for line in Fixture.minimalText.split(separator: "\n", omittingEmptySubsequences: false) {
                handle.write(Data((line + "\n").utf8))
            }
            try? handle.close()
        }
        writer.start()
        let scenario = try ScenarioLoader.load(contentsOf: path)
        #expect(scenario.sourceText == Fixture.minimalText + "\n")
        #expect(scenario.name == "erlang-a-bench")
    }

    @Test("a file without end, such as /dev/zero, stops at the size limit with an error")
    func endlessFileIsRefused() throws {
        #expect(throws: ScenarioError(file: "/dev/zero", line: 0, column: 0, keyPath: "",
                                      message: "the scenario is larger than 64 MiB; a scenario that needs more "
                                        + "should refer to its samples by file name")) {
            try ScenarioLoader.load(contentsOf: "/dev/zero")
        }
    }

    @Test("a directory is named as one")
    func directoryIsRefused() throws {
        let path = try Fixture.temporaryDirectory()
        #expect(throws: ScenarioError(file: path, line: 0, column: 0, keyPath: "",
                                      message: "cannot read the scenario: it is a directory")) {
            try ScenarioLoader.load(contentsOf: path)
        }
    }

    @Test("errors print as file:line:column: error: keyPath: message")
    func errorDescription() {
        let withPath = ScenarioError(file: "a.yaml", line: 3, column: 7, keyPath: "agents[0].capacity",
                                     message: "must be at least 1, found 0")
        #expect(withPath.description == "a.yaml:3:7: error: agents[0].capacity: must be at least 1, found 0")
        let withoutPath = ScenarioError(file: "a.yaml", line: 0, column: 0, keyPath: "", message: "cannot read")
        #expect(withoutPath.description == "a.yaml:0:0: error: cannot read")
    }

    @Test("the directory of a scenario file is where its relative files are found")
    func directoryOfFile() {
        #expect(ScenarioLoader.directory(of: "scenarios/retail.yaml") == "scenarios")
        #expect(ScenarioLoader.directory(of: "/retail.yaml") == "/")
        #expect(ScenarioLoader.directory(of: "retail.yaml") == ".")
    }
}
