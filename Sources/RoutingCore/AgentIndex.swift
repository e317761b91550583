// SPDX-License-Identifier: GPL-3.0-or-later

/// The rank of an eligible agent in one queue: smaller ranks are picked first.
@usableFromInline
struct RankKey: Sendable, Equatable {
    @usableFromInline var primary: UInt64
    @usableFromInline var secondary: Int64
    /// Member order: the final tie-break.
    @usableFromInline var order: Int32

    init(primary: UInt64, secondary: Int64, order: Int32) {
        self.primary = primary
        self.secondary = secondary
        self.order = order
    }

    func precedes(_ other: RankKey) -> Bool {
        if primary != other.primary { return primary < other.primary }
        if secondary != other.secondary { return secondary < other.secondary }
        return order < other.order
    }
}

/// A member in the heap with its rank, kept together so a comparison reads one cache line.
@usableFromInline
struct RankedMember: Sendable {
    @usableFromInline var key: RankKey
    @usableFromInline var member: Int32

    @inlinable init(key: RankKey, member: Int32) {
        self.key = key
        self.member = member
    }
}

/// The eligible members of one queue, ordered by the queue's strategy: an indexed binary min-heap.
///
/// Members are addressed by their position in the queue's member list ("local" index). An agent
/// is in the heap exactly while it is eligible for the queue; every change of its load, status
/// or idle time re-ranks it here, so a routing decision reads the top in O(1). Ranks live in
/// the heap entries themselves, and the sift loops work on raw buffers, so re-ranking touches
/// little memory and pays no copy-on-write check per step.
@usableFromInline
struct AgentIndex: Sendable {
    @usableFromInline var heap: [RankedMember] = []
    /// Heap position of each member, -1 when not eligible.
    @usableFromInline var position: [Int32]

    init(memberCount: Int) {
        position = Array(repeating: -1, count: memberCount)
        heap.reserveCapacity(memberCount)
    }

    /// The best-ranked eligible member.
    ///
    /// - Complexity: O(1).
    var top: Int32? { heap.first?.member }

    /// Number of eligible members.
    var count: Int { heap.count }

    /// The eligible members, in heap order.
    var members: [Int32] { heap.map(\.member) }

    func contains(_ member: Int32) -> Bool { position[Int(member)] >= 0 }

    /// Inserts, re-ranks or (with a nil key) removes `member`.
    ///
    /// - Complexity: O(log n) in the queue's members.
    mutating func update(_ member: Int32, key: RankKey?) {
        let at = Int(position[Int(member)])
        guard let key else {
            if at >= 0 { remove(at: at) }
            return
        }
        if at < 0 {
            heap.append(RankedMember(key: key, member: member))
            sift(from: heap.count - 1, upward: true)
        } else if heap[at].key != key {
            let moveUp = key.precedes(heap[at].key)
            heap[at].key = key
            sift(from: at, upward: moveUp)
        }
    }

    mutating func remove(at index: Int) {
        position[Int(heap[index].member)] = -1
        let last = heap.removeLast()
        guard index < heap.count else { return }
        heap[index] = last
        let moveUp = index > 0 && last.key.precedes(heap[(index - 1) / 2].key)
        sift(from: index, upward: moveUp)
    }

    /// Moves the entry at `start` up or down to its place and records every moved member's position.
    mutating func sift(from start: Int, upward: Bool) {
        heap.withUnsafeMutableBufferPointer { h in
            position.withUnsafeMutableBufferPointer { pos in
                var index = start
                let entry = h[index]
                if upward {
                    while index > 0 {
                        let parent = (index - 1) / 2
                        guard entry.key.precedes(h[parent].key) else { break }
                        h[index] = h[parent]
                        pos[Int(h[index].member)] = Int32(index)
                        index = parent
                    }
                } else {
                    let count = h.count
                    while true {
                        var child = 2 * index + 1
                        if child >= count { break }
                        if child + 1 < count && h[child + 1].key.precedes(h[child].key) { child += 1 }
                        guard h[child].key.precedes(entry.key) else { break }
                        h[index] = h[child]
                        pos[Int(h[index].member)] = Int32(index)
                        index = child
                    }
                }
                h[index] = entry
                pos[Int(entry.member)] = Int32(index)
            }
        }
    }
}
