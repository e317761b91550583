// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// What a model needs to resume a paused run under a changed schedule: events scheduled with
/// insertion sequences of its own choosing, and pending events withdrawn by content.
extension EventCalendar {
    /// The insertion sequence the next scheduled event takes is one above this.
    public var lastSequence: UInt64 { sequence }

    /// Makes every event scheduled from now on take an insertion sequence above `value`
    /// (ignored when the calendar is already past it).
    ///
    /// A model that schedules a block of events with ``schedule(at:priority:payload:aux:sequence:)``
    /// moves the counter past the block, so that later events order after all of it.
    public mutating func advanceSequence(to value: UInt64) {
        sequence = max(sequence, value)
    }

    /// Schedules an event that cannot be withdrawn, with the insertion sequence `sequence` (it
    /// must not be one the calendar gives out: at most ``lastSequence``, and distinct from every
    /// other pending event's at the same time and priority).
    ///
    /// Two runs that schedule the same events with the same explicit sequences order them alike,
    /// however many other events each scheduled before.
    ///
    /// - Complexity: O(log n).
    public mutating func schedule(at time: SimTime, priority: UInt8, payload: UInt64, aux: UInt32, sequence: UInt64) {
        precondition(sequence <= self.sequence, "an explicit insertion sequence must lie below the calendar's counter")
        makeUnique()
        push(Entry(time: time.microseconds, order: UInt64(priority) << 56 | (sequence & 0x00FF_FFFF_FFFF_FFFF),
                   payload: payload, handle: -1, aux: aux))
    }

    /// Withdraws every pending event that cannot be withdrawn by handle and for which
    /// `matches(payload, aux)` holds; returns how many.
    ///
    /// The order of the remaining events is unchanged: it is their keys', not the heap's layout.
    ///
    /// - Complexity: O(n).
    @discardableResult
    public mutating func removeAll(where matches: (_ payload: UInt64, _ aux: UInt32) -> Bool) -> Int {
        makeUnique()
        let removed = heap.removeAll { $0.handle < 0 && matches($0.payload, $0.aux) }
        guard removed > 0 else { return 0 }
        if heap.count > 1 {
            for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(from: index) }
        }
        for index in 0..<heap.count where heap[index].handle >= 0 {
            slots[Int(heap[index].handle)].position = Int32(index)
        }
        return removed
    }
}
