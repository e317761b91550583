// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

extension RoutingEngine {
    /// A customer starts a chat in `queue`.
    ///
    /// A live-chat visitor who finds no available member gets the offline form when the queue
    /// enables it. A returning contact whose last chat was taken and not marked handled is
    /// offered to that owner, or waits for it up to the queue's sticky wait. Otherwise the
    /// queue's strategy offers the chat, or it waits in line.
    ///
    /// Appends `.offlineForm`, `.offered` (one per agent rung), `.stickyWaiting` or `.queued`.
    /// - Parameters:
    ///   - language: the chat's language; nil takes the queue's default.
    ///   - contact: the customer's identity, for sticky routing; nil for none.
    /// - Complexity: O(m log n) for the agent offered, in m queues of n members; O(1) amortised when it waits.
    public mutating func arrive(channel: Channel, queue: QueueID, language: LanguageID? = nil, contact: ContactID? = nil,
                                at now: SimTime) throws(EngineError) -> ChatID {
                                    makeUnique()
        guard queue.index >= 0 && Int(queue.index) < publicQueueCount else { throw .unknownQueue(queue) }
        guard channel != .internal else { throw .internalChannel }
        if let language, language.index < 0 || Int(language.index) >= languageNames.count { throw .unknownLanguage(language) }
        if let contact, contact.index < 0 { throw .unknownContact(contact) }
        let q = Int(queue.index)
        let effectiveLanguage = language?.index ?? queues[q].defaultLanguage
        entrySequence &+= 1
        let chat = chats.allocate(queue: queue.index, channel: channel.rawValue, language: effectiveLanguage,
                                  contact: contact?.index ?? -1, at: now, sequence: entrySequence)
        if channel == .liveChat && queues[q].offlineForm && queues[q].availableCount == 0 {
            chats.release(chat)
            eventBuffer.append(.offlineForm(chat, queue))
            return chat
        }
        if overflow.isActive { enterOverflow(chat, at: now) }
        if let contact, routeToPreviousOwner(chat, contact: contact, at: now) { return chat }
        atOnceWindow = eventBuffer.count == 0 && !overflow.isActive
        route(chat, at: now)
        atOnceWindow = false
        return chat
    }

    /// The agent accepts the chat offered to it and becomes its owner, or joins the conference it was invited to.
    ///
    /// Other agents rung for the chat lose their offers (no RONA).
    /// Appends `.offerWithdrawn` for each of them, `.stickyRouted` for a returning contact's chat, and `.accepted`
    /// (or `.joinedConference`).
    /// - Complexity: O(m log n), plus O(k) for a broadcast to k agents.
    public mutating func accept(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkAgent(agent)
        try checkChat(chat)
        let c = Int(chat.slot)
        let a = Int(agent.index)
        if chats.records[c].invitee == agent.index {
            joinConference(chat, agent: a)
            return
        }
        guard chats.records[c].state == .offered else { throw .invalidState(chat, chats.records[c].state) }
        guard isOffered(chat, to: a) else { throw .notOfferedTo(chat, agent) }
        let wasSticky = chats.records[c].offerKind == .sticky
        let freed = endOffers(chat, keeping: a, timerFired: false, announce: true)
        makeOwner(chat, agent: a)
        if wasSticky { eventBuffer.append(.stickyRouted(chat, agent)) }
        eventBuffer.append(.accepted(chat, agent))
        // Accepting changes no rank but `fewest_handled`'s count (the slot was reserved at the offer).
        if agentRankedByHandled[a] { reindex(a) }
        settle(freed, at: now)
    }

    /// The agent declines the chat offered to it (or its conference invitation); no RONA.
    ///
    /// A declined single-agent offer (a transfer, a sticky offer) sends the chat back to its queue
    /// at its original position; a broadcast goes on ringing the others.
    /// Appends `.declined`, then the routing that follows.
    public mutating func decline(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkAgent(agent)
        try checkChat(chat)
        let c = Int(chat.slot)
        let a = Int(agent.index)
        if chats.records[c].invitee == agent.index {
            cancelInvitation(chat, announce: false)
            eventBuffer.append(.declined(chat, agent))
            settle(FreedAgents(first: Int32(a)), at: now)
            return
        }
        guard chats.records[c].state == .offered else { throw .invalidState(chat, chats.records[c].state) }
        guard isOffered(chat, to: a) else { throw .notOfferedTo(chat, agent) }
        eventBuffer.append(.declined(chat, agent))
        if chats.records[c].offerKind == .broadcast && hasOtherOffers(chat, than: a) {
            removeOffer(chat, of: a)
            settle(FreedAgents(first: Int32(a)), at: now)
            return
        }
        let freed = endOffers(chat, keeping: -1, timerFired: false, announce: false)
        returnToLine(chat, at: now)
        settle(freed, at: now)
    }

    /// The customer leaves: a waiting or offered chat is abandoned, an active one ends.
    ///
    /// Appends `.offerWithdrawn` (no RONA) and `.abandoned`, or `.customerEnded`; a freed agent
    /// may at once be offered a waiting chat.
    /// - Complexity: O(1) for a waiting chat; O(m log n) when an agent's slot is freed.
    public mutating func customerLeft(_ chat: ChatID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkChat(chat)
        let c = Int(chat.slot)
        disarmAlert(chat)
        if overflow.isActive { cancelOverflow(chat) }
        switch chats.records[c].state {
        case .queued:
            let q = Int(chats.records[c].queue)
            let p = partition(of: q, language: chats.records[c].language, channel: chats.records[c].channel)
            queues[q].partitions[p].waiting -= 1
            queues[q].waitingCount -= 1
            chats.release(chat)
            eventBuffer.append(.abandoned(chat))
        case .stickyWaiting:
            let owner = Int(chats.records[c].stickyAgent)
            agentStickyChats[owner].removeAll { $0 == chat }
            deadlines.cancel(line: queues[Int(chats.records[c].queue)].stickyLine, chat: chat, round: chats.records[c].round, kind: .sticky)
            chats.release(chat)
            eventBuffer.append(.abandoned(chat))
        case .offered:
            let freed = endOffers(chat, keeping: -1, timerFired: false, announce: true)
            chats.release(chat)
            eventBuffer.append(.abandoned(chat))
            settle(freed, at: now)
        case .active:
            let owner = Int(chats.records[c].owner)
            let freed = closeActive(chat, at: now)
            eventBuffer.append(.customerEnded(chat, AgentID(owner)))
            settle(freed, at: now)
        }
    }

    /// The owner marks the chat handled: it is closed, its slots are free and the contact is no longer sticky.
    ///
    /// Appends `.handled`, then possibly offers of waiting chats to the freed agents.
    /// - Complexity: O(m log n + m) for an agent in m queues.
    public mutating func markHandled(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkOwner(chat, agent)
        let contact = chats.records[Int(chat.slot)].contact
        if contact >= 0 && Int(contact) < contactStickyOwner.count { contactStickyOwner[Int(contact)] = -1 }
        let freed = closeActive(chat, at: now)
        eventBuffer.append(.handled(chat, agent))
        settle(freed, at: now)
    }

    /// The owner's work on the chat ends without marking it handled: its slots are free, and the
    /// contact's next chat is routed to this owner first (sticky routing).
    ///
    /// Appends `.leftUnhandled`, then possibly offers of waiting chats to the freed agents.
    public mutating func leaveUnhandled(_ chat: ChatID, by agent: AgentID, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkOwner(chat, agent)
        let contact = Int(chats.records[Int(chat.slot)].contact)
        if contact >= 0 {
            if contact >= contactStickyOwner.count {
                contactStickyOwner.append(contentsOf: repeatElement(-1, count: contact + 1 - contactStickyOwner.count))
            }
            contactStickyOwner[contact] = agent.index
        }
        let freed = closeActive(chat, at: now)
        eventBuffer.append(.leftUnhandled(chat, agent))
        settle(freed, at: now)
    }

    /// Declares whether the caller accepts every offer to `agent` the moment it reads the `.offered` event
    /// (a simulated agent with no accept delay). Off for every agent at first.
    ///
    /// When it is on, a single-agent offer that is the last routing step of a command, with nothing
    /// before it in ``events`` that asks the caller to act (a chat arriving on an empty buffer, or the
    /// one slot freed by closing a chat), is accepted in the same step: ``events`` and the engine's
    /// state are those of the offer followed by ``accept(_:by:at:)`` — `.offered` then `.accepted`
    /// — and the caller, seeing `.accepted` right after `.offered`, does not accept again (doing so
    /// would throw ``EngineError/invalidState(_:_:)`` and change nothing). An internal shortcut, not a
    /// new behaviour: the offer timer that the accept would cancel at once is never set. Offers made while
    /// overflow levels exist, to agents of a `fewest_handled` queue, and from ``fireDeadlines(at:)`` are
    /// left to the caller.
    public mutating func acceptOffersAtOnce(by agent: AgentID, _ accepts: Bool) throws(EngineError) {
        makeUnique()
        try checkAgent(agent)
        agentAcceptsAtOnce[Int(agent.index)] = accepts
    }

    /// Forgets what the engine remembers of a contact (its sticky owner), so its id may be reused.
    public mutating func forgetContact(_ contact: ContactID) {
        makeUnique()
        if contact.index >= 0 && Int(contact.index) < contactStickyOwner.count { contactStickyOwner[Int(contact.index)] = -1 }
    }

    /// The agent changes its own status.
    ///
    /// `rona` is set only by the engine; from `rona` an agent may go anywhere. Becoming
    /// `available` restarts its idle time and may bring it waiting chats at once. Offers already
    /// made to the agent stand.
    /// Appends `.statusChanged`, then possibly `.offered`.
    /// - Complexity: O(m · p · log n + m) for an agent in m queues.
    public mutating func setStatus(_ agent: AgentID, to status: AgentStatus, at now: SimTime) throws(EngineError) {
        makeUnique()
        try checkAgent(agent)
        let a = Int(agent.index)
        let old = agentStatus[a]
        guard status != .rona else { throw .invalidStatusChange(agent, from: old, to: status) }
        guard status != old else { return }
        changeStatus(a, to: status)
        if status == .available {
            agentCounters[a].idleSince = now.microseconds
            if takeWaitingChats(agent: a, at: now) { return }   // the offer re-ranked the agent
        }
        reindex(a)
    }

    // MARK: - Shared steps

    /// Sets agent `a`'s status and the queues' available counts; appends `.statusChanged`.
    @usableFromInline
    mutating func changeStatus(_ a: Int, to status: AgentStatus) {
        let wasAvailable = agentStatus[a] == .available
        agentStatus[a] = status
        if wasAvailable != (status == .available) {
            for m in Int(membershipStart[a])..<Int(membershipStart[a + 1]) {
                queues[Int(membershipQueue[m])].availableCount += wasAvailable ? -1 : 1
            }
        }
        eventBuffer.append(.statusChanged(AgentID(a), status))
    }

    /// Makes agent `a` the owner of an offered or claimed chat (its slot is already reserved).
    @inline(__always)
    mutating func makeOwner(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        disarmAlert(chat)
        if overflow.isActive { cancelOverflow(chat) }
        chats.records[c].becomeOwned(by: Int32(a))
        agentCounters[a].accepted &+= 1
    }

    /// Starts the chat's unanswered-alert timer when it first waits in line (or for its previous owner):
    /// the alert is due `alert_after` after its queue entry.
    ///
    /// - Complexity: O(1) for a chat that waits from its arrival; O(log r) for one back from RONA.
    mutating func armAlert(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        guard chats.records[c].alert == .none else { return }
        chats.records[c].alert = .armed
        let line = queues[Int(chats.records[c].queue)].alertLine
        let entry = chats.records[c].entryTime
        if entry == now.microseconds {
            deadlines.set(line: line, at: now, chat: chat, round: 0, kind: .alert)
        } else {
            deadlines.set(at: entry &+ deadlines.durations[line], chat: chat, round: 0, kind: .alert)
        }
    }

    /// Cancels the chat's unanswered alert, if one is pending.
    @inline(__always) mutating func disarmAlert(_ chat: ChatID) {
        let c = Int(chat.slot)
        guard chats.records[c].alert == .armed else { return }
        chats.records[c].alert = .done
        deadlines.cancel(line: queues[Int(chats.records[c].queue)].alertLine, chat: chat, round: 0, kind: .alert)
    }

    /// Closes an active chat: frees the owner's, the participant's and a pending invitee's slots.
    ///
    /// Returns the agents freed, to be settled by the caller (no allocation).
    @inline(__always)
    mutating func closeActive(_ chat: ChatID, at now: SimTime) -> FreedAgents {
        let c = Int(chat.slot)
        let channel = chats.records[c].channel
        let owner = Int(chats.records[c].owner)
        var freed = FreedAgents(first: Int32(owner))
        agentCounters[owner].release(channel: channel, endingAt: now.microseconds)
        if chats.records[c].participant >= 0 {
            let participant = Int(chats.records[c].participant)
            agentCounters[participant].release(channel: channel, endingAt: now.microseconds)
            freed.second = Int32(participant)
        }
        if chats.records[c].invitee >= 0 {
            freed.third = chats.records[c].invitee
            cancelInvitation(chat, announce: true)
        }
        chats.release(chat)
        return freed
    }

    /// Lets up to three freed agents take waiting chats, then re-ranks them.
    ///
    /// When one agent is freed by the command's one event so far and has exactly one free slot,
    /// its offer (if any) is the command's last, so an agent who accepts at once accepts it in the
    /// same step (``offerAcceptedAtOnce(_:to:at:)``).
    mutating func settle(_ freed: FreedAgents, at now: SimTime) {
        if freed.first >= 0 && freed.second < 0 && freed.third < 0 && eventBuffer.count == 1 && !overflow.isActive {
            let a = Int(freed.first)
            atOnceWindow = agentCapacity[a] &- agentCounters[a].load == 1
        }
        settleOne(freed.first, at: now)
        atOnceWindow = false
        settleOne(freed.second, at: now)
        settleOne(freed.third, at: now)
    }

    private mutating func settleOne(_ agent: Int32, at now: SimTime) {
        guard agent >= 0 else { return }
        // An offer re-ranks the agent last; only an agent offered nothing still needs it.
        if !takeWaitingChats(agent: Int(agent), at: now) { reindex(Int(agent)) }
    }

    /// Routes a returning contact's chat to the owner of its last taken, un-handled chat.
    ///
    /// Returns false when the contact has no such owner.
    @usableFromInline
    mutating func routeToPreviousOwner(_ chat: ChatID, contact: ContactID, at now: SimTime) -> Bool {
        guard Int(contact.index) < contactStickyOwner.count else { return false }
        let owner = Int(contactStickyOwner[Int(contact.index)])
        guard owner >= 0 else { return false }
        let c = Int(chat.slot)
        if agentStatus[owner] == .available && hasRoom(owner, channel: chats.records[c].channel) {
            offer(chat, to: owner, kind: .sticky, at: now)
            return true
        }
        let q = Int(chats.records[c].queue)
        chats.records[c].state = .stickyWaiting
        chats.records[c].stickyAgent = Int32(owner)
        roundSequence &+= 1
        chats.records[c].round = roundSequence
        agentStickyChats[owner].append(chat)
        deadlines.set(line: queues[q].stickyLine, at: now, chat: chat, round: roundSequence, kind: .sticky)
        armAlert(chat, at: now)
        eventBuffer.append(.stickyWaiting(chat, AgentID(owner)))
        return true
    }

    /// Whether someone other than `a` also holds an offer of `chat`.
    func hasOtherOffers(_ chat: ChatID, than a: Int) -> Bool {
        let first = chats.records[Int(chat.slot)].firstOffer
        if first >= 0 && first != Int32(a) { return true }
        var record = chats.records[Int(chat.slot)].offerHead
        while record >= 0 {
            if offerAgent[Int(record)] != Int32(a) { return true }
            record = offerNext[Int(record)]
        }
        return false
    }

    /// Takes back agent `a`'s offer of a broadcast chat, leaving the others ringing.
    mutating func removeOffer(_ chat: ChatID, of a: Int) {
        let c = Int(chat.slot)
        if chats.records[c].firstOffer == Int32(a) {
            chats.records[c].firstOffer = -1
            releaseSlot(a, channel: chats.records[c].channel)
            return
        }
        var previous: Int32 = -1
        var record = chats.records[c].offerHead
        while record >= 0 {
            let next = offerNext[Int(record)]
            if offerAgent[Int(record)] == Int32(a) {
                if previous < 0 { chats.records[c].offerHead = next } else { offerNext[Int(previous)] = next }
                freeOffers.append(record)
                releaseSlot(a, channel: chats.records[c].channel)
                return
            }
            previous = record
            record = next
        }
    }

    // MARK: - Validation

    @inlinable @inline(__always) func checkAgent(_ agent: AgentID) throws(EngineError) {
        guard agent.index >= 0 && Int(agent.index) < agentStatus.count else { throw .unknownAgent(agent) }
    }

    @inlinable @inline(__always) func checkChat(_ chat: ChatID) throws(EngineError) {
        guard chats.isCurrent(chat) else { throw .unknownChat(chat) }
    }

    /// Checks that `agent` owns the active `chat`.
    @inline(__always) func checkOwner(_ chat: ChatID, _ agent: AgentID) throws(EngineError) {
        try checkAgent(agent)
        try checkChat(chat)
        let c = Int(chat.slot)
        guard chats.records[c].state == .active else { throw .invalidState(chat, chats.records[c].state) }
        guard chats.records[c].owner == agent.index else { throw .notOwner(chat, agent) }
    }
}

/// The agents a closed chat freed: its owner, a conference participant, a pending invitee (-1: none).
struct FreedAgents {
    var first: Int32
    var second: Int32 = -1
    var third: Int32 = -1

    init(first: Int32) { self.first = first }
}
