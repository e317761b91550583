// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

extension ConversationRecord {
    /// The owner closes the chat with its wrap-up reasons; it is handled and archived.
    ///
    /// When the queue lists wrap-up reasons, closing needs one or more of them, each at most
    /// once; a queue without a list takes none. Internal chats are never handled. After this the
    /// queue may send `resolved` and `rating_request`.
    /// - Complexity: O(k · r) for k reasons given and r in the queue's list.
    public mutating func markHandled(by agent: AgentID, reasons: [String] = [],
                                     at time: SimTime) throws(ConversationError) {
        guard channel != .internal else { throw .internalChat(id) }
        guard status.isOwned else { throw .invalidState(id, status) }
        guard owner == agent else { throw .notOwner(id, agent) }
        try checkWrapUp(reasons)
        wrapUpReasons = reasons
        status = .handled
        isArchived = true
        log(time)
    }

    /// Moves a finished chat out of the main list.
    public mutating func archive(at time: SimTime) throws(ConversationError) {
        guard status.isFinished else { throw .invalidState(id, status) }
        guard !isArchived else { throw .alreadyArchived(id) }
        isArchived = true
        log(time)
    }

    /// Brings an archived chat back to the main list.
    public mutating func unarchive(at time: SimTime) throws(ConversationError) {
        guard status.isFinished else { throw .invalidState(id, status) }
        guard isArchived else { throw .notArchived(id) }
        isArchived = false
        log(time)
    }

    /// Deletes a finished chat's messages for good — the only destructive step; the record stays as
    /// `deleted`, out of the archive (nothing is left to bring back), and a ``ContactHistory``
    /// that records it drops the conversation.
    public mutating func deletePermanently(at time: SimTime) throws(ConversationError) {
        guard status.isFinished else { throw .invalidState(id, status) }
        status = .deleted
        isArchived = false
        log(time)
    }

    private func checkWrapUp(_ reasons: [String]) throws(ConversationError) {
        if policy.requiresWrapUpReason && reasons.isEmpty { throw .wrapUpReasonRequired(id) }
        for (index, reason) in reasons.enumerated() {
            guard policy.wrapUpReasons.contains(reason) else { throw .unknownWrapUpReason(id, reason) }
            guard !reasons[..<index].contains(reason) else { throw .duplicateWrapUpReason(id, reason) }
        }
    }
}
