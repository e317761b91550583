// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

extension Replication {
    /// The owner closes the chat after its work and wrap-up: marked handled, or left open for a sticky return.
    mutating func close(_ chat: ChatID) {
        let c = Int(chat.slot)
        let a = chats[c].agentIndex
        let s = Int(chats[c].stream)
        countFinished(c)
        let unhandledProbability = model.agents[a].unhandledProbability
        let unhandled = unhandledProbability > 0 && agentStream(a).uniform() < unhandledProbability
        let queue = currentQueue(of: chat)
        // With the post-chat form the owner ends a live-chat session instead of marking it handled:
        // a visitor who comes back reactivates it, routed to the same owner by the sticky rule (SPEC §2.3).
        let endsSession = model.services.postChatForms[queue] && model.streams[s].channel == .liveChat
        do {
            if unhandled || endsSession { try engine.leaveUnhandled(chat, by: AgentID(a), at: now) }
            else { try engine.markHandled(chat, by: AgentID(a), at: now) }
        } catch {
            preconditionFailure("engine refused to close a chat: \(error)")
        }
        if chats[c].inWindow { sendClosingReplies(stream: s, queue: queue, agent: a, endsSession: endsSession, handled: !unhandled) }
        if model.services.keepsHistory {
            recordConversation(of: c, agent: a, queue: queue, handled: !unhandled, endsSession: endsSession)
        }
        chatClosed(chat)
        recordRow(of: c, outcome: .answered, wrapUpReason: drawWrapUpReason(of: c, queue: queue).map { (queue, $0) })
        if !chats[c].abusive || !blockAbusiveVisitor(c) { scheduleReturn(of: c) }
        handleEngineEvents()
        agentFreed(a)
    }

    /// The owner leaves an unknown sender's chat unanswered and closes it (SPEC §3.3 "ignored"): no
    /// wrap-up, no closing message; its wait counts like an abandoned chat's. The sender is flagged
    /// again when it writes again.
    mutating func closeIgnored(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        chats[c].phase = .done
        do { try engine.markHandled(chat, by: AgentID(a), at: now) } catch {
            preconditionFailure("engine refused to close an ignored chat: \(error)")
        }
        recordRow(of: c, outcome: .ignored)
        if chats[c].measured {
            let s = Int(chats[c].stream)
            tallies[s].ignored += 1
            tallies[s].waitAllMicros += (chats[c].accepted - chats[c].arrival).microseconds
            measuredOpen -= 1
        }
        scheduleReturn(of: c)
        handleEngineEvents()
        agentFreed(a)
    }

    /// The reason the owner closes the chat with, drawn by the queue's shares from the queue's own
    /// stream and counted for a measured chat: its index in the queue's reasons; nil when the queue
    /// lists no reasons (SPEC §3.3).
    mutating func drawWrapUpReason(of c: Int, queue: Int) -> Int? {
        guard let stream = services.wrapUpStreams[queue] else { return nil }
        let shares = model.services.queues[queue].wrapUpShares
        var u = stream.uniform()
        var r = 0
        while r < shares.count - 1 && u >= shares[r] {
            u -= shares[r]
            r += 1
        }
        if chats[c].measured { wrapUpCounts[queue][r] += 1 }
        return r
    }

    /// The customer leaves an active chat.
    mutating func customerEnds(_ chat: ChatID) {
        let c = Int(chat.slot)
        let a = chats[c].agentIndex
        if chats[c].measured { tallies[Int(chats[c].stream)].customerEnded += 1 }
        countFinished(c)
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused a customer leaving: \(error)")
        }
        chatClosed(chat)
        recordRow(of: c, outcome: .answered)
        if !blockAbusiveVisitor(c), let contact = chats[c].contact { releaseContact(contact) }
        handleEngineEvents()
        agentFreed(a)
    }

    /// The chat is over: a conference participant leaves with it (the engine already freed its slot).
    @inline(__always)
    mutating func chatClosed(_ chat: ChatID) {
        let c = Int(chat.slot)
        guard let participant = chats[c].participant.map({ Int($0.index) }) else { return }
        calendar.cancel(chats[c].conferenceTimer)
        chats[c].conferenceTimer = .none
        chats[c].participant = nil
        removeFromAgent(chat: chat, agent: participant)
        addBusyTime(of: c, agent: participant, from: chats[c].conferenceSince.microseconds, to: now.microseconds)
        agentFreed(participant)
    }
}
