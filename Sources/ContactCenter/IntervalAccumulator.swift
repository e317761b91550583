// SPDX-License-Identifier: GPL-3.0-or-later

/// A replication's ``IntervalTally`` while the run goes on: the same series, updated in place.
///
/// The event loop adds to three or four series per chat; as ``RecordTable``s those writes pay no
/// copy-on-write check. ``tally`` copies the series into the result when the run ends.
struct IntervalAccumulator {
    /// Intervals per queue; queue `q`, interval `i` is at `q × count + i`.
    let count: Int
    var offered: RecordTable<Int>
    var answered: RecordTable<Int>
    var answeredWithinThreshold: RecordTable<Int>
    var abandoned: RecordTable<Int>
    var answeredWaitMicros: RecordTable<Double>
    var queueLengthMicros: RecordTable<Double>
    var staffedAgentMicros: RecordTable<Double>
    var busySlotMicros: RecordTable<Double>
    var staffedSlotMicros: RecordTable<Double>

    init(queues: Int, intervals: Int) {
        count = intervals
        func counts() -> RecordTable<Int> { RecordTable(repeating: 0, count: queues * intervals) }
        func times() -> RecordTable<Double> { RecordTable(repeating: 0, count: queues * intervals) }
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

    /// Counts an answered chat with its wait at `index` (queue × count + interval).
    func countAnswer(wait: Int64, withinThreshold: Bool, at index: Int) {
        answered[index] += 1
        answeredWaitMicros[index] += Double(wait)
        if withinThreshold { answeredWithinThreshold[index] += 1 }
    }

    /// The series as the replication's result.
    var tally: IntervalTally {
        var tally = IntervalTally(queues: 0, intervals: count)
        tally.offered = Array(offered)
        tally.answered = Array(answered)
        tally.answeredWithinThreshold = Array(answeredWithinThreshold)
        tally.abandoned = Array(abandoned)
        tally.answeredWaitMicros = Array(answeredWaitMicros)
        tally.queueLengthMicros = Array(queueLengthMicros)
        tally.staffedAgentMicros = Array(staffedAgentMicros)
        tally.busySlotMicros = Array(busySlotMicros)
        tally.staffedSlotMicros = Array(staffedSlotMicros)
        return tally
    }
}
