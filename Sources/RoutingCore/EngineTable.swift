// SPDX-License-Identifier: GPL-3.0-or-later

/// A growable table of plain values (no references) owned by the engine: its chat records, agent
/// counters and event buffer.
///
/// Rows are addressed through a pointer, without a bounds check (every index the engine uses is
/// below ``count`` by construction; asserted in debug builds), and written without a copy-on-write
/// check of their own: the engine checks once per command that no other engine value shares its
/// tables, and copies all of them together when one does (``RoutingEngine/makeUnique()``). So the
/// engine stays a value, and a command pays one uniqueness check instead of one per write.
@usableFromInline
struct EngineTable<Element>: @unchecked Sendable {
    /// The memory of a table: `capacity` rows, the first `count` of the table initialised.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let capacity: Int

        init(capacity: Int) {
            precondition(_isPOD(Element.self), "an engine table holds plain values only")
            self.capacity = Swift.max(capacity, 1)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }   // plain values: nothing to deinitialise
    }

    @usableFromInline var storage: Storage
    /// Rows in use.
    @usableFromInline private(set) var count: Int

    /// A table holding `elements`.
    init(_ elements: [Element]) {
        let storage = Storage(capacity: elements.count)
        elements.withUnsafeBufferPointer { buffer in
            if let first = buffer.baseAddress { storage.base.initialize(from: first, count: buffer.count) }
        }
        self.storage = storage
        count = elements.count
    }

    init(capacity: Int = 16) {
        storage = Storage(capacity: capacity)
        count = 0
    }

    init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        self.count = count
    }

    /// The row at `index`; writing it does not check for sharing (the engine did, at the command's start).
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
        count += 1
    }

    /// Doubles the capacity.
    @usableFromInline
    mutating func grow() {
        let bigger = Storage(capacity: 2 * storage.capacity)
        bigger.base.initialize(from: storage.base, count: count)
        storage = bigger
    }

    /// A table with the same rows in storage of its own.
    func copied() -> EngineTable {
        var copy = self
        copy.storage = Storage(capacity: storage.capacity)
        copy.storage.base.initialize(from: storage.base, count: count)
        return copy
    }

    /// The indexes of the rows in use.
    var indices: Range<Int> { 0..<count }

    /// The rows in use, in order (for checks and listings).
    var elements: [Element] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }
}

/// The token of an engine value's tables: while no other engine value holds it, none holds
/// the tables either (they are only ever copied with the whole engine), so they may be written in place.
@usableFromInline
final class EngineOwnership: @unchecked Sendable {
    init() {}
}
