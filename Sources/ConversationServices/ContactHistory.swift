// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

/// One conversation in a contact's history: ids and outcome, never message text.
public struct ConversationSummary: Sendable, Equatable {
    public let conversation: ConversationID
    public let channel: Channel
    /// The queue it was last in.
    public let queue: QueueID?
    /// Everyone who owned it, in order.
    public let agents: [AgentID]
    /// Its status when last recorded: the outcome once it is over.
    public let status: ConversationStatus
    public let openedAt: SimTime
    public let lastChangeAt: SimTime
    public let wrapUpReasons: [String]
    public let hasTicket: Bool
    public let isArchived: Bool

    /// The summary of `record` as it stands.
    public init(_ record: ConversationRecord) {
        conversation = record.id
        channel = record.channel
        queue = record.queue
        agents = record.agents
        status = record.status
        openedAt = record.transitions.first?.at ?? .zero
        lastChangeAt = record.transitions.last?.at ?? .zero
        wrapUpReasons = record.wrapUpReasons
        hasTicket = record.ticket != nil
        isArchived = record.isArchived
    }
}

/// Every conversation of each contact across agents and queues (SPEC §2.3 "contact history").
///
/// The caller records a conversation whenever it changes (or only when it ends); a later
/// recording of the same conversation replaces the earlier one. A contact's history is in
/// order of opening time, then conversation id. Memory: at most ``limitPerContact``
/// conversations per contact, the oldest dropped first, and ``forget(_:)`` for a contact.
/// A conversation deleted permanently (``ConversationRecord/deletePermanently(at:)``) leaves
/// the history when it is recorded so: nothing of it is found afterwards.
public struct ContactHistory: Sendable, Equatable {
    /// The most conversations kept per contact; nil keeps all.
    public let limitPerContact: Int?
    private var histories: [ContactID: [ConversationSummary]] = [:]

    public init(limitPerContact: Int? = nil) {
        precondition(limitPerContact.map { $0 >= 1 } ?? true, "a history keeps at least one conversation")
        self.limitPerContact = limitPerContact
    }

    /// Records `conversation` as it stands; internal chats, which have no contact, are not recorded,
    /// and a deleted conversation is removed.
    ///
    /// - Complexity: O(k) in the contact's conversations.
    public mutating func record(_ conversation: ConversationRecord) {
        guard let contact = conversation.contact else { return }
        var history = histories[contact, default: []]
        history.removeAll { $0.conversation == conversation.id }
        guard conversation.status != .deleted else {
            histories[contact] = history.isEmpty ? nil : history
            return
        }
        let summary = ConversationSummary(conversation)
        let position = history.firstIndex {
            ($0.openedAt, $0.conversation) > (summary.openedAt, summary.conversation)
        } ?? history.count
        history.insert(summary, at: position)
        if let limit = limitPerContact, history.count > limit { history.removeFirst(history.count - limit) }
        histories[contact] = history
    }

    /// The contact's conversations, oldest first.
    ///
    /// - Complexity: O(1) (the stored array is shared, not copied).
    public func conversations(of contact: ContactID) -> [ConversationSummary] { histories[contact] ?? [] }

    /// Forgets the contact's history (before a caller reuses its id).
    public mutating func forget(_ contact: ContactID) { histories[contact] = nil }
}
