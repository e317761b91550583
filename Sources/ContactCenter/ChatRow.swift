// SPDX-License-Identifier: GPL-3.0-or-later

/// One chat of the window as the results table `chats` stores it (never any message text).
public struct ChatRow: Sendable, Equatable {
    /// How a chat ended (SPEC §4 conservation identity; `out_of_hours` in its own account).
    public enum Outcome: String, Sendable {
        case answered, abandoned, unresolved, rejected
        case botResolved = "bot_resolved"
        case missedContact = "missed_contact"
        case offlineForm = "offline_form"
        case outOfHours = "out_of_hours"
        case inactive
        case rejectedCollateral = "rejected_collateral"
        case ignored
    }

    /// The chat's number in its replication, in arrival order from 0.
    public var number: Int
    /// When the customer wrote, in seconds after the window's start.
    public var arrivalSeconds: Double
    public var queue: String
    public var channel: String
    /// When an agent first accepted the chat (seconds after the window's start), and who; nil when never.
    public var acceptedSeconds: Double?
    public var agent: String?
    public var outcome: Outcome
    public var transfers: Int
    public var ronaCount: Int
    /// The wrap-up reason the agent closed the chat with; nil: none drawn (the queue lists none, or not closed by an agent).
    public var wrapUpReason: String?

    /// The wait until the first accept, in seconds.
    public var waitSeconds: Double? { acceptedSeconds.map { $0 - arrivalSeconds } }
}
