// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

/// A first-in first-out buffer over a power-of-two array that grows and never shrinks.
///
/// Used for the engine's time-ordered lines (waiting chats, offer deadlines), where entries
/// arrive in order and most leave from the front. The elements are plain values (no references
/// to keep alive), so the storage holds them directly rather than as optionals: removing an element
/// only moves an index and writes nothing, and a slot left behind keeps a stale copy until it is
/// reused.
///
/// The slots are a ``PlainTable``: writing one does not check for sharing. A copy of a ring buffer
/// shares its slots, so its owner (the engine, ``RoutingEngine/makeUnique()``) gives each copy slots
/// of its own (``separate()``) before either is written.
@usableFromInline
struct RingBuffer<Element>: Sendable where Element: Sendable {
    /// Slots, a power of two of them (none before the first append).
    @usableFromInline var storage = PlainTable<Element>(capacity: 1)
    @usableFromInline var head = 0
    @usableFromInline var count = 0
    /// Slots made at the first append.
    @usableFromInline let initialCapacity: Int

    @usableFromInline init(capacity: Int = 16) {
        var size = 1
        while size < capacity { size <<= 1 }
        initialCapacity = size
    }

    @inlinable var isEmpty: Bool { count == 0 }
    @inlinable var first: Element? { count == 0 ? nil : storage[head] }
    @inlinable var last: Element? { count == 0 ? nil : storage[(head + count - 1) & (storage.count - 1)] }

    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always) mutating func append(_ element: Element) {
        if count == storage.count { grow(filler: element) }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    /// - Complexity: O(1); writes nothing but the indexes.
    @inlinable @discardableResult mutating func removeFirst() -> Element {
        precondition(count > 0, "removeFirst from an empty ring buffer")
        let element = storage[head]
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    /// - Complexity: O(1); writes nothing but the count.
    @inlinable @discardableResult mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast from an empty ring buffer")
        let element = storage[(head + count - 1) & (storage.count - 1)]
        count -= 1
        return element
    }

    /// The elements from first to last (for checks and queries, not the hot path).
    var elements: [Element] { (0..<count).map { storage[(head + $0) & (storage.count - 1)] } }

    /// Doubles the slots (or makes the first ones), keeping the elements in order from slot 0.
    ///
    /// The new slots are filled with `filler`, which the caller overwrites at once.
    /// - Complexity: O(n).
    @usableFromInline mutating func grow(filler: Element) {
        let size = storage.isEmpty ? initialCapacity : storage.count * 2
        let bigger = PlainTable(repeating: filler, count: size)
        for i in 0..<count { bigger[i] = storage[(head + i) & (storage.count - 1)] }
        storage = bigger
        head = 0
    }

    /// Gives this buffer slots of its own (a copy of the buffer shares them).
    ///
    /// - Complexity: O(slots).
    mutating func separate() { storage = storage.copied() }
}
