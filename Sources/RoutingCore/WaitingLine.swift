// SPDX-License-Identifier: GPL-3.0-or-later

/// One entry of a waiting line: a chat and the round of its stay in the line.
@usableFromInline
struct WaitingEntry: Sendable {
    @usableFromInline var chat: ChatID
    /// The chat's queue-entry sequence: its position in line.
    @usableFromInline var sequence: UInt64
    /// The chat's round when it joined; an entry of an older round is skipped.
    @usableFromInline var round: UInt32

    init(chat: ChatID, sequence: UInt64, round: UInt32) {
        self.chat = chat
        self.sequence = sequence
        self.round = round
    }
}

/// The chats waiting in one partition of a queue, in queue-entry order.
///
/// New chats join a ring buffer at the back (O(1)); a chat returning at its original position
/// (after RONA or a refused transfer) goes into a small heap, and the front of the line is the
/// earlier of the two fronts. Chats that leave from the middle (abandonment, a claim from the
/// list) are not searched for: their entries go stale and are dropped when they reach the front,
/// so the engine keeps the exact count apart.
@usableFromInline
struct WaitingLine: Sendable {
    @usableFromInline var arrivals = RingBuffer<WaitingEntry>(capacity: 16)
    @usableFromInline var returned: [WaitingEntry] = []

    init() {}

    /// Adds a newly queued chat at the back.
    ///
    /// - Complexity: O(1) amortised.
    mutating func append(_ entry: WaitingEntry) { arrivals.append(entry) }

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
    var front: WaitingEntry? {
        guard let r = returned.first else { return arrivals.first }
        guard let a = arrivals.first else { return r }
        return r.sequence < a.sequence ? r : a
    }

    /// Removes the entry at the front.
    ///
    /// - Complexity: O(1), or O(log r) when it is a returned chat.
    mutating func removeFront() {
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

    /// Every entry, stale or not, front first (for checks and listings).
    var allEntries: [WaitingEntry] { (arrivals.elements + returned).sorted { $0.sequence < $1.sequence } }
}
