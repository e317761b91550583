// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices

/// Automatic messages sent, one count per trigger (SPEC §3.3: `auto_replies_<trigger>`).
///
/// Plain fields rather than an array, so a ``ChatTally`` stays a flat value the event loop
/// updates in place without reference counting.
public struct AutoReplyCounts: Sendable, Equatable {
    public var firstMessage = 0
    public var outOfHours = 0
    public var offlineForm = 0
    public var customerLeftWaiting = 0
    public var missedContact = 0
    public var sessionEnded = 0
    public var resolved = 0
    public var ratingRequest = 0
    public var requestMedia = 0
    public var paymentRequest = 0
    public var approvalRequest = 0

    public init() {}

    /// The count of `trigger`.
    public subscript(trigger: AutoReplyTrigger) -> Int {
        get {
            switch trigger {
            case .firstMessage: firstMessage
            case .outOfHours: outOfHours
            case .offlineForm: offlineForm
            case .customerLeftWaiting: customerLeftWaiting
            case .missedContact: missedContact
            case .sessionEnded: sessionEnded
            case .resolved: resolved
            case .ratingRequest: ratingRequest
            case .requestMedia: requestMedia
            case .paymentRequest: paymentRequest
            case .approvalRequest: approvalRequest
            }
        }
        set {
            switch trigger {
            case .firstMessage: firstMessage = newValue
            case .outOfHours: outOfHours = newValue
            case .offlineForm: offlineForm = newValue
            case .customerLeftWaiting: customerLeftWaiting = newValue
            case .missedContact: missedContact = newValue
            case .sessionEnded: sessionEnded = newValue
            case .resolved: resolved = newValue
            case .ratingRequest: ratingRequest = newValue
            case .requestMedia: requestMedia = newValue
            case .paymentRequest: paymentRequest = newValue
            case .approvalRequest: approvalRequest = newValue
            }
        }
    }

    /// The sum over all triggers (the `auto_replies` total).
    public var total: Int { AutoReplyTrigger.allCases.reduce(0) { $0 + self[$1] } }

    /// Adds `other`'s counts to these.
    public mutating func add(_ other: AutoReplyCounts) {
        for trigger in AutoReplyTrigger.allCases { self[trigger] += other[trigger] }
    }
}
