// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

extension Replication {
    /// Records the engine's invariant violations and the model's own: no agent holds more chats in
    /// conversation than it has slots, every chat in conversation is owned by the agent holding it,
    /// and the measured chats still open — in a queue, in conversation, in wrap-up or in a
    /// chatbot — are exactly those the run waits for before it stops; every measured attempt that
    /// gave up either lost its customer or was tried again.
    mutating func checkInvariants() {
        for problem in engine.invariantViolations() { violations.append("event \(events): \(problem)") }
        checkRetrialInvariants()
        if model.services.keepsHistory || !model.services.serviceCountNames.isEmpty { checkServiceInvariants() }
        let open = chats.indices.reduce(0) { $0 + (chats[$1].measured && chats[$1].phase != .done ? 1 : 0) }
            + services.botChats.reduce(0) { $0 + ($1?.measured == true ? 1 : 0) }
        if open != measuredOpen {
            violations.append("event \(events): \(open) measured chats are open but the run counts \(measuredOpen)")
        }
        for a in agentChatCount.indices {
            if agentChatCount[a] > model.agents[a].capacity {
                violations.append("event \(events): agent \(a) converses in \(agentChatCount[a]) chats")
            }
            for i in 0..<agentChatCount[a] {
                let chat = ChatID(packed: agentChats[a * maxCapacity + i])
                let c = Int(chat.slot)
                let owner = try? engine.owner(of: chat)
                let participant = try? engine.participant(of: chat)
                if chats[c].phase != .inConversation || (owner != AgentID(a) && participant != AgentID(a)) {
                    let state = try? engine.state(of: chat)
                    violations.append("event \(events): agent \(a) holds chat \(c) it neither owns nor joined "
                                      + "(phase \(chats[c].phase), engine \(state.map { "\($0)" } ?? "closed"), owner \(owner.map { "\($0)" } ?? "none"), "
                                      + "participant \(participant.map { "\($0)" } ?? "none"), model agent \(chats[c].agent.map { "\($0)" } ?? "none"), "
                                      + "model participant \(chats[c].participant.map { "\($0)" } ?? "none"))")
                }
            }
        }
    }
}
