// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices

/// The metrics of SPEC §4 this version computes, by their contract names, in report order.
public enum Metric: String, Sendable, CaseIterable, Codable {
    case arrivals, offered, answered, abandoned
    case customerEnded = "customer_ended"
    case unresolved
    /// Offered chats closed unanswered because their customer went silent (SPEC §3.3).
    case inactive
    /// Chats from unknown WhatsApp senders that their agent ignored: never answered (SPEC §3.3).
    case ignored
    /// Arrivals that were retrials of customers who gave up, and customers lost for good (SPEC §3.3).
    case retrials
    case customersLost = "customers_lost"
    case abandonRate = "abandon_rate"
    case serviceLevel = "service_level"
    case pWait = "p_wait"
    case asaSeconds = "asa_s"
    case meanWaitSeconds = "mean_wait_s"
    case waitP50Seconds = "wait_p50_s"
    case waitP90Seconds = "wait_p90_s"
    case waitP99Seconds = "wait_p99_s"
    case handleTimeSeconds = "handle_time_s"
    case occupancy
    case offlineForms = "offline_forms"
    case offlineFormRate = "offline_form_rate"
    case rona
    case stickyRouted = "sticky_routed"
    case alerts
    case transfers, conferences
    case rejected
    /// Innocent visitors rejected because a block covers their shared proxy address (SPEC §3.3).
    case rejectedCollateral = "rejected_collateral"
    case autoReplies = "auto_replies"
    /// `auto_replies` by trigger (SPEC §3.3), in the order of ``AutoReplyTrigger/allCases``.
    case autoRepliesFirstMessage = "auto_replies_first_message"
    case autoRepliesOutOfHours = "auto_replies_out_of_hours"
    case autoRepliesOfflineForm = "auto_replies_offline_form"
    case autoRepliesCustomerLeftWaiting = "auto_replies_customer_left_waiting"
    case autoRepliesMissedContact = "auto_replies_missed_contact"
    case autoRepliesSessionEnded = "auto_replies_session_ended"
    case autoRepliesResolved = "auto_replies_resolved"
    case autoRepliesRatingRequest = "auto_replies_rating_request"
    case autoRepliesRequestMedia = "auto_replies_request_media"
    case autoRepliesPaymentRequest = "auto_replies_payment_request"
    case autoRepliesApprovalRequest = "auto_replies_approval_request"
    case botResolved = "bot_resolved"
    /// Chats the chatbot handed over to a queue with its transcript (SPEC §3.3).
    case botHandovers = "bot_handovers"
    case missedContacts = "missed_contacts"
    case outOfHours = "out_of_hours"
    case pciRedacted = "pci_redacted"
    case pciDropped = "pci_dropped"
    case attachmentsRefused = "attachments_refused"
    case tickets
    /// Media, payment and approval requests owners sent (SPEC §3.3).
    case requests
    /// Transfers to an agent found by name or extension, and those declined (SPEC §3.3).
    case agentTransfers = "agent_transfers"
    /// Conferences the owner left, the invitee taking the chat over (SPEC §3.3).
    case conferencesLeft = "conferences_left"
    /// Chats an away agent opened from the list and answered (SPEC §3.3).
    case awayPicks = "away_picks"
    /// Chats answered by a member reacting to the unanswered-chat alert (SPEC §3.3).
    case alertReactions = "alert_reactions"
    case transfersDeclined = "transfers_declined"
    /// Quick-reply templates inserted (SPEC §3.3), and by the fallback step that found them.
    case templateUses = "template_uses"
    case templateUsesExact = "template_uses_exact"
    case templateUsesPrefix = "template_uses_prefix"
    case templateUsesQueueDefault = "template_uses_queue_default"
    /// Chats from WhatsApp senders not in the address book, and those whose sender the agent added
    /// or replied to (the rest were `ignored`; SPEC §3.3).
    case unknownContacts = "unknown_contacts"
    case unknownContactsAdded = "unknown_contacts_added"
    case unknownContactsReplied = "unknown_contacts_replied"

    /// Whether the metric counts chats or events (and so grows with the run's length).
    public var isCount: Bool {
        switch self {
        case .arrivals, .offered, .answered, .abandoned, .customerEnded, .unresolved, .inactive, .ignored, .retrials, .customersLost,
             .offlineForms, .rona,
             .stickyRouted, .alerts, .transfers, .conferences, .rejected, .rejectedCollateral, .autoReplies, .botResolved, .botHandovers, .missedContacts,
             .outOfHours, .pciRedacted, .pciDropped, .attachmentsRefused, .tickets, .requests, .agentTransfers, .conferencesLeft, .awayPicks, .alertReactions, .transfersDeclined, .templateUses, .templateUsesExact,
             .templateUsesPrefix, .templateUsesQueueDefault, .unknownContacts, .unknownContactsAdded, .unknownContactsReplied: true
        default: autoReplyTrigger != nil
        }
    }

    /// The trigger whose automatic messages the metric counts (nil: not an `auto_replies_<trigger>` metric).
    public var autoReplyTrigger: AutoReplyTrigger? {
        let prefix = "auto_replies_"
        guard rawValue.hasPrefix(prefix) else { return nil }
        return AutoReplyTrigger(rawValue: String(rawValue.dropFirst(prefix.count)))
    }

    /// The metric's value for `tally`, given the staffed slot-time of the scope; nil when undefined.
    ///
    /// Ratios are taken within the replication over its chats (SPEC §4); a ratio over no chats is nil.
    public func value(of tally: ChatTally, staffedSlotMicros: Int64) -> Double? {
        func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
        func seconds(_ micros: Int64, over n: Int) -> Double? { n == 0 ? nil : Double(micros) / 1e6 / Double(n) }
        switch self {
        case .arrivals: return Double(tally.arrivals)
        case .offered: return Double(tally.offered)
        case .answered: return Double(tally.answered)
        case .abandoned: return Double(tally.abandoned)
        case .customerEnded: return Double(tally.customerEnded)
        case .unresolved: return Double(tally.unresolved)
        case .inactive: return Double(tally.inactive)
        case .ignored: return Double(tally.ignored)
        case .retrials: return Double(tally.retrials)
        case .customersLost: return Double(tally.customersLost)
        case .abandonRate: return ratio(tally.abandoned, tally.offered)
        case .serviceLevel: return ratio(tally.answeredWithinThreshold, tally.offered)
        case .pWait: return ratio(tally.foundNoAgent, tally.offered)
        case .asaSeconds: return seconds(tally.waitAnsweredMicros, over: tally.answered)
        case .meanWaitSeconds: return seconds(tally.waitAllMicros, over: tally.offered)
        case .waitP50Seconds: return tally.waits.quantile(0.50).map { $0 / 1e6 }
        case .waitP90Seconds: return tally.waits.quantile(0.90).map { $0 / 1e6 }
        case .waitP99Seconds: return tally.waits.quantile(0.99).map { $0 / 1e6 }
        case .handleTimeSeconds: return seconds(tally.handleMicros, over: tally.completed)
        case .occupancy:
            return staffedSlotMicros == 0 ? nil : Double(tally.busySlotMicros) / Double(staffedSlotMicros)
        case .offlineForms: return Double(tally.offlineForms)
        case .offlineFormRate: return ratio(tally.offlineForms, tally.offered + tally.offlineForms)
        case .rona: return Double(tally.rona)
        case .stickyRouted: return Double(tally.stickyRouted)
        case .alerts: return Double(tally.alerts)
        case .transfers: return Double(tally.transfers)
        case .conferences: return Double(tally.conferences)
        case .rejected: return Double(tally.rejected)
        case .rejectedCollateral: return Double(tally.rejectedCollateral)
        case .autoReplies: return Double(tally.autoReplies)
        case .autoRepliesFirstMessage, .autoRepliesOutOfHours, .autoRepliesOfflineForm, .autoRepliesCustomerLeftWaiting,
             .autoRepliesMissedContact, .autoRepliesSessionEnded, .autoRepliesResolved, .autoRepliesRatingRequest,
             .autoRepliesRequestMedia, .autoRepliesPaymentRequest, .autoRepliesApprovalRequest:
            return autoReplyTrigger.map { Double(tally.autoRepliesByTrigger[$0]) }
        case .botResolved: return Double(tally.botResolved)
        case .botHandovers: return Double(tally.botHandovers)
        case .missedContacts: return Double(tally.missedContacts)
        case .outOfHours: return Double(tally.outOfHours)
        case .pciRedacted: return Double(tally.pciRedacted)
        case .pciDropped: return Double(tally.pciDropped)
        case .attachmentsRefused: return Double(tally.attachmentsRefused)
        case .tickets: return Double(tally.tickets)
        case .requests: return Double(tally.requests)
        case .agentTransfers: return Double(tally.agentTransfers)
        case .conferencesLeft: return Double(tally.conferenceHandovers)
        case .awayPicks: return Double(tally.awayPicks)
        case .alertReactions: return Double(tally.alertReactions)
        case .transfersDeclined: return Double(tally.transfersDeclined)
        case .templateUses: return Double(tally.templateUsesExact + tally.templateUsesPrefix + tally.templateUsesQueueDefault)
        case .templateUsesExact: return Double(tally.templateUsesExact)
        case .templateUsesPrefix: return Double(tally.templateUsesPrefix)
        case .templateUsesQueueDefault: return Double(tally.templateUsesQueueDefault)
        case .unknownContacts: return Double(tally.unknownContacts)
        case .unknownContactsAdded: return Double(tally.unknownContactsAdded)
        case .unknownContactsReplied: return Double(tally.unknownContactsReplied)
        }
    }
}

/// What a set of metrics describes: everything, one queue, or one channel.
public enum MetricScope: Hashable, Sendable {
    case overall
    case queue(String)
    case channel(String)

    /// `overall`, `queue` or `channel`.
    public var kind: String {
        switch self {
        case .overall: "overall"
        case .queue: "queue"
        case .channel: "channel"
        }
    }

    /// The queue or channel name; empty for overall.
    public var name: String {
        switch self {
        case .overall: ""
        case .queue(let name), .channel(let name): name
        }
    }
}
