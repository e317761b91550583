// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a queue's conversation settings are not usable.
public enum ConversationPolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A wrap-up reason without a name (`index` in the list).
    case emptyWrapUpReason(index: Int)
    /// A wrap-up reason listed twice.
    case duplicateWrapUpReason(String)

    public var description: String {
        switch self {
        case .emptyWrapUpReason(let index): "wrap-up reason \(index) has no name"
        case .duplicateWrapUpReason(let reason): "wrap-up reason '\(reason)' is listed twice"
        }
    }
}

/// A queue's settings for closing and returning conversations.
public struct ConversationPolicy: Sendable, Equatable {
    /// The reasons an agent picks from when closing; empty: closing takes no reason.
    public let wrapUpReasons: [String]
    /// `post_chat_form`: a live-chat customer returning to an ended chat reactivates it.
    public let postChatForm: Bool
    /// Whether agents may start a call from a chat (internal and live chat; an administrator's switch).
    public let callFromChat: Bool

    public init(wrapUpReasons: [String] = [], postChatForm: Bool = false,
                callFromChat: Bool = false) throws(ConversationPolicyError) {
        for (index, reason) in wrapUpReasons.enumerated() {
            guard !reason.trimmingWhitespace.isEmpty else { throw .emptyWrapUpReason(index: index) }
            guard !wrapUpReasons[..<index].contains(reason) else { throw .duplicateWrapUpReason(reason) }
        }
        self.init(checked: wrapUpReasons, postChatForm: postChatForm, callFromChat: callFromChat)
    }

    private init(checked wrapUpReasons: [String], postChatForm: Bool, callFromChat: Bool) {
        self.wrapUpReasons = wrapUpReasons
        self.postChatForm = postChatForm
        self.callFromChat = callFromChat
    }

    /// No wrap-up reasons, no post-chat form, no calls from chats.
    public static let standard = ConversationPolicy(checked: [], postChatForm: false, callFromChat: false)

    /// Whether closing requires reasons.
    public var requiresWrapUpReason: Bool { !wrapUpReasons.isEmpty }
}
