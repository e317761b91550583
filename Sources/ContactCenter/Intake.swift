// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
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
    var arrival: SimTime
    /// Arrived inside the measured window (in or out of business hours).
    var inWindow: Bool
    /// Arrived inside the window during business hours: counted in the service metrics.
    var measured: Bool
    /// The customer's contact (nil: a customer who never writes again).
    var contact: ContactID?
    /// How long the customer waits in the queue before leaving (``SimDuration/forever``: infinitely patient).
    var patience = SimDuration.forever
    var work: Double = 0
    /// Where in its work (0–1) the customer leaves the chat (nil: it stays to the end).
    var endsAt: Double?
    var language: LanguageID?
    /// How long after this chat the customer writes again (``SimDuration/forever``: never).
    var returnAfter = SimDuration.forever
    /// An abusive live-chat visitor, blocked by the agent; it tries again after `retryAfter`.
    var abusive = false
    var retryAfter = SimDuration.zero
    /// A WhatsApp sender the address book does not know: its agent adds it, replies or ignores the chat.
    var unknownSender = false
    /// How long after entering the queue the customer goes silent (``SimDuration/forever``: never).
    var silentAfter = SimDuration.forever
    /// The attempt's number and whether the customer tries again if it gives up (`retrial`).
    var retrial = RetrialTicket()
    var bot = BotOutcome.none
    /// Time in the bot until `bot` happens.
    var botDelay = SimDuration.zero
}
