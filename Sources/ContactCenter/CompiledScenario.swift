// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Scenarios
import Statistics

/// A scenario turned into what a replication needs: engine configuration, samplers and windows.
///
/// Built once per run and shared (read-only) by every replication; all names are resolved to
/// dense indexes here so the event loop never looks anything up by string.
public struct CompiledScenario: Sendable {
    public let scenario: Scenario
    public let engineConfiguration: EngineConfiguration
    /// One per customer stream, in file order.
    let streams: [CompiledStream]
    /// One per agent in member order.
    let agents: [CompiledAgent]
    /// Service-level threshold per queue, in microseconds.
    let queueThresholds: [Int64]
    /// The largest capacity of any agent.
    let maxCapacity: Int
    /// Work rate of each agent holding k chats: `agentRates[a × maxCapacity + k − 1]` = speed / slowdown[k − 1].
    let agentRates: [Double]
    /// Whether each agent works at one rate whatever the number of its chats (no slowdown), so a
    /// scheduled end of work never moves.
    let agentRateIsConstant: [Bool]
    /// Whether each agent's reactions need random draws.
    let agentDrawsAtRandom: [Bool]
    /// Whether the agent accepts every offer at once: no random reactions and no take delay in its queues.
    let agentAcceptsAtOnce: [Bool]
    /// Whether the agent's accepts start nothing optional: no requests, tickets, calls, internal chats,
    /// templates or history lookups (``Replication/startConversation(_:agent:)`` checks one flag for all).
    let agentStartsPlain: [Bool]
    /// Whether a chat queued in each queue concerns anyone but the engine: members who pick from the
    /// list while away, a `first_responder` or a pull queue (``Replication/handleEngineEvents()``).
    let queuedChatsReact: [Bool]
    /// Offer timeout per queue, in microseconds: an accept delay beyond it is RONA.
    let offerTimeouts: [Int64]
    /// Whether each queue's strategy lets agents pull instead of offering.
    let pullQueues: [Bool]
    /// Whether each queue's chats are visible to all members who react to them one by one (`first_responder`).
    let firstResponderQueues: [Bool]
    /// Whether each queue's claim rule is `take`, and what a take costs there, in microseconds (SPEC §3.3).
    let takeQueues: [Bool]
    let takeDelays: [Int64]
    /// How long each queue keeps a silent customer's waiting chat open, in microseconds.
    let inactivityTimeouts: [Int64]
    /// Per queue, its members who may open chats from the list while away (`away_pick_probability` above 0).
    let awayPickers: [[Int]]
    /// Whether any pull queue's claim rule is `take`, so a pull looks at its chat before it takes it.
    let hasPullTakeQueues: Bool
    /// Whether a queue has overflow steps, which may move a chat to another queue.
    let hasOverflow: Bool
    /// Whether any queue is pull-based (kept, not computed: every freed agent asks).
    let hasPullQueues: Bool
    /// Start and end of the measured window.
    let windowStart: SimTime
    let windowEnd: SimTime
    /// The latest time the run may go on to resolve measured chats.
    let drainEnd: SimTime
    /// Whether replications keep a ``ChatRow`` for every chat of the window (`--chats`).
    public var recordsChats = false
    /// Whether replications keep the per-interval series (``ReplicationResult/intervals``): off
    /// when nothing will read them (a run whose results are not stored), so a run's memory does
    /// not grow with its simulated time.
    public var keepsIntervals = true
    /// The bucket of the time series, in microseconds, and the number of buckets in the window.
    let interval: Int64
    public let intervalCount: Int
    /// The simulated time of a Monday 00:00 local time (profiles and shifts repeat from it).
    let weekOrigin: Int64
    /// Business hours, automatic messages, PCI, attachments, chatbots and blocking.
    let services: CompiledServices

    /// Whether any agent group inserts quick-reply templates (`template_use`).
    var usesTemplates: Bool { agents.contains { $0.templateUseProbability > 0 } }

    /// Queue ids in file order.
    public var queueNames: [String] { scenario.queues.map(\.id) }
    /// Channel names that have at least one stream, in the order of ``ChannelName/allCases``.
    public var channelNames: [String] {
        ChannelName.allCases.filter { c in scenario.customerStreams.contains { $0.channel == c } }.map(\.rawValue)
    }

    /// The group of the agent at `index` (member order).
    public func agentGroupName(of index: Int) -> String { agents[index].group }

    /// Compiles `scenario`; it must come from the loader (names already checked).
    public init(_ scenario: Scenario) throws(EngineError) {
        self.scenario = scenario
        var queueIndex: [String: Int] = [:]
        for (i, q) in scenario.queues.enumerated() { queueIndex[q.id] = i }
        let languages = LanguageIndex(scenario.languages)
        var queues = scenario.queues.map { QueueConfiguration($0, languages: languages) }
        let (agentConfigurations, agents) = Self.members(of: scenario, queueIndex: queueIndex, languages: languages)
        Self.addOverflow(to: &queues, scenario: scenario, agentGroups: agents.map(\.group), queueIndex: queueIndex)
        engineConfiguration = EngineConfiguration(queues: queues, agents: agentConfigurations, languages: scenario.languages)
        _ = try RoutingEngine(configuration: engineConfiguration)
        self.agents = agents
        let maxCapacity = agents.map(\.capacity).max() ?? 1
        self.maxCapacity = maxCapacity
        agentRates = agents.flatMap { agent in
            (0..<maxCapacity).map { k in k < agent.capacity ? agent.speed / agent.slowdown[k] : 0 }
        }
        // An owner who may leave a conference hands its chat's end of work over, so that end must be withdrawable.
        agentRateIsConstant = agents.map { agent in
            agent.conferenceLeaveProbability == 0
                && (0..<agent.capacity).allSatisfy { agent.speed / agent.slowdown[$0] == agent.speed / agent.slowdown[0] }
        }
        agentDrawsAtRandom = agents.map(\.drawsAtRandom)
        offerTimeouts = scenario.queues.map(\.offerTimeout.microseconds)
        pullQueues = scenario.queues.map { Strategy($0.strategy).offerKind == .pull }
        hasPullQueues = pullQueues.contains(true)
        firstResponderQueues = scenario.queues.map { $0.strategy == .firstResponder }
        takeQueues = scenario.queues.map { $0.claim == .take }
        inactivityTimeouts = scenario.queues.map(\.inactivityTimeout.microseconds)
        awayPickers = scenario.queues.indices.map { q in agents.indices.filter { agents[$0].awayPickProbability > 0 && agents[$0].queues.contains(q) } }
        let takeDelays = scenario.queues.map { $0.claim == .take ? $0.takeDelay.microseconds : 0 }
        self.takeDelays = takeDelays
        agentAcceptsAtOnce = agents.map { agent in !agent.drawsAtRandom && agent.queues.allSatisfy { takeDelays[$0] == 0 } }
        hasOverflow = scenario.queues.contains { !$0.overflow.isEmpty }
        hasPullTakeQueues = scenario.queues.contains { Strategy($0.strategy).offerKind == .pull && $0.claim == .take }
        streams = scenario.customerStreams.map { CompiledStream($0, queue: queueIndex[$0.queue] ?? 0, languages: languages) }
        queueThresholds = scenario.queues.map { ($0.serviceLevelThreshold ?? scenario.serviceLevelThreshold).microseconds }
        windowStart = SimTime.zero + scenario.warmup
        windowEnd = windowStart + scenario.duration
        drainEnd = windowEnd + scenario.drainLimit
        interval = max(scenario.interval.microseconds, 1)
        // Rounded up without adding first, which could overflow for a duration near the clock's range.
        let (wholeIntervals, partInterval) = scenario.duration.microseconds.quotientAndRemainder(dividingBy: interval)
        intervalCount = Int(wholeIntervals) + (partInterval > 0 ? 1 : 0)
        weekOrigin = windowStart.microseconds - scenario.start.weekOffset.microseconds
        services = CompiledServices(scenario)
        let keepsHistory = services.keepsHistory
        agentStartsPlain = agents.map { agent in
            !agent.requestProbabilities.sendsAny && agent.ticketProbability == 0 && agent.callProbability == 0
                && agent.internalChatProbability == 0 && agent.templateUseProbability == 0 && !keepsHistory
        }
        let (awayPickers, firstResponderQueues, pullQueues) = (self.awayPickers, self.firstResponderQueues, self.pullQueues)
        queuedChatsReact = scenario.queues.indices.map { q in !awayPickers[q].isEmpty || firstResponderQueues[q] || pullQueues[q] }
    }
}

/// A customer stream with its samplers.
struct CompiledStream: Sendable {
    let name: String
    let queue: Int
    let channel: Channel
    let arrivals: CompiledArrivals
    /// The rate of a Poisson stream per second, or nil; read per chat without copying `arrivals`.
    let poissonRate: Double?
    /// Whether the stream replays a trace.
    let isTrace: Bool
    /// Probability that the customer leaves an active chat.
    let endsChatProbability: Double
    /// nil: infinitely patient.
    let patience: Distribution?
    let handleTime: Distribution
    /// The language mix (empty: the queue's language) and its shares.
    let languages: [LanguageID]
    let languageShares: [Double]
    /// Re-contacts after a finished chat.
    let returnProbability: Double
    let returnAfter: Distribution
    /// Customers who go silent while they wait, and after how long in the queue.
    let inactivityProbability: Double
    let inactivityAfter: Distribution
}

/// One synthetic agent's work model.
struct CompiledAgent: Sendable {
    /// `group/n`, the name of the agent's random stream.
    let name: String
    let group: String
    let speed: Double
    /// Slowdown per number of chats in conversation (index k − 1).
    let slowdown: [Double]
    let capacity: Int
    let queues: [Int]
    let acceptDelay: Distribution
    let missProbability: Double
    let ronaRecovery: Distribution
    let unhandledProbability: Double
    /// When the agent is on duty, in simulated microseconds, sorted and disjoint.
    let duty: [DutySpan]
    let away: CompiledAway?
    let wrapUp: Distribution?
    let transferProbability: Double
    /// The queue transfers go to; nil: the chat's own.
    let transferQueue: Int?
    let conferenceProbability: Double
    let conferenceTime: Distribution
    /// After RONA: the probability of setting itself away instead of available, and for how long.
    let afterRonaAwayProbability: Double
    let afterRonaAwayFor: Distribution
    /// Quick replies: the probability an owner uses one when it starts on a chat, and the work it saves (seconds).
    let templateUseProbability: Double
    let templateSaves: Distribution
    /// Probability that a template use searches the templates' text instead of listing the category.
    let templateSearchProbability: Double
    /// Requests to customers (media, payment, approval) and the customer's response time (seconds).
    let requestProbabilities: RequestProbabilities
    let requestResponse: Distribution
    /// Transfers to an agent of the queue (found by name or extension), and declines of such transfers.
    let transferToAgentProbability: Double
    let declineProbability: Double
    /// Probability that the owner leaves a conference once the invitee joined (the invitee takes over).
    let conferenceLeaveProbability: Double
    /// Probability that the agent, while away, opens a newly waiting chat from the list.
    let awayPickProbability: Double
    /// How long the agent takes to open a chat it was alerted to (seconds); nil: it ignores alerts.
    let alertReaction: Distribution?
    /// Requests (tickets) from chats: the probability an owner creates one on accepting a chat, and
    /// the time writing it adds to the chat's work (seconds).
    let ticketProbability: Double
    let ticketTime: Distribution
    /// Calls from live chats of queues with `call_from_chat`: the probability an owner starts one
    /// on accepting such a chat, and how long it lasts (seconds).
    let callProbability: Double
    let callTime: Distribution
    /// Internal chats: the probability an owner consults a colleague on accepting a chat, and
    /// how long the internal chat lasts (seconds).
    let internalChatProbability: Double
    let internalChatTime: Distribution

    /// Whether the agent's reactions need random draws (an accept delay, misses, a RONA recovery, un-handled chats).
    var drawsAtRandom: Bool {
        acceptDelay != .constant(value: 0) || missProbability > 0 || ronaRecovery != .constant(value: 0)
            || unhandledProbability > 0 || transferProbability > 0 || conferenceProbability > 0 || wrapUp != nil
            || away != nil
    }
}

extension Strategy {
    /// The engine's strategy for a scenario's strategy name.
    init(_ name: StrategyName) {
        switch name {
        case .ringAll: self = .ringAll
        case .mostExperienced: self = .mostExperienced
        case .firstResponder: self = .firstResponder
        case .manual: self = .manual
        case .longestIdle: self = .longestIdle
        case .roundRobin: self = .roundRobin
        case .leastBusy: self = .leastBusy
        case .fewestHandled: self = .fewestHandled
        case .topDown: self = .topDown
        case .random: self = .random
        case .weightedRandom: self = .weightedRandom
        }
    }
}

extension Channel {
    /// The engine's channel for a scenario's channel name.
    init(_ name: ChannelName) {
        switch name {
        case .liveChat: self = .liveChat
        case .whatsapp: self = .whatsapp
        case .facebook: self = .facebook
        case .sms: self = .sms
        case .internal: self = .internal
        }
    }
}

extension Distribution {
    /// The sampler for a scenario's distribution.
    init(_ spec: DistributionSpec) {
        switch spec {
        case .exponential(let mean): self = .exponential(mean: mean)
        case .constant(let value): self = .constant(value: value)
        case .uniform(let lo, let hi): self = .uniform(min: lo, max: hi)
        case .lognormal(let mean, let sd): self = .lognormal(mean: mean, sd: sd)
        case .gamma(let mean, let sd): self = .gamma(mean: mean, sd: sd)
        case .erlang(let k, let mean): self = .erlang(k: k, mean: mean)
        case .weibull(let shape, let scale): self = .weibull(shape: shape, scale: scale)
        case .empirical(let values): self = .empirical(values: values)
        }
    }
}
