// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// Counts and sums over the measured chats of one customer stream in one replication.
///
/// Conservation (SPEC §4): arrivals = answered + abandoned + rejected + rejected_collateral +
/// bot_resolved + missed_contacts + offline_forms + inactive + ignored + unresolved; `outOfHours`
/// is an account of its own.
/// Retrials are arrivals like any other, each with its own outcome (see `Replication+Retrials.swift`).
/// Streams are the finest grain (one queue, one channel); queue, channel and overall figures
/// are sums of stream tallies, so every scope is computed the same way (SPEC §4).
public struct ChatTally: Sendable, Equatable {
    /// Measured chats, all outcomes.
    public var arrivals = 0
    /// Measured chats that entered a queue.
    public var offered = 0
    public var answered = 0
    public var abandoned = 0
    /// Still waiting when the run stopped.
    public var unresolved = 0
    /// Answered with a wait at most the queue's threshold.
    public var answeredWithinThreshold = 0
    /// Found no eligible agent on arrival.
    public var foundNoAgent = 0
    public var waitAnsweredMicros: Int64 = 0
    /// Waits of all offered chats: answered, abandoned (time before leaving) and unresolved.
    public var waitAllMicros: Int64 = 0
    /// Measured chats whose work finished.
    public var completed = 0
    public var handleMicros: Int64 = 0
    /// Slot-time in conversation inside the measured window (any chat, measured or not).
    public var busySlotMicros: Int64 = 0
    /// Waits of answered chats.
    public var waits = LogLinearHistogram()
    /// Live-chat visitors who got the offline form (not offered).
    public var offlineForms = 0
    /// Offers not accepted in time (single-agent offers).
    public var rona = 0
    /// Chats of returning contacts accepted by their previous owner.
    public var stickyRouted = 0
    /// Chats that waited unanswered past their queue's alert delay.
    public var alerts = 0
    /// Answered chats the customer left while active.
    public var customerEnded = 0
    /// Transfers of answered chats to a queue.
    public var transfers = 0
    /// Transfers of answered chats to another agent, and those the agent declined.
    public var agentTransfers = 0
    public var transfersDeclined = 0
    /// Chats an away agent opened from the list and answered.
    public var awayPicks = 0
    /// Chats an alerted member opened and answered in reaction to the unanswered-chat alert.
    public var alertReactions = 0
    /// Conferences whose owner left, handing the chat to the invitee.
    public var conferenceHandovers = 0
    /// Conferences joined.
    public var conferences = 0
    /// Chats of blocked visitors, rejected at intake.
    public var rejected = 0
    /// Chats of innocent visitors rejected at intake because another visitor's block covers their
    /// shared proxy address (`shared_ip_probability`); not in `rejected`.
    public var rejectedCollateral = 0
    /// Chats from WhatsApp senders the address book did not know, and what their agents did: added
    /// the sender, replied, or ignored the chat (`ignored` is an outcome: never answered).
    public var unknownContacts = 0
    public var unknownContactsAdded = 0
    public var unknownContactsReplied = 0
    public var ignored = 0
    /// Chats the chatbot resolved without an agent.
    public var botResolved = 0
    /// Customers who left during the chatbot.
    public var missedContacts = 0
    /// Chats the chatbot handed to a queue, each with its transcript.
    public var botHandovers = 0
    /// Offered chats closed unanswered because their customer went silent (`inactive`).
    public var inactive = 0
    /// Arrivals that were retrials: attempts after the first of a customer who gave up (SPEC §3.3).
    public var retrials = 0
    /// Attempts that gave up (abandoned, or left the chatbot) and were not tried again: customers
    /// who never got served on that contact.
    public var customersLost = 0
    /// Attempts that gave up and were tried again, whether or not the retrial landed in the window
    /// (abandoned + missed_contacts = customersLost + retried).
    public var retried = 0
    /// Chats arriving in the window outside business hours: their own account, outside every other count.
    public var outOfHours = 0
    /// Automatic messages sent to chats arriving in the window (in or out of hours).
    public var autoReplies = 0
    /// The same messages by trigger; they add up to `autoReplies`.
    public var autoRepliesByTrigger = AutoReplyCounts()
    /// Messages with a card number that went on redacted, and that were dropped (SPEC §2.7).
    public var pciRedacted = 0
    public var pciDropped = 0
    /// Attachments refused by type or size.
    public var attachmentsRefused = 0
    /// Requests (media, payment, approval) owners sent to customers.
    public var requests = 0
    /// Quick-reply templates inserted by owners, by the language fallback step that found them.
    public var templateUsesExact = 0
    public var templateUsesPrefix = 0
    public var templateUsesQueueDefault = 0
    /// Tickets created for missed contacts (`missed_contact.create_ticket`).
    public var tickets = 0

    public init() {}

    /// Adds `other` to this tally.
    public mutating func add(_ other: ChatTally) {
        arrivals += other.arrivals
        offered += other.offered
        answered += other.answered
        abandoned += other.abandoned
        unresolved += other.unresolved
        answeredWithinThreshold += other.answeredWithinThreshold
        foundNoAgent += other.foundNoAgent
        waitAnsweredMicros += other.waitAnsweredMicros
        waitAllMicros += other.waitAllMicros
        completed += other.completed
        handleMicros += other.handleMicros
        busySlotMicros += other.busySlotMicros
        waits.merge(other.waits)
        offlineForms += other.offlineForms
        rona += other.rona
        stickyRouted += other.stickyRouted
        alerts += other.alerts
        customerEnded += other.customerEnded
        transfers += other.transfers
        conferences += other.conferences
        conferenceHandovers += other.conferenceHandovers
        awayPicks += other.awayPicks
        alertReactions += other.alertReactions
        agentTransfers += other.agentTransfers
        transfersDeclined += other.transfersDeclined
        rejected += other.rejected
        rejectedCollateral += other.rejectedCollateral
        unknownContacts += other.unknownContacts
        unknownContactsAdded += other.unknownContactsAdded
        unknownContactsReplied += other.unknownContactsReplied
        ignored += other.ignored
        botResolved += other.botResolved
        missedContacts += other.missedContacts
        inactive += other.inactive
        botHandovers += other.botHandovers
        retrials += other.retrials
        customersLost += other.customersLost
        retried += other.retried
        outOfHours += other.outOfHours
        autoReplies += other.autoReplies
        autoRepliesByTrigger.add(other.autoRepliesByTrigger)
        pciRedacted += other.pciRedacted
        pciDropped += other.pciDropped
        attachmentsRefused += other.attachmentsRefused
        tickets += other.tickets
        requests += other.requests
        templateUsesExact += other.templateUsesExact
        templateUsesPrefix += other.templateUsesPrefix
        templateUsesQueueDefault += other.templateUsesQueueDefault
    }
}
