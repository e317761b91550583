// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

@Suite("--set overrides")
struct OverrideTests {
    private func load(_ overrides: String...) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(yaml: Fixture.minimalText, file: "test.yaml", overrides: overrides)
    }

    @Test("list elements are addressed by id or group name")
    func countAndStrategy() throws {
        let scenario = try load("agents.team.count=14", "queues.support.strategy=least_busy", "seed=3")
        #expect(scenario.agentGroups[0].count == 14)
        #expect(scenario.queues[0].strategy == .leastBusy)
        #expect(scenario.seed == 3)
        #expect(scenario.sourceText == Fixture.minimalText)
        #expect(scenario.sourceFile == "test.yaml")
    }

    @Test("list elements are also addressed by index, and values may be flow YAML")
    func indexAndFlowValues() throws {
        let scenario = try load("customers.0.handle_time={dist: constant, value: 3m}",
                                "customers.web.patience.mean=90s",
                                "agents.0.queues=[support]",
                                "warmup=1h30m")
        #expect(scenario.customerStreams[0].handleTime == .constant(value: 180))
        #expect(scenario.customerStreams[0].patience == .exponential(mean: 90))
        #expect(scenario.agentGroups[0].queues == ["support"])
        #expect(scenario.warmup == .minutes(90))
    }

    @Test("an override may add a key at the end of its path")
    func addsKey() throws {
        let scenario = try load("agents.team.speed=1.5", "agents.team.capacity=2", "agents.team.slowdown=[1, 1.25]")
        #expect(scenario.agentGroups[0] == AgentGroupSpec(name: "team", count: 10, capacity: 2, speed: 1.5,
                                                          slowdown: [1, 1.25], queues: ["support"]))
        #expect(try load("queues.support.priority=3").queues[0].priority == 3)
    }

    @Test("later overrides win over earlier ones")
    func order() throws {
        #expect(try load("agents.team.count=14", "agents.team.count=12").agentGroups[0].count == 12)
    }

    @Test("a path that does not exist is an error at --set")
    func badPath() {
        #expect(throws: overrideError("agents.tier9.count",
                                      "'agents' has no element 'tier9'; its elements are team (or use an index from 0 to 0)")) {
            try load("agents.tier9.count=14")
        }
        #expect(throws: overrideError("agents.3.count",
                                      "'agents' has no element '3'; its elements are team (or use an index from 0 to 0)")) {
            try load("agents.3.count=14")
        }
        #expect(throws: overrideError("calendar.timezone", "the scenario has no key 'calendar'")) {
            try load("calendar.timezone=UTC")
        }
        #expect(throws: overrideError("seed.low", "'seed' is a single value, not a mapping or a list, so it has no 'low'")) {
            try load("seed.low=1")
        }
        #expect(throws: overrideError("agents..count",
                                      "an override path is keys separated by single dots, such as agents.team.count")) {
            try load("agents..count=1")
        }
        #expect(throws: overrideError("seed", "an override has the form key.path=value, such as agents.team.count=12")) {
            try load("seed")
        }
    }

    @Test("a value that is not YAML is an error at --set")
    func invalidValue() {
        #expect(throws: overrideError("agents.team.queues",
                                      "invalid value '[support': invalid YAML: did not find expected ',' or ']' "
                                          + "(while parsing a flow sequence at line 1, column 1)")) {
            try load("agents.team.queues=[support")
        }
    }

    @Test("validation errors in an override's value are reported at --set, under the scenario's key path")
    func validationOfValues() {
        #expect(throws: overrideError("agents[0].count", "expected an integer, found 'ten'")) {
            try load("agents.team.count=ten")
        }
        #expect(throws: overrideError("queues[0].strategy",
                                      "unknown strategy 'round_robbin' (did you mean 'round_robin'?); expected one of "
                                          + StrategyName.allCases.map(\.rawValue).joined(separator: ", "))) {
            try load("queues.support.strategy=round_robbin")
        }
        #expect(throws: overrideError("agents[0].capacty", "unknown key 'capacty' (did you mean 'capacity'?)")) {
            try load("agents.team.capacty=2")
        }
        #expect(throws: overrideError("agents[0].speed", "expected a number, found nothing")) {
            try load("agents.team.speed=")
        }
        #expect(throws: overrideError("customers[0].handle_time.sd", "unknown key 'sd'")) {
            try load("customers.web.handle_time.sd=1m")
        }
    }

    @Test("an override that breaks a cross check is reported by the check")
    func crossChecksStillApply() {
        #expect(throws: error(16, 5, "customers[0]",
                              "unstable: offered load 8 exceeds the capacity 7 of the agents serving queue support "
                                  + "and no customer abandons")) {
            try load("customers.web.patience=~", "agents.team.count=7")
        }
    }
}
