// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

extension RoutingEngine {
    /// The earliest time at which the engine has a timer to fire, or ``SimTime/never``.
    ///
    /// The caller (simulator or service) calls ``fireDeadlines(at:)`` once that time comes.
    /// - Complexity: O(1) with no pending offer; otherwise O(q) over the queues, plus the stale
    ///   entries dropped on the way (each dropped once).
    public mutating func nextDeadline() -> SimTime {
        guard pendingOffers > 0 else { return .never }
        var earliest = Int64.max
        for q in queues.indices {
            if let deadline = frontOfferDeadline(of: q), deadline.time < earliest { earliest = deadline.time }
        }
        return SimTime(microseconds: earliest)
    }

    /// Fires every timer due at or before `now`.
    ///
    /// An expired single-agent offer is RONA: the chat returns to its queue at its original
    /// position, the agent's status becomes `rona`, and the chat is routed again.
    /// Appends `.rona`, `.statusChanged`, and the routing that follows.
    public mutating func fireDeadlines(at now: SimTime) {
        guard pendingOffers > 0 else { return }
        for q in queues.indices {
            while let deadline = frontOfferDeadline(of: q), deadline.time <= now.microseconds {
                queues[q].offerDeadlines.removeFirst()
                expireOffer(deadline.chat, at: now.microseconds)
            }
        }
    }

    /// The first offer deadline of queue `q` that is still current.
    mutating func frontOfferDeadline(of q: Int) -> OfferDeadline? {
        while let deadline = queues[q].offerDeadlines.first {
            let s = Int(deadline.chat.slot)
            if chatLive[s] && chatGeneration[s] == deadline.chat.generation && chatState[s] == .offered
                && chatStamp[s] == deadline.stamp {
                return deadline
            }
            queues[q].offerDeadlines.removeFirst()
        }
        return nil
    }

    /// RONA: the offer of `chat` was not accepted in time.
    mutating func expireOffer(_ chat: ChatID, at now: Int64) {
        let s = Int(chat.slot)
        let a = Int(chatAgent[s])
        pendingOffers -= 1
        agentLoad[a] -= 1
        agentStatus[a] = .rona
        reindex(a)
        eventBuffer.append(.rona(chat, AgentID(a)))
        eventBuffer.append(.statusChanged(AgentID(a), .rona))
        returnToQueue(chat, at: now)
    }

    /// Puts a chat back in its queue at its original position, then routes the queue's front.
    mutating func returnToQueue(_ chat: ChatID, at now: Int64) {
        let s = Int(chat.slot)
        chatState[s] = .queued
        chatAgent[s] = -1
        chatStamp[s] &+= 1
        let q = Int(chatQueue[s])
        queues[q].line.reinsert(WaitingEntry(chat: chat, sequence: chatEntrySequence[s], stamp: chatStamp[s]))
        queues[q].waitingCount += 1
        eventBuffer.append(.queued(chat, QueueID(q)))
        while queues[q].waitingCount > 0, let member = queues[q].eligible.top, let front = frontChat(of: q) {
            queues[q].line.removeFront()
            queues[q].waitingCount -= 1
            offer(front, to: Int(queues[q].members[Int(member)]), at: now)
        }
    }
}
