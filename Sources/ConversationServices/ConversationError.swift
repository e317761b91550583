// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// Why a conversation refused a command; a refused command changes nothing.
public enum ConversationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command does not apply in this status.
    case invalidState(ConversationID, ConversationStatus)
    /// Only the owner may do this.
    case notOwner(ConversationID, AgentID)
    /// Only live chats have sessions (end session, offline form).
    case notLiveChat(ConversationID, Channel)
    /// Internal chats are never handled, wrapped up or turned into tickets.
    case internalChat(ConversationID)
    /// The queue requires at least one wrap-up reason.
    case wrapUpReasonRequired(ConversationID)
    /// A reason that is not in the queue's list.
    case unknownWrapUpReason(ConversationID, String)
    /// A reason given twice.
    case duplicateWrapUpReason(ConversationID, String)
    /// The conversation is already archived.
    case alreadyArchived(ConversationID)
    /// The conversation is not archived.
    case notArchived(ConversationID)
    /// A ticket was already created from this conversation.
    case ticketAlreadyCreated(ConversationID)
    /// Calls from chats are available for internal and live chats only.
    case callNotAvailable(ConversationID, Channel)
    /// The queue does not enable calls from chats.
    case callFromChatDisabled(ConversationID)

    public var description: String {
        switch self {
        case .invalidState(let id, let status): "\(id) is \(status): the command does not apply"
        case .notOwner(let id, let agent): "\(agent) does not own \(id)"
        case .notLiveChat(let id, let channel): "\(id) is a \(channel) chat; only live chats have sessions"
        case .internalChat(let id): "\(id) is an internal chat"
        case .wrapUpReasonRequired(let id): "\(id): closing requires at least one wrap-up reason"
        case .unknownWrapUpReason(let id, let reason): "\(id): '\(reason)' is not a wrap-up reason of the queue"
        case .duplicateWrapUpReason(let id, let reason): "\(id): wrap-up reason '\(reason)' is given twice"
        case .alreadyArchived(let id): "\(id) is already archived"
        case .notArchived(let id): "\(id) is not archived"
        case .ticketAlreadyCreated(let id): "\(id) already has a ticket"
        case .callNotAvailable(let id, let channel): "\(id) is a \(channel) chat; calls start from internal and live chats only"
        case .callFromChatDisabled(let id): "\(id): calls from chats are not enabled"
        }
    }
}
