// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a conversation stands, from the customer's and the records' side (SPEC §2.3).
///
/// Routing detail (queued or offered, to whom) belongs to the routing engine; a record only
/// knows whether an agent owns the chat.
public enum ConversationStatus: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// In the chatbot, before routing.
    case bot
    /// Queued or offered; no owner yet.
    case waiting
    /// An agent owns it and the customer is there.
    case active
    /// The customer left an active chat; the owner still has to close it.
    case customerEnded
    /// The owner ended the live-chat session; the chat stays in the list and may be reactivated.
    case sessionEnded
    /// Marked handled with its wrap-up reasons.
    case handled
    /// The customer left while waiting.
    case abandoned
    /// The customer left during the chatbot.
    case missedContact
    /// A live-chat visitor left a message in the offline form.
    case offlineMessage
    /// Deleted permanently: its messages are gone; only this record remains.
    case deleted

    /// Whether the conversation is over and may be archived, unarchived or deleted.
    public var isFinished: Bool {
        switch self {
        case .handled, .abandoned, .missedContact, .offlineMessage: true
        case .bot, .waiting, .active, .customerEnded, .sessionEnded, .deleted: false
        }
    }

    /// Whether an owner works on the chat (the states in which it can be closed).
    public var isOwned: Bool { self == .active || self == .customerEnded || self == .sessionEnded }

    public var description: String {
        switch self {
        case .bot: "bot"
        case .waiting: "waiting"
        case .active: "active"
        case .customerEnded: "customer_ended"
        case .sessionEnded: "ended"
        case .handled: "handled"
        case .abandoned: "abandoned"
        case .missedContact: "missed_contact"
        case .offlineMessage: "offline_message"
        case .deleted: "deleted"
        }
    }
}
