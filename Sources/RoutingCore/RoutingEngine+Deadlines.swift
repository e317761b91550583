// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

extension RoutingEngine {
    /// The earliest time at which the engine has a timer to fire, or ``SimTime/never``.
    ///
    /// The caller (simulator or service) calls ``fireDeadlines(at:)`` once that time comes.
    /// The simulator asks after every event, so the answer is remembered until a timer that may
    /// be the earliest is cancelled or fired.
    /// - Complexity: O(1) with no pending timer or a remembered answer; otherwise O(d) over the
    ///   distinct timer durations, plus the moot timers dropped on the way (each dropped once).
    @inlinable public mutating func nextDeadline() -> SimTime {
        guard deadlines.pending > 0 else { return SimTime(microseconds: .max) }
        if deadlines.earliestKnown { return SimTime(microseconds: deadlines.earliestTime) }
        makeUnique()   // dropping moot timers writes the lines
        return SimTime(microseconds: earliestDeadline()?.time ?? .max)
    }

    /// Fires every timer due at or before `now`, earliest first.
    ///
    /// - An offer not accepted in time: a single-agent offer (also a sticky offer or a transfer)
    ///   is RONA — the agent becomes `rona` and the chat goes back to its queue at its original
    ///   position; a broadcast is withdrawn and rung again to whoever is eligible then.
    /// - A conference invitation not accepted in time: the invitee becomes `rona`.
    /// - A chat unanswered for its queue's `alert_after`: an alert to each available member.
    /// - A sticky wait that ran out: the chat is routed normally.
    /// - An overflow step of a waiting chat: more agents may take it, or it moves to another queue.
    public mutating func fireDeadlines(at now: SimTime) {
        makeUnique()
        while deadlines.pending > 0, let next = earliestDeadline(), next.time <= now.microseconds {
            removeEarliestDeadline(next)
            deadlines.pending -= 1
            deadlines.earliestKnown = false
            switch next.kind {
            case .offer: expireOffer(next.chat, at: now)
            case .invite: expireInvitation(next.chat, at: now)
            case .alert: sendAlert(next.chat)
            case .sticky: endStickyWait(next.chat, at: now)
            case .overflow: fireOverflowStep(next.chat, at: now)
            }
        }
    }

    /// The earliest timer still relevant, after dropping moot ones from the fronts; remembers its time.
    ///
    /// - Complexity: O(d) over the distinct timer durations, plus the moot timers dropped.
    @usableFromInline
    mutating func earliestDeadline() -> Deadline? {
        var best: Deadline?
        for l in deadlines.lines.indices {
            while let front = deadlines.lines[l].first, !isRelevant(front) { deadlines.lines[l].removeFirst() }
            if let front = deadlines.lines[l].first, best.map({ front.time < $0.time }) ?? true { best = front }
        }
        while let front = deadlines.firstOutOfOrder, !isRelevant(front) { deadlines.removeFirstOutOfOrder() }
        if let front = deadlines.firstOutOfOrder, best.map({ front.time < $0.time }) ?? true { best = front }
        deadlines.earliestTime = best?.time ?? .max
        deadlines.earliestKnown = true
        return best
    }

    /// Removes `deadline`, which ``earliestDeadline()`` just returned, from the front it stands at.
    mutating func removeEarliestDeadline(_ deadline: Deadline) {
        if let front = deadlines.firstOutOfOrder, front.time == deadline.time, front.chat == deadline.chat,
           front.kind == deadline.kind, front.round == deadline.round {
            deadlines.removeFirstOutOfOrder()
            return
        }
        for l in deadlines.lines.indices {
            if let front = deadlines.lines[l].first, front.time == deadline.time, front.chat == deadline.chat,
               front.kind == deadline.kind, front.round == deadline.round {
                deadlines.lines[l].removeFirst()
                return
            }
        }
    }

    /// Whether a timer still matters: its chat is current and in the state and round it was set for.
    @inline(__always) func isRelevant(_ deadline: Deadline) -> Bool {
        guard chats.isCurrent(deadline.chat) else { return false }
        let c = Int(deadline.chat.slot)
        switch deadline.kind {
        case .offer: return chats.records[c].state == .offered && chats.records[c].round == deadline.round
        case .invite: return chats.records[c].invitee >= 0 && chats.records[c].inviteRound == deadline.round
        case .alert: return chats.records[c].alert == .armed
        case .sticky: return chats.records[c].state == .stickyWaiting && chats.records[c].round == deadline.round
        case .overflow: return isRelevantOverflow(deadline)
        }
    }

    /// An offer ran out of time.
    mutating func expireOffer(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        if chats.records[c].offerKind == .broadcast {
            let freed = endOffers(chat, keeping: -1, timerFired: true, announce: true)
            if let freed { for a in freed { reindex(a) } }
            returnToLine(chat, at: now)
            settle(freed, at: now)
            return
        }
        let first = chats.records[c].firstOffer
        let a = Int(first >= 0 ? first : offerAgent[Int(chats.records[c].offerHead)])
        _ = endOffers(chat, keeping: -1, timerFired: true, announce: false)
        eventBuffer.append(.rona(chat, AgentID(a)))
        changeStatus(a, to: .rona)
        reindex(a)
        returnToLine(chat, at: now)
    }

    /// A conference invitation ran out of time: RONA for the invitee.
    mutating func expireInvitation(_ chat: ChatID, at now: SimTime) {
        let invitee = Int(chats.records[Int(chat.slot)].invitee)
        cancelInvitation(chat, announce: false, timerFired: true)
        eventBuffer.append(.rona(chat, AgentID(invitee)))
        changeStatus(invitee, to: .rona)
        reindex(invitee)
    }

    /// Alerts every available member of the chat's queue, in member order.
    mutating func sendAlert(_ chat: ChatID) {
        let c = Int(chat.slot)
        chats.records[c].alert = .done
        for agent in queues[Int(chats.records[c].queue)].members where agentStatus[Int(agent)] == .available {
            eventBuffer.append(.unansweredAlert(chat, AgentID(Int(agent))))
        }
    }

    /// A returning contact's chat waited long enough for its previous owner: normal routing applies.
    mutating func endStickyWait(_ chat: ChatID, at now: SimTime) {
        let c = Int(chat.slot)
        let owner = Int(chats.records[c].stickyAgent)
        agentStickyChats[owner].removeAll { $0 == chat }
        chats.records[c].stickyAgent = -1
        returnToLine(chat, at: now)
    }
}
