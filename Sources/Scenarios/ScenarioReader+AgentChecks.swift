// SPDX-License-Identifier: GPL-3.0-or-later

/// Checks of what agents do across sections: unique names and extensions, calls, internal chats
/// and template use against the queues that offer them.
extension ScenarioReader {
    /// Checks that every agent's name and extension is unique (given or generated), so a transfer
    /// finds exactly one agent by either.
    static func checkAgentNames(_ groups: [Located<AgentGroupSpec>]) throws(ScenarioError) {
        var names = Set<String>(), extensions = Set<String>()
        var member = 0
        for group in groups {
            for n in 0..<group.value.count {
                let name = group.value.names.isEmpty ? "\(group.value.name)-\(n + 1)" : group.value.names[n]
                let number = group.value.extensions.isEmpty ? String(1001 + member) : group.value.extensions[n]
                member += 1
                guard names.insert(name).inserted else {
                    throw (group.field.peek("names") ?? group.field).error("agent name '\(name)' is used twice")
                }
                guard extensions.insert(number).inserted else {
                    throw (group.field.peek("extensions") ?? group.field).error("extension '\(number)' is used twice")
                }
            }
        }
    }

    /// Checks that calls from chats can happen as configured (SPEC §2.3: internal and live chats,
    /// when the queue enables them): a queue with `call_from_chat` has a live-chat stream, and a
    /// group with `call_probability` serves such a queue. Otherwise the key could not act.
    static func checkCalls(_ queues: [Located<QueueSpec>], groups: [Located<AgentGroupSpec>],
                           streams: [CustomerStreamSpec]) throws(ScenarioError) {
        for queue in queues where queue.value.services.conversation.callFromChat {
            let internalChats = groups.contains {
                $0.value.internalChatProbability > 0 && $0.value.queues.contains(queue.value.id)
            }
            guard internalChats || streams.contains(where: { $0.queue == queue.value.id && $0.channel == .liveChat }) else {
                let field = queue.field.peek("call_from_chat") ?? queue.field
                throw field.error("calls start from internal and live chats only; no live_chat stream "
                                      + "comes to queue \(queue.value.id) and no group of it has internal_chats")
            }
        }
        let calling = Set(queues.filter { $0.value.services.conversation.callFromChat }.map(\.value.id))
        for group in groups where group.value.callProbability > 0 && !group.value.queues.contains(where: calling.contains) {
            let field = group.field.peek("call_probability") ?? group.field
            throw field.error("call_probability needs call_from_chat: true on one of the group's queues "
                                  + "(\(group.value.queues.joined(separator: ", ")))")
        }
    }

    /// Checks that a group with `internal_chats` has a colleague to chat with: another agent of one
    /// of its queues. Otherwise the key could not act.
    static func checkInternalChats(_ groups: [Located<AgentGroupSpec>]) throws(ScenarioError) {
        for group in groups where group.value.internalChatProbability > 0 {
            let colleagues = groups.filter { other in other.value.queues.contains(where: group.value.queues.contains) }
                .reduce(0) { $0 + $1.value.count } - 1
            if colleagues < 1, let field = group.field.peek("internal_chats") {
                throw field.error("internal_chats needs a colleague: no other agent serves the group's queues "
                                      + "(\(group.value.queues.joined(separator: ", ")))")
            }
        }
    }

    /// Checks that a group using templates serves a queue that has some: otherwise the key could not act.
    static func checkTemplateUse(_ groups: [Located<AgentGroupSpec>], queues: [QueueSpec]) throws(ScenarioError) {
        for group in groups where group.value.templateUseProbability > 0 {
            let served = queues.filter { group.value.queues.contains($0.id) }
            if !served.contains(where: { $0.services.templates != nil }), let field = group.field.peek("template_use") {
                throw field.error("template_use needs templates in one of the group's queues (\(group.value.queues.joined(separator: ", ")))")
            }
        }
    }
}
