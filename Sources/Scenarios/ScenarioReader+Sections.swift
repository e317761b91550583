// SPDX-License-Identifier: GPL-3.0-or-later

extension ScenarioReader {
    // MARK: Queues

    /// Reads the `queues` list: unique ids, supported strategies.
    func readQueues(_ elements: [Field]) throws(ScenarioError) -> [Located<QueueSpec>] {
        var ids = UniqueNames(kind: "queue id")
        var queues: [Located<QueueSpec>] = []
        for element in elements {
            let map = try element.mapping(ScenarioKeys.queue)
            let idField = try map.required("id")
            let id = try idField.string()
            try ids.insert(id, at: idField)
            let strategy = try Self.strategy(map.required("strategy"))
            let priority = try map.optional("priority")?.int() ?? 0
            let threshold = try map.optional("service_level_threshold")?.duration(positive: true)
            queues.append(Located(value: QueueSpec(id: id, strategy: strategy, priority: priority,
                                                   serviceLevelThreshold: threshold),
                                  field: element))
        }
        return queues
    }

    /// A strategy of SPEC §2.4 that this version can run.
    static func strategy(_ field: Field) throws(ScenarioError) -> StrategyName {
        let text = try field.string()
        let names = StrategyName.allCases.map(\.rawValue)
        guard let strategy = StrategyName(rawValue: text) else {
            throw field.error("unknown strategy '\(text)'\(KeySuggestion.hint(for: text, among: names)); "
                                  + "expected one of \(names.joined(separator: ", "))")
        }
        guard StrategyName.supported.contains(strategy) else {
            throw field.error("strategy '\(text)' is not supported by this version of Parley yet")
        }
        return strategy
    }

    // MARK: Agent groups

    /// Reads the `agents` list: unique group names, capacities, slowdowns and queue memberships.
    func readAgentGroups(_ elements: [Field],
                         queueIDs: QueueDirectory) throws(ScenarioError) -> [Located<AgentGroupSpec>] {
        var names = UniqueNames(kind: "agent group")
        var groups: [Located<AgentGroupSpec>] = []
        for element in elements {
            let map = try element.mapping(ScenarioKeys.agentGroup)
            let nameField = try map.required("group")
            let name = try nameField.string()
            try names.insert(name, at: nameField)
            let countField = try map.required("count")
            try Self.refuseMapping(countField, feature: "a staffing plan per interval")
            let count = try countField.int(atLeast: 1)
            var capacity = 1
            if let capacityField = map.optional("capacity") {
                try Self.refuseMapping(capacityField, feature: "a capacity per channel")
                capacity = try capacityField.int(atLeast: 1)
            }
            let speed = try map.optional("speed")?.number(positive: true) ?? 1
            let slowdown = try map.optional("slowdown").map { field throws(ScenarioError) in
                try Self.slowdown(field, capacity: capacity)
            }
            let queues = try Self.queueReferences(map.required("queues"), queueIDs: queueIDs)
            groups.append(Located(value: AgentGroupSpec(name: name, count: count, capacity: capacity, speed: speed,
                                                        slowdown: slowdown, queues: queues),
                                  field: element))
        }
        return groups
    }

    /// A mapping where this version takes only a number is a feature that is not supported yet.
    static func refuseMapping(_ field: Field, feature: String) throws(ScenarioError) {
        guard case .mapping = field.node.content else { return }
        throw field.error("\(feature) is not supported by this version of Parley yet; give a number")
    }

    /// The slowdown factors: one per slot, each greater than 0, never decreasing (SPEC §3).
    static func slowdown(_ field: Field, capacity: Int) throws(ScenarioError) -> [Double] {
        let elements = try field.list()
        guard elements.count == capacity else {
            throw field.error("expected \(capacity) value\(capacity == 1 ? "" : "s") (one per slot of capacity "
                                  + "\(capacity)), found \(elements.count)")
        }
        var factors: [Double] = []
        for element in elements {
            let factor = try element.number(positive: true)
            if let previous = factors.last, factor < previous {
                throw element.error("slowdown must not decrease from one slot to the next: "
                                        + "\(formatted(factor)) follows \(formatted(previous))")
            }
            factors.append(factor)
        }
        return factors
    }

    /// A group's `queues`: a non-empty list of distinct known queue ids.
    static func queueReferences(_ field: Field, queueIDs: QueueDirectory) throws(ScenarioError) -> [String] {
        var ids: [String] = []
        for element in try field.list(nonEmpty: true) {
            let id = try element.string()
            try queueIDs.check(id, at: element)
            guard !ids.contains(id) else { throw element.error("queue '\(id)' is listed twice") }
            ids.append(id)
        }
        return ids
    }

    // MARK: Customer streams

    /// Reads the `customers` list: unique ids, channels, queues, arrivals and distributions.
    func readCustomerStreams(_ elements: [Field],
                             queueIDs: QueueDirectory) throws(ScenarioError) -> [Located<CustomerStreamSpec>] {
        var ids = UniqueNames(kind: "customer stream id")
        var streams: [Located<CustomerStreamSpec>] = []
        for element in elements {
            let map = try element.mapping(ScenarioKeys.customerStream)
            let idField = try map.required("id")
            let id = try idField.string()
            try ids.insert(id, at: idField)
            let channel = try Self.channel(map.required("channel"))
            let queueField = try map.required("queue")
            let queue = try queueField.string()
            try queueIDs.check(queue, at: queueField)
            let arrivals = try Self.arrivals(map.required("arrivals"))
            var patience: DistributionSpec?
            if let patienceField = map.optional("patience"), patienceField.node.scalar?.kind != .null {
                patience = try distribution(patienceField)
            }
            let handleTime = try distribution(map.required("handle_time"))
            streams.append(Located(value: CustomerStreamSpec(id: id, channel: channel, queue: queue, arrivals: arrivals,
                                                             patience: patience, handleTime: handleTime),
                                   field: element))
        }
        return streams
    }

    /// A channel a customer can write on; `internal` chats are never queued (SPEC §2.1).
    static func channel(_ field: Field) throws(ScenarioError) -> ChannelName {
        let text = try field.string()
        let names = ChannelName.allCases.filter { $0 != .internal }.map(\.rawValue)
        guard let channel = ChannelName(rawValue: text) else {
            throw field.error("unknown channel '\(text)'\(KeySuggestion.hint(for: text, among: names)); "
                                  + "expected one of \(names.joined(separator: ", "))")
        }
        guard channel != .internal else {
            throw field.error("a customer stream cannot use the channel 'internal': internal chats are never "
                                  + "queued; expected one of \(names.joined(separator: ", "))")
        }
        return channel
    }

    /// The arrival process: `{rate_per_hour: r}` with r > 0.
    static func arrivals(_ field: Field) throws(ScenarioError) -> ArrivalSpec {
        let map = try field.mapping(ScenarioKeys.arrivals)
        return .poisson(ratePerHour: try map.required("rate_per_hour").number(positive: true))
    }
}

/// A number for a message: at most two decimals, no trailing zeros (`8`, `7.5`, `0.67`).
func formatted(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
}
