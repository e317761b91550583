// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

extension RoutingEngine {
    /// A customer starts a chat in `queue`: it is offered to the best eligible agent or waits.
    ///
    /// Appends `.offered` or `.queued`.
    /// - Complexity: O(m log n) for an agent in m queues of n members; O(1) amortised when it waits.
    @inlinable
    public mutating func arrive(channel: Channel, queue: QueueID, at now: SimTime) throws(EngineError) -> ChatID {
        guard queue.index >= 0 && Int(queue.index) < queues.count else { throw .unknownQueue(queue) }
        let chat = allocateChat(channel: channel, queue: queue.index, at: now.microseconds)
        if let member = queues[Int(queue.index)].eligible.top {
            offer(chat, to: Int(queues[Int(queue.index)].members[Int(member)]), at: now.microseconds)
        } else {
            enqueue(chat)
            eventBuffer.append(.queued(chat, queue))
        }
        return chat
    }

    /// The agent accepts the chat offered to it and becomes its owner.
    ///
    /// Appends `.accepted`.
    /// - Complexity: O(1) (the offer's deadline is dropped at once when it is the latest, else lazily).
    @inlinable
    public mutating func accept(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        try checkAgent(agent)
        try checkChat(chat)
        let s = Int(chat.slot)
        guard chatState[s] == .offered else { throw .invalidState(chat, chatState[s]) }
        guard chatAgent[s] == agent.index else { throw .notOfferedTo(chat, agent) }
        dropOfferDeadline(of: chat)
        chatState[s] = .active
        agentAccepted[Int(agent.index)] += 1
        eventBuffer.append(.accepted(chat, agent))
    }

    /// The customer leaves: a waiting or offered chat is abandoned, an active one ends.
    ///
    /// Appends `.offerWithdrawn` (no RONA) and `.abandoned`, or `.customerEnded`; a freed
    /// agent may at once be offered a waiting chat.
    /// - Complexity: O(1) for a waiting chat; O(m log n) when an agent's slot is freed.
    @inlinable
    public mutating func customerLeft(_ chat: ChatID, at now: SimTime) throws(EngineError) {
        try checkChat(chat)
        let s = Int(chat.slot)
        switch chatState[s] {
        case .queued:
            queues[Int(chatQueue[s])].waitingCount -= 1
            releaseChat(chat)
            eventBuffer.append(.abandoned(chat))
        case .offered:
            let a = Int(chatAgent[s])
            dropOfferDeadline(of: chat)
            releaseChat(chat)
            eventBuffer.append(.offerWithdrawn(chat, AgentID(a)))
            eventBuffer.append(.abandoned(chat))
            freeSlot(of: a, at: now.microseconds, chatEnded: false)
        case .active:
            let a = Int(chatAgent[s])
            releaseChat(chat)
            eventBuffer.append(.customerEnded(chat, AgentID(a)))
            freeSlot(of: a, at: now.microseconds, chatEnded: true)
        }
    }

    /// The owner marks the chat handled: it is closed and the agent's slot is free.
    ///
    /// Appends `.handled`, then possibly `.offered` of a waiting chat to the same agent.
    /// - Complexity: O(m log n + m) for an agent in m queues.
    @inlinable
    public mutating func markHandled(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        try checkAgent(agent)
        try checkChat(chat)
        let s = Int(chat.slot)
        guard chatState[s] == .active else { throw .invalidState(chat, chatState[s]) }
        guard chatAgent[s] == agent.index else { throw .notOwner(chat, agent) }
        releaseChat(chat)
        eventBuffer.append(.handled(chat, agent))
        freeSlot(of: Int(agent.index), at: now.microseconds, chatEnded: true)
    }

    /// The agent changes its own status.
    ///
    /// `rona` is set only by the engine; from `rona` an agent may go anywhere. Becoming
    /// `available` restarts its idle time and may bring it waiting chats at once.
    /// - Complexity: O(m log n + m) for an agent in m queues.
    public mutating func setStatus(_ agent: AgentID, to status: AgentStatus, at now: SimTime) throws(EngineError) {
        try checkAgent(agent)
        let a = Int(agent.index)
        let old = agentStatus[a]
        guard status != .rona else { throw .invalidStatusChange(agent, from: old, to: status) }
        guard status != old else { return }
        agentStatus[a] = status
        eventBuffer.append(.statusChanged(agent, status))
        if status == .available {
            agentIdleSince[a] = now.microseconds
            takeWaitingChats(agent: a, at: now.microseconds)
        }
        reindex(a)
    }

    // MARK: - Mechanics

    @inlinable
    mutating func allocateChat(channel: Channel, queue: Int32, at now: Int64) -> ChatID {
        entrySequence &+= 1
        liveChats += 1
        if let slot = freeSlots.popLast() {
            let s = Int(slot)
            chatLive[s] = true
            chatQueue[s] = queue
            chatChannel[s] = channel
            chatEntryTime[s] = now
            chatEntrySequence[s] = entrySequence
            chatAgent[s] = -1
            return ChatID(slot: slot, generation: chatGeneration[s])
        }
        let slot = UInt32(chatGeneration.count)
        chatGeneration.append(0)
        chatLive.append(true)
        chatState.append(.queued)
        chatQueue.append(queue)
        chatChannel.append(channel)
        chatEntryTime.append(now)
        chatEntrySequence.append(entrySequence)
        chatStamp.append(0)
        chatAgent.append(-1)
        return ChatID(slot: slot, generation: 0)
    }

    @inlinable
    mutating func releaseChat(_ chat: ChatID) {
        let s = Int(chat.slot)
        chatLive[s] = false
        chatGeneration[s] &+= 1
        chatStamp[s] &+= 1
        chatAgent[s] = -1
        freeSlots.append(chat.slot)
        liveChats -= 1
    }

    /// Puts a chat at the back of its queue's line.
    @inlinable
    mutating func enqueue(_ chat: ChatID) {
        let s = Int(chat.slot)
        chatState[s] = .queued
        chatAgent[s] = -1
        chatStamp[s] &+= 1
        let q = Int(chatQueue[s])
        queues[q].line.append(WaitingEntry(chat: chat, sequence: chatEntrySequence[s], stamp: chatStamp[s]))
        queues[q].waitingCount += 1
    }

    /// Offers `chat` to agent `a`, reserving one of its slots and starting the offer timer.
    @inlinable
    mutating func offer(_ chat: ChatID, to a: Int, at now: Int64) {
        let s = Int(chat.slot)
        chatState[s] = .offered
        chatAgent[s] = Int32(a)
        chatStamp[s] &+= 1
        let q = Int(chatQueue[s])
        queues[q].offerDeadlines.append(
            OfferDeadline(time: now &+ queues[q].offerTimeout, chat: chat, stamp: chatStamp[s]))
        pendingOffers += 1
        agentLoad[a] += 1
        reindex(a)
        eventBuffer.append(.offered(chat, AgentID(a)))
    }

    /// Forgets the deadline of an offer that was accepted or withdrawn.
    ///
    /// When the offer is the queue's latest (a prompt accept) its entry is removed at once;
    /// otherwise it is skipped when it reaches the front.
    @inlinable
    mutating func dropOfferDeadline(of chat: ChatID) {
        let s = Int(chat.slot)
        let q = Int(chatQueue[s])
        if let last = queues[q].offerDeadlines.last, last.chat == chat, last.stamp == chatStamp[s] {
            queues[q].offerDeadlines.removeLast()
        }
        chatStamp[s] &+= 1
        pendingOffers -= 1
    }

    /// Frees one slot of agent `a` and gives it waiting chats while it is eligible.
    @inlinable
    mutating func freeSlot(of a: Int, at now: Int64, chatEnded: Bool) {
        agentLoad[a] -= 1
        if chatEnded { agentIdleSince[a] = max(agentIdleSince[a], now) }
        takeWaitingChats(agent: a, at: now)
        reindex(a)
    }

    /// While agent `a` is available with a free slot, offers it the waiting chat of highest
    /// queue priority, then earliest queue entry, across its queues (SPEC §2.4).
    ///
    /// - Complexity: O(m) per chat taken, for an agent in m queues.
    @inlinable
    mutating func takeWaitingChats(agent a: Int, at now: Int64) {
        while agentStatus[a] == .available && agentLoad[a] < agentCapacity[a] {
            var best: ChatID?
            var bestPriority = Int.min
            var bestTime = Int64.max
            var bestSequence = UInt64.max
            for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) {
                let q = Int(membershipQueue[m])
                guard queues[q].waitingCount > 0, let chat = frontChat(of: q) else { continue }
                let s = Int(chat.slot)
                let priority = queues[q].priority
                if priority > bestPriority
                    || (priority == bestPriority && (chatEntryTime[s], chatEntrySequence[s]) < (bestTime, bestSequence)) {
                    best = chat
                    bestPriority = priority
                    bestTime = chatEntryTime[s]
                    bestSequence = chatEntrySequence[s]
                }
            }
            guard let chat = best else { return }
            let q = Int(chatQueue[Int(chat.slot)])
            queues[q].line.removeFront()
            queues[q].waitingCount -= 1
            offer(chat, to: a, at: now)
        }
    }

    /// The chat at the front of queue `q`'s line, after dropping stale entries.
    @inlinable
    mutating func frontChat(of q: Int) -> ChatID? {
        while let entry = queues[q].line.front {
            let s = Int(entry.chat.slot)
            if chatLive[s] && chatGeneration[s] == entry.chat.generation && chatState[s] == .queued
                && chatStamp[s] == entry.stamp && Int(chatQueue[s]) == q {
                return entry.chat
            }
            queues[q].line.removeFront()
        }
        return nil
    }

    /// Re-ranks agent `a` in every queue it belongs to (or removes it where it is not eligible).
    ///
    /// - Complexity: O(m log n).
    @inlinable
    mutating func reindex(_ a: Int) {
        let eligible = agentStatus[a] == .available && agentLoad[a] < agentCapacity[a]
        for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) {
            let q = Int(membershipQueue[m])
            let local = membershipLocal[m]
            let key = eligible ? rank(agent: a, local: local, strategy: queues[q].strategy) : nil
            queues[q].eligible.update(local, key: key)
        }
    }

    /// The agent's rank under a strategy; smaller is picked first.
    ///
    /// `longest_idle`: agents holding no chat before agents holding some, then the earliest
    /// idle-since, then member order. `least_busy`: the lowest load / capacity, then longest idle,
    /// then member order.
    @inlinable
    func rank(agent a: Int, local: Int32, strategy: Strategy) -> RankKey {
        switch strategy {
        case .leastBusy:
            let ratio = (UInt64(agentLoad[a]) << 32) / UInt64(agentCapacity[a])
            return RankKey(primary: ratio, secondary: agentIdleSince[a], order: local)
        default:
            return RankKey(primary: agentLoad[a] > 0 ? 1 : 0, secondary: agentIdleSince[a], order: local)
        }
    }
}
