// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage
import SimKernel

/// Where each customer stream's first-contact arrivals stand in a replication.
///
/// Each stream's next first-contact arrival is kept beside the calendar (``EventKey/never``:
/// none), with the earliest of them: a stream has at most one pending, so with a few streams
/// a comparison replaces a push and a pop of the heap for every chat. Off for many streams.
struct ArrivalSchedule {
    /// Whether arrivals are kept here rather than in the calendar.
    let besideCalendar: Bool
    var next: PlainTable<EventKey>
    var earliest = EventKey.never
    /// The stream of `earliest` (-1 while none is pending).
    var earliestStream = -1
    /// The next trace row of each stream.
    var traceCursor: [Int]

    /// The schedule of `streams` customer streams, with nothing pending.
    init(streams: Int) {
        besideCalendar = streams <= 8
        next = PlainTable(repeating: .never, count: streams)
        traceCursor = Array(repeating: 0, count: streams)
    }
}
