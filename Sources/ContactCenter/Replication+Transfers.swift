// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore
import Statistics

extension Replication {
    /// The owner hands the chat to its transfer queue; the rest of the work goes with it.
    mutating func transferChat(_ chat: ChatID, by a: Int) {
        let c = Int(chat.slot)
        handOver(chat, by: a)
        let target = model.agents[a].transferQueue ?? model.streams[Int(chats[c].stream)].queue
        chats[c].phase = .waiting
        chats[c].agent = nil
        do { try engine.transfer(chat, by: AgentID(a), to: QueueID(target), at: now) } catch {
            preconditionFailure("engine refused a transfer: \(error)")
        }
        count(chat) { $0.transfers += 1 }
        chats[c].transfers += 1
        handleEngineEvents()
        agentFreed(a)
    }

    /// The owner hands the chat to another agent of its queue, found by name or extension (SPEC
    /// §2.3): a single-agent offer with the RONA rule, which the target may decline; either sends
    /// the chat back to its queue at its original position. With nobody available to take it, the
    /// owner goes on working the chat itself.
    mutating func transferChatToAgent(_ chat: ChatID, by a: Int) {
        let c = Int(chat.slot)
        handOver(chat, by: a)
        let stream = agentTransferStream(a)
        let members = (try? engine.queue(of: chat)).flatMap { try? engine.members(of: $0) } ?? []
        let start = members.isEmpty ? 0 : min(Int(stream.uniform() * Double(members.count)), members.count - 1)
        let byName = stream.uniform() < 0.5
        chats[c].phase = .waiting
        chats[c].agent = nil
        for step in members.indices {
            let member = members[(start + step) % members.count]
            guard Int(member.index) != a, (try? engine.status(of: member)) == .available else { continue }
            let configuration = model.engineConfiguration.agents[Int(member.index)]
            let found = byName ? try? engine.agent(named: configuration.name)
                : configuration.extensionNumber.flatMap { try? engine.agent(extension: $0) }
            guard let target = found, (try? engine.transfer(chat, by: AgentID(a), toAgent: target, at: now)) != nil else { continue }
            count(chat) { $0.agentTransfers += 1 }
            chats[c].transfers += 1
            chats[c].transferOffered = true
            handleEngineEvents()
            return agentFreed(a)
        }
        // Nobody could take it: the owner keeps the chat and works on.
        chats[c].phase = .inConversation
        chats[c].agent = AgentID(a)
        chats[c].segmentStart = now
        addToAgent(chat, agent: a)
    }

    /// The agent's sub-stream for transfers to agents and declines, made when first needed.
    mutating func agentTransferStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.agentTransferStreams, a, "transfer_to_agent")
    }

    /// The owner stops working chat `chat` to hand it on: the work it carried is what remains, and
    /// its conference ends (a pending invitation is withdrawn).
    private mutating func handOver(_ chat: ChatID, by a: Int) {
        let c = Int(chat.slot)
        chats[c].interruption = .none
        chats[c].remainingWork = chats[c].carriedWork
        chats[c].carriedWork = 0
        if let participant = chats[c].participant {
            endConferenceTime(chat, invitee: Int(participant.index))
        } else if chats[c].invited {
            _ = try? engine.endConference(chat, by: AgentID(a), at: now)
        }
    }
}
