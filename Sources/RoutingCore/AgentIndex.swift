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

    @inline(__always) func precedes(_ other: RankKey) -> Bool {
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
/// the heap entries themselves. The heap array keeps one entry per member whether eligible or
/// not (only the first `count` are the heap), so inserting and removing never resize it, and
/// every change works on the two raw buffers at once: one copy-on-write check per array, not
/// one per step.
@usableFromInline
struct AgentIndex: Sendable {
    /// The heap in its first `count` entries; the rest are spare.
    @usableFromInline var heap: [RankedMember]
    /// Heap position of each member, -1 when not eligible.
    @usableFromInline var position: [Int32]
    /// Number of eligible members.
    @usableFromInline var count = 0

    init(memberCount: Int) {
        position = Array(repeating: -1, count: memberCount)
        heap = Array(repeating: RankedMember(key: RankKey(primary: 0, secondary: 0, order: 0), member: 0), count: memberCount)
    }

    /// The best-ranked eligible member.
    ///
    /// - Complexity: O(1).
    var top: Int32? { count > 0 ? heap[0].member : nil }

    /// The eligible members, in heap order.
    var members: [Int32] { heap[0..<count].map(\.member) }

    /// The eligible members' entries, in heap order (for checks).
    var entries: ArraySlice<RankedMember> { heap[0..<count] }

    func contains(_ member: Int32) -> Bool { position[Int(member)] >= 0 }

    /// Whether `member` already stands as `key` says: absent for a nil key, ranked with `key` otherwise.
    ///
    /// Reads only, so a caller can skip the update (and its copy-on-write checks) when nothing changed.
    /// - Complexity: O(1).
    @inline(__always) func isRanked(_ member: Int32, as key: RankKey?) -> Bool {
        let at = Int(position[Int(member)])
        guard let key else { return at < 0 }
        return at >= 0 && heap[at].key == key
    }

    /// Inserts, re-ranks or (with a nil key) removes `member`.
    ///
    /// - Complexity: O(log n) in the queue's members.
    mutating func update(_ member: Int32, key: RankKey?) {
        var count = self.count
        heap.withUnsafeMutableBufferPointer { h in
            position.withUnsafeMutableBufferPointer { pos in
                let at = Int(pos[Int(member)])
                guard let key else {
                    if at >= 0 { Self.remove(at: at, heap: h, positions: pos, count: &count) }
                    return
                }
                if at < 0 {
                    h[count] = RankedMember(key: key, member: member)
                    count += 1
                    Self.sift(from: count - 1, upward: true, heap: h, positions: pos, count: count)
                } else if h[at].key != key {
                    let moveUp = key.precedes(h[at].key)
                    h[at].key = key
                    Self.sift(from: at, upward: moveUp, heap: h, positions: pos, count: count)
                }
            }
        }
        self.count = count
    }

    /// Removes the entry at heap position `index`.
    ///
    /// - Complexity: O(log n).
    static func remove(at index: Int, heap h: UnsafeMutableBufferPointer<RankedMember>,
                       positions pos: UnsafeMutableBufferPointer<Int32>, count: inout Int) {
        pos[Int(h[index].member)] = -1
        count -= 1
        guard index < count else { return }
        let last = h[count]
        h[index] = last
        let moveUp = index > 0 && last.key.precedes(h[(index - 1) / 2].key)
        sift(from: index, upward: moveUp, heap: h, positions: pos, count: count)
    }

    /// Moves the entry at `start` up or down to its place and records every moved member's position.
    ///
    /// - Complexity: O(log n).
    static func sift(from start: Int, upward: Bool, heap h: UnsafeMutableBufferPointer<RankedMember>,
                     positions pos: UnsafeMutableBufferPointer<Int32>, count: Int) {
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
