// SPDX-License-Identifier: GPL-3.0-or-later

/// Something the engine decided or observed; commands append these to ``RoutingEngine/events``.
public enum EngineEvent: Equatable, Sendable {
    /// No eligible agent (or a pull queue): the chat waits in its queue, visible to the members.
    case queued(ChatID, QueueID)
    /// An offer to one agent; a slot of the agent is reserved until accept, decline, RONA or withdrawal.
    /// A broadcast sends one `.offered` per agent rung.
    case offered(ChatID, AgentID)
    /// A returning contact's chat was accepted by its previous owner (sticky routing); `.accepted` follows.
    case stickyRouted(ChatID, AgentID)
    /// The agent accepted (or claimed, or pulled) the chat and owns it.
    case accepted(ChatID, AgentID)
    /// An offer was taken back (another agent accepted first, the customer left, the ringing ended); no RONA.
    case offerWithdrawn(ChatID, AgentID)
    /// A single-agent offer timed out: the agent is now `rona`; the chat is routed again.
    case rona(ChatID, AgentID)
    /// The agent declined the offer.
    case declined(ChatID, AgentID)
    /// A returning contact's chat waits for its previous owner (sticky routing).
    case stickyWaiting(ChatID, AgentID)
    /// A live-chat visitor got the offline form; the chat is closed as an offline message.
    case offlineForm(ChatID, QueueID)
    /// The customer left before an agent accepted.
    case abandoned(ChatID)
    /// The customer left an active chat.
    case customerEnded(ChatID, AgentID)
    /// The owner marked the chat handled; it is closed and its slots are free.
    case handled(ChatID, AgentID)
    /// The owner left the chat without marking it handled; its slot is free and the contact sticks to the owner.
    case leftUnhandled(ChatID, AgentID)
    /// The owner transferred the chat to a queue; the previous owner lost access.
    case transferredToQueue(ChatID, from: AgentID, to: QueueID)
    /// The owner transferred the chat to an agent (a single-agent offer follows); the previous owner lost access.
    case transferredToAgent(ChatID, from: AgentID, to: AgentID)
    /// The owner invited an agent to a conference (an offer to the invitee follows).
    case invited(ChatID, AgentID)
    /// The invitee accepted and now sees and answers the chat.
    case joinedConference(ChatID, AgentID)
    /// A participant left the conference (or the owner ended it); its slot is free.
    case leftConference(ChatID, AgentID)
    /// The owner left a conference; the remaining participant owns the chat now.
    case ownerChanged(ChatID, AgentID)
    /// A chat has waited unanswered longer than its queue's `alert_after`; sent to one available member.
    case unansweredAlert(ChatID, AgentID)
    /// An agent's status changed (by its own command or by RONA).
    case statusChanged(AgentID, AgentStatus)
    /// Step `step` (from 0) of the queue's `overflow` came due for a waiting chat: more agents may
    /// take it (it stays in the queue), or it moved to another queue (`.queued` for that queue follows
    /// when it waits there). Offers to the widened set follow.
    case overflowed(ChatID, QueueID, step: Int)
}

/// The state of a chat while the engine tracks it.
public enum ChatState: UInt8, Sendable {
    /// Waiting in its queue's line, visible to the members.
    case queued
    /// Offered to one or more agents; no owner yet.
    case offered
    /// Waiting for its previous owner (sticky routing).
    case stickyWaiting
    /// Owned by an agent (who may have invited another).
    case active
}

/// Why the engine refused a command; a refused command changes nothing.
public enum EngineError: Error, Equatable, Sendable {
    case unknownChat(ChatID)
    case unknownAgent(AgentID)
    case unknownQueue(QueueID)
    case unknownLanguage(LanguageID)
    case unknownContact(ContactID)
    /// No agent has this name or extension.
    case noSuchAgent(String)
    /// The chat is not offered to this agent.
    case notOfferedTo(ChatID, AgentID)
    /// The agent does not own the chat.
    case notOwner(ChatID, AgentID)
    /// The agent is not a member of the chat's queue.
    case notMember(ChatID, AgentID)
    /// The command does not apply to a chat in this state.
    case invalidState(ChatID, ChatState)
    /// The queue's claim rule is `take`: the agent must take the chat before answering.
    case mustTakeFirst(ChatID, AgentID)
    /// The agent's status does not allow the command (get-next while away, a transfer to an offline agent).
    case notAvailable(AgentID, AgentStatus)
    /// The agent has no free slot for the chat's channel.
    case noFreeSlot(AgentID)
    /// The agent does not speak the chat's language.
    case languageMismatch(ChatID, AgentID)
    /// Internal chats are never queued or handled.
    case internalChannel
    /// The chat already has a conference participant, or the invitee is the owner.
    case conferenceBusy(ChatID)
    /// An agent cannot change to this status by its own command.
    case invalidStatusChange(AgentID, from: AgentStatus, to: AgentStatus)
    /// The configuration is inconsistent (an agent with no slot, a membership of an unknown queue).
    case invalidConfiguration(String)
}
