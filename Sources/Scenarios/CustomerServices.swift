// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// What a customer stream brings to the conversation services (SPEC §3, §3.2).
///
/// The defaults are a stream without any of the keys: no chatbot, no card numbers, no
/// attachments, no abusive visitors, no unknown senders, and no arrivals on the calendar's holidays.
public struct CustomerServices: Sendable, Equatable {
    /// A chatbot that talks to each customer before the queue (`bot`); nil: none.
    public var bot: BotSpec?
    /// Probability that a customer's message carries a card number (`card_number_probability`).
    public var cardNumberProbability: Double = 0
    /// Files customers send (`attachments`); nil: none.
    public var attachments: AttachmentMix?
    /// Probability that a live-chat visitor is abusive and gets blocked (`abusive_probability`).
    public var abusiveProbability: Double = 0
    /// How long an agent's block lasts (`block_expiry`); nil: for good.
    public var blockExpiry: SimDuration?
    /// Share of the stream's visitors behind one shared proxy address (`shared_ip_probability`);
    /// nil: the key is absent and blocks are by visitor id alone, as before the key existed. With
    /// the key, blocks are by visitor id *and* IP, so a block on a proxy visitor also rejects the
    /// innocent visitors behind the same proxy (SPEC §2.3, §3.3).
    public var sharedIPProbability: Double?
    /// Probability that a first-time WhatsApp sender is not in the address book
    /// (`unknown_contact_probability`), and the shares with which its agent adds it, replies or
    /// ignores the chat (`unknown_contact_actions`, in the order add, reply, ignore; SPEC §3.3).
    public var unknownContactProbability: Double = 0
    public var unknownContactActions: [Double] = [0, 1, 0]
    /// The work a returning customer's contact history saves its agent (`return.history_saves`;
    /// SPEC §2.3 "contact history"); nil: the history is not kept. With it, each conversation
    /// a returning customer had is kept in the contact's history, marked handled (archived) or
    /// not, and an archived one is unarchived when the customer writes again.
    public var historySaves: DistributionSpec?
    /// Probability that a live-chat visitor who finds the queue closed creates a ticket in the
    /// web form or the app instead (`out_of_hours_ticket_probability`); each such ticket gets
    /// the queue's `out_of_hours` message (SPEC §2.5).
    public var outOfHoursTicketProbability: Double = 0
    /// Probability that the agent who marks a returning customer's chat handled then deletes it
    /// permanently (`return.delete_probability`; SPEC §2.3 "delete permanently"): the
    /// conversation leaves the archive and the contact's history, so a later lookup misses it.
    /// Needs `history_saves` (without a kept history nothing could be deleted).
    public var deleteProbability: Double = 0
    /// Arrivals on the calendar's holidays are scaled by this factor (`holiday_factor`, default 0).
    public var holidayFactor: Double = 0

    public init() {}
}

/// A stream's chatbot: `{deflection: 0.25, time: <dist>, patience: <dist>}`.
public struct BotSpec: Sendable, Equatable {
    /// Share of chats the bot resolves without an agent.
    public var deflection: Double
    /// How long the customer talks to the bot before it resolves the chat or hands it over.
    public var time: DistributionSpec
    /// How long the customer stays with the bot; nil: until it is done.
    public var patience: DistributionSpec?
    /// The work the bot's transcript saves the agent of a handed-over chat (`transcript_saves`); nil: none.
    public var transcriptSaves: DistributionSpec?

    public init(deflection: Double, time: DistributionSpec, patience: DistributionSpec? = nil) {
        self.deflection = deflection
        self.time = time
        self.patience = patience
    }
}

/// The files a stream's customers send: `{probability, types: {pdf: 0.5, png: 0.4, exe: 0.1}, size_mb}`.
public struct AttachmentMix: Sendable, Equatable {
    /// Probability that a chat carries an attachment.
    public var probability: Double
    /// File extensions as written (allowed or not), in file order.
    public var extensions: [String]
    /// The share of each extension, summing to 1.
    public var shares: [Double]
    /// The file size in megabytes (of 1 048 576 bytes); nil: small files within any limit.
    public var sizeMB: DistributionSpec?

    public init(probability: Double, extensions: [String], shares: [Double], sizeMB: DistributionSpec? = nil) {
        self.probability = probability
        self.extensions = extensions
        self.shares = shares
        self.sizeMB = sizeMB
    }
}
