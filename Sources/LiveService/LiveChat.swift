// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore

/// One open chat of the live service: its engine id, its customer's token and its conversation record.
struct LiveChat {
    /// The engine's id; nil once the engine closed the chat (the customer left an active chat)
    /// while its owner has still to mark it handled.
    var engineChat: ChatID?
    /// The customer's bearer token for this chat.
    let token: String
    var queue: Int
    let channel: Channel
    /// The conversation's status, owner and wrap-up checks.
    var record: ConversationRecord
    /// Reasons given by `wrap-up`, used when the chat is marked handled without any.
    var wrapUpReasons: [String]?
    /// The customer's event streams.
    var streams: [EventStream] = []
}
