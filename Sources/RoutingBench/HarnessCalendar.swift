// SPDX-License-Identifier: GPL-3.0-or-later

import HeapModule

/// What the synthetic center does next: one customer or agent action at a simulated time.
struct HarnessEvent: Comparable, Sendable {
    enum Kind: UInt8, Sendable {
        /// The next customer arrives (the timed decision).
        case arrival
        /// An agent accepts the chat it was offered.
        case accept
        /// An agent's work on a chat ends: it marks it handled.
        case finish
        /// A customer's patience runs out: it leaves if no agent accepted yet.
        case patience
        /// An agent goes on a break.
        case breakStart
        /// An agent comes back from a break or from RONA.
        case backToWork
        /// An agent pulls the next waiting chat (pull strategies).
        case pull
    }

    var time: Int64
    var sequence: UInt64
    var kind: Kind
    var agent: Int32
    var chat: UInt64

    /// Earlier first; of two at the same time, the one scheduled first.
    static func < (a: HarnessEvent, b: HarnessEvent) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }
}

/// The benchmark's own time-ordered agenda: a min-heap (swift-collections' `Heap`) on (time, insertion sequence).
///
/// Much simpler than the simulator's calendar: nothing is ever cancelled; an event that became
/// moot (an accept for an offer already withdrawn) is refused by the engine and ignored.
struct HarnessCalendar: Sendable {
    private var heap = Heap<HarnessEvent>()
    private var sequence: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }

    /// The time of the next event, or Int64.max.
    var nextTime: Int64 { heap.min?.time ?? .max }

    /// Adds an event.
    ///
    /// - Complexity: O(log n).
    mutating func schedule(_ kind: HarnessEvent.Kind, at time: Int64, agent: Int32 = -1, chat: UInt64 = 0) {
        sequence &+= 1
        heap.insert(HarnessEvent(time: time, sequence: sequence, kind: kind, agent: agent, chat: chat))
    }

    /// Removes and returns the earliest event.
    ///
    /// - Complexity: O(log n).
    mutating func removeFirst() -> HarnessEvent { heap.removeMin() }
}
