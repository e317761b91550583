// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// Everything about a chat drawn when the customer writes, carried to its queue (through the bot, if any).
struct Intake {
    /// What the chatbot does with the chat.
    enum BotOutcome: UInt8 {
        /// No bot: the chat goes straight to its queue.
        case none
        /// The customer leaves during the bot (`missed_contact`).
        case leaves
        /// The bot resolves the chat (`bot_resolved`).
        case resolves
        /// The bot hands the chat to the queue.
        case handsOver
    }

    var stream: Int
    /// The chat's number in its replication (arrival order).
    var number = 0
    /// When the customer wrote.
    var arrival: Int64
    /// Arrived inside the measured window (in or out of business hours).
    var inWindow: Bool
    /// Arrived inside the window during business hours: counted in the service metrics.
    var measured: Bool
    var contact: Int32 = -1
    var patience = Int64.max
    var work: Double = 0
    var endsAt: Double = -1
    var language: LanguageID?
    var returnAfter: Int64 = -1
    /// An abusive live-chat visitor, blocked by the agent; it tries again after `retryAfter`.
    var abusive = false
    var retryAfter: Int64 = 0
    var bot = BotOutcome.none
    /// Time in the bot until `bot` happens.
    var botDelay: Int64 = 0
}
