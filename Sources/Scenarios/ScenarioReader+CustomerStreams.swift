// SPDX-License-Identifier: GPL-3.0-or-later

/// The `customers` list: streams, their channels, queues and arrival processes.
extension ScenarioReader {
    /// Reads the `customers` list: unique ids, channels, queues, arrivals and distributions.
    func readCustomerStreams(_ elements: [Field], queueIDs: QueueDirectory,
                             start: LocalStart) throws(ScenarioError) -> [Located<CustomerStreamSpec>] {
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
            let arrivals = try arrivals(map.required("arrivals"), start: start)
            var patience: DistributionSpec?
            if let patienceField = map.optional("patience"), patienceField.node.scalar?.kind != .null {
                patience = try distribution(patienceField)
            }
            let handleTime = try distribution(map.required("handle_time"))
            let languages = try map.optional("languages").map { field throws(ScenarioError) in
                try Self.languageMix(field)
            } ?? []
            var stream = CustomerStreamSpec(id: id, channel: channel, queue: queue, arrivals: arrivals,
                                            patience: patience, handleTime: handleTime, languages: languages)
            stream.endsChatProbability = try map.optional("ends_chat_probability")?.probability() ?? 0
            if let returnField = map.optional("return") {
                let returns = try returnField.mapping(ScenarioKeys.returns)
                let probabilityField = try returns.required("probability")
                stream.returnProbability = try probabilityField.probability()
                stream.returnAfter = try distribution(returns.required("after"))
                // With probability 1 every customer returns again and again; only a delay of at
                // least 1 µs keeps those returns from piling up at one instant forever.
                guard stream.returnProbability < 1
                        || stream.returnAfter.smallestValue >= ScenarioLimits.shortestDurationSeconds else {
                    throw probabilityField.error("with a return probability of 1, 'after' must never be shorter than "
                                                     + "1µs, or a customer could return forever at one instant")
                }
            }
            if let field = map.optional("inactivity") {
                let inactivity = try field.mapping(ScenarioKeys.inactivity)
                stream.inactivityProbability = try inactivity.required("probability").probability()
                stream.inactivityAfter = try distribution(inactivity.required("after"))
            }
            stream.retrial = try map.optional("retrial").map { field throws(ScenarioError) in try retrial(field) }
            stream.services = try customerServices(map, channel: channel, arrivals: arrivals)
            if let field = try map.optional("return")?.mapping(ScenarioKeys.returns).optional("history_saves") {
                stream.services.historySaves = try distribution(field)
                guard stream.returnProbability > 0 else {
                    throw field.error("history_saves is the work a returning customer's history saves; "
                                          + "with a return probability of 0 nobody returns")
                }
            }
            if let field = try map.optional("return")?.mapping(ScenarioKeys.returns).optional("delete_probability") {
                stream.services.deleteProbability = try field.probability()
                guard stream.services.historySaves != nil else {
                    throw field.error("delete_probability deletes conversations from the contact history; "
                                          + "it needs history_saves, which keeps that history")
                }
            }
            streams.append(Located(value: stream, field: element))
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

    /// The arrival process: `{rate_per_hour: r}`, `{profile: {interval, rates_per_hour}}` or `{trace: file}`.
    func arrivals(_ field: Field, start: LocalStart) throws(ScenarioError) -> ArrivalSpec {
        let map = try field.mapping(ScenarioKeys.arrivals)
        let given = ["rate_per_hour", "profile", "trace"].filter { map.optional($0) != nil }
        guard given.count == 1 else {
            throw field.error("give exactly one of rate_per_hour, profile or trace, found \(given.isEmpty ? "none" : given.joined(separator: ", "))")
        }
        if let rate = map.optional("rate_per_hour") {
            return .poisson(ratePerHour: try rate.number(positive: true, atMost: ScenarioLimits.ratePerHour, limit: Self.rateLimit))
        }
        if let trace = map.optional("trace") { return .trace(try self.trace(trace, start: start)) }
        let (interval, rates) = try Self.repeatingSeries(map.required("profile"), keys: ScenarioKeys.profile,
                                                         valuesKey: "rates_per_hour") { field throws(ScenarioError) in
            let rate = try field.number(atMost: ScenarioLimits.ratePerHour, limit: Self.rateLimit)
            guard rate >= 0 else { throw field.error("a rate must not be negative, found \(formatted(rate))") }
            return rate
        }
        guard rates.contains(where: { $0 > 0 }) else { throw field.error("a profile needs at least one rate above 0") }
        return .profile(interval: interval, ratesPerHour: rates)
    }
}
