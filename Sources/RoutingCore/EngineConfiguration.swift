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
    case ringAll, mostExperienced, firstResponder, manual, longestIdle, roundRobin, leastBusy,
         fewestHandled, topDown, random, weightedRandom

    /// The strategies this version of the engine implements.
    public static let implemented: [Strategy] = [.longestIdle, .leastBusy]
}

/// An agent's presence (SPEC §2.2). "Busy" is not a status: a full agent is merely not eligible.
public enum AgentStatus: UInt8, Sendable, CaseIterable {
    /// Receives offers, alerts and may get the next chat in queue.
    case available
    /// Gets nothing pushed; keeps working its own chats.
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
    /// How long a single-agent offer may stay unanswered before RONA.
    public var offerTimeout: SimDuration

    public init(name: String, strategy: Strategy, priority: Int = 0, offerTimeout: SimDuration = .seconds(30)) {
        self.name = name
        self.strategy = strategy
        self.priority = priority
        self.offerTimeout = offerTimeout
    }
}

/// An agent's routing configuration.
public struct AgentConfiguration: Sendable, Equatable {
    public var name: String
    /// Concurrent chats (slots), ≥ 1.
    public var capacity: Int
    /// The queues the agent is a member of.
    public var queues: [QueueID]
    /// Status when the engine starts.
    public var initialStatus: AgentStatus

    public init(name: String, capacity: Int = 1, queues: [QueueID], initialStatus: AgentStatus = .available) {
        self.name = name
        self.capacity = capacity
        self.queues = queues
        self.initialStatus = initialStatus
    }
}

/// Everything the engine needs to start: queues and agents, in member order.
public struct EngineConfiguration: Sendable, Equatable {
    public var queues: [QueueConfiguration]
    public var agents: [AgentConfiguration]

    public init(queues: [QueueConfiguration], agents: [AgentConfiguration]) {
        self.queues = queues
        self.agents = agents
    }
}
