// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

extension RoutingEngine {
    /// The agent takes a chat from its queue's list and becomes its owner (SPEC §2.3 claiming).
    ///
    /// Any member may take a visible chat — `available` or `away` — if it has a free slot for
    /// the chat's channel and speaks its language; a chat offered to one agent may be taken only
    /// by that agent; a ringing broadcast may be taken by any member (a rung agent uses the slot the
    /// ring reserved for it, so it needs no other free slot).
    /// Appends `.offerWithdrawn` for the agents rung, and `.accepted`.
    public mutating func take(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try claim(chat, by: agent, answering: false, at: now)
    }

    /// The agent answers a chat: its owner (or conference participant) replies, or — under the
    /// `first_reply` claim rule — the first member to answer a visible chat becomes its owner.
    ///
    /// Refused for anyone else once the chat has an owner, and under the `take` rule for an
    /// unowned chat.
    public mutating func reply(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try claim(chat, by: agent, answering: true, at: now)
    }

    /// Get next in queue: an available agent pulls the waiting chat of highest queue priority,
    /// then earliest entry, across its queues, and owns it at once. Returns nil when none waits.
    ///
    /// Only `available` agents may use it (an `away` agent opens chats from the list instead).
    /// Appends `.accepted`.
    /// - Complexity: O(m · p) for an agent in m queues with p partitions each.
    public mutating func getNext(agent: AgentID, at now: SimTime) throws(EngineError) -> ChatID? {
        makeUnique()
        try checkAgent(agent)
        let a = Int(agent.index)
        guard agentStatus[a] == .available else { throw .notAvailable(agent, agentStatus[a]) }
        guard agentCounters[a].load < agentCapacity[a] else { throw .noFreeSlot(agent) }
        guard let (q, p, chat) = oldestWaitingChat(for: a, pushQueuesOnly: false) else { return nil }
        removeFromLine(chat, queue: q, partition: p)
        reserveSlot(a, channel: chats.records[Int(chat.slot)].channel)
        makeOwner(chat, agent: a)
        eventBuffer.append(.accepted(chat, agent))
        reindex(a)
        return chat
    }

    /// The chat get next in queue would give the agent now, without claiming it (nil: none waits).
    ///
    /// Lets a caller look at the chat before it takes it (under the `take` rule the take costs
    /// time, during which another member may claim the chat). Visible state is unchanged.
    /// - Complexity: O(m · p) for an agent in m queues with p partitions each.
    public mutating func nextChat(for agent: AgentID) throws(EngineError) -> ChatID? {
        makeUnique()
        try checkAgent(agent)
        return oldestWaitingChat(for: Int(agent.index), pushQueuesOnly: false)?.2
    }

    /// The owner hands the chat to a queue; it loses access at once and the chat is routed there.
    ///
    /// The chat enters the target queue at the time of the transfer.
    /// Appends `.transferredToQueue`, then the routing.
    public mutating func transfer(_ chat: ChatID, by agent: AgentID, to queue: QueueID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkOwner(chat, agent)
        guard queue.index >= 0 && Int(queue.index) < publicQueueCount else { throw .unknownQueue(queue) }
        let c = Int(chat.slot)
        guard chats.records[c].participant < 0 && chats.records[c].invitee < 0 else { throw .conferenceBusy(chat) }
        let owner = releaseOwner(of: chat, at: now)
        chats.records[c].queue = queue.index
        entrySequence &+= 1
        chats.records[c].entryTime = now.microseconds
        chats.records[c].entrySequence = entrySequence
        eventBuffer.append(.transferredToQueue(chat, from: agent, to: queue))
        if overflow.isActive { enterOverflow(chat, at: now) }
        route(chat, at: now)
        settle(FreedAgents(first: Int32(owner)), at: now)
    }

    /// The owner hands the chat to another agent: a single-agent offer with the RONA rule.
    ///
    /// The target must be `available` with a free slot for the chat's channel. If the offer
    /// times out (the target is then `rona`) or is declined, the chat returns to its queue at
    /// its original position.
    /// Appends `.transferredToAgent`, `.offered`.
    public mutating func transfer(_ chat: ChatID, by agent: AgentID, toAgent target: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkOwner(chat, agent)
        try checkAgent(target)
        let c = Int(chat.slot)
        let t = Int(target.index)
        guard chats.records[c].participant < 0 && chats.records[c].invitee < 0 else { throw .conferenceBusy(chat) }
        guard t != Int(agent.index) else { throw .invalidState(chat, .active) }
        guard agentStatus[t] == .available else { throw .notAvailable(target, agentStatus[t]) }
        guard hasRoom(t, channel: chats.records[c].channel) else { throw .noFreeSlot(target) }
        let owner = releaseOwner(of: chat, at: now)
        eventBuffer.append(.transferredToAgent(chat, from: agent, to: target))
        offer(chat, to: t, kind: .transfer, at: now)
        settle(FreedAgents(first: Int32(owner)), at: now)
    }

    /// The owner invites an agent to a three-way conference: an offer to the invitee with the RONA rule.
    ///
    /// Appends `.invited`, `.offered`.
    public mutating func invite(_ chat: ChatID, by agent: AgentID, agent invitee: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkOwner(chat, agent)
        try checkAgent(invitee)
        let c = Int(chat.slot)
        let i = Int(invitee.index)
        guard chats.records[c].participant < 0 && chats.records[c].invitee < 0 && invitee != agent else { throw .conferenceBusy(chat) }
        guard agentStatus[i] == .available else { throw .notAvailable(invitee, agentStatus[i]) }
        guard hasRoom(i, channel: chats.records[c].channel) else { throw .noFreeSlot(invitee) }
        reserveSlot(i, channel: chats.records[c].channel)
        chats.records[c].invitee = Int32(i)
        roundSequence &+= 1
        chats.records[c].inviteRound = roundSequence
        deadlines.set(line: queues[Int(chats.records[c].queue)].offerLine, at: now, chat: chat,
                      round: roundSequence, kind: .invite)
        reindex(i)
        eventBuffer.append(.invited(chat, invitee))
        eventBuffer.append(.offered(chat, invitee))
    }

    /// A conference participant leaves, or the owner leaves and the participant becomes owner.
    ///
    /// Appends `.leftConference`, and `.ownerChanged` when the owner left.
    public mutating func leaveConference(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkAgent(agent)
        try checkChat(chat)
        let c = Int(chat.slot)
        guard chats.records[c].state == .active, chats.records[c].participant >= 0 else { throw .invalidState(chat, chats.records[c].state) }
        let a = Int(agent.index)
        if chats.records[c].participant == agent.index {
            chats.records[c].participant = -1
        } else if chats.records[c].owner == agent.index {
            chats.records[c].owner = chats.records[c].participant
            chats.records[c].participant = -1
            eventBuffer.append(.ownerChanged(chat, AgentID(Int(chats.records[c].owner))))
        } else {
            throw .notOwner(chat, agent)
        }
        releaseSlot(a, channel: chats.records[c].channel)
        agentCounters[a].idleSince = max(agentCounters[a].idleSince, now.microseconds)
        eventBuffer.append(.leftConference(chat, agent))
        settle(FreedAgents(first: Int32(a)), at: now)
    }

    /// The owner ends the conference: the participant (or a pending invitee) is removed.
    public mutating func endConference(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkOwner(chat, agent)
        let c = Int(chat.slot)
        if chats.records[c].invitee >= 0 {
            let invitee = Int(chats.records[c].invitee)
            cancelInvitation(chat, announce: true)
            settle(FreedAgents(first: Int32(invitee)), at: now)
            return
        }
        guard chats.records[c].participant >= 0 else { throw .invalidState(chat, .active) }
        try leaveConference(chat, by: AgentID(Int(chats.records[c].participant)), at: now)
    }

    // MARK: - Steps

    /// The owner of a transferred chat loses it: its slot is free and it counts as idle from now.
    /// Returns the former owner, to be settled once the chat is routed on.
    mutating func releaseOwner(of chat: ChatID, at now: SimTime) -> Int {
        let c = Int(chat.slot)
        let owner = Int(chats.records[c].owner)
        releaseSlot(owner, channel: chats.records[c].channel)
        agentCounters[owner].idleSince = max(agentCounters[owner].idleSince, now.microseconds)
        chats.records[c].owner = -1
        return owner
    }

    @usableFromInline
    mutating func claim(_ chat: ChatID, by agent: AgentID, answering: Bool, at now: SimTime) throws(EngineError) {
        try checkAgent(agent)
        try checkChat(chat)
        let c = Int(chat.slot)
        let a = Int(agent.index)
        switch chats.records[c].state {
        case .active:
            guard chats.records[c].owner == agent.index || chats.records[c].participant == agent.index else { throw .notOwner(chat, agent) }
            return
        case .stickyWaiting:
            throw .notOfferedTo(chat, agent)
        case .offered:
            if chats.records[c].offerKind != .broadcast {
                guard isOffered(chat, to: a) else { throw .notOfferedTo(chat, agent) }
                try accept(chat, by: agent, at: now)
                return
            }
            if isOffered(chat, to: a) {
                // The ring already reserved this agent's slot for the chat (SPEC §2.3 "offers reserve a
                // slot"), so a rung agent takes it even when that was its last free slot.
                if answering && queues[Int(chats.records[c].queue)].claim == .take { throw .mustTakeFirst(chat, agent) }
                try accept(chat, by: agent, at: now)
                return
            }
            try checkMayClaim(chat, agent: a, answering: answering)
            let freed = endOffers(chat, keeping: -1, timerFired: false, announce: true)
            reserveSlot(a, channel: chats.records[c].channel)
            makeOwner(chat, agent: a)
            eventBuffer.append(.accepted(chat, agent))
            reindex(a)
            settle(freed, at: now)
        case .queued:
            try checkMayClaim(chat, agent: a, answering: answering)
            let q = Int(chats.records[c].queue)
            let p = partition(of: q, language: chats.records[c].language, channel: chats.records[c].channel)
            queues[q].partitions[p].waiting -= 1   // its line entry goes stale (round changes below)
            queues[q].waitingCount -= 1
            chats.records[c].round &+= 1
            reserveSlot(a, channel: chats.records[c].channel)
            makeOwner(chat, agent: a)
            eventBuffer.append(.accepted(chat, agent))
            reindex(a)
        }
    }

    /// Checks that agent `a` may open and claim a visible chat.
    func checkMayClaim(_ chat: ChatID, agent a: Int, answering: Bool) throws(EngineError) {
        let c = Int(chat.slot)
        let q = Int(chats.records[c].queue)
        let agent = AgentID(a)
        guard queues[q].members.contains(Int32(a)) else { throw .notMember(chat, agent) }
        guard agentStatus[a] == .available || agentStatus[a] == .away else { throw .notAvailable(agent, agentStatus[a]) }
        guard hasRoom(a, channel: chats.records[c].channel) else { throw .noFreeSlot(agent) }
        guard speaks(a, language: chats.records[c].language) else { throw .languageMismatch(chat, agent) }
        if answering && queues[q].claim == .take { throw .mustTakeFirst(chat, agent) }
    }

    /// The waiting chat agent `a` would get next: highest queue priority, then earliest queue entry,
    /// among the partitions of its queues it can serve (skipping pull queues when asked).
    ///
    /// - Complexity: O(m · p) for an agent in m queues with p partitions each.
    mutating func oldestWaitingChat(for a: Int, pushQueuesOnly: Bool) -> (Int, Int, ChatID)? {
        var best: (Int, Int, ChatID)?
        var bestKey = (Int.min, Int64.max, UInt64.max)
        for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) {
            let q = Int(membershipQueue[m])
            guard queues[q].waitingCount > 0, !pushQueuesOnly || queues[q].strategy.offerKind != .pull else { continue }
            // A `most_experienced` queue pushes its chats only to its fixed top-N set.
            if pushQueuesOnly && queues[q].strategy == .mostExperienced
                && !queues[q].topMembers.contains(membershipLocal[m]) { continue }
            if best != nil && queues[q].priority < bestKey.0 { continue }
            for p in queues[q].partitions.indices where queues[q].partitions[p].waiting > 0 {
                guard hasRoom(a, channel: queues[q].partitions[p].channel),
                      speaks(a, language: queues[q].partitions[p].language),
                      let chat = frontChat(queue: q, partition: p) else { continue }
                let c = Int(chat.slot)
                let priority = queues[q].priority
                if priority > bestKey.0
                    || (priority == bestKey.0 && (chats.records[c].entryTime, chats.records[c].entrySequence) < (bestKey.1, bestKey.2)) {
                    best = (q, p, chat)
                    bestKey = (priority, chats.records[c].entryTime, chats.records[c].entrySequence)
                }
            }
        }
        return best
    }

    /// The invitee joins the conference.
    mutating func joinConference(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        deadlines.cancel(line: queues[Int(chats.records[c].queue)].offerLine, chat: chat, round: chats.records[c].inviteRound, kind: .invite)
        chats.records[c].inviteRound &+= 1
        chats.records[c].invitee = -1
        chats.records[c].participant = Int32(a)
        eventBuffer.append(.joinedConference(chat, AgentID(a)))
    }

    /// Drops a pending invitation and frees the invitee's slot (the caller settles the invitee).
    @usableFromInline
    mutating func cancelInvitation(_ chat: ChatID, announce: Bool, timerFired: Bool = false) {
        let c = Int(chat.slot)
        let invitee = Int(chats.records[c].invitee)
        if !timerFired {
            deadlines.cancel(line: queues[Int(chats.records[c].queue)].offerLine, chat: chat, round: chats.records[c].inviteRound, kind: .invite)
        }
        chats.records[c].inviteRound &+= 1
        chats.records[c].invitee = -1
        releaseSlot(invitee, channel: chats.records[c].channel)
        if announce { eventBuffer.append(.offerWithdrawn(chat, AgentID(invitee))) }
    }
}
