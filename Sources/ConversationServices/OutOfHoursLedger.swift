// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// Which contacts got the out-of-hours message on the current calendar day (SPEC §2.5, §7).
///
/// The rule is "at most once per contact per calendar day in the queue's time zone", so only
/// the latest day matters: when a later day is seen, every earlier entry is dropped. Memory is
/// therefore bounded by the contacts messaged within one day, with no sweep by the caller.
/// Time is expected to move forward, as the simulator's and a live service's clocks do; a
/// call for a day before the latest one seen finds no entry and sends (at most one extra
/// message), rather than suppressing one that is due.
public struct OutOfHoursLedger: Sendable, Equatable {
    /// The latest calendar day seen.
    public private(set) var day: LocalDate?
    /// The contacts messaged on ``day``. A set is only looked up, never iterated.
    private var messaged: Set<ContactID> = []

    public init() {}

    /// Records that `contact` writes on `date`; true when it is the contact's first out-of-hours
    /// message that day (the message goes out), false when it already got one.
    ///
    /// - Complexity: O(1) amortised; O(m) once per day to drop the previous day's m entries.
    public mutating func claim(_ contact: ContactID, on date: LocalDate) -> Bool {
        if let current = day, date < current { return true }
        if day != date {
            day = date
            messaged.removeAll(keepingCapacity: true)
        }
        return messaged.insert(contact).inserted
    }

    /// Forgets `contact` (a caller that reuses contact ids calls this first).
    ///
    /// - Complexity: O(1).
    public mutating func forget(_ contact: ContactID) { messaged.remove(contact) }

    /// How many contacts are remembered (those messaged on ``day``).
    public var rememberedCount: Int { messaged.count }
}
