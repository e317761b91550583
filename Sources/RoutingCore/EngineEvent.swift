// SPDX-License-Identifier: GPL-3.0-or-later

/// Something the engine decided or observed; commands append these to ``RoutingEngine/events``.
public enum EngineEvent: Equatable, Sendable {
    /// No eligible agent: the chat waits in its queue.
    case queued(ChatID, QueueID)
    /// A single-agent offer; a slot of the agent is reserved until accept, RONA or withdrawal.
    case offered(ChatID, AgentID)
    /// The agent accepted and owns the chat.
    case accepted(ChatID, AgentID)
    /// An offer was taken back (the customer left); no RONA.
    case offerWithdrawn(ChatID, AgentID)
    /// The offer timed out: the chat is back in its queue at its original position and the agent is `rona`.
    case rona(ChatID, AgentID)
    /// The customer left before an agent accepted.
    case abandoned(ChatID)
    /// The customer left an active chat.
    case customerEnded(ChatID, AgentID)
    /// The owner marked the chat handled; its slot is free.
    case handled(ChatID, AgentID)
    /// An agent's status changed (by its own command or by RONA).
    case statusChanged(AgentID, AgentStatus)
}

/// The state of a chat while the engine tracks it.
public enum ChatState: UInt8, Sendable {
    case queued, offered, active
}

/// Why the engine refused a command; a refused command changes nothing.
public enum EngineError: Error, Equatable, Sendable {
    case unknownChat(ChatID)
    case unknownAgent(AgentID)
    case unknownQueue(QueueID)
    /// The chat is not offered to this agent.
    case notOfferedTo(ChatID, AgentID)
    /// The agent does not own the chat.
    case notOwner(ChatID, AgentID)
    /// The command does not apply to a chat in this state.
    case invalidState(ChatID, ChatState)
    /// An agent cannot change to this status by its own command.
    case invalidStatusChange(AgentID, from: AgentStatus, to: AgentStatus)
    /// The configuration names a strategy this version does not implement.
    case unsupportedStrategy(queue: String, Strategy)
    /// The configuration is inconsistent (an agent with no slot, a membership of an unknown queue).
    case invalidConfiguration(String)
}
