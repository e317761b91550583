// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

/// A snapshot after one change of a conversation: the timestamps of every transition (SPEC §2.1).
public struct ConversationTransition: Sendable, Equatable {
    public let at: SimTime
    public let status: ConversationStatus
    public let owner: AgentID?
    public let isArchived: Bool
}

/// What a customer's return to an earlier conversation leads to.
public enum CustomerReturn: Sendable, Equatable {
    /// The conversation is still going on: the message belongs to it.
    case sameConversation
    /// An ended live chat was reactivated (post-chat form on); route it to `owner` by the sticky rule.
    case reactivated(owner: AgentID)
    /// The conversation is over: the customer starts a new one.
    case newConversation
}

/// One conversation's life outside routing: ownership, endings, wrap-up, archive, tickets, calls (SPEC §2.3).
///
/// A small state machine over ``ConversationStatus``, kept apart from the routing engine's
/// state: the engine decides who gets a chat, the record keeps what happened to it and refuses
/// what may not happen. Every command checks, in this order, the channel, the status, the agent
/// and then its arguments, and throws a ``ConversationError`` having changed nothing. The record
/// holds ids and outcomes, never message text.
///
/// ```
/// bot ─▶ waiting ─▶ active ─┬─▶ handled (archived) ⇄ unarchived ─▶ deleted
///  │        │          │    ├─ customer leaves ─▶ customerEnded ─▶ handled
///  │        │          │    └─ end session (live chat) ─▶ sessionEnded ─▶ handled
///  │        │          │                     └─ customer returns, post-chat form ─▶ active
///  │        └─ leaves ─▶ abandoned      bot ─ leaves ─▶ missedContact
///  └─ offline form (live chat) ─▶ offlineMessage
/// ```
public struct ConversationRecord: Sendable, Equatable {
    public let id: ConversationID
    /// The customer; nil for an internal chat between agents.
    public let contact: ContactID?
    public let channel: Channel
    /// The queue; nil for an internal chat.
    public internal(set) var queue: QueueID?
    public internal(set) var policy: ConversationPolicy
    public internal(set) var status: ConversationStatus
    public internal(set) var owner: AgentID?
    /// Every agent who owned the chat, in order of first ownership (for contact history).
    public internal(set) var agents: [AgentID] = []
    /// Whether the chat is out of the main list. Marking a chat handled archives it.
    public internal(set) var isArchived = false
    /// The reasons given when the chat was marked handled.
    public internal(set) var wrapUpReasons: [String] = []
    /// What the customer and the chatbot said before the handover; it stays with the conversation
    /// for every later owner (nil: no bot, or the bot handed over nothing).
    public internal(set) var botTranscript: BotTranscript?
    /// The ticket created from the chat, if any.
    public internal(set) var ticket: TicketRequest?
    /// One snapshot per change, the first at creation.
    public internal(set) var transitions: [ConversationTransition] = []

    /// A customer's conversation arriving in `queue`, in the chatbot first when `inBot`.
    public init(id: ConversationID, contact: ContactID, channel: Channel, queue: QueueID,
                policy: ConversationPolicy = .standard, inBot: Bool = false, at time: SimTime) {
        precondition(channel != .internal, "internal chats are made by internalChat(id:startedBy:at:)")
        self.id = id
        self.contact = contact
        self.channel = channel
        self.queue = queue
        self.policy = policy
        status = inBot ? .bot : .waiting
        log(time)
    }

    /// An internal chat between agents, owned by the agent who started it; it is never queued or handled.
    public static func internalChat(id: ConversationID, startedBy agent: AgentID,
                                    policy: ConversationPolicy = .standard, at time: SimTime) -> ConversationRecord {
        ConversationRecord(internal: id, owner: agent, policy: policy, at: time)
    }

    private init(internal id: ConversationID, owner: AgentID, policy: ConversationPolicy, at time: SimTime) {
        self.id = id
        contact = nil
        channel = .internal
        queue = nil
        self.policy = policy
        status = .active
        self.owner = owner
        agents = [owner]
        log(time)
    }

    // MARK: Routing outcomes

    /// The chatbot hands the customer over to the queue, with the transcript of their exchange.
    public mutating func leaveBot(transcript: BotTranscript? = nil, at time: SimTime) throws(ConversationError) {
        guard status == .bot else { throw .invalidState(id, status) }
        status = .waiting
        botTranscript = transcript
        log(time)
    }

    /// `agent` now owns the chat: it accepted or claimed it, or took it over by a transfer or a conference.
    ///
    /// Giving the chat to its current owner changes nothing.
    public mutating func assign(to agent: AgentID, at time: SimTime) throws(ConversationError) {
        guard status == .waiting || status == .active else { throw .invalidState(id, status) }
        guard owner != agent else { return }
        owner = agent
        if !agents.contains(agent) { agents.append(agent) }
        status = .active
        log(time)
    }

    /// The owner transferred the chat to a queue (`queue`, with its `policy`); it waits there without an owner.
    public mutating func transfer(to queue: QueueID, policy: ConversationPolicy, at time: SimTime) throws(ConversationError) {
        guard channel != .internal else { throw .internalChat(id) }
        guard status == .active else { throw .invalidState(id, status) }
        self.queue = queue
        self.policy = policy
        owner = nil
        status = .waiting
        log(time)
    }

    /// A live-chat visitor got the offline form (queue closed or nobody available) and left a message.
    public mutating func takeOfflineMessage(at time: SimTime) throws(ConversationError) {
        guard channel == .liveChat else { throw .notLiveChat(id, channel) }
        guard status == .bot || status == .waiting else { throw .invalidState(id, status) }
        status = .offlineMessage
        log(time)
    }

    /// The customer left: during the bot a missed contact, while waiting an abandonment, in an active chat `customerEnded`.
    ///
    /// The automatic message to send follows from the new status: `missed_contact` after the
    /// bot, `customer_left_waiting` after waiting, none after an active chat.
    public mutating func customerLeft(at time: SimTime) throws(ConversationError) {
        switch status {
        case .bot: status = .missedContact
        case .waiting: status = .abandoned
        case .active where channel != .internal: status = .customerEnded
        default: throw .invalidState(id, status)
        }
        log(time)
    }

    // MARK: Sessions

    /// The owner ends the live-chat session: the customer is told (`session_ended`), the chat stays in the list.
    public mutating func endSession(by agent: AgentID, at time: SimTime) throws(ConversationError) {
        guard channel == .liveChat else { throw .notLiveChat(id, channel) }
        guard status == .active else { throw .invalidState(id, status) }
        guard owner == agent else { throw .notOwner(id, agent) }
        status = .sessionEnded
        log(time)
    }

    /// The customer comes back to this conversation.
    ///
    /// A live chat that ended — by the agent or by the customer — is reactivated when the
    /// queue's post-chat form is on, keeping its owner (the routing engine offers it to that
    /// owner by the sticky rule); otherwise the customer starts a new conversation. A
    /// conversation still going on just continues.
    public mutating func customerReturns(at time: SimTime) -> CustomerReturn {
        switch status {
        case .bot, .waiting, .active:
            return .sameConversation
        case .sessionEnded, .customerEnded:
            guard channel == .liveChat, policy.postChatForm, let owner else { return .newConversation }
            status = .active
            log(time)
            return .reactivated(owner: owner)
        case .handled, .abandoned, .missedContact, .offlineMessage, .deleted:
            return .newConversation
        }
    }

    /// Appends the snapshot after a change.
    mutating func log(_ time: SimTime) {
        transitions.append(ConversationTransition(at: time, status: status, owner: owner, isArchived: isArchived))
    }
}
