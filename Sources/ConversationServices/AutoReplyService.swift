// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

/// A queue's automatic messages together with its business hours and the out-of-hours rule's memory.
///
/// One per queue, owned by the simulator's replication (it is a value; its only state is the
/// ``OutOfHoursLedger``). Messages for the other triggers come straight from ``replies``.
public struct AutoReplyService: Sendable, Equatable {
    public let replies: AutoReplySet
    /// The queue's compiled business hours; nil: always open.
    public let schedule: OpeningSchedule?
    public private(set) var ledger = OutOfHoursLedger()

    public init(replies: AutoReplySet, schedule: OpeningSchedule?) {
        self.replies = replies
        self.schedule = schedule
    }

    /// Whether the queue is within business hours at `time` (always, without a calendar).
    ///
    /// - Complexity: O(log n) in the schedule's intervals.
    public func isOpen(at time: SimTime) -> Bool { schedule?.isOpen(at: time) ?? true }

    /// The out-of-hours reply to a customer's message, or nil.
    ///
    /// Sent only on SMS and WhatsApp, outside business hours, when the message is switched on,
    /// and at most once per contact per calendar day in the queue's time zone (SPEC §2.5, §7).
    /// Live chat gets the offline form instead; Facebook and internal chats get nothing.
    /// - Complexity: O(log n) plus O(length of the message).
    public mutating func outOfHoursReply(to contact: ContactID, on channel: Channel, customer: String,
                                         at time: SimTime) -> AutoMessage? {
        guard channel == .sms || channel == .whatsapp, replies.isEnabled(.outOfHours),
              let schedule, !schedule.isOpen(at: time),
              ledger.claim(contact, on: schedule.localDate(at: time)) else { return nil }
        return customerMessage(.outOfHours, customer: customer)
    }

    /// The out-of-hours reply to a ticket a customer created on the web or in the app, or nil.
    ///
    /// Each ticket created outside business hours gets it (a ticket is a deliberate act, not a
    /// stream of messages, so the daily limit does not apply).
    /// - Complexity: O(log n) plus O(length of the message).
    public func outOfHoursReply(toTicketBy customer: String, createdAt time: SimTime) -> AutoMessage? {
        guard replies.isEnabled(.outOfHours), let schedule, !schedule.isOpen(at: time) else { return nil }
        return customerMessage(.outOfHours, customer: customer)
    }

    /// Forgets what the service remembers about `contact` (before a caller reuses its id).
    public mutating func forget(_ contact: ContactID) { ledger.forget(contact) }

    private func customerMessage(_ trigger: AutoReplyTrigger, customer: String) -> AutoMessage? {
        do { return try replies.message(trigger, customer: customer) } catch {
            preconditionFailure("\(trigger) cannot use {agent}; the set was checked when built")
        }
    }
}
