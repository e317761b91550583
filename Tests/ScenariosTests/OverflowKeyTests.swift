// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import Scenarios

/// A queue's `overflow` steps (SPEC §3.3): read, and refused with their exact location.
@Suite("Overflow key")
struct OverflowKeyTests {
    /// Line 7 holds the support queue's `overflow`, line 8 the backup queue.
    static func yaml(_ overflow: String, strategy: String = "longest_idle",
                     backup: String = "{id: backup, strategy: longest_idle}") -> String {
        """
        name: overflow
        seed: 1
        duration: 1h
        queues:
          - id: support
            strategy: \(strategy)
            overflow: \(overflow)
          - \(backup)
        agents:
          - {group: first, count: 2, queues: [support]}
          - {group: tier2, count: 1, queues: [backup]}
        customers:
          - {id: web, channel: live_chat, queue: support, arrivals: {rate_per_hour: 10},
             patience: {dist: exponential, mean: 5m}, handle_time: {dist: exponential, mean: 2m}}
        """
    }

    /// The error loading `overflow`, if any.
    func refusal(_ overflow: String, strategy: String = "longest_idle",
                 backup: String = "{id: backup, strategy: longest_idle}") -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(yaml: Self.yaml(overflow, strategy: strategy, backup: backup), file: "o.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// The error expected at the `occurrence`-th `token` of line `line` (the overflow line unless said).
    func error(at token: String, occurrence: Int = 1, in overflow: String, line: Int = 7, lineText: String? = nil,
               _ keyPath: String, _ message: String) -> ScenarioError {
        let text = lineText ?? "    overflow: \(overflow)"
        var searchFrom = text.startIndex
        var found = text.range(of: token)!
        for _ in 0..<occurrence {
            found = text.range(of: token, range: searchFrom..<text.endIndex)!
            searchFrom = found.upperBound
        }
        let column = text.distance(from: text.startIndex, to: found.lowerBound) + 1
        return ScenarioError(file: "o.yaml", line: line, column: column, keyPath: keyPath, message: message)
    }

    @Test func stepsAreReadInOrder() throws {
        let scenario = try ScenarioLoader.load(yaml: Self.yaml("[{after: 45s, add_groups: [tier2]}, {after: 3m, to_queue: backup}]"),
                                               file: "o.yaml")
        #expect(scenario.queues[0].overflow == [OverflowStepSpec(after: .seconds(45), action: .addGroups(["tier2"])),
                                                OverflowStepSpec(after: .minutes(3), action: .toQueue("backup"))])
        #expect(scenario.queues[1].overflow == [])
        let atEntry = try ScenarioLoader.load(yaml: Self.yaml("[{after: 0s, add_groups: [tier2, first]}]"), file: "o.yaml")
        #expect(atEntry.queues[0].overflow == [OverflowStepSpec(after: .zero, action: .addGroups(["tier2", "first"]))])
    }

    @Test func impossibleStepsAreLocatedErrors() {
        var o = "[{after: 60s, add_groups: [tier3]}]"
        #expect(refusal(o) == error(at: "tier3", in: o, "queues[0].overflow[0].add_groups[0]",
                                    "unknown agent group 'tier3' (did you mean 'tier2'?)"))
        o = "[{after: 60s, to_queue: nowhere}]"
        #expect(refusal(o) == error(at: "nowhere", in: o, "queues[0].overflow[0].to_queue",
                                    "unknown queue 'nowhere'; the queues are support, backup"))
        o = "[{after: 60s, add_groups: [tier2]}, {after: 1m, to_queue: backup}]"
        #expect(refusal(o) == error(at: "1m", in: o, "queues[0].overflow[1].after",
                                    "steps must come later one after the other: 60 s is not after the previous step's 60 s"))
        o = "[{after: 60s, to_queue: support}]"
        #expect(refusal(o) == error(at: "support", in: o, "queues[0].overflow[0].to_queue",
                                    "queue 'support' cannot overflow to itself"))
        o = "[{after: 60s, to_queue: backup}, {after: 2m, add_groups: [tier2]}]"
        #expect(refusal(o) == error(at: "{", occurrence: 2, in: o, "queues[0].overflow[1]",
                                    "no step may follow the move to queue 'backup': the chat has left support"))
        o = "[{after: 60s, to_queue: backup, add_groups: [tier2]}]"
        #expect(refusal(o) == error(at: "{", in: o, "queues[0].overflow[0]",
                                    "a step either adds groups or moves the chat to a queue, not both"))
        o = "[{after: 60s}]"
        #expect(refusal(o) == error(at: "{", in: o, "queues[0].overflow[0]",
                                    "a step needs add_groups (more agents may take the chat) or to_queue (the chat moves)"))
        o = "[{after: 60s, add_groups: [tier2, tier2]}]"
        #expect(refusal(o) == error(at: "tier2", occurrence: 2, in: o, "queues[0].overflow[0].add_groups[1]",
                                    "group 'tier2' is listed twice"))
        o = "[{after: 60s, add_group: [tier2]}]"
        #expect(refusal(o)?.keyPath == "queues[0].overflow[0].add_group")
        o = "[{add_groups: [tier2]}]"
        #expect(refusal(o)?.keyPath == "queues[0].overflow[0]")
        o = "[{after: -5s, add_groups: [tier2]}]"
        #expect(refusal(o)?.keyPath == "queues[0].overflow[0].after")
        o = "[]"
        #expect(refusal(o)?.keyPath == "queues[0].overflow")
    }

    @Test func addGroupsCannotWidenAPullQueue() {
        for strategy in ["first_responder", "manual"] {
            let o = "[{after: 60s, add_groups: [tier2]}]"
            #expect(refusal(o, strategy: strategy) == error(
                at: "[tier2]", in: o, "queues[0].overflow[0].add_groups",
                "add_groups cannot widen a \(strategy) queue: its chats are pulled from the list, and agents of other "
                    + "groups never look at it"))
            #expect(refusal("[{after: 60s, to_queue: backup}]", strategy: strategy) == nil)
        }
    }

    @Test func movesInACycleAreRefused() {
        let o = "[{after: 60s, to_queue: backup}]"
        let backup = "{id: backup, strategy: longest_idle, overflow: [{after: 2m, to_queue: support}]}"
        #expect(refusal(o, backup: backup) == error(
            at: "backup", occurrence: 1, in: o, "queues[0].overflow[0].to_queue",
            "overflow moves go round in a cycle (support → backup → support): steps count from the chat's entry, "
                + "so it would move on forever"))
        #expect(refusal(o, backup: "{id: backup, strategy: longest_idle, overflow: [{after: 2m, add_groups: [first]}]}") == nil)
    }
}
