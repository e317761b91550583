// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

extension Replication {
    /// The owner invites an eligible member of the chat's queue (available, with a free slot), if any.
    mutating func inviteColleague(to chat: ChatID, owner: Int) {
        guard let queue = try? engine.queue(of: chat), let members = try? engine.members(of: queue) else { return }
        for member in members where Int(member.index) != owner {
            if (try? engine.invite(chat, by: AgentID(owner), agent: member, at: now)) != nil {
                chats[Int(chat.slot)].invited = true
                return
            }
        }
    }

    /// The invitee joined: the chat counts among its conversations for its conference time.
    mutating func joinConference(_ chat: ChatID, invitee: Int) {
        let c = Int(chat.slot)
        chats[c].participant = AgentID(invitee)
        chats[c].conferenceSince = now
        count(chat) { $0.conferences += 1 }
        let stay = SimDuration(seconds: model.agents[invitee].conferenceTime.sample(agentStream(invitee)))
        chats[c].conferenceTimer = calendar.scheduleCancellable(.conferenceTimeEnds(chat, invitee: invitee), at: now + stay)
        let k = agentChatCount[invitee]
        precondition(k < maxCapacity, "agent \(invitee) joins a conference with every slot in conversation")
        agentChats[invitee * maxCapacity + k] = chat.packed
        agentChatCount[invitee] = k + 1
        rescheduleWork(of: invitee, previousCount: k)
        if let owner = chats[c].agent.map({ Int($0.index) }), model.agents[owner].conferenceLeaveProbability > 0,
           agentTransferStream(owner).uniform() < model.agents[owner].conferenceLeaveProbability {
            calendar.schedule(.ownerLeaves(chat, owner: owner), at: now)   // after the events being handled now
        }
    }

    /// The owner leaves the conference at once: the invitee becomes the owner (SPEC §2.3) and works
    /// the rest of the chat at its own rate; the former owner's slot is free.
    mutating func ownerLeavesConference(_ chat: ChatID, owner: Int) {
        let c = Int(chat.slot)
        guard c < chats.count, chats[c].phase == .inConversation, chats[c].interruption == .none,
              chats[c].agent == AgentID(owner), let invitee = chats[c].participant.map({ Int($0.index) }),
              (try? engine.owner(of: chat)) == AgentID(owner) else { return }
        do { try engine.leaveConference(chat, by: AgentID(owner), at: now) } catch { return }
        // Bring the work up to date at the owner's rate, then hand it over.
        if chats[c].timer != .none {
            let rate = model.agentRates[owner * maxCapacity + agentChatCount[owner] - 1]
            chats[c].remainingWork -= Double((now - chats[c].progressAt).microseconds) * rate
            calendar.cancel(chats[c].timer)   // withdrawable: the owner's rate counts as varying (CompiledScenario)
            chats[c].timer = .none
        }
        calendar.cancel(chats[c].conferenceTimer)
        chats[c].conferenceTimer = .none
        chats[c].participant = nil
        chats[c].invited = false
        chats[c].agent = AgentID(invitee)
        leaveConversation(chat, agent: owner)
        chats[c].segmentStart = chats[c].conferenceSince
        count(chat) { $0.conferenceHandovers += 1 }
        scheduleWorkEnd(of: chat, agent: invitee, rate: model.agentRates[invitee * maxCapacity + agentChatCount[invitee] - 1])
        handleEngineEvents()
        agentFreed(owner)
    }

    /// The invitee's conference time is over: it leaves the conference.
    mutating func endConferenceTime(_ chat: ChatID, invitee: Int) {
        let c = Int(chat.slot)
        guard chats[c].participant == AgentID(invitee) else { return }
        if chats[c].conferenceTimer != .none { calendar.cancel(chats[c].conferenceTimer) }
        chats[c].conferenceTimer = .none
        chats[c].participant = nil
        removeFromAgent(chat: chat, agent: invitee)
        addBusyTime(of: c, agent: invitee, from: chats[c].conferenceSince.microseconds, to: now.microseconds)
        _ = try? engine.leaveConference(chat, by: AgentID(invitee), at: now)
        handleEngineEvents()
        agentFreed(invitee)
    }
}
