// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import LoadDriver
import Scenarios
import Testing

/// A key the driver does not play is an error at the key, never ignored.
@Suite struct UnplayedKeysTests {
    static func scenario(customer: String = "", agent: String = "", top: String = "") throws -> Scenario {
        try ScenarioLoader.load(yaml: """
            name: unplayed
            seed: 1
            duration: 1h
            \(top)queues:
              - id: sales
                strategy: longest_idle
            agents:
              - group: desk
                count: 2
            \(agent)    queues: [sales]
            customers:
              - id: web
                channel: live_chat
                queue: sales
                arrivals: {rate_per_hour: 10}
                handle_time: {dist: exponential, mean: 5m}
                patience: {dist: exponential, mean: 5m}
            \(customer)
            """, file: "unplayed.yaml")
    }

    @Test func aScenarioOfPlayedKeysPasses() throws {
        #expect(UnplayedKeys.check(try Self.scenario()) == nil)
        // A chatbot and returning customers are played.
        let played = try Self.scenario(customer: "    return: {probability: 0.3, after: {dist: constant, value: 1h}}\n"
                                           + "    bot: {deflection: 0.2, time: {dist: constant, value: 30s}}\n")
        #expect(UnplayedKeys.check(played) == nil)
    }

    @Test func anUnplayedKeyIsAnErrorAtIt() throws {
        let history = try Self.scenario(customer: "    return: {probability: 0.3, after: {dist: constant, value: 1h}, history_saves: {dist: constant, value: 30s}}\n")
        #expect(UnplayedKeys.check(history)?.description
                == "unplayed.yaml:18:68: error: customers[0].return.history_saves: parley drive does not play 'return.history_saves'; "
                + "drive a scenario without it")
        let transfer = try Self.scenario(agent: "    transfer_probability: 0.1\n    transfer_queue: sales\n")
        #expect(UnplayedKeys.check(transfer)?.keyPath == "agents[0].transfer_probability")
        #expect(UnplayedKeys.check(transfer)?.line == 10)
        let retrial = try Self.scenario(customer: "    retrial: {probability: 0.5, after: {dist: constant, value: 10m}}\n")
        #expect(UnplayedKeys.check(retrial)?.keyPath == "customers[0].retrial")
        let busy = try Self.scenario(top: "busyness: {cv: 0.1, per: replication}\n")
        #expect(UnplayedKeys.check(busy).map { ($0.keyPath, $0.line, $0.column) } ?? ("", 0, 0) == ("busyness", 4, 1))
    }

    /// Every key path of the scenario schema (`customers.return.after`), walking `$ref`s, unions and arrays.
    static func schemaPaths() throws -> Set<String> {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/scenario.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let definitions = schema["$defs"] as? [String: Any] ?? [:]
        var paths = Set<String>()
        func walk(_ node: [String: Any], _ path: [String], depth: Int) {
            guard depth < 10 else { return }
            if let reference = node["$ref"] as? String, let name = reference.split(separator: "/").last,
               let target = definitions[String(name)] as? [String: Any] {
                walk(target, path, depth: depth + 1)
            }
            for union in ["oneOf", "anyOf", "allOf"] {
                for member in node[union] as? [[String: Any]] ?? [] { walk(member, path, depth: depth + 1) }
            }
            if let items = node["items"] as? [String: Any] { walk(items, path, depth: depth + 1) }
            for (key, value) in node["properties"] as? [String: Any] ?? [:] {
                paths.insert((path + [key]).joined(separator: "."))
                if let value = value as? [String: Any] { walk(value, path + [key], depth: depth + 1) }
            }
        }
        walk(schema, [], depth: 0)
        return paths
    }

    @Test func everyKeyOfTheScenarioFormatIsPlayedOrRefused() throws {
        let paths = try Self.schemaPaths()
        #expect(paths.count > 100)
        func covered(_ path: String) -> Bool {
            UnplayedKeys.played.contains(path)
                || UnplayedKeys.played.contains {
                    $0.hasSuffix(".*") && (path == String($0.dropLast(2)) || path.hasPrefix(String($0.dropLast())))
                }
                || UnplayedKeys.unplayed.contains { path == $0 || path.hasPrefix($0 + ".") }
        }
        let unaccounted = paths.filter { !covered($0) }.sorted()
        #expect(unaccounted == [], "keys neither played by parley drive nor refused: \(unaccounted)")
        // And no entry names a key the format does not have.
        let stale = (UnplayedKeys.played.map { $0.hasSuffix(".*") ? String($0.dropLast(2)) : $0 } + UnplayedKeys.unplayed)
            .filter { !paths.contains($0) }
        #expect(stale == [])
        // A key is never in both lists.
        #expect(Set(UnplayedKeys.played).isDisjoint(with: UnplayedKeys.unplayed))
    }

    @Test func theKeysOfTheLatestServicesAreRefused() throws {
        let ticket = try Self.scenario(agent: "    ticket_probability: 0.2\n    ticket_time: {dist: constant, value: 1m}\n")
        #expect(UnplayedKeys.check(ticket)?.keyPath == "agents[0].ticket_probability")
        let delete = try Self.scenario(customer: "    return: {probability: 0.3, after: {dist: constant, value: 1h}, "
                                         + "history_saves: {dist: constant, value: 30s}, delete_probability: 0.5}\n")
        #expect(UnplayedKeys.check(delete)?.keyPath == "customers[0].return.history_saves")
    }
}
