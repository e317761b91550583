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
