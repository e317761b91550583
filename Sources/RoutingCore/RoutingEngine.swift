// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage
import SplitMix

/// The routing engine: decides which agent gets which chat, and keeps chats, agents and queues consistent.
///
/// Sans-I/O and deterministic (SPEC §1): commands take the current time as an argument and
/// append what they decide to ``events``; nothing reads a clock. The engine's own timers (offer
/// timeouts, unanswered alerts, sticky waits) are reported by ``nextDeadline()`` and fired by the
/// caller through ``fireDeadlines(at:)``. Every command validates its input and, when it refuses,
/// throws an ``EngineError`` having changed nothing. The `random` strategies draw from a generator
/// seeded by the configuration.
///
/// The engine is a value type over flat arrays indexed by agent, queue and chat slot: the
/// simulator owns it as a local variable in its event loop, so the hot path has no reference
/// counting, no hashing and no exclusivity checks. A routing decision reads a per-queue index
/// (O(1)) and re-ranks the chosen agent (O(log n)); none scans all agents.
public struct RoutingEngine: Sendable {
    @usableFromInline static let channelCount = Channel.allCases.count

    // MARK: Configuration
    @usableFromInline let agentNames: [String]
    @usableFromInline let agentExtensions: [String?]
    @usableFromInline let languageNames: [String]

    // MARK: Agents, indexed by AgentID.index
    @usableFromInline var agentStatus: PlainTable<AgentStatus>
    @usableFromInline var agentCapacity = PlainTable<Int32>()
    /// Slots in use: reserved offers plus active chats (and conferences joined).
    /// Per agent: load, channel loads, idle time and chats accepted (``AgentCounters``).
    @usableFromInline var agentCounters: PlainTable<AgentCounters>
    /// Per agent and channel (agent × channelCount + channel): the limit of slots in use.
    @usableFromInline var agentChannelCapacity = PlainTable<Int32>()
    /// Bit i set: speaks language i; all bits: speaks every language.
    @usableFromInline var agentLanguages = PlainTable<UInt64>()
    @usableFromInline var agentExperience: [Int]
    @usableFromInline var agentWeight: [Double]
    /// Agent `a`'s memberships are `membershipQueue[membershipStart[a] ..< membershipStart[a + 1]]`.
    @usableFromInline var membershipStart: [Int32]
    @usableFromInline var membershipQueue: [Int32]
    /// The agent's position in that queue's member list.
    @usableFromInline var membershipLocal: [Int32]
    /// Whether the agent is a member of a `fewest_handled` queue (its rank there moves with each accept).
    @usableFromInline var agentRankedByHandled: [Bool] = []
    /// Returning contacts' chats waiting for this agent, oldest first.
    @usableFromInline var agentStickyChats: [[ChatID]]
    /// Agents whose caller accepts every offer the moment it reads it (``acceptOffersAtOnce(by:_:)``).
    @usableFromInline var agentAcceptsAtOnce: [Bool]
    /// Set by a command just before its last routing step when nothing in ``events`` before that
    /// step asks the caller to act: an offer made then to an agent who accepts at once is accepted
    /// in the same step (``offerAcceptedAtOnce(_:to:at:)``).
    @usableFromInline var atOnceWindow = false

    // MARK: Queues, indexed by QueueID.index
    /// (A ``PlainTable`` with the queues' partitions and lines in tables too: ``makeUnique()`` separates them.)
    @usableFromInline var queues: PlainTable<QueueState>
    /// Every pool's eligible members, ranked (pools are addressed by ``AgentPool/base``).
    @usableFromInline var pools = AgentIndex()
    /// The pools each agent is a member of: agent `a`'s first is `poolMemberships[agentPoolHead[a]]`
    /// (-1: none yet), each chained to the next; a pool's members are added when it is made.
    @usableFromInline var agentPoolHead: PlainTable<Int32>
    @usableFromInline var poolMemberships = PlainTable<PoolMembership>()

    // MARK: Chats, indexed by ChatID.slot
    @usableFromInline var chats = ChatTable()

    // MARK: Offers beyond a chat's first (broadcasts): one record per agent offered, chained per chat
    @usableFromInline var offerAgent: [Int32] = []
    @usableFromInline var offerNext: [Int32] = []
    @usableFromInline var freeOffers: [Int32] = []

    // MARK: Contacts, indexed by ContactID.index
    /// The owner of the contact's last taken, un-handled chat, or -1.
    @usableFromInline var contactStickyOwner: [Int32] = []

    // MARK: Timers
    @usableFromInline var deadlines: DeadlineBook
    @usableFromInline var random: SplitMix64
    @usableFromInline var entrySequence: UInt64 = 0
    @usableFromInline var roundSequence: UInt32 = 0

    /// Overflow levels and step timers (RoutingEngine+Overflow.swift).
    @usableFromInline var overflow = OverflowBook()

    @usableFromInline var eventBuffer = EventLog()
    /// Held by this engine value and its copies only: unique exactly when its tables (chat records,
    /// agent counters, events, pools, queues with their lines, deadline lines) are not shared with another engine value (``makeUnique()``).
    @usableFromInline var ownership = TableOwnership()
    /// What the commands since the last ``removeAllEvents()`` decided, in order.
    public var events: [EngineEvent] { eventBuffer.events }

    /// Builds an engine with every agent in its initial status and no chats.
    public init(configuration: EngineConfiguration, at now: SimTime = .zero) throws(EngineError) {
        guard configuration.languages.count <= 64 else {
            throw .invalidConfiguration("at most 64 languages are supported, \(configuration.languages.count) given")
        }
        let agents = configuration.agents
        let channels = Self.channelCount
        agentNames = agents.map(\.name)
        agentExtensions = agents.map(\.extensionNumber)
        languageNames = configuration.languages
        agentStatus = PlainTable(agents.map(\.initialStatus))
        assert(channels <= AgentCounters(idleSince: 0).channelLoad.scalarCount, "more channels than AgentCounters holds")
        agentCounters = PlainTable(repeating: AgentCounters(idleSince: now.microseconds), count: agents.count)
        agentExperience = agents.map(\.experience)
        agentWeight = agents.map(\.weight)
        agentStickyChats = Array(repeating: [], count: agents.count)
        agentAcceptsAtOnce = Array(repeating: false, count: agents.count)
        agentPoolHead = PlainTable(repeating: -1, count: agents.count)
        membershipStart = [0]
        membershipQueue = []
        membershipLocal = []
        var members = Array(repeating: [Int32](), count: configuration.queues.count)
        for (a, agent) in agents.enumerated() {
            guard agent.capacity >= 1 else { throw .invalidConfiguration("agent '\(agent.name)' has no slot") }
            agentCapacity.append(Int32(agent.capacity))
            for channel in Channel.allCases {
                let limit = agent.channelCapacity[channel].map { min($0, agent.capacity) } ?? agent.capacity
                guard limit >= 0 else { throw .invalidConfiguration("agent '\(agent.name)' has a negative capacity") }
                agentChannelCapacity.append(Int32(limit))
            }
            agentLanguages.append(try Self.languageMask(of: agent, languageCount: configuration.languages.count))
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
        var book = DeadlineBook()
        var queues = try Self.queueStates(configuration, members: members, book: &book)
        agentRankedByHandled = Self.rankedByHandled(configuration)
        for (a, agent) in agents.enumerated() where agent.initialStatus == .available {
            for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) { queues[Int(membershipQueue[m])].availableCount += 1 }
        }
        self.queues = PlainTable(queues)
        deadlines = book
        random = SplitMix64(seed: configuration.randomSeed)
        try setUpOverflow(configuration)
    }

    /// The languages `agent` speaks as a bit mask (bit i: language i; all bits: an agent who lists none).
    static func languageMask(of agent: AgentConfiguration, languageCount: Int) throws(EngineError) -> UInt64 {
        var mask: UInt64 = agent.languages.isEmpty ? .max : 0
        for language in agent.languages {
            guard language.index >= 0 && Int(language.index) < languageCount else {
                throw .invalidConfiguration("agent '\(agent.name)' speaks unknown \(language)")
            }
            mask |= 1 << UInt64(language.index)
        }
        return mask
    }

    /// Each configured queue's state over its `members`, its timers' lines taken from `book`, in queue order.
    static func queueStates(_ configuration: EngineConfiguration, members: [[Int32]],
                            book: inout DeadlineBook) throws(EngineError) -> [QueueState] {
        let agents = configuration.agents
        var queues: [QueueState] = []
        for (q, config) in configuration.queues.enumerated() {
            if let language = config.defaultLanguage, language.index < 0 || Int(language.index) >= configuration.languages.count {
                throw .invalidConfiguration("queue '\(config.name)' has unknown default \(language)")
            }
            queues.append(QueueState(configuration: config, members: members[q],
                                     experience: members[q].map { agents[Int($0)].experience },
                                     languageCount: configuration.languages.count,
                                     offerLine: book.line(for: config.offerTimeout),
                                     alertLine: book.line(for: config.alertAfter),
                                     stickyLine: book.line(for: config.stickyWait)))
        }
        return queues
    }

    /// Whether each agent is a member of a `fewest_handled` queue.
    static func rankedByHandled(_ configuration: EngineConfiguration) -> [Bool] {
        configuration.agents.map { agent in
            agent.queues.contains { configuration.queues.indices.contains(Int($0.index))
                && configuration.queues[Int($0.index)].strategy == .fewestHandled }
        }
    }

    /// Makes the engine's tables (``PlainTable``s written by commands, and the pools' storage) its own before a command
    /// writes them: one uniqueness check for all of them, and a copy of all of them when another
    /// engine value shares them. Every public command that changes the engine calls this first.
    @inlinable @inline(__always) mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&ownership) { separate() }
    }

    /// Copies every table shared with other engine values (``makeUnique()``).
    @usableFromInline mutating func separate() {
        ownership = TableOwnership()
        chats.records = chats.records.copied()
        agentCounters = agentCounters.copied()
        eventBuffer.storage = eventBuffer.storage.copied()
        pools.storage = pools.storage.copy(used: pools.used, capacity: pools.storage.capacity)
        agentStatus = agentStatus.copied()
        agentPoolHead = agentPoolHead.copied()
        poolMemberships = poolMemberships.copied()
        queues = queues.copied()
        for q in queues.indices { queues[q].separate() }
        deadlines.separate()
        // Written only while the engine is built: agentCapacity, agentChannelCapacity, agentLanguages.
    }

    /// Forgets the events read so far (keeps the buffer's storage).
    @inlinable public mutating func removeAllEvents() { eventBuffer.removeAll() }

    /// Number of events in ``events``; with ``event(at:)`` a caller reads them without copying the buffer.
    @inlinable public var eventCount: Int { eventBuffer.count }

    /// Chats waiting in the lines of the queue at `index` (not offered; overflow levels included); no validation, for hot loops.
    @inlinable public func waitingCount(atQueueIndex index: Int) -> Int { waitingInAllLevels(index) }

    /// The `index`-th event since the last ``removeAllEvents()``.
    @inlinable public func event(at index: Int) -> EngineEvent { eventBuffer[index] }
}
