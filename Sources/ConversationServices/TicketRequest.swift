// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

/// A request (ticket) created from a conversation, for a ticket system to take up (seed manuals 001, 004).
public struct TicketRequest: Sendable, Equatable {
    /// Why the ticket exists.
    public enum Origin: Sendable, Equatable {
        /// The owner created it from the chat ("create request").
        case agent(AgentID)
        /// The customer left during the chatbot and the queue creates tickets for missed contacts.
        case missedContact
    }

    public let conversation: ConversationID
    public let contact: ContactID?
    public let queue: QueueID?
    public let channel: Channel
    public let origin: Origin
    public let createdAt: SimTime
}

/// What "call from chat" starts (seed manual 000: internal chats and the website's live chat).
public enum CallFromChat: Sendable, Equatable {
    /// An internal chat turns into a voice or video call between the agents.
    case call(ConversationID, by: AgentID)
    /// The live-chat visitor is asked to press the call button of the chat window to call the owner.
    case visitorInvited(ConversationID, by: AgentID)
}

extension ConversationRecord {
    /// The owner creates a request (ticket) from the chat; one per conversation.
    ///
    /// Available while the owner works on the chat (active, customer gone, or session ended);
    /// never for internal chats. A live-chat ticket created outside business hours gets the
    /// `out_of_hours` reply (``AutoReplyService/outOfHoursReply(toTicketBy:createdAt:)``).
    public mutating func createTicket(by agent: AgentID, at time: SimTime) throws(ConversationError) -> TicketRequest {
        guard channel != .internal else { throw .internalChat(id) }
        guard status.isOwned else { throw .invalidState(id, status) }
        guard owner == agent else { throw .notOwner(id, agent) }
        return try recordTicket(origin: .agent(agent), at: time)
    }

    /// The ticket for a missed contact, when the queue's `missed_contact.create_ticket` is on.
    public mutating func createMissedContactTicket(at time: SimTime) throws(ConversationError) -> TicketRequest {
        guard status == .missedContact else { throw .invalidState(id, status) }
        return try recordTicket(origin: .missedContact, at: time)
    }

    /// The owner starts a call from the chat: internal and live chats only, when the queue enables it.
    public func callFromChat(by agent: AgentID) throws(ConversationError) -> CallFromChat {
        guard channel == .internal || channel == .liveChat else { throw .callNotAvailable(id, channel) }
        guard policy.callFromChat else { throw .callFromChatDisabled(id) }
        guard status == .active else { throw .invalidState(id, status) }
        guard owner == agent else { throw .notOwner(id, agent) }
        return channel == .internal ? .call(id, by: agent) : .visitorInvited(id, by: agent)
    }

    private mutating func recordTicket(origin: TicketRequest.Origin, at time: SimTime) throws(ConversationError) -> TicketRequest {
        guard ticket == nil else { throw .ticketAlreadyCreated(id) }
        let request = TicketRequest(conversation: id, contact: contact, queue: queue, channel: channel,
                                    origin: origin, createdAt: time)
        ticket = request
        log(time)
        return request
    }
}
