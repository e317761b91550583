// SPDX-License-Identifier: GPL-3.0-or-later

extension ScenarioReader {
    /// Why a group's agents are bounded, for messages.
    static let agentsLimit = "each agent is a record the engine scans when it routes a chat"
    /// Why a capacity is bounded, for messages.
    static let capacityLimit = "the simulator keeps a work rate for every slot of every agent"
    /// Why `speed` and `slowdown` are bounded, for messages.
    static let workFactorLimit = "a work rate a thousand times faster or slower than a reference agent"
    /// Why arrival rates are bounded, for messages.
    static let rateLimit = "about 280 chats a second, so that a run's events stay bounded and simulated time advances"

    // MARK: Queues

    /// Reads the `queues` list: unique ids, known strategies.
    func readQueues(_ elements: [Field], company: String? = nil,
                    calendars: CalendarContext) throws(ScenarioError) -> [Located<QueueSpec>] {
        var ids = UniqueNames(kind: "queue id")
        var queues: [Located<QueueSpec>] = []
        for element in elements {
            let map = try element.mapping(ScenarioKeys.queue)
            let idField = try map.required("id")
            let id = try idField.string()
            try ids.insert(id, at: idField)
            let strategy = try Self.strategy(map.required("strategy"))
            let priority = try map.optional("priority")?.rank() ?? 0
            let threshold = try map.optional("service_level_threshold")?.duration(positive: true)
            var top = 3
            if let topField = map.optional("top") {
                guard strategy == .mostExperienced else {
                    throw topField.error("'top' applies only to the most_experienced strategy, not \(strategy.rawValue)")
                }
                top = try topField.int(atLeast: 1, atMost: ScenarioLimits.agents, limit: Self.agentsLimit)
            }
            var spec = QueueSpec(
                id: id, strategy: strategy, priority: priority, serviceLevelThreshold: threshold, top: top,
                claim: try map.optional("claim").map { field throws(ScenarioError) in try Self.claim(field) } ?? .firstReply,
                offerTimeout: try map.optional("offer_timeout")?.duration(positive: true) ?? .seconds(30),
                alertAfter: try map.optional("alert_after")?.duration(positive: true) ?? .seconds(60),
                stickyWait: try map.optional("sticky_wait")?.duration() ?? .seconds(60),
                language: try map.optional("language")?.string(),
                offlineForm: try map.optional("offline_form")?.bool() ?? false)
            if let takeDelayField = map.optional("take_delay") {
                guard spec.claim == .take else {
                    throw takeDelayField.error("'take_delay' applies only to the take claim rule, not \(spec.claim.rawValue)")
                }
                spec.takeDelay = try takeDelayField.duration()
            }
            if let field = map.optional("inactivity_timeout") { spec.inactivityTimeout = try field.duration(positive: true) }
            spec.services = try Self.queueServices(map, queue: id, company: company)
            spec.calendar = try map.optional("calendar").map { field throws(ScenarioError) in
                try Self.calendar(field, context: calendars)
            }
            spec.targets = try map.optional("targets").map { field throws(ScenarioError) in try Self.targets(field) }
            queues.append(Located(value: spec, field: element))
        }
        return queues
    }

    /// A claim rule: `first_reply` or `take`.
    static func claim(_ field: Field) throws(ScenarioError) -> ClaimName {
        let text = try field.string()
        guard let claim = ClaimName(rawValue: text) else {
            throw field.error("unknown claim rule '\(text)'; expected first_reply or take")
        }
        return claim
    }

    /// A strategy of SPEC §2.4.
    static func strategy(_ field: Field) throws(ScenarioError) -> StrategyName {
        let text = try field.string()
        let names = StrategyName.allCases.map(\.rawValue)
        guard let strategy = StrategyName(rawValue: text) else {
            throw field.error("unknown strategy '\(text)'\(KeySuggestion.hint(for: text, among: names)); "
                                  + "expected one of \(names.joined(separator: ", "))")
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
            var plan: StaffingPlan?
            let count: Int
            if case .mapping = countField.node.content {
                let (interval, counts) = try Self.repeatingSeries(countField, keys: ScenarioKeys.plan, valuesKey: "values") {
                    field throws(ScenarioError) in try field.int(atLeast: 0, atMost: ScenarioLimits.agents, limit: Self.agentsLimit)
                }
                // A plan of zeros is allowed (a group `parley staff` found no use for); the group
                // then keeps one agent who is never on duty.
                plan = StaffingPlan(interval: interval, counts: counts)
                count = max(counts.max() ?? 0, 1)
            } else {
                count = try countField.int(atLeast: 1, atMost: ScenarioLimits.agents, limit: Self.agentsLimit)
            }
            var capacity = 1
            var channelCapacity: [ChannelName: Int] = [:]
            if let capacityField = map.optional("capacity") {
                (capacity, channelCapacity) = try Self.capacity(capacityField)
            }
            let speed = try map.optional("speed")?.number(positive: true, atMost: ScenarioLimits.workFactor,
                                                           limit: Self.workFactorLimit) ?? 1
            let slowdown = try map.optional("slowdown").map { field throws(ScenarioError) in
                try Self.slowdown(field, capacity: capacity)
            }
            let queues = try Self.queueReferences(map.required("queues"), queueIDs: queueIDs)
            let languages = try map.optional("languages").map { field throws(ScenarioError) in
                try Self.languageList(field)
            } ?? []
            let missProbability = try map.optional("miss_probability")?.probability() ?? 0
            let group = AgentGroupSpec(
                name: name, count: count, capacity: capacity, speed: speed, slowdown: slowdown, queues: queues,
                channelCapacity: channelCapacity, experience: try map.optional("experience")?.rank() ?? 0,
                languages: languages, weight: try map.optional("weight")?.number(atMost: ScenarioLimits.weight,
                                                                     limit: "weighted_random adds the weights of all members") ?? 1,
                acceptDelay: try map.optional("accept_delay").map { field throws(ScenarioError) in try distribution(field) }
                    ?? .constant(value: 0),
                missProbability: missProbability,
                ronaRecovery: try map.optional("rona_recovery").map { field throws(ScenarioError) in try distribution(field) }
                    ?? .constant(value: 0))
            var withUnhandled = group
            withUnhandled.unhandledProbability = try map.optional("unhandled_probability")?.probability() ?? 0
            try readWorkModel(map, into: &withUnhandled, queueIDs: queueIDs)
            try readStaffing(map, into: &withUnhandled)
            withUnhandled.plan = plan
            if plan != nil, let shiftsField = map.optional("shifts") {
                throw shiftsField.error("a staffing plan per interval replaces shifts; give one or the other")
            }
            if let weightField = map.optional("weight"), group.weight < 0 {
                throw weightField.error("a weight must not be negative, found \(formatted(group.weight))")
            }
            groups.append(Located(value: withUnhandled, field: element))
        }
        return groups
    }

    /// The keys of SPEC §3 that describe when and how a group's agents work.
    func readWorkModel(_ map: MappingReader, into group: inout AgentGroupSpec,
                       queueIDs: QueueDirectory) throws(ScenarioError) {
        if let field = map.optional("shifts") { group.shifts = try Self.shifts(field) }
        if let field = map.optional("away") { group.away = try awaySpec(field) }
        if let field = map.optional("wrap_up") { group.wrapUp = try distribution(field) }
        group.transferProbability = try map.optional("transfer_probability")?.probability() ?? 0
        if let field = map.optional("transfer_queue") {
            let queue = try field.string()
            try queueIDs.check(queue, at: field)
            group.transferQueue = queue
        }
        group.conferenceProbability = try map.optional("conference_probability")?.probability() ?? 0
        if let field = map.optional("conference_time") { group.conferenceTime = try distribution(field) }
        if let field = map.optional("after_rona") { try readAfterRONA(field, into: &group) }
        group.awayPickProbability = try map.optional("away_pick_probability")?.probability() ?? 0
        if let field = map.optional("alert_reaction") { group.alertReaction = try distribution(field) }
        group.conferenceLeaveProbability = try map.optional("conference_leave_probability")?.probability() ?? 0
        if let field = map.optional("conference_leave_probability"), group.conferenceProbability == 0 {
            throw field.error("conference_leave_probability needs conference_probability above 0")
        }
        group.transferToAgentProbability = try map.optional("transfer_to_agent_probability")?.probability() ?? 0
        group.declineProbability = try map.optional("decline_probability")?.probability() ?? 0
        for (key, count) in [("names", group.count), ("extensions", group.count)] {
            guard let field = map.optional(key) else { continue }
            let elements = try field.list(nonEmpty: true)
            guard elements.count == count else {
                throw field.error("expected \(count) \(key) (one per agent of the group), found \(elements.count)")
            }
            var values: [String] = []
            for element in elements { values.append(try element.string()) }
            if key == "names" { group.names = values } else { group.extensions = values }
        }
        if let field = map.optional("requests") {
            let requests = try field.mapping(ScenarioKeys.requests)
            group.requestProbabilities = RequestProbabilities(
                media: try requests.optional("media")?.probability() ?? 0,
                payment: try requests.optional("payment")?.probability() ?? 0,
                approval: try requests.optional("approval")?.probability() ?? 0)
            guard group.requestProbabilities.sendsAny else {
                throw field.error("give the probability of at least one of media, payment or approval above 0")
            }
            group.requestResponse = try distribution(requests.required("response"))
        }
        if let field = map.optional("template_use") {
            let use = try field.mapping(ScenarioKeys.templateUse)
            group.templateUseProbability = try use.required("probability").probability()
            group.templateSaves = try distribution(use.required("saves"))
            group.templateSearchProbability = try use.optional("search_probability")?.probability() ?? 0
        }
        try readTicketsAndCalls(map, into: &group)
        if let field = map.optional("internal_chats") {
            let chats = try field.mapping(ScenarioKeys.internalChats)
            group.internalChatProbability = try chats.required("probability").probability()
            group.internalChatTime = try distribution(chats.required("time"))
        }
    }

    /// `ticket_probability` with `ticket_time`, and `call_probability` with `call_time`: each
    /// probability needs its time, and a time without its probability could not act.
    func readTicketsAndCalls(_ map: MappingReader, into group: inout AgentGroupSpec) throws(ScenarioError) {
        for (key, timeKey) in [("ticket_probability", "ticket_time"), ("call_probability", "call_time")] {
            let probability = try map.optional(key)?.probability() ?? 0
            let timeField = map.optional(timeKey)
            if probability > 0 && timeField == nil, let field = map.optional(key) {
                throw field.error("\(key) needs \(timeKey), the time the owner spends on it")
            }
            if let timeField, probability == 0 {
                throw timeField.error("\(timeKey) needs \(key) above 0")
            }
            let time = try timeField.map { field throws(ScenarioError) in try distribution(field) } ?? .constant(value: 0)
            if key == "ticket_probability" {
                group.ticketProbability = probability
                group.ticketTime = time
            } else {
                group.callProbability = probability
                group.callTime = time
            }
        }
    }

    /// `after_rona: {available: p, away: p, for: <distribution or duration>}`: shares summing to 1 (seed 003:
    /// after RONA the agent sets itself available or idle); `for` is how long it then stays away.
    func readAfterRONA(_ field: Field, into group: inout AgentGroupSpec) throws(ScenarioError) {
        let map = try field.mapping(ScenarioKeys.afterRONA)
        let available = try map.optional("available")?.probability()
        let away = try map.optional("away")?.probability()
        guard available != nil || away != nil else { throw field.error("give the shares 'available' and 'away'") }
        let total = (available ?? 0) + (away ?? 0)
        guard available == nil || away == nil || abs(total - 1) < 1e-6 else {
            throw field.error("the shares 'available' and 'away' must sum to 1, found \(formatted(total))")
        }
        group.afterRonaAwayProbability = away ?? (1 - (available ?? 1))
        if let forField = map.optional("for") {
            if case .mapping = forField.node.content { group.afterRonaAwayFor = try distribution(forField) }
            else { group.afterRonaAwayFor = .constant(value: try forField.seconds(positive: true)) }
        }
    }

    /// Breaks: `{every: 2h, for: 15m}` or `{rate_per_hour: 0.3, for: <distribution or duration>}`.
    func awaySpec(_ field: Field) throws(ScenarioError) -> AwaySpec {
        let map = try field.mapping(ScenarioKeys.away)
        let lengthField = try map.required("for")
        if let everyField = map.optional("every") {
            if let rate = map.optional("rate_per_hour") { throw rate.error("give either 'every' or 'rate_per_hour', not both") }
            let every = try everyField.duration(positive: true)
            guard every.seconds >= ScenarioLimits.shortestBreakIntervalSeconds else {
                throw everyField.error("breaks must be at least 1m apart, so that an agent's breaks leave time to "
                                           + "work and a run's events stay bounded, found '\(everyField.node.scalar?.text ?? "")'")
            }
            let length = try lengthField.duration(positive: true)
            guard length < every else { throw lengthField.error("a break must be shorter than the time between breaks") }
            return .scheduled(every: every, duration: length)
        }
        guard let rateField = map.optional("rate_per_hour") else {
            throw map.field.error("missing required key 'every' or 'rate_per_hour'")
        }
        let rate = try rateField.number(positive: true, atMost: ScenarioLimits.breakRatePerHour,
                                       limit: "one break a minute on average, so that simulated time advances between breaks")
        if case .mapping = lengthField.node.content { return .atRandom(ratePerHour: rate, duration: try distribution(lengthField)) }
        return .atRandom(ratePerHour: rate, duration: .constant(value: try lengthField.seconds(positive: true)))
    }

    /// A capacity: a number of slots, or slots per channel with an optional `total`
    /// (`{live_chat: 2, whatsapp: 3, total: 3}`; without `total`, the sum of the channels).
    static func capacity(_ field: Field) throws(ScenarioError) -> (Int, [ChannelName: Int]) {
        guard case .mapping = field.node.content else {
            return (try field.int(atLeast: 1, atMost: ScenarioLimits.capacity, limit: capacityLimit), [:])
        }
        let map = try field.mapping(ScenarioKeys.channelCapacity)
        var perChannel: [ChannelName: Int] = [:]
        for channel in ChannelName.allCases where channel != .internal {
            if let value = try map.optional(channel.rawValue)?.int(atLeast: 0, atMost: ScenarioLimits.capacity, limit: capacityLimit) {
                perChannel[channel] = value
            }
        }
        let sum = perChannel.values.reduce(0, +)
        guard let totalField = map.optional("total") else {
            guard sum >= 1 else { throw field.error("a capacity needs at least one slot") }
            guard sum <= ScenarioLimits.capacity else {
                throw field.error("the channels' slots add up to \(sum), above the limit of \(ScenarioLimits.capacity) "
                                      + "(\(capacityLimit)); give a smaller 'total'")
            }
            return (sum, perChannel)
        }
        let total = try totalField.int(atLeast: 1, atMost: ScenarioLimits.capacity, limit: capacityLimit)
        if let channel = ChannelName.allCases.first(where: { (perChannel[$0] ?? 0) > total }) {
            throw map.optional(channel.rawValue)!.error("\(perChannel[channel]!) slots for \(channel.rawValue) exceed the total of \(total)")
        }
        return (total, perChannel)
    }

    /// A non-empty list of distinct language codes.
    static func languageList(_ field: Field) throws(ScenarioError) -> [String] {
        var languages: [String] = []
        for element in try field.list(nonEmpty: true) {
            let language = try element.string()
            guard !languages.contains(language) else { throw element.error("language '\(language)' is listed twice") }
            languages.append(language)
        }
        return languages
    }

    /// A language mix: `{de: 0.9, en: 0.1}`, shares from 0 to 1 summing to 1.
    static func languageMix(_ field: Field) throws(ScenarioError) -> [LanguageShare] {
        guard case .mapping(let entries) = field.node.content, !entries.isEmpty else {
            throw field.error("expected a mapping of languages to shares, such as {de: 0.9, en: 0.1}, found \(field.node.summary)")
        }
        var shares: [LanguageShare] = []
        for entry in entries {
            let name = entry.key.scalar?.text ?? ""
            let share = try Field(node: entry.value, path: field.path.key(name)).probability()
            shares.append(LanguageShare(language: name, share: share))
        }
        let total = shares.reduce(0) { $0 + $1.share }
        guard abs(total - 1) < 1e-6 else { throw field.error("language shares must sum to 1, found \(formatted(total))") }
        return shares
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
            let factor = try element.number(positive: true, atMost: ScenarioLimits.workFactor, limit: workFactorLimit)
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
}

/// A number for a message: at most two decimals, no trailing zeros (`8`, `7.5`, `0.67`).
func formatted(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    return String(rounded)
}
