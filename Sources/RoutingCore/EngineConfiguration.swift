// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// The channels a conversation can arrive on (SPEC §2.1).
public enum Channel: UInt8, Sendable, CaseIterable {
    case liveChat, whatsapp, facebook, sms, `internal`

    /// Whether the customer expects an answer within the session (only live chat).
    public var isSynchronous: Bool { self == .liveChat }
}

/// How a queue picks the agent for a chat (SPEC §2.4).
public enum Strategy: UInt8, Sendable, CaseIterable {
    /// Broadcast to every eligible member.
    case ringAll
    /// Broadcast to the eligible ones among the queue's `top` most experienced members.
    case mostExperienced
    /// Nobody is offered; the chat is visible to all members and the claim rule decides.
    case firstResponder
    /// Nobody is offered; available agents pull with get-next-in-queue.
    case manual
    /// The eligible agent idle longest.
    case longestIdle
    /// The next eligible member after the last one picked, in member order.
    case roundRobin
    /// The lowest active chats / capacity; ties longest idle.
    case leastBusy
    /// The fewest chats accepted so far; ties member order.
    case fewestHandled
    /// The first eligible member in member order.
    case topDown
    /// Uniform among the eligible (from the engine's seeded random source).
    case random
    /// By the agents' weights.
    case weightedRandom

    /// How the strategy offers a chat.
    public var offerKind: OfferStyle {
        switch self {
        case .ringAll, .mostExperienced: .broadcast
        case .firstResponder, .manual: .pull
        default: .single
        }
    }
}

/// Whether a strategy offers to one agent, rings several, or lets agents pull.
public enum OfferStyle: Sendable {
    /// One agent; an offer not accepted in time is RONA.
    case single
    /// Several agents at once; the first accept wins; no RONA, the chat rings again.
    case broadcast
    /// No offer: agents claim visible chats or pull the next one.
    case pull
}

/// Who becomes the owner of a visible (unoffered) chat (SPEC §2.3).
public enum ClaimRule: UInt8, Sendable {
    /// The first agent to answer becomes owner.
    case firstReply
    /// The agent must press take first; answering an unowned chat is refused.
    case take
}

/// An agent's presence (SPEC §2.2). "Busy" is not a status: a full agent is merely not eligible.
public enum AgentStatus: UInt8, Sendable, CaseIterable {
    /// Receives offers, alerts and may get the next chat in queue.
    case available
    /// Gets nothing pushed; may open a chat from the list and keeps working its own.
    case away
    /// Missed an offer (redirection on no answer); gets nothing until it sets itself available.
    case rona
    /// Logged off.
    case offline
}

/// A queue's routing configuration.
public struct QueueConfiguration: Sendable, Equatable {
    /// The queue's name, for messages.
    public var name: String
    public var strategy: Strategy
    /// Higher first when a freed agent chooses among its queues.
    public var priority: Int
    /// How long an offer may stay unanswered (RONA for single-agent offers, ringing again for broadcasts).
    public var offerTimeout: SimDuration
    /// An unanswered chat waiting longer than this alerts the queue's available members.
    public var alertAfter: SimDuration
    /// How long a returning contact's chat waits for its previous owner.
    public var stickyWait: SimDuration
    public var claim: ClaimRule
    /// For `most_experienced`: how many of the most experienced members form the fixed set.
    public var top: Int
    /// The language of chats that arrive without one; nil: such chats match every agent.
    public var defaultLanguage: LanguageID?
    /// Live-chat visitors who find no available member get the offline form instead of queueing.
    public var offlineForm: Bool
    /// What happens to a chat that waits (SPEC §3.3 `overflow`): steps in time order; empty: none.
    public var overflow: [OverflowStep] = []

    public init(name: String, strategy: Strategy, priority: Int = 0, offerTimeout: SimDuration = .seconds(30),
                alertAfter: SimDuration = .seconds(60), stickyWait: SimDuration = .seconds(60),
                claim: ClaimRule = .firstReply, top: Int = 3, defaultLanguage: LanguageID? = nil,
                offlineForm: Bool = false) {
        self.name = name
        self.strategy = strategy
        self.priority = priority
        self.offerTimeout = offerTimeout
        self.alertAfter = alertAfter
        self.stickyWait = stickyWait
        self.claim = claim
        self.top = top
        self.defaultLanguage = defaultLanguage
        self.offlineForm = offlineForm
    }
}

/// An agent's routing configuration.
public struct AgentConfiguration: Sendable, Equatable {
    public var name: String
    /// The agent's extension number, for transfers by extension.
    public var extensionNumber: String?
    /// Concurrent chats (slots) in all, ≥ 1.
    public var capacity: Int
    /// Optional per-channel limits within the total (`{live_chat: 2, whatsapp: 4, total: 5}`).
    public var channelCapacity: [Channel: Int]
    /// Higher is more experienced.
    public var experience: Int
    /// Languages spoken; empty means every language.
    public var languages: [LanguageID]
    /// For `weighted_random`.
    public var weight: Double
    /// The queues the agent is a member of.
    public var queues: [QueueID]
    /// Status when the engine starts.
    public var initialStatus: AgentStatus

    public init(name: String, extensionNumber: String? = nil, capacity: Int = 1, channelCapacity: [Channel: Int] = [:],
                experience: Int = 0, languages: [LanguageID] = [], weight: Double = 1, queues: [QueueID],
                initialStatus: AgentStatus = .available) {
        self.name = name
        self.extensionNumber = extensionNumber
        self.capacity = capacity
        self.channelCapacity = channelCapacity
        self.experience = experience
        self.languages = languages
        self.weight = weight
        self.queues = queues
        self.initialStatus = initialStatus
    }
}

/// Everything the engine needs to start.
public struct EngineConfiguration: Sendable, Equatable {
    public var queues: [QueueConfiguration]
    /// Agents in member order.
    public var agents: [AgentConfiguration]
    /// Language names; ``LanguageID`` indexes this list.
    public var languages: [String]
    /// Seeds the random source of the `random` and `weighted_random` strategies.
    public var randomSeed: UInt64

    public init(queues: [QueueConfiguration], agents: [AgentConfiguration], languages: [String] = [],
                randomSeed: UInt64 = 0) {
        self.queues = queues
        self.agents = agents
        self.languages = languages
        self.randomSeed = randomSeed
    }
}
