// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import NIOCore
import ParleyTime
import RoutingCore

/// What the engine decided, sent to the agents' and the customers' event streams.
extension LiveCenter {
    /// Opens an event stream for agent `a` (its WebSocket); the stream ends at shutdown or when its client stops reading.
    /// `onDrop` is called if the stream is dropped because its client does not read.
    func subscribeAgent(_ a: Int, onDrop: @escaping @Sendable () -> Void = {}) -> (id: Int, events: AsyncStream<ByteBuffer>) {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingOldest(eventBufferLimit))
        nextStreamID += 1
        if isShutDown {
            continuation.finish()
        } else {
            agentStreams[a].append(EventStream(id: nextStreamID, continuation: continuation, onDrop: onDrop))
        }
        return (nextStreamID, stream)
    }

    /// Closes agent `a`'s stream `id` (its client went away).
    func unsubscribeAgent(_ a: Int, id: Int) {
        agentStreams[a].removeAll { stream in
            if stream.id == id { stream.continuation.finish() }
            return stream.id == id
        }
    }

    /// Opens an event stream for the customer of chat `number`, checking its token.
    func subscribeChat(_ number: UInt64, token: String, onDrop: @escaping @Sendable () -> Void = {})
        throws(LiveError) -> (id: Int, events: AsyncStream<ByteBuffer>) {
        _ = try customerChat(number, token: token)
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingOldest(eventBufferLimit))
        nextStreamID += 1
        if isShutDown {
            continuation.finish()
        } else {
            chats[number]!.streams.append(EventStream(id: nextStreamID, continuation: continuation, onDrop: onDrop))
        }
        return (nextStreamID, stream)
    }

    /// Closes a customer's stream.
    func unsubscribeChat(_ number: UInt64, id: Int) {
        chats[number]?.streams.removeAll { stream in
            if stream.id == id { stream.continuation.finish() }
            return stream.id == id
        }
    }

    /// Sends `event` to agent `a`'s streams with the engine time of what it reports (`at`, µs since
    /// the service started), dropping any stream whose buffer is full (and closing its connection).
    func send(toAgent a: Int, _ event: [(String, JSONValue)]) {
        guard !agentStreams[a].isEmpty else { return }
        let text = eventBytes(event)
        agentStreams[a].removeAll { stream in
            if case .dropped = stream.continuation.yield(text) {
                stream.continuation.finish()
                stream.onDrop()
                metrics.droppedStreams.increment()
                return true
            }
            return false
        }
    }

    /// Sends `event` to the customer of chat `number`.
    func send(toChat number: UInt64, _ event: [(String, JSONValue)]) {
        guard let streams = chats[number]?.streams, !streams.isEmpty else { return }
        let text = eventBytes(event)
        chats[number]!.streams.removeAll { stream in
            if case .dropped = stream.continuation.yield(text) {
                stream.continuation.finish()
                stream.onDrop()
                metrics.droppedStreams.increment()
                return true
            }
            return false
        }
    }

    /// An event's JSON text with the engine time of what it reports (`at`) as its last field, written once
    /// for all the streams it goes to.
    func eventBytes(_ event: [(String, JSONValue)]) -> ByteBuffer {
        var out = ByteBufferAllocator().buffer(capacity: 128)
        JSONValue.writeObject(event, last: ("at", .int(eventTime.microseconds)), into: &out)
        return out
    }

    /// The API id of an engine chat.
    func number(of chat: ChatID) -> UInt64 {
        Int(chat.slot) < numberBySlot.count ? numberBySlot[Int(chat.slot)] : 0
    }

    /// Closes a chat for good: its customer's streams end and its id is forgotten.
    func close(_ number: UInt64, outcome: String) {
        guard let chat = chats.removeValue(forKey: number) else { return }
        for stream in chat.streams { stream.continuation.finish() }
        count(outcome)
    }

    func count(_ outcome: String) {
        metrics.count(outcome)
        outcomeCounts[outcome, default: 0] += 1
    }

    /// Sends the engine's events since the last call and keeps the conversation records in step.
    func dispatchEvents(at time: SimTime) {
        eventTime = time
        var invitee: (ChatID, AgentID)?
        for i in 0..<engine.eventCount {
            let event = engine.event(at: i)
            switch event {
            case .queued(let chat, _), .stickyWaiting(let chat, _):
                send(toChat: number(of: chat), [("type", .string("queued")), ("chat", chatID(chat))])
            case .offered(let chat, let agent):
                sendOffer(of: chat, to: agent, invitation: invitee.map { $0 == (chat, agent) } ?? false)
            case .stickyRouted, .declined:
                break
            case .accepted(let chat, let agent):
                accepted(chat, by: agent, at: time)
            case .offerWithdrawn(let chat, let agent):
                send(toAgent: Int(agent.index), [("type", .string("offer_withdrawn")), ("offer", chatID(chat))])
            case .rona(let chat, let agent):
                metrics.rona.increment()
                send(toAgent: Int(agent.index), [("type", .string("rona")), ("offer", chatID(chat))])
            case .offlineForm(let chat, _):
                let n = number(of: chat)
                try? chats[n]?.record.takeOfflineMessage(at: time)
                send(toChat: n, [("type", .string("offline_form")), ("chat", chatID(chat))])
                close(n, outcome: "offline_form")
            case .abandoned(let chat):
                close(number(of: chat), outcome: "abandoned")
            case .customerEnded(let chat, let agent):
                customerEnded(chat, agent: agent, at: time)
            case .handled(let chat, let agent):
                handled(chat, by: agent)
            case .leftUnhandled(let chat, _):
                let n = number(of: chat)
                send(toChat: n, [("type", .string("left_unhandled")), ("chat", chatID(chat))])
                close(n, outcome: "left_unhandled")
            case .transferredToQueue(let chat, let from, let to):
                transferred(chat, from: from, toQueue: to, at: time)
            case .transferredToAgent(let chat, let from, let to):
                send(toAgent: Int(from.index), [("type", .string("transferred")), ("chat", chatID(chat)),
                                                ("agent", .string(agentNames[Int(to.index)]))])
            case .invited(let chat, let agent):
                invitee = (chat, agent)
            case .joinedConference(let chat, let agent):
                conferenceChanged(chat, agent: agent, type: "joined_conference")
            case .leftConference(let chat, let agent):
                conferenceChanged(chat, agent: agent, type: "left_conference")
            case .ownerChanged(let chat, let agent):
                try? chats[number(of: chat)]?.record.assign(to: agent, at: time)
                send(toAgent: Int(agent.index), [("type", .string("owner")), ("chat", chatID(chat))])
            case .unansweredAlert(let chat, let agent):
                sendAlert(of: chat, to: agent)
            case .statusChanged(let agent, let status):
                send(toAgent: Int(agent.index), [("type", .string("status")), ("status", .string(status.name))])
            case .overflowed(let chat, _, _):
                // A step that moved the chat changed its queue; `.queued` or an offer follows.
                if let queue = try? engine.queue(of: chat) { chats[number(of: chat)]?.queue = Int(queue.index) }
            }
        }
        engine.removeAllEvents()
    }

    /// An offer (or, to the agent just invited, an invitation) of `chat` to `agent`, with its queue and channel.
    private func sendOffer(of chat: ChatID, to agent: AgentID, invitation: Bool) {
        var event: [(String, JSONValue)] = [("type", .string(invitation ? "invitation" : "offer")), ("offer", chatID(chat)),
                                            ("chat", chatID(chat))]
        if let live = chats[number(of: chat)] {
            event.append(("queue", .string(queueNames[live.queue])))
            event.append(("channel", .string(live.channel.name)))
        }
        send(toAgent: Int(agent.index), event)
    }

    /// `agent` accepted `chat`: its record is assigned and both sides told.
    private func accepted(_ chat: ChatID, by agent: AgentID, at time: SimTime) {
        let n = number(of: chat)
        try? chats[n]?.record.assign(to: agent, at: time)
        count("accepted")
        send(toAgent: Int(agent.index), [("type", .string("accepted")), ("chat", chatID(chat))])
        send(toChat: n, [("type", .string("accepted")), ("agent", .string(agentNames[Int(agent.index)]))])
    }

    /// The customer of `chat` left while `agent` worked it.
    private func customerEnded(_ chat: ChatID, agent: AgentID, at time: SimTime) {
        let n = number(of: chat)
        chats[n]?.engineChat = nil
        try? chats[n]?.record.customerLeft(at: time)
        count("customer_ended")
        send(toAgent: Int(agent.index), [("type", .string("customer_ended")), ("chat", chatID(chat))])
    }

    /// `agent` handled `chat`: the customer gets the queue's closing messages and the chat is closed.
    private func handled(_ chat: ChatID, by agent: AgentID) {
        let n = number(of: chat)
        sendAutoReplies([.resolved, .ratingRequest], toChat: n, agent: agentNames[Int(agent.index)])
        send(toChat: n, [("type", .string("handled")), ("chat", chatID(chat))])
        close(n, outcome: "handled")
    }

    /// `from` transferred `chat` to queue `to`: the record follows it under the queue's policy.
    private func transferred(_ chat: ChatID, from: AgentID, toQueue to: QueueID, at time: SimTime) {
        let n = number(of: chat)
        if let policy = policies.indices.contains(Int(to.index)) ? policies[Int(to.index)] : nil {
            try? chats[n]?.record.transfer(to: to, policy: policy, at: time)
            chats[n]?.queue = Int(to.index)
        }
        send(toAgent: Int(from.index), [("type", .string("transferred")), ("chat", chatID(chat)),
                                        ("queue", .string(queueNames[Int(to.index)]))])
    }

    /// `agent` joined or left `chat`'s conference: it and the chat's owner are told.
    private func conferenceChanged(_ chat: ChatID, agent: AgentID, type: String) {
        let n = number(of: chat)
        var told = [Int(agent.index)]
        if let owner = chats[n]?.record.owner, !told.contains(Int(owner.index)) { told.append(Int(owner.index)) }
        for a in told {
            send(toAgent: a, [("type", .string(type)), ("chat", chatID(chat)), ("agent", .string(agentNames[Int(agent.index)]))])
        }
    }

    /// `chat` waited past its unanswered alert while `agent` owned it.
    private func sendAlert(of chat: ChatID, to agent: AgentID) {
        var event: [(String, JSONValue)] = [("type", .string("alert")), ("chat", chatID(chat))]
        if let live = chats[number(of: chat)] { event.append(("queue", .string(queueNames[live.queue]))) }
        send(toAgent: Int(agent.index), event)
    }

    /// Sends the queue's automatic messages among `triggers` that are on to the customer of chat `number`.
    func sendAutoReplies(_ triggers: [AutoReplyTrigger], toChat number: UInt64, agent: String) {
        guard let chat = chats[number], let replies = autoReplies[chat.queue] else { return }
        for trigger in triggers {
            guard let message = (try? replies.message(trigger, customer: "", agent: agent)) ?? nil else { continue }
            send(toChat: number, [("type", .string("auto_reply")), ("chat", .string("c\(number)")),
                                  ("trigger", .string(message.trigger.rawValue)), ("text", .string(message.text))])
        }
    }

    /// The API id of an engine chat, as JSON.
    func chatID(_ chat: ChatID) -> JSONValue { .string("c\(number(of: chat))") }
}

extension RoutingCore.Channel {
    /// The channel's name in scenarios and the API.
    public var name: String {
        switch self {
        case .liveChat: "live_chat"
        case .whatsapp: "whatsapp"
        case .facebook: "facebook"
        case .sms: "sms"
        case .internal: "internal"
        }
    }
}
