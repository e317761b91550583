// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

/// One step of a queue's overflow (SPEC §3.3, the planner's model): `after` the chat's queue
/// entry, either more agents may take it, or it moves to another queue.
///
/// Steps count from the chat's queue-entry time, which a move to another queue keeps (so the
/// chat keeps its place by age there too): a chat moved into a queue at once gets the steps of
/// that queue it has already waited through. Steps due at entry (`after` 0) apply before the
/// chat is first routed.
public struct OverflowStep: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// The chat may also go to these agents (a widened eligible set); it stays in its queue.
        case addAgents([AgentID])
        /// The chat moves to this queue, keeping its queue-entry time.
        case toQueue(QueueID)
    }

    /// Time since the chat's queue entry.
    public var after: SimDuration
    public var action: Action

    public init(after: SimDuration, action: Action) {
        self.after = after
        self.action = action
    }
}

/// The overflow levels of the queues and the step timer of each chat.
///
/// A queue with `k` `add_agents` steps gets `k` internal queues beside its own, one per level:
/// level `j` has as members the queue's members and the agents added by its first `j` steps
/// (in member order), and the queue's strategy, priority, timers and claim rule. A waiting chat
/// stands in the line of its level, and its level's pools hold exactly the agents who may take
/// it, so routing, the freed agent's choice (priority, then age, across all lines it may serve)
/// and every strategy's tie-breaks work on levels unchanged, in O(log n) per decision. Levels
/// sit in the engine's queue arrays after the configured queues; ``QueueID``s name configured
/// queues only.
@usableFromInline
struct OverflowBook: Sendable {
    /// Whether any queue has steps; when not, each hook costs one test of this flag.
    @usableFromInline var isActive = false
    /// The configured queues; internal queues from this index on are overflow levels.
    @usableFromInline var publicCount = 0
    /// Per internal queue: the configured queue it belongs to.
    @usableFromInline var publicQueue: [Int32] = []
    /// Per internal queue: its level, which is also the index of the next step of a chat waiting there.
    @usableFromInline var level: [Int32] = []
    /// Per configured queue: its internal queues by level (level 0, the queue itself, first).
    @usableFromInline var levels: [[Int32]] = []
    /// Per configured queue: its steps, in time order.
    @usableFromInline var steps: [[OverflowStep]] = []
    /// Per chat slot: the stamp of its pending step timer (a timer with another stamp is stale).
    @usableFromInline var stamp: [UInt32] = []
    /// Per chat slot: whether a step timer is pending.
    @usableFromInline var armed: [Bool] = []

    init() {}
}

extension RoutingEngine {
    /// Configured queues (the ones ``QueueID`` may name).
    @inlinable var publicQueueCount: Int { overflow.isActive ? overflow.publicCount : queues.count }

    /// The configured queue of internal queue `q`.
    @inlinable @inline(__always) func publicQueue(_ q: Int) -> Int {
        overflow.isActive ? Int(overflow.publicQueue[q]) : q
    }

    /// Chats waiting in every level of configured queue `q`.
    @inlinable func waitingInAllLevels(_ q: Int) -> Int {
        guard overflow.isActive else { return queues[q].waitingCount }
        var total = 0
        for level in overflow.levels[q] { total += queues[Int(level)].waitingCount }
        return total
    }

    /// Chats offered and not yet accepted in every level of configured queue `q`.
    func unansweredInAllLevels(_ q: Int) -> Int {
        guard overflow.isActive else { return queues[q].unanswered }
        return overflow.levels[q].reduce(0) { $0 + queues[Int($1)].unanswered }
    }

    /// The internal queues of configured queue `q` (itself, then its levels).
    func internalQueues(of q: Int) -> [Int] {
        overflow.isActive ? overflow.levels[q].map { Int($0) } : [q]
    }

    // MARK: - Configuration

    /// Checks the queues' overflow steps and builds a level per `add_agents` step (called last by `init`).
    ///
    /// Refused: a step before entry, steps not strictly later one after the other, an unknown
    /// agent or queue, a step adding no agent, a queue moving chats to itself, a `to_queue` step
    /// followed by others (the chat has left), and moves that lead round in a cycle (a chat would
    /// move on forever, since its steps count from one entry time).
    mutating func setUpOverflow(_ configuration: EngineConfiguration) throws(EngineError) {
        let count = configuration.queues.count
        overflow.publicCount = count
        guard configuration.queues.contains(where: { !$0.overflow.isEmpty }) else { return }
        let target = try overflowTargets(configuration)
        try Self.checkOverflowCycles(target, configuration)
        let extraMemberships = addOverflowLevels(configuration)
        mergeMemberships(extraMemberships)
    }

    /// Checks each queue's steps in order; returns the queue each queue's `to_queue` step moves chats to (-1: none).
    func overflowTargets(_ configuration: EngineConfiguration) throws(EngineError) -> [Int] {
        let count = configuration.queues.count
        var target = Array(repeating: -1, count: count)
        for (q, config) in configuration.queues.enumerated() {
            var previous: Int64 = -1
            for (s, step) in config.overflow.enumerated() {
                let name = "queue '\(config.name)' overflow step \(s + 1)"
                guard step.after.microseconds >= 0 else { throw .invalidConfiguration("\(name) is before the chat's entry") }
                guard step.after.microseconds > previous else {
                    throw .invalidConfiguration("\(name) is not later than the step before it")
                }
                previous = step.after.microseconds
                switch step.action {
                case .addAgents(let agents):
                    guard !agents.isEmpty else { throw .invalidConfiguration("\(name) adds no agent") }
                    for agent in agents where agent.index < 0 || Int(agent.index) >= agentStatus.count {
                        throw .invalidConfiguration("\(name) adds unknown \(agent)")
                    }
                case .toQueue(let queue):
                    guard queue.index >= 0 && Int(queue.index) < count else {
                        throw .invalidConfiguration("\(name) moves chats to unknown \(queue)")
                    }
                    guard Int(queue.index) != q else { throw .invalidConfiguration("\(name) moves chats to the queue itself") }
                    guard s == config.overflow.count - 1 else {
                        throw .invalidConfiguration("\(name) moves chats to another queue, so no step may follow it")
                    }
                    target[q] = Int(queue.index)
                }
            }
        }
        return target
    }

    /// Refuses moves (`target`, from ``overflowTargets(_:)``) that lead from a queue round a cycle back to it.
    static func checkOverflowCycles(_ target: [Int], _ configuration: EngineConfiguration) throws(EngineError) {
        let count = configuration.queues.count
        for start in 0..<count where target[start] >= 0 {
            var q = target[start], moves = 1
            while q >= 0 && q != start && moves <= count { q = target[q]; moves += 1 }
            if q == start {
                throw .invalidConfiguration("queue '\(configuration.queues[start].name)' overflows round a cycle of queues "
                                                + "back to itself")
            }
        }
    }

    /// Switches overflow on and appends a level per `add_agents` step after the configured queues;
    /// returns, per agent, the levels it is a member of with its position in each.
    mutating func addOverflowLevels(_ configuration: EngineConfiguration) -> [[(queue: Int32, local: Int32)]] {
        let count = configuration.queues.count
        overflow.isActive = true
        overflow.publicQueue = (0..<count).map { Int32($0) }
        overflow.level = Array(repeating: 0, count: count)
        overflow.levels = (0..<count).map { [Int32($0)] }
        overflow.steps = configuration.queues.map(\.overflow)
        let agents = configuration.agents
        var extraMemberships = Array(repeating: [(queue: Int32, local: Int32)](), count: agents.count)
        for (q, config) in configuration.queues.enumerated() {
            var members = Set(queues[q].members)
            for (s, step) in config.overflow.enumerated() {
                guard case .addAgents(let added) = step.action else { continue }
                for agent in added { members.insert(agent.index) }
                let ordered = members.sorted()
                let level = queues.count
                for (local, a) in ordered.enumerated() {
                    extraMemberships[Int(a)].append((Int32(level), Int32(local)))
                }
                var state = QueueState(configuration: config, members: ordered,
                                       experience: ordered.map { agents[Int($0)].experience },
                                       languageCount: configuration.languages.count,
                                       offerLine: queues[q].offerLine, alertLine: queues[q].alertLine,
                                       stickyLine: queues[q].stickyLine)
                state.availableCount = ordered.filter { agentStatus[Int($0)] == .available }.count
                queues.append(state)
                overflow.publicQueue.append(Int32(q))
                overflow.level.append(Int32(s + 1))
                overflow.levels[q].append(Int32(level))
            }
        }
        return extraMemberships
    }

    /// Rebuilds each agent's memberships: its own queues, then the levels it is a member of
    /// (`extraMemberships`, from ``addOverflowLevels(_:)``); and whether it is ranked by chats handled in any.
    mutating func mergeMemberships(_ extraMemberships: [[(queue: Int32, local: Int32)]]) {
        let agentCount = extraMemberships.count
        var start: [Int32] = [0], queueOf: [Int32] = [], localOf: [Int32] = []
        for a in 0..<agentCount {
            for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) {
                queueOf.append(membershipQueue[m])
                localOf.append(membershipLocal[m])
            }
            for (queue, local) in extraMemberships[a] {
                queueOf.append(queue)
                localOf.append(local)
            }
            start.append(Int32(queueOf.count))
        }
        membershipStart = start
        membershipQueue = queueOf
        membershipLocal = localOf
        agentRankedByHandled = (0..<agentCount).map { a in
            (Int(start[a])..<Int(start[a + 1])).contains { queues[Int(queueOf[$0])].strategy == .fewestHandled }
        }
    }

    // MARK: - A chat's steps

    /// A chat enters a queue (arrival or transfer): the steps due at once apply, and the next one's timer is set.
    mutating func enterOverflow(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        if c >= overflow.armed.count {
            let grown = max(c + 1, 2 * overflow.armed.count)
            overflow.armed.append(contentsOf: repeatElement(false, count: grown - overflow.armed.count))
            overflow.stamp.append(contentsOf: repeatElement(0, count: grown - overflow.stamp.count))
        }
        applyDueSteps(chat, at: now, announce: false)
        armNextStep(chat, at: now)
    }

    /// A chat that was offered, or waited for its previous owner, goes back to a line: the steps
    /// that came due meanwhile apply now (announced), and the next one's timer is set.
    @inline(__always) mutating func resumeOverflow(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        guard c < overflow.armed.count, !overflow.armed[c] else { return }
        applyDueSteps(chat, at: now, announce: true)
        armNextStep(chat, at: now)
    }

    /// The chat was answered or left: its pending step timer is dropped.
    @inline(__always) mutating func cancelOverflow(_ chat: ChatID) {
        let c = Int(chat.slot)
        guard c < overflow.armed.count, overflow.armed[c] else { return }
        overflow.armed[c] = false
        overflow.stamp[c] &+= 1
        deadlines.pending -= 1
        deadlines.earliestKnown = false
    }

    /// Whether a step timer is the chat's pending one.
    @inline(__always) func isRelevantOverflow(_ deadline: Deadline) -> Bool {
        let c = Int(deadline.chat.slot)
        return chats.isCurrent(deadline.chat) && c < overflow.armed.count && overflow.armed[c]
            && overflow.stamp[c] == deadline.round
    }

    /// Applies every step of the chat's queue due by `now`; the chat must be in no line and not offered.
    ///
    /// An `add_agents` step raises it a level; a `to_queue` step puts it in the target queue,
    /// whose due steps apply in turn (moves form no cycle, so this ends).
    mutating func applyDueSteps(_ chat: ChatID, at now: SimTime, announce: Bool) {
        let c = Int(chat.slot)
        let waited = now.microseconds &- chats.records[c].entryTime
        while true {
            let current = Int(chats.records[c].queue)
            let q = Int(overflow.publicQueue[current])
            let next = Int(overflow.level[current])
            guard next < overflow.steps[q].count, overflow.steps[q][next].after.microseconds <= waited else { return }
            switch overflow.steps[q][next].action {
            case .addAgents: chats.records[c].queue = overflow.levels[q][next + 1]
            case .toQueue(let target): chats.records[c].queue = target.index
            }
            if announce { eventBuffer.append(.overflowed(chat, QueueID(q), step: next)) }
        }
    }

    /// Sets the timer of the chat's next step, if its queue has one left.
    ///
    /// The timer joins the deadline line of its delay when it is due exactly that long from now
    /// (a chat entering now, or a step fired on time whose successor's delay has a line);
    /// otherwise it goes into the book's heap.
    mutating func armNextStep(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        let current = Int(chats.records[c].queue)
        let q = Int(overflow.publicQueue[current])
        let next = Int(overflow.level[current])
        guard next < overflow.steps[q].count else { return }
        let time = chats.records[c].entryTime &+ overflow.steps[q][next].after.microseconds
        overflow.armed[c] = true
        overflow.stamp[c] &+= 1
        let stamp = overflow.stamp[c]
        if let line = deadlines.durations.firstIndex(of: time &- now.microseconds) {
            deadlines.set(line: line, at: now, chat: chat, round: stamp, kind: .overflow)
        } else {
            deadlines.set(at: time, chat: chat, round: stamp, kind: .overflow)
        }
    }

    /// A step timer fired: a waiting chat takes the step now — it changes lines (keeping its
    /// place by queue-entry time) and is offered where its strategy finds an agent; an offered
    /// chat, or one waiting for its previous owner, takes it when it goes back to a line.
    ///
    /// Appends `.overflowed`, then `.queued` for a chat moved to another queue, then any offers.
    mutating func fireOverflowStep(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        overflow.armed[c] = false
        guard chats.records[c].state == .queued else { return }
        let from = Int(chats.records[c].queue)
        let language = chats.records[c].language, channel = chats.records[c].channel
        let oldPartition = partition(of: from, language: language, channel: channel)
        // Its entry in the old line goes stale when the chat's round changes below.
        queues[from].partitions[oldPartition].waiting -= 1
        queues[from].waitingCount -= 1
        applyDueSteps(chat, at: now, announce: true)
        let to = Int(chats.records[c].queue)
        let p = partition(of: to, language: language, channel: channel)
        if publicQueue(to) != publicQueue(from) {
            putInLine(chat, queue: to, partition: p, atOriginalPosition: true, at: now)
        } else {
            joinLineQuietly(chat, queue: to, partition: p)
        }
        armNextStep(chat, at: now)
        dispatch(queue: to, partition: p, at: now)
    }

    /// Puts a chat that rose a level in its new line by queue-entry order, without an event (it stays in its queue).
    ///
    /// - Complexity: O(1) when it is the youngest in that line, else O(log r) in chats placed out of order.
    mutating func joinLineQuietly(_ chat: ChatID, queue q: Int, partition p: Int) {
        let c = Int(chat.slot)
        roundSequence &+= 1
        chats.records[c].wait(as: .queued, round: roundSequence)
        let entry = WaitingEntry(chat: chat, sequence: chats.records[c].entrySequence, round: roundSequence)
        if let last = queues[q].partitions[p].line.arrivals.last, last.sequence > entry.sequence {
            queues[q].partitions[p].line.reinsert(entry)
        } else {
            queues[q].partitions[p].line.append(entry)
        }
        queues[q].partitions[p].waiting += 1
        queues[q].waitingCount += 1
    }

    // MARK: - Checks

    /// Overflow invariants: every chat is in a queue that exists; a waiting chat with a step left
    /// has its timer pending; an answered chat has none.
    func overflowViolations() -> [String] {
        guard overflow.isActive else { return [] }
        var problems: [String] = []
        for c in chats.records.indices where chats.records[c].live {
            let current = Int(chats.records[c].queue)
            guard current >= 0 && current < queues.count else {
                problems.append("chat \(c) is in unknown internal queue \(current)")
                continue
            }
            let q = Int(overflow.publicQueue[current])
            let stepsLeft = Int(overflow.level[current]) < overflow.steps[q].count
            let armed = c < overflow.armed.count && overflow.armed[c]
            if chats.records[c].state == .queued && stepsLeft && !armed {
                problems.append("waiting chat \(c) has an overflow step left but no timer")
            }
            if chats.records[c].state == .active && armed { problems.append("answered chat \(c) keeps an overflow timer") }
        }
        return problems
    }
}
