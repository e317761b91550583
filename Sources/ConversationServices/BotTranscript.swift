// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// What a customer and the chatbot said before the bot handed the chat to a queue (SPEC §2.1,
/// §2.7; seed 003: "the conversation the chatbot had with the customer is shown").
///
/// It travels with the conversation to every agent who owns it, across transfers, so the agent
/// does not ask again what the bot already learnt. Lines have passed the queue's PCI filter
/// before they reach it, like every message.
public struct BotTranscript: Sendable, Equatable {
    /// The exchange, in order.
    public let lines: [String]
    /// When the customer started talking to the bot, and when the bot handed over.
    public let startedAt: SimTime
    public let handedOverAt: SimTime

    public init(lines: [String], startedAt: SimTime, handedOverAt: SimTime) {
        self.lines = lines
        self.startedAt = startedAt
        self.handedOverAt = handedOverAt
    }

    /// The time the customer spent with the bot.
    public var botTime: SimDuration { handedOverAt - startedAt }
}
