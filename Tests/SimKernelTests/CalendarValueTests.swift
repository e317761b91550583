// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import SimKernel

/// The calendar writes its tables in place; a copy of it must still be a value of its own.
@Suite struct CalendarValueTests {
    func t(_ micros: Int64) -> SimTime { SimTime(microseconds: micros) }

    /// A calendar with plain and cancellable events (more than its first table capacity, so the
    /// heap has grown once); returns it with the handles of its timers.
    func filled(seed: UInt64) -> (EventCalendar, [TimerHandle]) {
        var rng = SplitMix(state: seed)
        var calendar = EventCalendar()
        var handles: [TimerHandle] = []
        for payload in UInt64(1)...1_500 {
            let time = t(Int64(rng.next() % 5_000))
            if payload % 3 == 0 {
                handles.append(calendar.scheduleCancellable(at: time, priority: UInt8(payload % 4), payload: payload))
            } else {
                calendar.schedule(at: time, priority: UInt8(payload % 4), payload: payload)
            }
        }
        return (calendar, handles)
    }

    func drained(_ calendar: EventCalendar) -> [UInt64] {
        var calendar = calendar
        var order: [UInt64] = []
        while let event = calendar.popNext() { order.append(event.payload) }
        return order
    }

    /// Changes a calendar every way it can change: pops, schedules, cancels, withdraws by content.
    func disturb(_ calendar: inout EventCalendar, _ handles: [TimerHandle]) {
        for _ in 0..<100 { _ = calendar.popNext() }
        for handle in handles.prefix(200) { calendar.cancel(handle) }
        for payload in UInt64(10_001)...10_300 {
            _ = calendar.scheduleCancellable(at: t(Int64(payload % 700)), priority: 0, payload: payload)
            calendar.schedule(at: t(Int64(payload % 900)), priority: 1, payload: payload + 1_000_000)
        }
        calendar.schedule(at: t(1), priority: 2, payload: 99, aux: 0, sequence: 1)
        calendar.removeAll { payload, _ in payload % 5 == 0 }
    }

    @Test(arguments: [false, true]) func aCopyGoesOnApartFromItsOriginal(changeTheCopy: Bool) {
        let (original, handles) = filled(seed: 7)
        let untouched = drained(original)
        #expect(untouched.count == 1_500)

        var kept = original
        var changed = original
        if changeTheCopy {
            disturb(&changed, handles)
        } else {
            // The original changes; the copy taken before must not see it.
            swap(&kept, &changed)
            disturb(&changed, handles)
        }
        #expect(drained(kept) == untouched)
        #expect(kept.count == 1_500)
        #expect(kept.invariantViolations().isEmpty)
        #expect(changed.invariantViolations().isEmpty)

        // The changed one behaves as a calendar built alone and changed the same way.
        var alone = filled(seed: 7).0
        disturb(&alone, handles)
        #expect(drained(changed) == drained(alone))
        #expect(drained(changed) != untouched)

        // A handle of the shared past still cancels in the unchanged copy only.
        let timer = handles[300]
        var copy = kept
        let cancelled = copy.cancel(timer)
        #expect(cancelled)
        #expect(kept.count == 1_500 && copy.count == 1_499)
        #expect(drained(kept) == untouched)
    }
}
