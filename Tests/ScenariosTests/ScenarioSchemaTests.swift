// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Foundation
import Testing
@testable import Scenarios

/// `scenarios/scenario.schema.json`, the editors' schema of scenario files, cannot drift from
/// the loader: its mappings hold exactly the keys of the loader's catalogue, its enumerations
/// exactly the names the loader reads, and every shipped scenario satisfies it.
@Suite("Scenario JSON Schema")
struct ScenarioSchemaTests {
    /// The schema, parsed.
    nonisolated(unsafe) static let schema: [String: Any]? = {
        guard let directory = ScenarioFilesTests.directory,
              let data = FileManager.default.contents(atPath: directory + "/scenario.schema.json") else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }()

    /// The schema's `$defs` entry `name`.
    static func definition(_ name: String) -> [String: Any]? {
        (schema?["$defs"] as? [String: Any])?[name] as? [String: Any]
    }

    /// Each key set of the loader beside the schema definition that describes the same mapping.
    static let keySets: [(definition: String, keys: KeySet)] = [
        ("topLevel", ScenarioKeys.topLevel), ("queue", ScenarioKeys.queue), ("agentGroup", ScenarioKeys.agentGroup),
        ("customerStream", ScenarioKeys.customerStream), ("returns", ScenarioKeys.returns),
        ("inactivity", ScenarioKeys.inactivity), ("templateUse", ScenarioKeys.templateUse),
        ("internalChats", ScenarioKeys.internalChats), ("afterRONA", ScenarioKeys.afterRONA),
        ("requests", ScenarioKeys.requests), ("unknownContactActions", ScenarioKeys.unknownContactActions),
        ("channelCapacity", ScenarioKeys.channelCapacity), ("arrivals", ScenarioKeys.arrivals),
        ("profile", ScenarioKeys.profile), ("plan", ScenarioKeys.plan), ("away", ScenarioKeys.away),
        ("targets", ScenarioKeys.targets), ("staffable", ScenarioKeys.staffable), ("calendar", ScenarioKeys.calendar),
        ("shiftRules", ScenarioKeys.shiftRules), ("shiftStarts", ScenarioKeys.shiftStarts),
        ("shiftBreak", ScenarioKeys.shiftBreak), ("breakWindow", ScenarioKeys.staffable),
        ("autoReply", ScenarioKeys.autoReply), ("template", ScenarioKeys.template), ("bot", ScenarioKeys.bot),
        ("attachments", ScenarioKeys.attachments), ("busyness", ScenarioKeys.busyness), ("retrial", ScenarioKeys.retrial),
        ("overflowStep", ScenarioKeys.overflowStep),
        ("autoReplies", KeySet(accepted: AutoReplyTrigger.allCases.map(\.rawValue))),
    ]

    @Test("each mapping of the schema has exactly the keys the loader accepts", arguments: keySets.map(\.definition))
    func keysMatchTheLoader(definition name: String) throws {
        let keys = try #require(Self.keySets.first { $0.definition == name }?.keys)
        let definition = try #require(Self.definition(name), "no $defs/\(name) in the schema")
        let properties = try #require(definition["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(keys.accepted), "$defs/\(name)")
        #expect(definition["additionalProperties"] as? Bool == false, "$defs/\(name) must refuse unknown keys")
    }

    @Test("the schema's names are the loader's: strategies, channels, claim rules, distributions")
    func enumerationsMatchTheLoader() throws {
        func names(_ definition: String, _ property: String) -> [String]? {
            ((Self.definition(definition)?["properties"] as? [String: Any])?[property] as? [String: Any])?["enum"] as? [String]
        }
        #expect(names("queue", "strategy") == StrategyName.allCases.map(\.rawValue))
        #expect(names("queue", "claim") == ClaimName.allCases.map(\.rawValue))
        #expect(names("customerStream", "channel") == ChannelName.allCases.map(\.rawValue))
        let families = try #require(Self.definition("distribution")?["oneOf"] as? [[String: Any]])
        var parameters: [String: Set<String>] = [:]
        for family in families {
            let properties = try #require(family["properties"] as? [String: Any])
            let name = try #require((properties["dist"] as? [String: Any])?["const"] as? String)
            parameters[name] = Set(properties.keys).subtracting(["dist"])
        }
        #expect(parameters == Dictionary(uniqueKeysWithValues: DistributionName.allCases.map {
            ($0.rawValue, Set($0.parameters))
        }))
    }

    @Test("every shipped scenario satisfies the schema and names it for editors", arguments: ScenarioFilesTests.files)
    func shippedScenarioSatisfiesTheSchema(path: String) throws {
        let schema = try #require(Self.schema)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let root = try #require(try SourceNode.parse(yaml: text, file: path))
        #expect(SchemaCheck(schema: schema).violations(of: root) == [], "\(path)")
        let directive = "# yaml-language-server: $schema="
        let line = text.split(separator: "\n").first { $0.hasPrefix(directive) }
        let target = try #require(line, "\(path) does not name the schema").dropFirst(directive.count)
        let schemaPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(String(target))
        #expect(FileManager.default.fileExists(atPath: schemaPath.standardizedFileURL.path), "\(path) names \(target)")
    }

    @Test("the schema refuses what the loader refuses: unknown keys, wrong types, bad durations and names",
          arguments: [
              ("queues:\n  - {id: q, strategy: longest_idle, colour: red}\n", "/queues/0: unknown key 'colour'"),
              ("queues:\n  - {id: q, strategy: fastest}\n", "/queues/0/strategy: not one of the names"),
              ("agents:\n  - {group: g, count: many, queues: [q]}\n", "/agents/0/count: matches no alternative"),
              ("warmup: 2 hours\n", "/warmup: matches no alternative"),
              ("warmup: 30m1h\n", "/warmup: matches no alternative"),
              ("customers:\n  - {id: c, channel: web, queue: q, arrivals: {rate_per_hour: 1},"
                  + " handle_time: {dist: exponential, mean: 4m}}\n", "/customers/0/channel: not one of the names"),
              ("customers:\n  - {id: c, channel: sms, queue: q, arrivals: {rate_per_hour: 1},"
                  + " handle_time: {dist: gamma, mean: 4m}}\n", "/customers/0/handle_time: matches no alternative"),
              ("customers:\n  - {id: c, channel: sms, queue: q, arrivals: {rate_per_hour: 1},"
                  + " handle_time: {dist: constant, value: 4m}, abusive_probability: 2}\n",
               "/customers/0/abusive_probability: above the maximum"),
          ])
    func refusesWhatTheLoaderRefuses(change: String, violation: String) throws {
        let base = """
            name: n
            seed: 1
            duration: 1h

            """
        let defaults = [
            "queues:": "queues:\n  - {id: q, strategy: longest_idle}\n",
            "agents:": "agents:\n  - {group: g, count: 1, queues: [q]}\n",
            "customers:": "customers:\n  - {id: c, channel: sms, queue: q, arrivals: {rate_per_hour: 1},"
                + " handle_time: {dist: exponential, mean: 4m}}\n",
        ]
        var text = base + change
        for (key, section) in defaults.sorted(by: { $0.key < $1.key }) where !change.hasPrefix(key) {
            text += section
        }
        let root = try #require(try SourceNode.parse(yaml: text, file: "t.yaml"))
        let schema = try #require(Self.schema)
        #expect(SchemaCheck(schema: schema).violations(of: root) == [violation])
        // The unchanged document satisfies the schema, so the violation is the change's.
        let valid = try #require(try SourceNode.parse(yaml: base + defaults.keys.sorted().map { defaults[$0]! }.joined(),
                                                      file: "t.yaml"))
        #expect(SchemaCheck(schema: schema).violations(of: valid) == [])
    }
}

/// The part of JSON Schema (2020-12) that `scenario.schema.json` uses, checked against a
/// composed YAML tree: `$ref` to `$defs`, `type`, `enum`, `const`, `properties`,
/// `additionalProperties`, `required`, `items`, `minItems`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `pattern`, `anyOf` and `oneOf`. A keyword it does not know fails the
/// check, so the schema cannot use more than this tests.
struct SchemaCheck {
    let schema: [String: Any]
    static let known: Set<String> = ["$schema", "$id", "title", "description", "$defs", "$ref", "type", "enum",
                                     "const", "properties", "additionalProperties", "required", "items",
                                     "minItems", "minimum", "maximum", "exclusiveMinimum", "pattern", "anyOf", "oneOf"]

    /// The first violation found at each failing place, as `/json/pointer: reason`.
    func violations(of node: SourceNode) -> [String] {
        violations(of: node, against: schema, at: "")
    }

    private func violations(of node: SourceNode, against rule: [String: Any], at path: String) -> [String] {
        if let unknown = rule.keys.first(where: { !Self.known.contains($0) }) { return ["\(path): unknown keyword \(unknown)"] }
        if let reference = rule["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/$defs/", with: "")
            guard let target = (schema["$defs"] as? [String: Any])?[name] as? [String: Any] else {
                return ["\(path): unresolved \(reference)"]
            }
            let found = violations(of: node, against: target, at: path)
            if !found.isEmpty { return found }
        }
        if let alternatives = rule["anyOf"] as? [[String: Any]] {
            if !alternatives.contains(where: { violations(of: node, against: $0, at: path).isEmpty }) {
                return ["\(path): matches no alternative"]
            }
        }
        if let alternatives = rule["oneOf"] as? [[String: Any]] {
            if alternatives.filter({ violations(of: node, against: $0, at: path).isEmpty }).count != 1 {
                return ["\(path): matches no alternative"]
            }
        }
        if let types = rule["type"].map({ $0 as? [String] ?? [$0 as? String ?? ""] }), !types.contains(where: { hasType(node, $0) }) {
            return ["\(path): not of type \(types.joined(separator: " or "))"]
        }
        if let names = rule["enum"] as? [String], !names.contains(node.scalar?.text ?? "\u{0}") {
            return ["\(path): not one of the names"]
        }
        if let value = rule["const"] as? String, node.scalar?.text != value { return ["\(path): not \(value)"] }
        return scalarViolations(of: node, against: rule, at: path) + structureViolations(of: node, against: rule, at: path)
    }

    private func scalarViolations(of node: SourceNode, against rule: [String: Any], at path: String) -> [String] {
        guard let scalar = node.scalar else { return [] }
        if let number = scalar.number, scalar.kind == .int || scalar.kind == .float {
            if let minimum = rule["minimum"] as? Double, number < minimum { return ["\(path): below the minimum"] }
            if let maximum = rule["maximum"] as? Double, number > maximum { return ["\(path): above the maximum"] }
            if let bound = rule["exclusiveMinimum"] as? Double, number <= bound { return ["\(path): not above \(bound)"] }
        }
        if let pattern = rule["pattern"] as? String, scalar.kind == .string,
           scalar.text.range(of: pattern, options: .regularExpression) == nil {
            return ["\(path): does not match the pattern"]
        }
        return []
    }

    private func structureViolations(of node: SourceNode, against rule: [String: Any], at path: String) -> [String] {
        switch node.content {
        case .mapping(let entries):
            var found: [String] = []
            let properties = rule["properties"] as? [String: Any] ?? [:]
            let keys = entries.map { $0.key.scalar?.text ?? "" }
            for required in rule["required"] as? [String] ?? [] where !keys.contains(required) {
                found.append("\(path): missing '\(required)'")
            }
            for entry in entries {
                let key = entry.key.scalar?.text ?? ""
                if let property = properties[key] as? [String: Any] {
                    found += violations(of: entry.value, against: property, at: "\(path)/\(key)")
                } else if let additional = rule["additionalProperties"] as? [String: Any] {
                    found += violations(of: entry.value, against: additional, at: "\(path)/\(key)")
                } else if rule["additionalProperties"] as? Bool == false {
                    found.append("\(path): unknown key '\(key)'")
                }
            }
            return found
        case .sequence(let elements):
            if let minimum = rule["minItems"] as? Int, elements.count < minimum { return ["\(path): too few items"] }
            guard let items = rule["items"] as? [String: Any] else { return [] }
            return elements.enumerated().flatMap { violations(of: $1, against: items, at: "\(path)/\($0)") }
        case .scalar:
            return []
        }
    }

    /// Whether `node` is of the JSON type `name`; YAML dates and times count as strings, as
    /// editors read them.
    private func hasType(_ node: SourceNode, _ name: String) -> Bool {
        switch (node.content, name) {
        case (.mapping, "object"), (.sequence, "array"): return true
        case (.scalar(let scalar), _):
            switch (scalar.kind, name) {
            case (.null, "null"), (.bool, "boolean"), (.int, "integer"), (.int, "number"), (.float, "number"),
                 (.string, "string"):
                return true
            default:
                return false
            }
        default:
            return false
        }
    }
}
