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

/// The eligible members of every pool, each ordered by its queue's strategy: one indexed binary
/// min-heap per pool, all stored in one ``PoolStorage`` owned by the engine.
///
/// A pool is addressed by its `base`: `slots[base]` holds its number of eligible members,
/// `slots[base + 1 + member]` the heap position of each member (by its position in the queue's
/// member list, its "local" index; -1 when not eligible), and `heap[base + 1 ..< base + 1 + count]`
/// the heap itself, ranks kept in the entries. An agent is in a pool's heap exactly while it is
/// eligible for it; every change of its load, status or idle time re-ranks it here, so a routing
/// decision reads the top in O(1). Each pool keeps one heap entry per member whether eligible or not,
/// so inserting and removing never resize anything. Every pool lives in the same storage, held
/// directly by the engine rather than inside its queues and partitions: a change pays no
/// copy-on-write check (the engine makes the storage its own once per command, with its other
/// tables: ``RoutingEngine/makeUnique()``), none for the queue and partition arrays, and no bounds checks past the pool's base (every index is below the pool's
/// member count by construction; asserted in debug builds).
@usableFromInline
struct AgentIndex: Sendable {
    @usableFromInline var storage = PoolStorage(capacity: 0)
    /// Entries in use, all pools.
    @usableFromInline var used = 0

    init() {}

    /// Adds an empty pool for `memberCount` members and returns its base.
    mutating func addPool(memberCount: Int) -> Int {
        let base = used
        let needed = used + 1 + memberCount
        if needed > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(used: used, capacity: max(needed, 2 * storage.capacity))
        }
        storage.slots[base] = 0
        for m in 0..<memberCount { storage.slots[base + 1 + m] = -1 }
        used = needed
        return base
    }

    /// Number of eligible members of the pool at `base`.
    @inline(__always) func count(_ base: Int) -> Int {
        assert(base < used)
        return Int(storage.slots[base])
    }

    /// The best-ranked eligible member of the pool at `base`.
    ///
    /// - Complexity: O(1).
    @inline(__always) func top(_ base: Int) -> Int32? { count(base) > 0 ? storage.heap[base + 1].member : nil }

    /// The eligible members of the pool at `base`, in heap order.
    func members(_ base: Int) -> [Int32] { entries(base).map(\.member) }

    /// The eligible members' entries of the pool at `base`, in heap order (for checks).
    func entries(_ base: Int) -> [RankedMember] {
        Array(UnsafeBufferPointer(start: storage.heap + (base + 1), count: count(base)))
    }

    /// Whether `member` is eligible in the pool at `base`.
    func contains(_ base: Int, _ member: Int32) -> Bool {
        assert(base + 1 + Int(member) < used)
        return storage.slots[base + 1 + Int(member)] >= 0
    }

    /// Whether `member` already stands as `key` says in the pool at `base`: absent for a nil key,
    /// ranked with `key` otherwise.
    ///
    /// Reads only, so a caller can skip the update (and its copy-on-write check) when nothing changed.
    /// - Complexity: O(1).
    @inline(__always) func isRanked(_ base: Int, _ member: Int32, as key: RankKey?) -> Bool {
        assert(base + 1 + Int(member) < used)
        let at = Int(storage.slots[base + 1 + Int(member)])
        guard let key else { return at < 0 }
        return at >= 0 && storage.heap[base + 1 + at].key == key
    }

    /// Inserts, re-ranks or (with a nil key) removes `member` in the pool at `base`.
    ///
    /// - Complexity: O(log n) in the queue's members.
    @inline(__always) mutating func update(_ base: Int, _ member: Int32, key: RankKey?) {
        assert(base + 1 + Int(member) < used)
        // No uniqueness check here: the engine made its storage its own at the command's start
        // (``RoutingEngine/makeUnique()``).
        let h = storage.heap + (base + 1)
        let pos = storage.slots + (base + 1)
        var count = Int(storage.slots[base])
        let at = Int(pos[Int(member)])
        if let key {
            if at < 0 {
                h[count] = RankedMember(key: key, member: member)
                count += 1
                Self.sift(from: count - 1, upward: true, heap: h, positions: pos, count: count)
            } else if h[at].key != key {
                let moveUp = key.precedes(h[at].key)
                h[at].key = key
                Self.sift(from: at, upward: moveUp, heap: h, positions: pos, count: count)
            }
        } else if at >= 0 {
            Self.remove(at: at, heap: h, positions: pos, count: &count)
        }
        storage.slots[base] = Int32(count)
    }

    /// Removes the entry at heap position `index`.
    ///
    /// - Complexity: O(log n).
    @inline(__always)
    static func remove(at index: Int, heap h: UnsafeMutablePointer<RankedMember>,
                       positions pos: UnsafeMutablePointer<Int32>, count: inout Int) {
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
    static func sift(from start: Int, upward: Bool, heap h: UnsafeMutablePointer<RankedMember>,
                     positions pos: UnsafeMutablePointer<Int32>, count: Int) {
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

/// The memory of every pool's heap and slots (``AgentIndex``): two blocks of `capacity` entries.
///
/// A class so the engine's pools are written in place; the engine copies it (with its other tables)
/// at a command's start whenever an engine copy shares it, which keeps the engine a value.
@usableFromInline
final class PoolStorage: @unchecked Sendable {
    @usableFromInline let heap: UnsafeMutablePointer<RankedMember>
    @usableFromInline let slots: UnsafeMutablePointer<Int32>
    @usableFromInline let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap = .allocate(capacity: max(capacity, 1))
        heap.initialize(repeating: RankedMember(key: RankKey(primary: 0, secondary: 0, order: 0), member: 0),
                        count: max(capacity, 1))
        slots = .allocate(capacity: max(capacity, 1))
        slots.initialize(repeating: -1, count: max(capacity, 1))
    }

    /// A storage of `capacity` entries holding a copy of the first `used` entries of this one.
    func copy(used: Int, capacity: Int) -> PoolStorage {
        let copy = PoolStorage(capacity: capacity)
        copy.heap.update(from: heap, count: used)
        copy.slots.update(from: slots, count: used)
        return copy
    }

    deinit {
        heap.deallocate()
        slots.deallocate()
    }
}
