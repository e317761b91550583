// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

/// The steps the commands share: status changes, ownership, alerts, closing and settling freed agents, offers.
extension RoutingEngine {
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
}
