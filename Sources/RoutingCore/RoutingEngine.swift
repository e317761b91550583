// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// The routing engine: decides which agent gets which chat, and keeps chats, agents and queues consistent.
///
/// Sans-I/O and deterministic (SPEC §1): commands take the current time as an argument and
/// append what they decide to ``events``; nothing reads a clock. The engine's own timers (offer
/// timeouts) are reported by ``nextDeadline`` and fired by the caller through
/// ``fireDeadlines(at:)``. Every command validates its input and, when it refuses, throws an
/// ``EngineError`` having changed nothing.
///
/// The engine is a value type over flat arrays indexed by agent, queue and chat slot: the
/// simulator owns it as a local variable in its event loop, so the hot path has no reference
/// counting, no hashing and no exclusivity checks.
public struct RoutingEngine: Sendable {
    // MARK: Configuration
    @usableFromInline let queueConfigurations: [QueueConfiguration]
    @usableFromInline let agentConfigurations: [AgentConfiguration]

    // MARK: Agents, indexed by AgentID.index
    @usableFromInline var agentStatus: [AgentStatus]
    @usableFromInline var agentCapacity: [Int32]
    /// Slots in use: reserved offers plus active chats.
    @usableFromInline var agentLoad: [Int32]
    /// max(end of its last chat, its last change to available), in microseconds.
    @usableFromInline var agentIdleSince: [Int64]
    /// Chats accepted so far (all queues).
    @usableFromInline var agentAccepted: [Int32]
    /// Agent `a`'s memberships are `membershipQueue[membershipStart[a] ..< membershipStart[a + 1]]`.
    @usableFromInline var membershipStart: [Int32]
    @usableFromInline var membershipQueue: [Int32]
    /// The agent's position in that queue's member list.
    @usableFromInline var membershipLocal: [Int32]

    // MARK: Queues, indexed by QueueID.index
    @usableFromInline var queues: [QueueState]

    // MARK: Chats, indexed by ChatID.slot
    @usableFromInline var chatGeneration: [UInt32] = []
    @usableFromInline var chatLive: [Bool] = []
    @usableFromInline var chatState: [ChatState] = []
    @usableFromInline var chatQueue: [Int32] = []
    @usableFromInline var chatChannel: [Channel] = []
    @usableFromInline var chatEntryTime: [Int64] = []
    @usableFromInline var chatEntrySequence: [UInt64] = []
    /// Incremented whenever the chat enters a waiting line; outdated line entries are skipped.
    @usableFromInline var chatStamp: [UInt32] = []
    /// The agent a chat is offered to, or its owner once active; -1 when none.
    @usableFromInline var chatAgent: [Int32] = []
    @usableFromInline var freeSlots: [UInt32] = []
    @usableFromInline var liveChats = 0

    @usableFromInline var entrySequence: UInt64 = 0
    /// Single-agent offers not yet accepted, withdrawn or timed out.
    @usableFromInline var pendingOffers = 0

    @usableFromInline var eventBuffer: [EngineEvent] = []
    /// What the commands since the last ``removeAllEvents()`` decided, in order.
    public var events: [EngineEvent] { eventBuffer }

    /// Builds an engine with every agent in its initial status and no chats.
    public init(configuration: EngineConfiguration, at now: SimTime = .zero) throws(EngineError) {
        for queue in configuration.queues where !Strategy.implemented.contains(queue.strategy) {
            throw .unsupportedStrategy(queue: queue.name, queue.strategy)
        }
        queueConfigurations = configuration.queues
        agentConfigurations = configuration.agents
        let agentCount = configuration.agents.count
        agentStatus = configuration.agents.map(\.initialStatus)
        agentCapacity = []
        agentLoad = Array(repeating: 0, count: agentCount)
        agentIdleSince = Array(repeating: now.microseconds, count: agentCount)
        agentAccepted = Array(repeating: 0, count: agentCount)
        membershipStart = [0]
        membershipQueue = []
        membershipLocal = []
        var members = Array(repeating: [Int32](), count: configuration.queues.count)
        for (a, agent) in configuration.agents.enumerated() {
            guard agent.capacity >= 1 else { throw .invalidConfiguration("agent '\(agent.name)' has no slot") }
            agentCapacity.append(Int32(agent.capacity))
            for queue in agent.queues {
                guard queue.index >= 0 && Int(queue.index) < members.count else {
                    throw .invalidConfiguration("agent '\(agent.name)' is a member of unknown \(queue)")
                }
                guard !membershipQueue[Int(membershipStart[a])...].contains(queue.index) else { continue }
                membershipQueue.append(queue.index)
                membershipLocal.append(Int32(members[Int(queue.index)].count))
                members[Int(queue.index)].append(Int32(a))
            }
            membershipStart.append(Int32(membershipQueue.count))
        }
        queues = configuration.queues.enumerated().map { q, config in
            QueueState(configuration: config, members: members[q])
        }
        eventBuffer.reserveCapacity(64)
        for a in 0..<agentCount { reindex(a) }
    }

    /// Forgets the events read so far (keeps the buffer's storage).
    @inlinable public mutating func removeAllEvents() { eventBuffer.removeAll(keepingCapacity: true) }

    // MARK: - Queries

    /// The number of agents.
    public var agentCount: Int { agentStatus.count }
    /// The number of queues.
    public var queueCount: Int { queues.count }
    /// Chats the engine tracks (queued, offered or active).
    public var chatCount: Int { liveChats }

    /// An agent's status.
    public func status(of agent: AgentID) throws(EngineError) -> AgentStatus {
        try checkAgent(agent)
        return agentStatus[Int(agent.index)]
    }

    /// Slots an agent has in use (reserved offers and active chats).
    public func load(of agent: AgentID) throws(EngineError) -> Int {
        try checkAgent(agent)
        return Int(agentLoad[Int(agent.index)])
    }

    /// A chat's state.
    public func state(of chat: ChatID) throws(EngineError) -> ChatState {
        try checkChat(chat)
        return chatState[Int(chat.slot)]
    }

    /// The agent a chat is offered to or owned by, if any.
    public func agent(of chat: ChatID) throws(EngineError) -> AgentID? {
        try checkChat(chat)
        let a = chatAgent[Int(chat.slot)]
        return a < 0 ? nil : AgentID(Int(a))
    }

    /// Chats waiting in a queue (not offered).
    public func waitingCount(in queue: QueueID) throws(EngineError) -> Int {
        guard queue.index >= 0 && Int(queue.index) < queues.count else { throw .unknownQueue(queue) }
        return queues[Int(queue.index)].waitingCount
    }

    /// The members of a queue in member order.
    public func members(of queue: QueueID) throws(EngineError) -> [AgentID] {
        guard queue.index >= 0 && Int(queue.index) < queues.count else { throw .unknownQueue(queue) }
        return queues[Int(queue.index)].members.map { AgentID(Int($0)) }
    }

    // MARK: - Validation

    @inlinable
    func checkAgent(_ agent: AgentID) throws(EngineError) {
        guard agent.index >= 0 && Int(agent.index) < agentStatus.count else { throw .unknownAgent(agent) }
    }

    @inlinable
    func checkChat(_ chat: ChatID) throws(EngineError) {
        let s = Int(chat.slot)
        guard s < chatGeneration.count, chatGeneration[s] == chat.generation, chatLive[s] else {
            throw .unknownChat(chat)
        }
    }
}

/// The routing state of one queue.
@usableFromInline
struct QueueState: Sendable {
    @usableFromInline let strategy: Strategy
    @usableFromInline let priority: Int
    @usableFromInline let offerTimeout: Int64
    /// Agent indexes in member order.
    @usableFromInline let members: [Int32]
    @usableFromInline var eligible: AgentIndex
    @usableFromInline var line = WaitingLine()
    @usableFromInline var waitingCount = 0
    /// Offer deadlines in time order (every offer of this queue has the same timeout).
    @usableFromInline var offerDeadlines = RingBuffer<OfferDeadline>(capacity: 64)

    init(configuration: QueueConfiguration, members: [Int32]) {
        strategy = configuration.strategy
        priority = configuration.priority
        offerTimeout = configuration.offerTimeout.microseconds
        self.members = members
        eligible = AgentIndex(memberCount: members.count)
    }
}

/// When an offer expires; outdated once the chat's stamp or state moved on.
@usableFromInline
struct OfferDeadline: Sendable {
    @usableFromInline var time: Int64
    @usableFromInline var chat: ChatID
    @usableFromInline var stamp: UInt32

    @inlinable init(time: Int64, chat: ChatID, stamp: UInt32) {
        self.time = time
        self.chat = chat
        self.stamp = stamp
    }
}

extension RoutingEngine {
    /// Number of events in ``events``; with ``event(at:)`` a caller reads them without copying the buffer.
    @inlinable public var eventCount: Int { eventBuffer.count }

    /// The `index`-th event since the last ``removeAllEvents()``.
    @inlinable public func event(at index: Int) -> EngineEvent { eventBuffer[index] }
}
