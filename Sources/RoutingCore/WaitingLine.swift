// SPDX-License-Identifier: GPL-3.0-or-later

/// One entry of a waiting line: a chat and the stamp of its stay in the queue.
@usableFromInline
struct WaitingEntry: Sendable {
    @usableFromInline var chat: ChatID
    /// The chat's queue-entry sequence: its position in line.
    @usableFromInline var sequence: UInt64
    /// Which stay in a queue this entry belongs to; an entry whose stamp is outdated is skipped.
    @usableFromInline var stamp: UInt32

    @inlinable init(chat: ChatID, sequence: UInt64, stamp: UInt32) {
        self.chat = chat
        self.sequence = sequence
        self.stamp = stamp
    }
}

/// The chats waiting in one queue, in queue-entry order.
///
/// New chats join a ring buffer at the back (O(1)); a chat returning at its original position
/// (after RONA) goes into a small heap, and the front of the line is the earlier of the two
/// fronts. Chats that leave from the middle (abandonment) are not searched for: their entries go
/// stale and are dropped when they reach the front, so the engine keeps the exact count apart.
@usableFromInline
struct WaitingLine: Sendable {
    @usableFromInline var arrivals = RingBuffer<WaitingEntry>(capacity: 64)
    @usableFromInline var returned: [WaitingEntry] = []

    init() {}

    /// Adds a newly queued chat at the back.
    ///
    /// - Complexity: O(1) amortised.
    @inlinable mutating func append(_ entry: WaitingEntry) { arrivals.append(entry) }

    /// Puts a chat back at its original position.
    ///
    /// - Complexity: O(log r) in the returned chats.
    mutating func reinsert(_ entry: WaitingEntry) {
        returned.append(entry)
        var index = returned.count - 1
        while index > 0 {
            let parent = (index - 1) / 2
            guard returned[index].sequence < returned[parent].sequence else { break }
            returned.swapAt(index, parent)
            index = parent
        }
    }

    /// The entry at the front, stale or not.
    ///
    /// - Complexity: O(1).
    @inlinable var front: WaitingEntry? {
        guard let r = returned.first else { return arrivals.first }
        guard let a = arrivals.first else { return r }
        return r.sequence < a.sequence ? r : a
    }

    /// Removes the entry at the front.
    ///
    /// - Complexity: O(1), or O(log r) when it is a returned chat.
    @inlinable mutating func removeFront() {
        if let r = returned.first, arrivals.first.map({ r.sequence < $0.sequence }) ?? true {
            removeFirstReturned()
        } else {
            arrivals.removeFirst()
        }
    }

    @usableFromInline mutating func removeFirstReturned() {
        let last = returned.removeLast()
        guard !returned.isEmpty else { return }
        returned[0] = last
        var index = 0
        while true {
            var child = 2 * index + 1
            if child >= returned.count { break }
            if child + 1 < returned.count && returned[child + 1].sequence < returned[child].sequence { child += 1 }
            guard returned[child].sequence < returned[index].sequence else { break }
            returned.swapAt(index, child)
            index = child
        }
    }

    /// Every entry, stale or not (for checks).
    var allEntries: [WaitingEntry] { arrivals.elements + returned }
}
