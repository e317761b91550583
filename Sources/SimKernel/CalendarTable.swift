// SPDX-License-Identifier: GPL-3.0-or-later

/// A growable table of plain values owned by one ``EventCalendar``: its heap and its handle slots.
///
/// Rows are addressed through a pointer, without a bounds check (every index the calendar uses is
/// below ``count`` by construction; asserted in debug builds), and written without a copy-on-write
/// check of their own: the calendar checks once per call that no other calendar value shares its
/// tables, and copies both together when one does (``EventCalendar/makeUnique()``). So the calendar
/// stays a value, and a call pays one uniqueness check instead of one per array it writes.
@usableFromInline
struct CalendarTable<Element>: @unchecked Sendable {
    /// The memory of a table: `capacity` rows, the first `count` of the table initialised.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let capacity: Int

        @usableFromInline
        init(capacity: Int) {
            precondition(_isPOD(Element.self), "a calendar table holds plain values only")
            self.capacity = Swift.max(capacity, 1)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }   // plain values: nothing to deinitialise
    }

    @usableFromInline var storage: Storage
    /// Rows in use.
    @usableFromInline var count: Int

    /// An empty table with room for `capacity` rows.
    @usableFromInline
    init(capacity: Int) {
        storage = Storage(capacity: capacity)
        count = 0
    }

    /// The first row; valid while ``count`` is above 0.
    @inlinable @inline(__always)
    var base: UnsafeMutablePointer<Element> { storage.base }

    /// The row at `index`; writing it does not check for sharing (the calendar did, at the call's start).
    @inlinable @inline(__always)
    subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < count, "row \(index) of \(count)")
            return UnsafePointer(storage.base + index)
        }
        nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < count, "row \(index) of \(count)")
            return storage.base + index
        }
    }

    /// Adds a row at the end.
    ///
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    mutating func append(_ element: Element) {
        if count == storage.capacity { grow() }
        (storage.base + count).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the last row (there must be one).
    @inlinable @inline(__always)
    mutating func removeLast() -> Element {
        assert(count > 0, "removeLast of an empty table")
        count &-= 1
        return storage.base[count]
    }

    /// Keeps the rows for which `removes` is false, in their order; returns how many it removed.
    @usableFromInline
    mutating func removeAll(where removes: (Element) -> Bool) -> Int {
        let base = storage.base
        var kept = 0
        for index in 0..<count where !removes(base[index]) {
            base[kept] = base[index]
            kept += 1
        }
        defer { count = kept }
        return count - kept
    }

    /// Doubles the capacity.
    @usableFromInline
    mutating func grow() {
        let bigger = Storage(capacity: 2 * storage.capacity)
        bigger.base.initialize(from: storage.base, count: count)
        storage = bigger
    }

    /// A table with the same rows in storage of its own.
    @usableFromInline
    func copied() -> CalendarTable {
        var copy = self
        copy.storage = Storage(capacity: storage.capacity)
        copy.storage.base.initialize(from: storage.base, count: count)
        return copy
    }

    /// The rows in use, in order (for checks).
    var elements: [Element] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }
}

/// The token of a calendar value's tables: while no other calendar value holds it, none holds
/// the tables either (they are only ever copied with the whole calendar), so they may be written in place.
@usableFromInline
final class CalendarOwnership: @unchecked Sendable {
    @usableFromInline init() {}
}
