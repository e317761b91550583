// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage

/// The simulator's future-event list: a binary min-heap ordered by (time, priority, insertion sequence).
///
/// Events at the same instant come out in `priority` order (lower first), then in the order they
/// were scheduled, so a run never depends on memory addresses or hashing (SPEC §1). Timers that
/// may be withdrawn (a customer's patience, say) are scheduled with ``scheduleCancellable(at:priority:payload:)``
/// and removed from the heap by ``cancel(_:)``, so a cancelled timer never costs a pop.
///
/// The calendar is a value type over two flat tables in pointer storage: the hot loop of a
/// replication owns it as a local variable, and each call that changes it checks once that no
/// copy of it shares the tables (copying them when one does), not once per write.
public struct EventCalendar: Sendable {
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var time: Int64
        /// Priority in the top 8 bits, insertion sequence below.
        @usableFromInline var order: UInt64
        @usableFromInline var payload: UInt64
        /// Index into `positions` for cancellable entries, or -1.
        @usableFromInline var handle: Int32
        /// A second, smaller payload (an agent index, say); fits in the entry's padding.
        @usableFromInline var aux: UInt32

        @inlinable init(time: Int64, order: UInt64, payload: UInt64, handle: Int32, aux: UInt32) {
            self.time = time
            self.order = order
            self.payload = payload
            self.handle = handle
            self.aux = aux
        }

        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    /// The heap, in pointer storage shared with no other calendar value while it is written
    /// (``makeUnique()`` at the start of each call that changes it).
    @usableFromInline var heap = PlainTable<Entry>(capacity: 1024)
    /// Per handle slot: the heap index of its cancellable timer and its generation, in one record
    /// so that taking, moving and freeing a handle writes one table.
    @usableFromInline var slots = PlainTable<HandleSlot>(capacity: 16)
    /// Held by this calendar value and every copy of it that still shares its tables.
    @usableFromInline var owner = TableOwnership()
    /// The handle slot freed last, or -1; each free slot's record holds the next (``HandleSlot/position``).
    @usableFromInline var freeSlot: Int32 = -1
    @usableFromInline var sequence: UInt64 = 0

    /// An empty calendar.
    public init() {}

    /// Number of pending events.
    public var count: Int { heap.count }
    /// Whether no event is pending.
    public var isEmpty: Bool { heap.count == 0 }
    /// Time of the earliest pending event, or nil.
    @inlinable public var nextTime: SimTime? { heap.count == 0 ? nil : SimTime(microseconds: heap[0].time) }

    /// The key of the earliest pending event, or nil.
    @inlinable public var nextKey: EventKey? {
        heap.count == 0 ? nil : EventKey(time: heap[0].time, order: heap[0].order)
    }

    /// The key an event scheduled now at `time` with `priority` would have, for an event the
    /// caller keeps outside the calendar (one pending arrival per customer stream, say) and
    /// merges with it by comparing keys: it takes an insertion sequence number as
    /// ``schedule(at:priority:payload:aux:)`` would, so the merged order is the calendar's own.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func reserveKey(at time: SimTime, priority: UInt8) -> EventKey {
        EventKey(time: time.microseconds, order: nextOrder(priority))
    }

    /// Schedules an event that cannot be withdrawn.
    ///
    /// - Complexity: O(log n).
    @inlinable @inline(__always)
    public mutating func schedule(at time: SimTime, priority: UInt8, payload: UInt64, aux: UInt32 = 0) {
        makeUnique()
        push(Entry(time: time.microseconds, order: nextOrder(priority), payload: payload, handle: -1, aux: aux))
    }

    /// Schedules an event that ``cancel(_:)`` may withdraw before it fires.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func scheduleCancellable(at time: SimTime, priority: UInt8, payload: UInt64,
                                             aux: UInt32 = 0) -> TimerHandle {
        makeUnique()
        let slot: Int32
        if freeSlot >= 0 {
            slot = freeSlot
            freeSlot = slots[Int(slot)].nextFree
        } else {
            slot = Int32(truncatingIfNeeded: slots.count)
            slots.append(HandleSlot(position: -1, generation: 0))
        }
        push(Entry(time: time.microseconds, order: nextOrder(priority), payload: payload, handle: slot, aux: aux))
        return TimerHandle(slot: slot, generation: slots[Int(slot)].generation)
    }

    /// Withdraws a pending cancellable event; returns false when it already fired or was cancelled.
    ///
    /// - Complexity: O(log n).
    @inlinable @discardableResult
    public mutating func cancel(_ timer: TimerHandle) -> Bool {
        let slot = Int(timer.slot)
        guard slot >= 0, slot < slots.count, slots[slot].generation == timer.generation else { return false }
        let index = Int(slots[slot].position)
        guard index >= 0 else { return false }
        makeUnique()
        release(slot)
        let last = heap.removeLast()
        if index < heap.count {
            heap[index] = last
            place(at: index)
        }
        return true
    }

    /// Removes and returns the earliest event.
    ///
    /// - Complexity: O(log n).
    @inlinable @inline(__always)
    public mutating func popNext() -> ScheduledEvent? {
        guard heap.count > 0 else { return nil }
        makeUnique()
        let top = heap[0]
        if top.handle >= 0 { release(Int(top.handle)) }
        let last = heap.removeLast()
        if heap.count > 0 { fillRoot(with: last) }
        return ScheduledEvent(time: SimTime(microseconds: top.time), priority: UInt8(truncatingIfNeeded: top.order >> 56),
                              payload: top.payload, aux: top.aux)
    }

    // MARK: - Storage

    /// Makes the tables this calendar value's own: copies both when another calendar value shares them.
    @inlinable @inline(__always)
    mutating func makeUnique() {
        if _slowPath(!isKnownUniquelyReferenced(&owner)) { copyTables() }
    }

    @usableFromInline @inline(never)
    mutating func copyTables() {
        heap = heap.copied()
        slots = slots.copied()
        owner = TableOwnership()
    }

    // MARK: - Heap mechanics (the tables made unique by the caller)

    @inlinable
    mutating func nextOrder(_ priority: UInt8) -> UInt64 {
        sequence &+= 1
        return UInt64(priority) << 56 | (sequence & 0x00FF_FFFF_FFFF_FFFF)
    }

    @inlinable
    mutating func release(_ slot: Int) {
        slots[slot].free(next: freeSlot)
        freeSlot = Int32(truncatingIfNeeded: slot)
    }

    @inlinable @inline(__always)
    mutating func push(_ entry: Entry) {
        heap.append(entry)
        siftUp(from: heap.count &- 1)
    }

    /// Restores the heap order around `index` after its entry was replaced.
    @inlinable
    func place(at index: Int) {
        if index > 0 && heap[index].precedes(heap[(index &- 1) / 2]) {
            siftUp(from: index)
        } else {
            siftDown(from: index)
        }
    }

    /// Puts `entry` (the former last entry) where the root was taken: the hole at the root moves
    /// down along the earlier children to a leaf, then the entry rises from there (Floyd's
    /// bottom-up deletion). The last entry of a heap usually belongs near the bottom, so this
    /// makes one comparison per level where a sift-down from the root makes two. The order of
    /// the pops does not change: every entry's key (time, priority, sequence) is distinct.
    @inlinable @inline(__always)
    func fillRoot(with entry: Entry) {
        let h = heap.base
        let pos = slots.base
        let count = heap.count
        var index = 0
        while true {
            var child = 2 &* index &+ 1
            if child >= count { break }
            if child &+ 1 < count && h[child &+ 1].precedes(h[child]) { child &+= 1 }
            h[index] = h[child]
            if h[index].handle >= 0 { pos[Int(h[index].handle)].position = Int32(truncatingIfNeeded: index) }
            index = child
        }
        while index > 0 {
            let parent = (index &- 1) / 2
            guard entry.precedes(h[parent]) else { break }
            h[index] = h[parent]
            if h[index].handle >= 0 { pos[Int(h[index].handle)].position = Int32(truncatingIfNeeded: index) }
            index = parent
        }
        h[index] = entry
        if entry.handle >= 0 { pos[Int(entry.handle)].position = Int32(truncatingIfNeeded: index) }
    }

    @inlinable @inline(__always)
    func siftUp(from start: Int) {
        let h = heap.base
        let pos = slots.base
        var index = start
        let entry = h[index]
        while index > 0 {
            let parent = (index &- 1) / 2
            guard entry.precedes(h[parent]) else { break }
            h[index] = h[parent]
            if h[index].handle >= 0 { pos[Int(h[index].handle)].position = Int32(truncatingIfNeeded: index) }
            index = parent
        }
        h[index] = entry
        if entry.handle >= 0 { pos[Int(entry.handle)].position = Int32(truncatingIfNeeded: index) }
    }

    @inlinable
    func siftDown(from start: Int) {
        let h = heap.base
        let pos = slots.base
        let count = heap.count
        var index = start
        let entry = h[index]
        while true {
            var child = 2 &* index &+ 1
            if child >= count { break }
            if child &+ 1 < count && h[child &+ 1].precedes(h[child]) { child &+= 1 }
            guard h[child].precedes(entry) else { break }
            h[index] = h[child]
            if h[index].handle >= 0 { pos[Int(h[index].handle)].position = Int32(truncatingIfNeeded: index) }
            index = child
        }
        h[index] = entry
        if entry.handle >= 0 { pos[Int(entry.handle)].position = Int32(truncatingIfNeeded: index) }
    }
}

/// One handle slot of an ``EventCalendar``: where its timer stands in the heap, and its generation.
@usableFromInline
struct HandleSlot: Sendable {
    /// The heap index of the slot's timer; for a free slot, -(the next free slot + 2) (-1: none next).
    @usableFromInline var position: Int32
    /// Raised when the slot is freed, so a stale handle cancels nothing.
    @usableFromInline var generation: UInt32

    @inlinable init(position: Int32, generation: UInt32) {
        self.position = position
        self.generation = generation
    }

    /// The next free slot after this free one (-1: none).
    @inlinable var nextFree: Int32 { -position - 2 }

    /// Frees the slot, `next` the free slot after it (-1: none).
    @inlinable mutating func free(next: Int32) {
        position = -next - 2
        generation &+= 1
    }
}

/// Where an event stands in the calendar's order: its time, then its priority and insertion sequence.
public struct EventKey: Comparable, Sendable, BitwiseCopyable {
    @usableFromInline var time: Int64
    @usableFromInline var order: UInt64

    @inlinable init(time: Int64, order: UInt64) {
        self.time = time
        self.order = order
    }

    /// A key after every event's.
    public static var never: EventKey { EventKey(time: .max, order: .max) }

    /// The event's time.
    @inlinable public var eventTime: SimTime { SimTime(microseconds: time) }

    @inlinable public static func < (lhs: EventKey, rhs: EventKey) -> Bool {
        lhs.time < rhs.time || (lhs.time == rhs.time && lhs.order < rhs.order)
    }
}

/// An event taken from the calendar.
public struct ScheduledEvent: Sendable, Equatable {
    public var time: SimTime
    /// The kind priority it was scheduled with; lower fires first at equal times.
    public var priority: UInt8
    /// The model's own data: typically an id.
    public var payload: UInt64
    /// A second id, such as an agent.
    public var aux: UInt32

    @inlinable public init(time: SimTime, priority: UInt8, payload: UInt64, aux: UInt32 = 0) {
        self.time = time
        self.priority = priority
        self.payload = payload
        self.aux = aux
    }
}

/// Identifies a cancellable event; stale handles (fired or cancelled) are recognised and ignored.
public struct TimerHandle: Hashable, Sendable, BitwiseCopyable {
    public var slot: Int32
    public var generation: UInt32

    /// A handle that refers to no timer.
    @inlinable public static var none: TimerHandle { TimerHandle(slot: -1, generation: 0) }

    @inlinable public init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}
