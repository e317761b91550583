// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

/// A replication's ``IntervalTally`` while the run goes on: the same series, updated in place.
///
/// The event loop adds to three or four series per chat; as ``PlainTable``s those writes pay no
/// copy-on-write check. ``tally`` copies the series into the result when the run ends.
struct IntervalAccumulator {
    /// Intervals per queue; queue `q`, interval `i` is at `q × count + i`.
    let count: Int
    let queues: Int
    var offered: PlainTable<Int>
    var answered: PlainTable<Int>
    var answeredWithinThreshold: PlainTable<Int>
    var abandoned: PlainTable<Int>
    var answeredWaitMicros: PlainTable<Double>
    var queueLengthMicros: PlainTable<Double>
    var staffedAgentMicros: PlainTable<Double>
    var busySlotMicros: PlainTable<Double>
    var staffedSlotMicros: PlainTable<Double>

    init(queues: Int, intervals: Int) {
        count = intervals
        self.queues = queues
        func counts() -> PlainTable<Int> { PlainTable(repeating: 0, count: queues * intervals) }
        func times() -> PlainTable<Double> { PlainTable(repeating: 0, count: queues * intervals) }
        offered = counts()
        answered = counts()
        answeredWithinThreshold = counts()
        abandoned = counts()
        answeredWaitMicros = times()
        queueLengthMicros = times()
        staffedAgentMicros = times()
        busySlotMicros = times()
        staffedSlotMicros = times()
    }

    /// The same series in blocks of their own, with `intervals` intervals per queue: the first
    /// min(`intervals`, ``count``) of each queue's are kept, the others start at zero.
    ///
    /// - Complexity: O(queues × intervals).
    func copied(intervals: Int) -> IntervalAccumulator {
        let copy = IntervalAccumulator(queues: queues, intervals: intervals)
        func move<Element>(_ source: PlainTable<Element>, _ target: PlainTable<Element>) {
            for q in 0..<queues {
                for i in 0..<min(intervals, count) { target[q * intervals + i] = source[q * count + i] }
            }
        }
        move(offered, copy.offered)
        move(answered, copy.answered)
        move(answeredWithinThreshold, copy.answeredWithinThreshold)
        move(abandoned, copy.abandoned)
        move(answeredWaitMicros, copy.answeredWaitMicros)
        move(queueLengthMicros, copy.queueLengthMicros)
        move(staffedAgentMicros, copy.staffedAgentMicros)
        move(busySlotMicros, copy.busySlotMicros)
        move(staffedSlotMicros, copy.staffedSlotMicros)
        return copy
    }

    /// Counts an answered chat with its wait at `index` (queue × count + interval).
    func countAnswer(wait: Int64, withinThreshold: Bool, at index: Int) {
        answered[index] += 1
        answeredWaitMicros[index] += Double(wait)
        if withinThreshold { answeredWithinThreshold[index] += 1 }
    }

    /// The series as the replication's result; each table is let go once copied, so a long
    /// run's series are not held twice.
    mutating func takeTally() -> IntervalTally {
        var tally = IntervalTally(queues: 0, intervals: count)
        func take<Element>(_ table: inout PlainTable<Element>, _ zero: Element) -> [Element] {
            defer { table = PlainTable(repeating: zero, count: 0) }
            return Array(table)
        }
        tally.offered = take(&offered, 0)
        tally.answered = take(&answered, 0)
        tally.answeredWithinThreshold = take(&answeredWithinThreshold, 0)
        tally.abandoned = take(&abandoned, 0)
        tally.answeredWaitMicros = take(&answeredWaitMicros, 0)
        tally.queueLengthMicros = take(&queueLengthMicros, 0)
        tally.staffedAgentMicros = take(&staffedAgentMicros, 0)
        tally.busySlotMicros = take(&busySlotMicros, 0)
        tally.staffedSlotMicros = take(&staffedSlotMicros, 0)
        return tally
    }
}
