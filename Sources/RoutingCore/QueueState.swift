// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

/// The routing state of one queue: its members, eligibility pools, waiting line and counters.
@usableFromInline
struct QueueState: Sendable {
    @usableFromInline let strategy: Strategy
    @usableFromInline let priority: Int
    @usableFromInline let claim: ClaimRule
    @usableFromInline let offlineForm: Bool
    /// The default language's index, or -1.
    @usableFromInline let defaultLanguage: Int32
    /// Agent indexes in member order.
    @usableFromInline let members: [Int32]
    /// For `most_experienced`: the local indexes of the `top` most experienced members (ties by member order).
    @usableFromInline let topMembers: [Int32]
    /// Partition of each (language + 1) × channelCount + channel, or -1 until first needed.
    @usableFromInline var partitionIndex: [Int32]
    /// The queue split by (language, channel): eligible agents and waiting chats of each kind.
    /// (A ``PlainTable``: copies share it until the engine separates them, ``RoutingEngine/makeUnique()``.)
    @usableFromInline var partitions = PlainTable<Partition>(capacity: 2)
    /// Chats waiting in the lines (not offered), all partitions.
    @usableFromInline var waitingCount = 0
    /// Members whose status is `available`.
    @usableFromInline var availableCount = 0
    /// Chats of this queue offered and not yet accepted.
    @usableFromInline var offeredCount = 0
    /// Lines of the deadline book for this queue's offer timeout, alert delay and sticky wait.
    @usableFromInline let offerLine: Int
    @usableFromInline let alertLine: Int
    @usableFromInline let stickyLine: Int
    /// For `round_robin`: the member picked last, or -1.
    @usableFromInline var lastPicked: Int32 = -1

    init(configuration: QueueConfiguration, members: [Int32], experience: [Int], languageCount: Int,
         offerLine: Int, alertLine: Int, stickyLine: Int) {
        strategy = configuration.strategy
        priority = configuration.priority
        claim = configuration.claim
        offlineForm = configuration.offlineForm
        defaultLanguage = configuration.defaultLanguage?.index ?? -1
        self.members = members
        let byExperience = members.indices.sorted { (experience[$0], -$0) > (experience[$1], -$1) }
        topMembers = byExperience.prefix(max(configuration.top, 0)).map { Int32($0) }.sorted()
        partitionIndex = Array(repeating: -1, count: (languageCount + 1) * RoutingEngine.channelCount)
        self.offerLine = offerLine
        self.alertLine = alertLine
        self.stickyLine = stickyLine
    }

    /// Gives this queue partitions and waiting lines of its own (a copy of the queue shares them).
    ///
    /// - Complexity: O(slots of its lines).
    mutating func separate() {
        partitions = partitions.copied()
        for p in partitions.indices { partitions[p].line.arrivals.separate() }
    }

    /// Chats not yet answered: waiting or offered.
    var unanswered: Int { waitingCount + offeredCount }
}

/// The part of a queue that serves chats of one language and channel.
///
/// A chat waits in the line of its partition, and the partition's pool holds exactly the members
/// who could take it now; a freed agent looks only at the fronts of the lines it can serve.
@usableFromInline
struct Partition: Sendable {
    @usableFromInline var pool: AgentPool
    @usableFromInline var line = WaitingLine()
    @usableFromInline var waiting = 0

    init(pool: AgentPool) { self.pool = pool }

    /// The language served (-1: every agent matches).
    @inlinable var language: Int32 { pool.language }
    @inlinable var channel: UInt8 { pool.channel }
}
