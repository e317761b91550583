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

/// The eligible members of one queue, ordered by the queue's strategy: an indexed binary min-heap.
///
/// Members are addressed by their position in the queue's member list ("local" index). An agent
/// is in the heap exactly while it is eligible for the queue; every change of its load, status
/// or idle time re-ranks it here, so a routing decision reads the top in O(1).
@usableFromInline
struct AgentIndex: Sendable {
    @usableFromInline var heap: [Int32] = []
    /// Heap position of each member, -1 when not eligible.
    @usableFromInline var position: [Int32]
    @usableFromInline var keys: [RankKey]

    init(memberCount: Int) {
        position = Array(repeating: -1, count: memberCount)
        keys = Array(repeating: RankKey(primary: 0, secondary: 0, order: 0), count: memberCount)
        heap.reserveCapacity(memberCount)
    }

    /// The best-ranked eligible member.
    ///
    /// - Complexity: O(1).
    var top: Int32? { heap.first }

    /// Number of eligible members.
    var count: Int { heap.count }

    func contains(_ member: Int32) -> Bool { position[Int(member)] >= 0 }

    /// Inserts, re-ranks or (with a nil key) removes `member`.
    ///
    /// - Complexity: O(log n) in the queue's members.
    mutating func update(_ member: Int32, key: RankKey?) {
        let m = Int(member)
        let at = Int(position[m])
        guard let key else {
            if at >= 0 { remove(at: at) }
            return
        }
        if at < 0 {
            keys[m] = key
            heap.append(member)
            position[m] = Int32(heap.count - 1)
            siftUp(heap.count - 1)
        } else if keys[m] != key {
            let wasBefore = key.precedes(keys[m])
            keys[m] = key
            if wasBefore { siftUp(at) } else { siftDown(at) }
        }
    }

    mutating func remove(at index: Int) {
        let member = heap[index]
        position[Int(member)] = -1
        let last = heap.removeLast()
        guard index < heap.count else { return }
        heap[index] = last
        position[Int(last)] = Int32(index)
        if index > 0 && keys[Int(last)].precedes(keys[Int(heap[(index - 1) / 2])]) {
            siftUp(index)
        } else {
            siftDown(index)
        }
    }

    mutating func siftUp(_ start: Int) {
        var index = start
        let member = heap[index]
        let key = keys[Int(member)]
        while index > 0 {
            let parent = (index - 1) / 2
            let p = heap[parent]
            guard key.precedes(keys[Int(p)]) else { break }
            heap[index] = p
            position[Int(p)] = Int32(index)
            index = parent
        }
        heap[index] = member
        position[Int(member)] = Int32(index)
    }

    mutating func siftDown(_ start: Int) {
        var index = start
        let member = heap[index]
        let key = keys[Int(member)]
        let count = heap.count
        while true {
            var child = 2 * index + 1
            if child >= count { break }
            if child + 1 < count && keys[Int(heap[child + 1])].precedes(keys[Int(heap[child])]) { child += 1 }
            let c = heap[child]
            guard keys[Int(c)].precedes(key) else { break }
            heap[index] = c
            position[Int(c)] = Int32(index)
            index = child
        }
        heap[index] = member
        position[Int(member)] = Int32(index)
    }
}
