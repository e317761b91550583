// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import SimKernel

@Suite struct EventCalendarTests {
    func t(_ micros: Int64) -> SimTime { SimTime(microseconds: micros) }

    @Test func eventsComeOutByTimeThenPriorityThenInsertion() {
        var calendar = EventCalendar()
        calendar.schedule(at: t(20), priority: 0, payload: 1)
        calendar.schedule(at: t(10), priority: 4, payload: 2)
        calendar.schedule(at: t(10), priority: 1, payload: 3)
        calendar.schedule(at: t(10), priority: 4, payload: 4)
        calendar.schedule(at: t(5), priority: 9, payload: 5)
        var order: [UInt64] = []
        while let event = calendar.popNext() { order.append(event.payload) }
        #expect(order == [5, 3, 2, 4, 1])
    }

    @Test func cancelledTimerNeverFiresAndCostsNoPop() {
        var calendar = EventCalendar()
        let patience = calendar.scheduleCancellable(at: t(100), priority: 3, payload: 7)
        calendar.schedule(at: t(50), priority: 1, payload: 8)
        #expect(calendar.count == 2)
        let cancelled = calendar.cancel(patience)
        #expect(cancelled)
        #expect(calendar.count == 1)
        let first = calendar.popNext()
        let second = calendar.popNext()
        #expect(first?.payload == 8 && second == nil)
    }

    @Test func staleHandleCancelsNothing() {
        var calendar = EventCalendar()
        let first = calendar.scheduleCancellable(at: t(1), priority: 0, payload: 1)
        let popped = calendar.popNext()
        #expect(popped?.payload == 1)
        // The freed slot is reused by a new timer; the old handle must not reach it.
        let second = calendar.scheduleCancellable(at: t(2), priority: 0, payload: 2)
        #expect(second.slot == first.slot)
        let staleCancelled = calendar.cancel(first)
        let currentCancelled = calendar.cancel(second)
        let twiceCancelled = calendar.cancel(second)
        let noneCancelled = calendar.cancel(.none)
        #expect(!staleCancelled && currentCancelled && !twiceCancelled && !noneCancelled)
        #expect(calendar.isEmpty)
    }

    /// Events kept beside the calendar with reserved keys come out, merged by key, exactly where
    /// the calendar would have put them had they been scheduled in it.
    @Test(arguments: 0..<50) func reservedKeysMergeInTheCalendarsOrder(seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &+ 1_000)
        var all = EventCalendar()
        var split = EventCalendar()
        var beside: [(key: EventKey, payload: UInt64)] = []
        for payload in UInt64(1)...200 {
            let time = t(Int64(rng.next() % 40))
            let priority = UInt8(rng.next() % 3)
            all.schedule(at: time, priority: priority, payload: payload)
            if rng.next() % 3 == 0 {
                beside.append((split.reserveKey(at: time, priority: priority), payload))
            } else {
                split.schedule(at: time, priority: priority, payload: payload)
            }
        }
        beside.sort { $0.key < $1.key }
        var expected: [UInt64] = []
        while let event = all.popNext() { expected.append(event.payload) }
        var merged: [UInt64] = []
        while true {
            if let first = beside.first, first.key < (split.nextKey ?? .never) {
                merged.append(first.payload)
                beside.removeFirst()
            } else if let event = split.popNext() {
                merged.append(event.payload)
            } else {
                break
            }
        }
        #expect(merged == expected, "seed \(seed)")
    }

    /// Random schedules and cancellations, checked against a sorted reference list after every step.
    @Test(arguments: 0..<200) func randomOperationsMatchReference(seed: Int) {
        var rng = SplitMix(state: UInt64(seed))
        var calendar = EventCalendar()
        var reference: [(time: Int64, priority: UInt8, seq: Int, payload: UInt64)] = []
        var handles: [(TimerHandle, UInt64)] = []
        var sequence = 0
        var clock: Int64 = 0
        for _ in 0..<300 {
            switch rng.next() % 4 {
            case 0, 1:
                let time = clock + Int64(rng.next() % 50)
                let priority = UInt8(rng.next() % 6)
                sequence += 1
                let payload = UInt64(sequence)
                if rng.next() % 2 == 0 {
                    calendar.schedule(at: t(time), priority: priority, payload: payload)
                } else {
                    handles.append((calendar.scheduleCancellable(at: t(time), priority: priority, payload: payload), payload))
                }
                reference.append((time, priority, sequence, payload))
            case 2 where !handles.isEmpty:
                let (handle, payload) = handles.remove(at: Int(rng.next() % UInt64(handles.count)))
                let pending = reference.contains { $0.payload == payload }
                let cancelled = calendar.cancel(handle)
                #expect(cancelled == pending, "seed \(seed)")
                reference.removeAll { $0.payload == payload }
            default:
                reference.sort { ($0.time, $0.priority, $0.seq) < ($1.time, $1.priority, $1.seq) }
                let expected = reference.isEmpty ? nil : reference.removeFirst()
                let popped = calendar.popNext()
                #expect(popped?.payload == expected?.payload, "seed \(seed)")
                if let popped { clock = popped.time.microseconds }
            }
            #expect(calendar.invariantViolations().isEmpty, "seed \(seed)")
            #expect(calendar.count == reference.count, "seed \(seed)")
        }
    }
}

/// A tiny deterministic generator for test sweeps.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
