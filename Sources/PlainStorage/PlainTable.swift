// SPDX-License-Identifier: GPL-3.0-or-later

/// A growable table of values in one block of memory, read and written in place without the
/// checks of an `Array`: the storage of the engine's chat records and agent counters, the event
/// calendar's heap and handle slots, and a replication's per-chat and per-stream records.
///
/// An `Array` checks on every write that its buffer is not shared (copy-on-write) and that the index
/// is in bounds; in the simulator's event loop, which writes a chat's record a dozen times per chat,
/// those checks cost more than the writes. A table does neither:
/// - rows are addressed through a pointer; every index a caller uses is below ``count`` by
///   construction (asserted in debug builds, where the test suite runs; a caller whose index could
///   go wrong in a release build checks it itself);
/// - copying a table *shares* its rows. Its owner keeps the sharing in check: the engine and the
///   calendar hold one ownership token (an empty class instance) for all their tables, check once
///   per command that no other value holds it, and replace every table with ``copied()`` when one
///   does — so they stay values and pay one uniqueness check per command instead of one per write;
///   a replication, never copied, copies its tables only when asked to.
///
/// Rows may be of any type; a row that holds references is retained and released as in an array.
public struct PlainTable<Element> {
    /// The memory of a table: `capacity` rows, the first `count` initialised. Replaced whole when the
    /// table grows, so a pointer taken from it stays valid until the next growth.
    public final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let capacity: Int
        /// Rows in use (initialised). Written only by the table's owner, never while another access
        /// to it is open, so without the runtime's exclusivity bookkeeping (which would cost more than
        /// the row it counts).
        @usableFromInline @exclusivity(unchecked) var count: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            base = .allocate(capacity: self.capacity)
            count = 0
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    /// An empty table with room for `capacity` rows.
    public init(capacity: Int = 16) {
        storage = Storage(capacity: capacity)
    }

    /// A table holding `elements`, in order.
    public init(_ elements: [Element]) {
        storage = Storage(capacity: elements.count)
        elements.withUnsafeBufferPointer { buffer in
            if let first = buffer.baseAddress { storage.base.initialize(from: first, count: buffer.count) }
        }
        storage.count = elements.count
    }

    /// A table of `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        storage.count = count
    }

    /// Rows in use.
    @inlinable @inline(__always)
    public var count: Int { storage.count }

    /// The first row: rows `0..<count` follow it. Valid until the table grows.
    @inlinable @inline(__always)
    public var base: UnsafeMutablePointer<Element> { storage.base }

    /// The row at `index` (0 ≤ index < count), read or written in place; writing it does not check
    /// for sharing (the owner did).
    @inlinable @inline(__always)
    public subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < storage.count, "row \(index) of \(storage.count)")
            return UnsafePointer(storage.base + index)
        }
        nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < storage.count, "row \(index) of \(storage.count)")
            return storage.base + index
        }
    }

    /// Adds a row at the end.
    ///
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    public mutating func append(_ element: Element) {
        if storage.count == storage.capacity { reserve(2 * storage.capacity) }
        (storage.base + storage.count).initialize(to: element)
        storage.count &+= 1
    }

    /// Removes and returns the last row (there must be one).
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func removeLast() -> Element {
        assert(storage.count > 0, "removeLast of an empty table")
        storage.count &-= 1
        return (storage.base + storage.count).move()
    }

    /// Keeps the rows for which `removes` is false, in their order; returns how many it removed.
    ///
    /// - Complexity: O(count).
    public mutating func removeAll(where removes: (Element) -> Bool) -> Int {
        let base = storage.base, count = storage.count
        var kept = 0
        for index in 0..<count where !removes(base[index]) {
            if kept != index { base[kept] = base[index] }
            kept += 1
        }
        (base + kept).deinitialize(count: count - kept)
        storage.count = kept
        return count - kept
    }

    /// Grows the table to at least `count` rows, the new ones set to `value`.
    ///
    /// - Complexity: O(count).
    public mutating func grow(to count: Int, filling value: Element) {
        guard count > storage.count else { return }
        if count > storage.capacity { reserve(count) }
        (storage.base + storage.count).initialize(repeating: value, count: count - storage.count)
        storage.count = count
    }

    /// Moves the rows into storage with room for `capacity` rows (at least `count`).
    ///
    /// - Complexity: O(count).
    @usableFromInline
    mutating func reserve(_ capacity: Int) {
        let bigger = Storage(capacity: capacity)
        bigger.base.moveInitialize(from: storage.base, count: storage.count)
        bigger.count = storage.count
        storage.count = 0   // moved out: nothing left to deinitialise
        storage = bigger
    }

    /// A table with the same rows in storage of its own (copying a table shares its rows).
    ///
    /// - Complexity: O(count).
    public func copied() -> PlainTable {
        var copy = self
        copy.storage = Storage(capacity: storage.capacity)
        copy.storage.base.initialize(from: storage.base, count: storage.count)
        copy.storage.count = storage.count
        return copy
    }

    /// The rows in use, in order (for checks and listings).
    public var elements: [Element] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
}

extension PlainTable: RandomAccessCollection, MutableCollection {
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
}

// Sendable as its rows are: a table is written only by its owner (see the type's documentation).
extension PlainTable: @unchecked Sendable where Element: Sendable {}
extension PlainTable.Storage: @unchecked Sendable where Element: Sendable {}

/// The token of a value's tables (an engine's or a calendar's): while no other value holds it, none
/// holds the tables either (they are only ever copied with the whole value), so they may be written in place.
public final class TableOwnership: @unchecked Sendable {
    public init() {}
}
