// SPDX-License-Identifier: GPL-3.0-or-later

extension ScenarioReader {
    /// Checks that every queue is in the `queues` of at least one agent group.
    ///
    /// A queue nobody serves would only fill up; it is reported at the queue's mapping.
    func checkEveryQueueServed(_ queues: [Located<QueueSpec>],
                               by groups: [Located<AgentGroupSpec>]) throws(ScenarioError) {
        for queue in queues where !groups.contains(where: { $0.value.queues.contains(queue.value.id) }) {
            throw queue.field.error("queue '\(queue.value.id)' is not served by any agent group; "
                                        + "add it to the queues of an agent group")
        }
    }

    /// Checks that every stream's chats can be served: some member of its queue holds slots for
    /// its channel and speaks each of its languages (or the queue's default language).
    func checkStreamsServable(_ queues: [Located<QueueSpec>], _ groups: [Located<AgentGroupSpec>],
                              _ streams: [Located<CustomerStreamSpec>]) throws(ScenarioError) {
        for stream in streams {
            let s = stream.value
            let members = groups.map(\.value).filter { $0.queues.contains(s.queue) }
            guard members.contains(where: { $0.serves(s.channel) }) else {
                throw stream.field.error("no agent group of queue \(s.queue) has a slot for \(s.channel.rawValue) chats")
            }
            let queueLanguage = queues.first { $0.value.id == s.queue }?.value.language
            let languages = s.languages.isEmpty ? queueLanguage.map { [$0] } ?? [] : s.languages.map(\.language)
            for language in languages where !members.contains(where: { $0.serves(s.channel) && ($0.languages.isEmpty || $0.languages.contains(language)) }) {
                throw stream.field.error("no agent of queue \(s.queue) speaks '\(language)' on \(s.channel.rawValue)")
            }
        }
    }

    /// Rejects a queue whose constant offered load reaches its agents' capacity while nobody abandons (SPEC §3).
    ///
    /// Without abandonment such a queue grows without bound, and the run would only measure
    /// how long the drain limit is. For each queue whose streams all lack `patience`, the
    /// offered load is Σ rate/3600 × E[handle time] (in Erlangs) and the capacity is
    /// Σ count × speed × maxₖ k/slowdown[k−1] over the groups serving the queue: the most
    /// work per second the agents can do. Agents shared with other queues, or added by the
    /// queue's `overflow`, are counted in full, so passing this check is necessary for
    /// stability, not sufficient; a queue whose `overflow` moves chats on is not checked. The error
    /// points at the first stream into the queue.
    func checkStability(_ queues: [Located<QueueSpec>], _ groups: [Located<AgentGroupSpec>],
                        _ streams: [Located<CustomerStreamSpec>]) throws(ScenarioError) {
        for queue in queues {
            let id = queue.value.id
            let feeding = streams.filter { $0.value.queue == id }
            guard let first = feeding.first, feeding.allSatisfy({ $0.value.patience == nil }),
                  feeding.allSatisfy({ if case .poisson = $0.value.arrivals { true } else { false } }),
                  groups.allSatisfy({ $0.value.shifts.isEmpty && $0.value.plan == nil && $0.value.away == nil })
            else { continue }
            // Overflow: a queue whose chats move on cannot fill up; groups its steps add work for it too.
            guard !queue.value.overflow.contains(where: { if case .toQueue = $0.action { true } else { false } }) else { continue }
            let added: Set<String> = Set(queue.value.overflow.flatMap { step -> [String] in
                if case .addGroups(let names) = step.action { return names }
                return []
            })
            let load = feeding.reduce(0.0) { $0 + Self.offeredLoad($1.value) }
            let capacity = groups.filter { $0.value.queues.contains(id) || added.contains($0.value.name) }
                .reduce(0.0) { $0 + Self.workCapacity($1.value) }
            guard load >= capacity else { continue }
            let verb = load > capacity ? "exceeds" : "reaches"
            throw first.field.error("unstable: offered load \(formatted(load)) \(verb) the capacity "
                                        + "\(formatted(capacity)) of the agents serving queue \(id) "
                                        + "and no customer abandons")
        }
    }

    /// A stream's offered load in Erlangs: arrivals per second (re-contacts included: each chat
    /// returns with probability p, so first contacts bring 1 / (1 − p) chats) × mean work in seconds.
    static func offeredLoad(_ stream: CustomerStreamSpec) -> Double {
        guard stream.returnProbability < 1 else { return .infinity }
        return stream.arrivals.meanRatePerHour / 3600 / (1 - stream.returnProbability) * stream.handleTime.mean
    }

    /// The most work per second a group can do: count × speed × maxₖ k / slowdown[k−1].
    static func workCapacity(_ group: AgentGroupSpec) -> Double {
        let perAgent = group.slowdown.enumerated()
            .map { Double($0.offset + 1) / $0.element }
            .max() ?? 0
        return Double(group.count) * group.speed * perAgent
    }
}
