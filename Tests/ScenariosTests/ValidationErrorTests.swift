// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import Scenarios

/// Each kind of error, at its exact file, line, column and key path (lines of ``Fixture/minimal``).
@Suite("Validation errors")
struct ValidationErrorTests {
    private let minimal = Fixture.minimal

    @Test("an unknown key is reported at the key, with the nearest known key")
    func unknownKey() {
        #expect(loadError(minimal.replacing(13, with: "    capacty: 1")) == error(
            13, 5, "agents[0].capacty", "unknown key 'capacty' (did you mean 'capacity'?)"))
        #expect(loadError(minimal.replacing(3, with: "replicatons: 10")) == error(
            3, 1, "replicatons", "unknown key 'replicatons' (did you mean 'replications'?)"))
        #expect(loadError(minimal.inserting("    colour: blue", after: 9)) == error(
            10, 5, "queues[0].colour", "unknown key 'colour'"))
    }

    @Test("a value of the wrong type is reported at the value")
    func wrongType() {
        #expect(loadError(minimal.replacing(12, with: "    count: ten")) == error(
            12, 12, "agents[0].count", "expected an integer, found 'ten'"))
        #expect(loadError(minimal.inserting("    speed: fast", after: 13)) == error(
            14, 12, "agents[0].speed", "expected a number, found 'fast'"))
        #expect(loadError(minimal.replacing(1, with: "name: [a]")) == error(
            1, 7, "name", "expected a string, found a list"))
        let agentsAsText = minimal.removing(14).removing(13).removing(12).removing(11).replacing(10, with: "agents: team")
        #expect(loadError(agentsAsText) == error(10, 9, "agents", "expected a list, found 'team'"))
        #expect(loadError(minimal.replacing(19, with: "    arrivals: 120")) == error(
            19, 15, "customers[0].arrivals", "expected a mapping, found '120'"))
    }

    @Test("a missing required key is reported at the mapping that lacks it")
    func missingKey() {
        #expect(loadError(minimal.removing(12)) == error(11, 5, "agents[0]", "missing required key 'count'"))
        #expect(loadError(minimal.removing(2)) == error(1, 1, "", "missing required key 'seed'"))
        #expect(loadError(minimal.removing(21)) == error(16, 5, "customers[0]", "missing required key 'handle_time'"))
    }

    @Test("a documented key this version cannot honour is refused, never ignored")
    func notSupportedYet() throws {
        // Every documented key is read by this version; the mechanism stays for keys the format gains.
        let node = try #require(try SourceNode.parse(yaml: "queue: q\nfuture_rule: 3\n", file: "test.yaml"))
        let keys = KeySet(accepted: ["queue"], pending: ["future_rule"])
        #expect(throws: error(2, 1, "future_rule", "'future_rule' is not supported by this version of Parley yet")) {
            try Field(node: node, path: .root).mapping(keys)
        }
        #expect(loadError(minimal.replacing(19, with: "    arrivals: {trace: arrivals.csv}")) == error(
            19, 23, "customers[0].arrivals.trace", "cannot read the trace file 'arrivals.csv'"))
    }

    @Test("a staffing plan covers one day or one week, and shifts are checked")
    func staffingPlansAndShifts() {
        #expect(loadError(minimal.replacing(12, with: "    count: {interval: 1h, values: [1]}")) == error(
            12, 35, "agents[0].count.values", "expected 24 values (one day of 60-minute intervals) or 168 (one week), found 1"))
        #expect(loadError(minimal.inserting("    shifts: [\"mon-fry 08:00-16:00\"]", after: 13)) == error(
            14, 14, "agents[0].shifts[0]",
            "expected days and hours such as \"mon-fri 08:00-16:00\", found 'mon-fry 08:00-16:00'"))
        #expect(loadError(minimal.inserting("    away: {every: 1h, for: 2h}", after: 13)) == error(
            14, 28, "agents[0].away.for", "a break must be shorter than the time between breaks"))
    }

    @Test("every strategy of SPEC §2.4 loads")
    func everyStrategyLoads() throws {
        for strategy in StrategyName.allCases {
            let scenario = try ScenarioLoader.load(yaml: minimal.replacing(9, with: "    strategy: \(strategy.rawValue)").text,
                                                   file: "test.yaml")
            #expect(scenario.queues[0].strategy == strategy)
        }
    }

    @Test("top applies only to most_experienced")
    func topOnlyForMostExperienced() {
        #expect(loadError(minimal.inserting("    top: 2", after: 9)) == error(
            10, 10, "queues[0].top", "'top' applies only to the most_experienced strategy, not longest_idle"))
    }

    @Test("a per-channel capacity is checked against its total and the streams it must serve")
    func channelCapacity() {
        #expect(loadError(minimal.replacing(13, with: "    capacity: {live_chat: 4, total: 3}")) == error(
            13, 27, "agents[0].capacity.live_chat", "4 slots for live_chat exceed the total of 3"))
        #expect(loadError(minimal.replacing(13, with: "    capacity: {whatsapp: 2}")) == error(
            16, 5, "customers[0]", "no agent group of queue support has a slot for live_chat chats"))
    }

    @Test("a language nobody in the queue speaks, or shares that do not sum to 1, are refused")
    func languages() {
        let german = minimal.inserting("    languages: [de]", after: 13)
        #expect(loadError(german.inserting("    languages: {de: 0.5, en: 0.5}", after: 22)) == error(
            17, 5, "customers[0]", "no agent of queue support speaks 'en' on live_chat"))
        #expect(loadError(german.inserting("    languages: {de: 0.5}", after: 22)) == error(
            23, 16, "customers[0].languages", "language shares must sum to 1, found 0.5"))
        #expect(loadError(minimal.inserting("    miss_probability: 1.5", after: 13)) == error(
            14, 23, "agents[0].miss_probability", "a probability must be from 0 to 1, found 1.5"))
        #expect(loadError(minimal.inserting("    claim: grab", after: 9)) == error(
            10, 12, "queues[0].claim", "unknown claim rule 'grab'; expected first_reply or take"))
    }

    @Test("an unknown strategy lists the valid names")
    func unknownStrategy() {
        #expect(loadError(minimal.replacing(9, with: "    strategy: longest_idel")) == error(
            9, 15, "queues[0].strategy",
            "unknown strategy 'longest_idel' (did you mean 'longest_idle'?); expected one of ring_all, "
                + "most_experienced, first_responder, manual, longest_idle, round_robin, least_busy, "
                + "fewest_handled, top_down, random, weighted_random"))
    }

    @Test("a reference to an unknown queue is reported at the reference")
    func unknownQueue() {
        #expect(loadError(minimal.replacing(14, with: "    queues: [suport]")) == error(
            14, 14, "agents[0].queues[0]", "unknown queue 'suport' (did you mean 'support'?); the queues are support"))
        #expect(loadError(minimal.replacing(18, with: "    queue: sales")) == error(
            18, 12, "customers[0].queue", "unknown queue 'sales'; the queues are support"))
        #expect(loadError(minimal.replacing(14, with: "    queues: [support, support]")) == error(
            14, 23, "agents[0].queues[1]", "queue 'support' is listed twice"))
        #expect(loadError(minimal.replacing(14, with: "    queues: []")) == error(
            14, 13, "agents[0].queues", "must list at least one entry"))
    }

    @Test("a queue no agent group serves is reported at the queue")
    func queueNotServed() {
        #expect(loadError(minimal.inserting("  - id: sales\n    strategy: least_busy", after: 9)) == error(
            10, 5, "queues[1]", "queue 'sales' is not served by any agent group; add it to the queues of an agent group"))
    }

    @Test("counts and capacities below 1 are refused")
    func capacityZero() {
        #expect(loadError(minimal.replacing(13, with: "    capacity: 0")) == error(
            13, 15, "agents[0].capacity", "must be at least 1, found 0"))
        #expect(loadError(minimal.replacing(12, with: "    count: 0")) == error(
            12, 12, "agents[0].count", "must be at least 1, found 0"))
        #expect(loadError(minimal.replacing(3, with: "replications: 0")) == error(
            3, 15, "replications", "must be at least 1, found 0"))
    }

    @Test("negative and zero arrival rates are refused")
    func negativeRate() {
        #expect(loadError(minimal.replacing(19, with: "    arrivals: {rate_per_hour: -5}")) == error(
            19, 31, "customers[0].arrivals.rate_per_hour", "must be greater than 0, found -5"))
        #expect(loadError(minimal.replacing(19, with: "    arrivals: {rate_per_hour: 0}")) == error(
            19, 31, "customers[0].arrivals.rate_per_hour", "must be greater than 0, found 0"))
    }

    @Test("slowdown has one positive factor per slot and never decreases")
    func slowdown() {
        #expect(loadError(minimal.replacing(13, with: "    capacity: 2\n    slowdown: [1]")) == error(
            14, 15, "agents[0].slowdown", "expected 2 values (one per slot of capacity 2), found 1"))
        #expect(loadError(minimal.inserting("    slowdown: [1, 1.2]", after: 13)) == error(
            14, 15, "agents[0].slowdown", "expected 1 value (one per slot of capacity 1), found 2"))
        #expect(loadError(minimal.replacing(13, with: "    capacity: 2\n    slowdown: [1.2, 1.1]")) == error(
            14, 21, "agents[0].slowdown[1]", "slowdown must not decrease from one slot to the next: 1.1 follows 1.2"))
        #expect(loadError(minimal.replacing(13, with: "    capacity: 2\n    slowdown: [0, 1]")) == error(
            14, 16, "agents[0].slowdown[0]", "must be greater than 0, found 0"))
    }

    @Test("ids and group names are unique; the second one is reported")
    func duplicateIDs() {
        #expect(loadError(minimal.inserting("  - id: support\n    strategy: least_busy", after: 9)) == error(
            10, 9, "queues[1].id", "duplicate queue id 'support' (first defined at line 8)"))
        #expect(loadError(minimal.inserting("  - group: team\n    count: 1\n    queues: [support]", after: 14)) == error(
            15, 12, "agents[1].group", "duplicate agent group 'team' (first defined at line 11)"))
        let secondWeb = """
              - id: web
                channel: sms
                queue: support
                arrivals: {rate_per_hour: 1}
                handle_time: {dist: constant, value: 1m}
            """
        #expect(loadError(minimal.inserting(secondWeb, after: 21)) == error(
            22, 9, "customers[1].id", "duplicate customer stream id 'web' (first defined at line 16)"))
    }

    @Test("a key given twice in one mapping is reported at its second occurrence")
    func duplicateKey() {
        let message = "a key may appear only once in a mapping"
        #expect(loadError(minimal.inserting("    count: 11", after: 12)) == error(
            13, 5, "agents[0].count", "duplicate key 'count' (first given at line 12, column 5): \(message)"))
        #expect(loadError(minimal.inserting("seed: 8", after: 2)) == error(
            3, 1, "seed", "duplicate key 'seed' (first given at line 2, column 1): \(message)"))
        #expect(loadError(minimal.replacing(19, with: "    arrivals: {rate_per_hour: 120, rate_per_hour: 60}")) == error(
            19, 36, "customers[0].arrivals.rate_per_hour",
            "duplicate key 'rate_per_hour' (first given at line 19, column 16): \(message)"))
    }

    @Test("a constant load at or above capacity with no abandonment is unstable")
    func unstableLoad() {
        // 120 chats/h × 4 min = 8 Erlangs of work.
        let patient = minimal.removing(20)
        #expect(loadError(patient.replacing(12, with: "    count: 7")) == error(
            16, 5, "customers[0]",
            "unstable: offered load 8 exceeds the capacity 7 of the agents serving queue support and no customer abandons"))
        #expect(loadError(patient.replacing(12, with: "    count: 8")) == error(
            16, 5, "customers[0]",
            "unstable: offered load 8 reaches the capacity 8 of the agents serving queue support and no customer abandons"))
        #expect(loadError(patient.replacing(12, with: "    count: 9")) == nil)
        // 3 agents × max(1/1, 2/1.2, 3/1.5) = 6 chats' work at once.
        let slowed = patient.replacing(12, with: "    count: 3").replacing(13, with: "    capacity: 3\n    slowdown: [1, 1.2, 1.5]")
        #expect(loadError(slowed) == error(
            17, 5, "customers[0]",
            "unstable: offered load 8 exceeds the capacity 6 of the agents serving queue support and no customer abandons"))
        #expect(loadError(slowed.inserting("    speed: 1.5", after: 12)) == nil)
        // With abandonment the queue is stable however few agents there are.
        #expect(loadError(minimal.replacing(12, with: "    count: 1")) == nil)
    }

    @Test("a customer stream cannot be internal")
    func internalChannel() {
        #expect(loadError(minimal.replacing(17, with: "    channel: internal")) == error(
            17, 14, "customers[0].channel",
            "a customer stream cannot use the channel 'internal': internal chats are never queued; "
                + "expected one of live_chat, whatsapp, facebook, sms"))
        #expect(loadError(minimal.replacing(17, with: "    channel: whatsap")) == error(
            17, 14, "customers[0].channel",
            "unknown channel 'whatsap' (did you mean 'whatsapp'?); expected one of live_chat, whatsapp, facebook, sms"))
    }

    @Test("the seed is a non-negative integer")
    func seed() {
        #expect(loadError(minimal.replacing(2, with: "seed: -1")) == error(
            2, 7, "seed", "must be an integer from 0 to 18446744073709551615, found -1"))
        #expect(loadError(minimal.replacing(2, with: "seed: 1.5")) == error(
            2, 7, "seed", "expected a non-negative integer, found '1.5'"))
    }

    @Test("YAML syntax errors keep libyaml's position")
    func syntaxError() {
        #expect(loadError(minimal.replacing(12, with: "    count: 10: 3")) == error(
            12, 14, "", "invalid YAML: mapping values are not allowed in this context"))
        // The unclosed list swallows the next line, and libyaml stops at that line's colon.
        #expect(loadError(minimal.replacing(14, with: "    queues: [support")) == error(
            15, 10, "", "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 14, column 13)"))
    }

    @Test("a second YAML document is refused where it starts")
    func secondDocument() {
        #expect(loadError(YAMLText(Fixture.minimalText + "\n---\nname: other")) == error(
            22, 1, "", "a scenario file holds one YAML document, but another one starts here"))
    }

    @Test("an empty scenario or one that is not a mapping is refused at its start")
    func emptyOrNotAMapping() {
        #expect(loadError("") == error(
            1, 1, "", "the scenario is empty; it needs at least the keys name, seed, duration, queues, agents and customers"))
        #expect(loadError("- a\n- b") == error(1, 1, "", "expected a mapping, found a list"))
    }
}
