// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

extension RoutingEngine {
    /// Offers `chat` by its queue's strategy, or puts it in line when nobody is eligible (or the queue is pull-based).
    ///
    /// Appends `.offered` (one per agent rung) or `.queued`.
    /// - Complexity: O(log n) for a single-agent strategy; O(k log k) for a broadcast to k agents.
    @inline(__always)
    mutating func route(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        let q = Int(chats.records[c].queue)
        let p = partition(of: q, language: chats.records[c].language, channel: chats.records[c].channel)
        if !offerByStrategy(chat, queue: q, partition: p, at: now) {
            enqueue(chat, queue: q, partition: p, at: now)
        }
    }

    /// Makes the strategy's offer for `chat`; false when it offers nobody.
    @inline(__always)
    mutating func offerByStrategy(_ chat: ChatID, queue q: Int, partition p: Int, at now: SimTime) -> Bool {
        switch queues[q].strategy.offerKind {
        case .pull:
            return false
        case .single:
            guard let local = pickSingle(queue: q, partition: p) else { return false }
            // Only `round_robin` reads it: other strategies leave the queue array untouched (no copy-on-write check).
            if queues[q].strategy == .roundRobin { queues[q].lastPicked = local }
            let a = Int(queues[q].members[Int(local)])
            if atOnceWindow && agentAcceptsAtOnce[a] && !agentRankedByHandled[a] {
                offerAcceptedAtOnce(chat, to: a, at: now)
                return true
            }
            beginOffers(chat, kind: .single, at: now)
            addOffer(chat, to: a)
            return true
        case .broadcast:
            let targets = broadcastTargets(queue: q, partition: p)
            guard !targets.isEmpty else { return false }
            beginOffers(chat, kind: .broadcast, at: now)
            for a in targets { addOffer(chat, to: a) }
            return true
        }
    }

    /// The member (local index) a single-agent strategy picks, or nil when none is eligible.
    ///
    /// - Complexity: O(1) for ranked strategies, O(log n) for `round_robin` and the random ones.
    @inline(__always)
    mutating func pickSingle(queue q: Int, partition p: Int) -> Int32? {
        let strategy = queues[q].strategy
        guard let weights = queues[q].partitions[p].pool.weights else {
            return pools.top(queues[q].partitions[p].pool.base)
        }
        guard weights.nonZero > 0 else { return pools.top(queues[q].partitions[p].pool.base) }
        switch strategy {
        case .roundRobin:
            let last = Int(queues[q].lastPicked)
            let before = last >= 0 ? weights.prefix(through: last) : 0
            let target = before < weights.total ? before : 0
            return Int32(weights.position(exceeding: target))
        case .random:
            let k = (random.uniform() * Double(weights.nonZero)).rounded(.down)
            return Int32(weights.position(exceeding: k))
        default:
            return Int32(weights.position(exceeding: random.uniform() * weights.total))
        }
    }

    /// The agents a broadcast rings, in member order.
    ///
    /// `ring_all`: every eligible member; `most_experienced`: the eligible ones among the
    /// queue's fixed top-N set.
    /// - Complexity: O(k log k) for k eligible members, or O(N) for the top-N set.
    func broadcastTargets(queue q: Int, partition p: Int) -> [Int] {
        let base = queues[q].partitions[p].pool.base
        if queues[q].strategy == .mostExperienced {
            return queues[q].topMembers.compactMap { local in
                pools.contains(base, local) ? Int(queues[q].members[Int(local)]) : nil
            }
        }
        return pools.members(base).sorted().map { Int(queues[q].members[Int($0)]) }
    }

    /// Starts an offer round for `chat`: its state, kind and offer timer; ``addOffer(_:to:)`` rings each agent.
    @inline(__always)
    mutating func beginOffers(_ chat: ChatID, kind: ChatTable.OfferKind, at now: SimTime) {
        let c = Int(chat.slot)
        let q = Int(chats.records[c].queue)
        atOnceWindow = false
        roundSequence &+= 1
        chats.records[c].beginOfferRound(roundSequence, kind: kind)
        queues[q].offeredCount += 1
        deadlines.set(line: queues[q].offerLine, at: now, chat: chat, round: roundSequence, kind: .offer)
    }

    /// Offers `chat` to agent `a` in the current round, reserving one of its slots.
    @inline(__always)
    mutating func addOffer(_ chat: ChatID, to a: Int) {
        let c = Int(chat.slot)
        reserveSlot(a, channel: chats.records[c].channel)
        if chats.records[c].firstOffer < 0 && chats.records[c].offerHead < 0 {
            chats.records[c].firstOffer = Int32(a)
        } else {
            chainOffer(chat, to: a)
        }
        reindex(a)
        eventBuffer.append(.offered(chat, AgentID(a)))
    }

    /// Records an offer of `chat` to agent `a` beyond the round's first, at the head of the chat's chain.
    ///
    /// - Complexity: O(1) amortised.
    mutating func chainOffer(_ chat: ChatID, to a: Int) {
        let c = Int(chat.slot)
        let record: Int32
        if let free = freeOffers.popLast() {
            record = free
            offerAgent[Int(record)] = Int32(a)
            offerNext[Int(record)] = chats.records[c].offerHead
        } else {
            record = Int32(offerAgent.count)
            offerAgent.append(Int32(a))
            offerNext.append(chats.records[c].offerHead)
        }
        chats.records[c].offerHead = record
    }

    /// Offers `chat` to the one agent `a` (a freed agent, a sticky owner, a transfer target).
    mutating func offer(_ chat: ChatID, to a: Int, kind: ChatTable.OfferKind, at now: SimTime) {
        if atOnceWindow && kind == .single && agentAcceptsAtOnce[a] && !agentRankedByHandled[a] {
            return offerAcceptedAtOnce(chat, to: a, at: now)
        }
        beginOffers(chat, kind: kind, at: now)
        addOffer(chat, to: a)
    }

    /// Offers `chat` to agent `a`, who accepts it in the same step: the state and events (`.offered`,
    /// `.accepted`) of a single-agent offer followed at once by ``accept(_:by:at:)``.
    ///
    /// The offer round begins and ends here, so its timer (set and at once cancelled) and the
    /// queue's count of offered chats (raised and lowered) are left alone. Not for an agent of a
    /// `fewest_handled` queue (its rank moves with the accept) nor with overflow levels (an
    /// accepted chat leaves them); the caller checks ``atOnceWindow``.
    @inline(__always)
    mutating func offerAcceptedAtOnce(_ chat: ChatID, to a: Int, at now: SimTime) {
        atOnceWindow = false
        let c = Int(chat.slot)
        assert(chats.records[c].firstOffer < 0 && chats.records[c].offerHead < 0, "chat \(chat) still holds offers")
        roundSequence &+= 1
        agentCounters[a].reserveAndAccept(channel: chats.records[c].channel)
        chats.records[c].acceptAtOnce(round: roundSequence, by: Int32(a))
        disarmAlert(chat)
        reindex(a)
        eventBuffer.append(.offered(chat, AgentID(a)), .accepted(chat, AgentID(a)))
    }

    /// Whether agent `a` holds an offer of `chat`.
    @inline(__always) func isOffered(_ chat: ChatID, to a: Int) -> Bool {
        if chats.records[Int(chat.slot)].firstOffer == Int32(a) { return true }
        var record = chats.records[Int(chat.slot)].offerHead
        while record >= 0 {
            if offerAgent[Int(record)] == Int32(a) { return true }
            record = offerNext[Int(record)]
        }
        return false
    }

    /// Ends the chat's offer round: every offer but `keeping`'s is withdrawn and its slot freed.
    ///
    /// Returns the agents whose slots were freed (they may take waiting chats afterwards), or nil
    /// when none was (a single-agent offer). Appends `.offerWithdrawn` for each when `announce` is set.
    ///
    /// Nil rather than `[]`: an empty array is one storage object shared by the whole process, and
    /// releasing it once per accept from every thread made parallel replications fight over its
    /// reference count (two jobs ran 1.5× faster than one instead of 2×).
    mutating func endOffers(_ chat: ChatID, keeping winner: Int, timerFired: Bool, announce: Bool) -> [Int]? {
        let c = Int(chat.slot)
        let q = Int(chats.records[c].queue)
        let channel = chats.records[c].channel
        if !timerFired {
            deadlines.cancel(line: queues[q].offerLine, chat: chat, round: chats.records[c].round, kind: .offer)
        }
        queues[q].offeredCount -= 1
        var freed: [Int]?
        var record = chats.records[c].offerHead
        while record >= 0 {
            let a = Int(offerAgent[Int(record)])
            if a != winner {
                releaseSlot(a, channel: channel)
                if freed == nil { freed = [a] } else { freed!.append(a) }
                if announce { eventBuffer.append(.offerWithdrawn(chat, AgentID(a))) }
            }
            freeOffers.append(record)
            record = offerNext[Int(record)]
        }
        // The first agent rung comes last: the chain holds the later ones, latest first.
        let first = Int(chats.records[c].firstOffer)
        if first >= 0 && first != winner {
            releaseSlot(first, channel: channel)
            if freed == nil { freed = [first] } else { freed!.append(first) }
            if announce { eventBuffer.append(.offerWithdrawn(chat, AgentID(first))) }
        }
        chats.records[c].endOfferRound()
        return freed
    }

    /// Lets agents whose slot was freed take waiting chats, then re-ranks them.
    mutating func settle(_ agents: [Int]?, at now: SimTime) {
        guard let agents else { return }
        for a in agents where !takeWaitingChats(agent: a, at: now) {
            reindex(a)   // after an offer the agent stands re-ranked already
        }
    }

    /// Puts a chat at the back of its partition's line.
    mutating func enqueue(_ chat: ChatID, queue q: Int, partition p: Int, at now: SimTime) {
        putInLine(chat, queue: q, partition: p, atOriginalPosition: false, at: now)
    }

    /// Puts a chat back in its queue at its original position and offers the queue's front where possible.
    mutating func returnToLine(_ chat: ChatID, at now: SimTime) {
        if overflow.isActive { resumeOverflow(chat, at: now) }
        let c = Int(chat.slot)
        let q = Int(chats.records[c].queue)
        let p = partition(of: q, language: chats.records[c].language, channel: chats.records[c].channel)
        putInLine(chat, queue: q, partition: p, atOriginalPosition: true, at: now)
        dispatch(queue: q, partition: p, at: now)
    }

    /// Makes `chat` wait in a partition's line: at the back, or at its original position (its queue-entry sequence).
    mutating func putInLine(_ chat: ChatID, queue q: Int, partition p: Int, atOriginalPosition: Bool, at now: SimTime) {
        let c = Int(chat.slot)
        roundSequence &+= 1
        chats.records[c].wait(as: .queued, round: roundSequence)
        let entry = WaitingEntry(chat: chat, sequence: chats.records[c].entrySequence, round: roundSequence)
        if atOriginalPosition {
            queues[q].partitions[p].line.reinsert(entry)
        } else {
            queues[q].partitions[p].line.append(entry)
        }
        queues[q].partitions[p].waiting += 1
        queues[q].waitingCount += 1
        eventBuffer.append(.queued(chat, QueueID(publicQueue(q))))
        armAlert(chat, at: now)
    }

    /// Offers the front chats of a partition while its strategy finds agents for them.
    mutating func dispatch(queue q: Int, partition p: Int, at now: SimTime) {
        while queues[q].partitions[p].waiting > 0, let front = frontChat(queue: q, partition: p) {
            guard offerByStrategyFromLine(front, queue: q, partition: p, at: now) else { return }
        }
    }

    /// Takes `chat` out of its line and offers it; puts nothing back when nobody is found.
    mutating func offerByStrategyFromLine(_ chat: ChatID, queue q: Int, partition p: Int, at now: SimTime) -> Bool {
        guard queues[q].strategy.offerKind != .pull else { return false }
        let hasAgent = queues[q].strategy == .mostExperienced
            ? !broadcastTargets(queue: q, partition: p).isEmpty
            : pools.top(queues[q].partitions[p].pool.base) != nil
        guard hasAgent else { return false }
        removeFromLine(chat, queue: q, partition: p)
        return offerByStrategy(chat, queue: q, partition: p, at: now)
    }

    /// Removes the (current) front chat of a partition's line.
    mutating func removeFromLine(_ chat: ChatID, queue q: Int, partition p: Int) {
        queues[q].partitions[p].line.removeFront()
        queues[q].partitions[p].waiting -= 1
        queues[q].waitingCount -= 1
    }

    /// The chat at the front of a partition's line, after dropping stale entries.
    mutating func frontChat(queue q: Int, partition p: Int) -> ChatID? {
        while let entry = queues[q].partitions[p].line.front {
            let c = Int(entry.chat.slot)
            if chats.isCurrent(entry.chat) && chats.records[c].state == .queued && chats.records[c].round == entry.round {
                return entry.chat
            }
            queues[q].partitions[p].line.removeFront()
        }
        return nil
    }

    /// While agent `a` is available with a free slot, gives it first the chats of returning contacts
    /// waiting for it, then the waiting chat of highest queue priority, then earliest queue entry,
    /// across the push queues and partitions it can serve (SPEC §2.4).
    ///
    /// Returns whether it offered the agent a chat: each offer re-ranks the agent last
    /// (``addOffer(_:to:)``, ``offerAcceptedAtOnce(_:to:at:)``), so after one the agent's pools already
    /// stand as its state says and the caller's closing ``reindex(_:)`` would only read them.
    ///
    /// - Complexity: O(m · p) per chat taken, for an agent in m queues with p partitions each.
    @discardableResult
    mutating func takeWaitingChats(agent a: Int, at now: SimTime) -> Bool {
        var offered = false
        while agentStatus[a] == .available && agentCounters[a].load < agentCapacity[a] {
            if !agentStickyChats[a].isEmpty && offerStickyChat(to: a, at: now) {
                offered = true
                continue
            }
            guard hasWaitingChats(agent: a), let (q, p, chat) = oldestWaitingChat(for: a, pushQueuesOnly: true) else { break }
            removeFromLine(chat, queue: q, partition: p)
            let kind: ChatTable.OfferKind = queues[q].strategy.offerKind == .broadcast ? .broadcast : .single
            offer(chat, to: a, kind: kind, at: now)
            offered = true
        }
        return offered
    }

    /// Whether any queue of agent `a` has chats waiting: the common answer for a freed agent is no,
    /// and this look costs a few loads where ``oldestWaitingChat(for:pushQueuesOnly:)`` sets up a search.
    ///
    /// - Complexity: O(m) for an agent in m queues.
    @inline(__always) func hasWaitingChats(agent a: Int) -> Bool {
        for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) where queues[Int(membershipQueue[m])].waitingCount > 0 {
            return true
        }
        return false
    }

    /// Offers agent `a` the oldest chat of a returning contact waiting for it, if it has room for one.
    mutating func offerStickyChat(to a: Int, at now: SimTime) -> Bool {
        guard !agentStickyChats[a].isEmpty else { return false }
        for (i, chat) in agentStickyChats[a].enumerated() where hasRoom(a, channel: chats.records[Int(chat.slot)].channel) {
            agentStickyChats[a].remove(at: i)
            let c = Int(chat.slot)
            let q = Int(chats.records[c].queue)
            deadlines.cancel(line: queues[q].stickyLine, chat: chat, round: chats.records[c].round, kind: .sticky)
            chats.records[c].stickyAgent = -1
            offer(chat, to: a, kind: .sticky, at: now)
            return true
        }
        return false
    }
}
