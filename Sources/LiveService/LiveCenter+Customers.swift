// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore

/// The customers' commands: start a chat, write, leave.
extension LiveCenter {
    /// A new chat from a customer, and the token its customer uses from now on.
    public struct NewChat: Sendable, Equatable {
        /// The chat's id in the API (`c<number>`).
        public let id: String
        public let token: String
        /// `queued`, `offered`, `waiting_for_agent` (sticky) or `offline_form` (closed at once).
        public let state: String
        /// The queue's automatic messages for the customer at once: `first_message`, or `offline_form`.
        public let autoReplies: [AutoMessage]
    }

    /// A customer starts a chat in `queue`.
    ///
    /// A returning `contact` is routed to the agent who left its last chat open (sticky routing).
    public func createChat(queue queueName: String, channel: Channel, language: String?, contact: String?)
        throws(LiveError) -> NewChat {
        guard let q = queueNames.firstIndex(of: queueName) else {
            throw LiveError(.notFound, "unknownQueue", "no queue '\(queueName)'", field: "queue")
        }
        var languageID: LanguageID?
        if let language {
            guard let l = languages.firstIndex(of: language) else {
                throw LiveError(.notFound, "unknownLanguage", "no language '\(language)' in the scenario", field: "language")
            }
            languageID = LanguageID(l)
        }
        let contactID = contact.map { name in contacts[name] ?? ContactID(contacts.count) }
        let number = nextNumber
        let token = AgentTokens.randomToken()
        // The chat must be known before its first events go out (an offer names its queue).
        let chat = try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) -> ChatID in
            let chat = try engine.arrive(channel: channel, queue: QueueID(q), language: languageID, contact: contactID, at: time)
            registerChat(chat, number: number, token: token, queue: q, channel: channel, contact: contactID, at: time)
            return chat
        }
        if let contact, let contactID { contacts[contact] = contactID }
        let state: String
        if chats[number] == nil {
            state = "offline_form"
        } else {
            switch (try? engine.state(of: chat)) ?? .queued {
            case .queued: state = "queued"
            case .offered: state = "offered"
            case .stickyWaiting: state = "waiting_for_agent"
            case .active: state = "active"
            }
        }
        let trigger: AutoReplyTrigger = state == "offline_form" ? .offlineForm : .firstMessage
        let greeting = (try? autoReplies[q]?.message(trigger, customer: contact ?? "")) ?? nil
        return NewChat(id: "c\(number)", token: token, state: state, autoReplies: greeting.map { [$0] } ?? [])
    }

    /// Records a new chat under its API number, before the engine's events about it are sent.
    private func registerChat(_ chat: ChatID, number: UInt64, token: String, queue: Int, channel: Channel,
                              contact: ContactID?, at time: SimTime) {
        nextNumber += 1
        let slot = Int(chat.slot)
        if slot >= numberBySlot.count { numberBySlot.append(contentsOf: repeatElement(0, count: slot + 1 - numberBySlot.count)) }
        numberBySlot[slot] = number
        let record = ConversationRecord(id: ConversationID(number), contact: contact ?? ContactID(-1), channel: channel,
                                        queue: QueueID(queue), policy: policies[queue], at: time)
        chats[number] = LiveChat(engineChat: chat, token: token, queue: queue, channel: channel, record: record)
        count("created")
    }

    /// The chat `number` if `token` is its customer's.
    func customerChat(_ number: UInt64, token: String) throws(LiveError) -> LiveChat {
        guard let chat = chats[number] else { throw LiveError.notFound("chat", "c\(number)") }
        guard chat.token == token else { throw LiveError.forbidden("the token is not this chat's") }
        return chat
    }

    /// What happened to a message: how the PCI check treated it and how many agents it reached.
    public struct Delivery: Sendable, Equatable {
        /// `clean`, `redacted` or `dropped`.
        public let pci: String
        public let delivered: Int
    }

    /// The customer writes: the text passes the queue's PCI filter and goes to the chat's agents.
    ///
    /// A message before an agent accepted reaches nobody (the chat's queue position is unchanged).
    public func customerMessage(_ number: UInt64, token: String, text: String) throws(LiveError) -> Delivery {
        let chat = try customerChat(number, token: token)
        eventTime = now()
        let (pci, screened) = screen(text, queue: chat.queue)
        guard let screened, let engineChat = chat.engineChat else { return Delivery(pci: pci, delivered: 0) }
        var recipients: [AgentID] = []
        if let owner = try? engine.owner(of: engineChat) { recipients.append(owner) }
        if let participant = try? engine.participant(of: engineChat) { recipients.append(participant) }
        for agent in recipients {
            send(toAgent: Int(agent.index), [("type", .string("message")), ("chat", .string("c\(number)")),
                                             ("from", .string("customer")), ("text", .string(screened))])
        }
        return Delivery(pci: pci, delivered: recipients.count)
    }

    /// The PCI check of a message for `queue`: its screening's name and the text that may go on (nil: dropped).
    func screen(_ text: String, queue: Int) -> (String, String?) {
        let result: (String, String?)
        switch pciFilters[queue].screen(message: text) {
        case .clean: result = ("clean", text)
        case .redacted(let redacted, _): result = ("redacted", redacted)
        case .dropped: result = ("dropped", nil)
        }
        metrics.messages[result.0]?.increment()
        return result
    }

    /// The customer leaves: a waiting or offered chat is abandoned, an active one ends (its owner still closes it).
    public func customerEnd(_ number: UInt64, token: String) throws(LiveError) {
        let chat = try customerChat(number, token: token)
        guard let engineChat = chat.engineChat else {
            throw LiveError(.conflict, "invalidState", "the customer has already left the chat")
        }
        try command { (engine: inout RoutingEngine, time: SimTime) throws(EngineError) in
            try engine.customerLeft(engineChat, at: time)
        }
    }
}
