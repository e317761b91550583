// SPDX-License-Identifier: GPL-3.0-or-later

/// What the synthetic center does next: one customer or agent action at a simulated time.
struct HarnessEvent: Sendable {
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

    func precedes(_ other: HarnessEvent) -> Bool {
        time != other.time ? time < other.time : sequence < other.sequence
    }
}

/// The benchmark's own time-ordered agenda: a binary min-heap on (time, insertion sequence).
///
/// Much simpler than the simulator's calendar: nothing is ever cancelled; an event that became
/// moot (an accept for an offer already withdrawn) is refused by the engine and ignored.
struct HarnessCalendar: Sendable {
    private var heap: [HarnessEvent] = []
    private var sequence: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }

    /// The time of the next event, or Int64.max.
    var nextTime: Int64 { heap.first?.time ?? .max }

    /// Adds an event.
    ///
    /// - Complexity: O(log n).
    mutating func schedule(_ kind: HarnessEvent.Kind, at time: Int64, agent: Int32 = -1, chat: UInt64 = 0) {
        sequence &+= 1
        heap.append(HarnessEvent(time: time, sequence: sequence, kind: kind, agent: agent, chat: chat))
        var index = heap.count - 1
        let event = heap[index]
        while index > 0 {
            let parent = (index - 1) / 2
            guard event.precedes(heap[parent]) else { break }
            heap[index] = heap[parent]
            index = parent
        }
        heap[index] = event
    }

    /// Removes and returns the earliest event.
    ///
    /// - Complexity: O(log n).
    mutating func removeFirst() -> HarnessEvent {
        let first = heap[0]
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        var index = 0
        let count = heap.count
        while true {
            var child = 2 * index + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(last) else { break }
            heap[index] = heap[child]
            index = child
        }
        heap[index] = last
        return first
    }
}
