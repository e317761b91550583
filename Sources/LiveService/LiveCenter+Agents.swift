// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore

/// The agents' commands: status, offers, claiming, answering, handing on and closing chats.
extension LiveCenter {
    /// The engine id of open chat `number`, or 404; 409 once the customer left and only closing is possible.
    func engineChat(_ number: UInt64) throws(LiveError) -> ChatID {
        guard let chat = chats[number] else { throw LiveError.notFound("chat", "c\(number)") }
        guard let engineChat = chat.engineChat else {
            throw LiveError(.conflict, "invalidState", "the customer left the chat: it can only be marked handled")
        }
        return engineChat
    }

    /// The agent sets its own status (`rona` is refused: only the engine sets it).
    public func setStatus(agent a: Int, to status: AgentStatus) throws(LiveError) {
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.setStatus(AgentID(a), to: status, at: time)
        }
    }

    /// The agent accepts the offer of chat `number` (or the conference invitation).
    public func accept(_ number: UInt64, agent a: Int) throws(LiveError) {
        let chat = try engineChat(number)
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.accept(chat, by: AgentID(a), at: time)
        }
    }

    /// The agent declines the offer of chat `number` (no RONA).
    public func reject(_ number: UInt64, agent a: Int) throws(LiveError) {
        let chat = try engineChat(number)
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.decline(chat, by: AgentID(a), at: time)
        }
    }

    /// The agent takes a visible chat from its queue's list.
    public func take(_ number: UInt64, agent a: Int) throws(LiveError) {
        let chat = try engineChat(number)
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.take(chat, by: AgentID(a), at: time)
        }
    }

    /// The agent answers: the text passes the PCI filter and goes to the customer (and a conference partner).
    ///
    /// Under the `first_reply` claim rule the first member to answer a visible chat becomes its owner.
    public func reply(_ number: UInt64, agent a: Int, text: String) throws(LiveError) -> Delivery {
        let chat = try engineChat(number)
        guard chats[number]?.wrapUpReasons == nil else {
            throw LiveError(.conflict, "wrappingUp", "the chat is in wrap-up: the conversation is over")
        }
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.reply(chat, by: AgentID(a), at: time)
        }
        eventTime = now()
        let (pci, screened) = screen(text, queue: chats[number]?.queue ?? 0)
        guard let screened else { return Delivery(pci: pci, delivered: 0) }
        var delivered = 0
        if let streams = chats[number]?.streams, !streams.isEmpty { delivered += 1 }
        send(toChat: number, [("type", .string("message")), ("chat", .string("c\(number)")),
                              ("from", .string(agentNames[a])), ("text", .string(screened))])
        let others = [try? engine.owner(of: chat), try? engine.participant(of: chat)].compactMap { $0 }
        for other in others where Int(other.index) != a {
            delivered += 1
            send(toAgent: Int(other.index), [("type", .string("message")), ("chat", .string("c\(number)")),
                                             ("from", .string(agentNames[a])), ("text", .string(screened))])
        }
        return Delivery(pci: pci, delivered: delivered)
    }

    /// The owner transfers the chat to a queue or to an agent (by name or extension).
    public func transfer(_ number: UInt64, agent a: Int, toQueue queueName: String?, toAgent target: String?) throws(LiveError) {
        let chat = try engineChat(number)
        switch (queueName, target) {
        case (let queueName?, nil):
            guard let q = queueNames.firstIndex(of: queueName) else {
                throw LiveError(.notFound, "unknownQueue", "no queue '\(queueName)'", field: "queue")
            }
            try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
                try engine.transfer(chat, by: AgentID(a), to: QueueID(q), at: time)
            }
        case (nil, let target?):
            let agent = try targetAgent(target, field: "agent")
            try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
                try engine.transfer(chat, by: AgentID(a), toAgent: agent, at: time)
            }
        default:
            throw LiveError.badField("$", "give exactly one of queue and agent")
        }
    }

    /// The owner invites an agent (by name or extension) to a conference.
    public func invite(_ number: UInt64, agent a: Int, invitee: String) throws(LiveError) {
        let chat = try engineChat(number)
        let agent = try targetAgent(invitee, field: "agent")
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.invite(chat, by: AgentID(a), agent: agent, at: time)
        }
    }

    /// The owner starts wrap-up: the conversation is over for the customer; the slot stays busy until `handled`.
    ///
    /// The reasons are checked against the queue's list now and used when the chat is marked handled.
    public func wrapUp(_ number: UInt64, agent a: Int, reasons: [String]) throws(LiveError) {
        guard let chat = chats[number] else { throw LiveError.notFound("chat", "c\(number)") }
        var trial = chat.record
        do { try trial.markHandled(by: AgentID(a), reasons: reasons, at: now()) } catch { throw LiveError(error) }
        chats[number]!.wrapUpReasons = reasons
        eventTime = now()
        send(toChat: number, [("type", .string("wrap_up")), ("chat", .string("c\(number)"))])
    }

    /// The owner marks the chat handled: it is closed, with its wrap-up reasons (given here or at wrap-up).
    public func markHandled(_ number: UInt64, agent a: Int, reasons: [String]?) throws(LiveError) {
        guard let chat = chats[number] else { throw LiveError.notFound("chat", "c\(number)") }
        let reasons = reasons ?? chat.wrapUpReasons ?? []
        var trial = chat.record
        do { try trial.markHandled(by: AgentID(a), reasons: reasons, at: now()) } catch { throw LiveError(error) }
        guard let engineChat = chat.engineChat else {
            // The customer left an active chat: the engine closed it already; the owner closes the record.
            eventTime = now()
            sendAutoReplies([.resolved, .ratingRequest], toChat: number, agent: agentNames[a])
            send(toChat: number, [("type", .string("handled")), ("chat", .string("c\(number)"))])
            close(number, outcome: "handled")
            return
        }
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.markHandled(engineChat, by: AgentID(a), at: time)
        }
    }

    /// The owner leaves the chat open without marking it handled: the contact's next chat comes back to it.
    public func leaveUnhandled(_ number: UInt64, agent a: Int) throws(LiveError) {
        let chat = try engineChat(number)
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.leaveUnhandled(chat, by: AgentID(a), at: time)
        }
    }

    /// Get next in queue: the agent pulls the waiting chat it would be offered first; nil when none waits.
    public func next(agent a: Int) throws(LiveError) -> String? {
        let chat = try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) -> ChatID? in
            try engine.getNext(agent: AgentID(a), at: time)
        }
        return chat.map { "c\(number(of: $0))" }
    }

    /// An agent named in a request body, by name or extension number.
    func targetAgent(_ name: String, field: String) throws(LiveError) -> AgentID {
        if let agent = try? engine.agent(named: name) { return agent }
        if let agent = try? engine.agent(extension: name) { return agent }
        throw LiveError(.notFound, "noSuchAgent", "no agent has the name or extension '\(name)'", field: field)
    }
}
