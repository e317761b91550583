// SPDX-License-Identifier: GPL-3.0-or-later

/// Storage for a replication's per-chat, per-agent, per-stream and per-interval records that the
/// event loop updates in place.
///
/// A `[Element]` checks on every write that its buffer is not shared (copy-on-write) and that the
/// index is in bounds; in the simulator's event loop, which writes a chat's record a dozen times
/// per chat, those checks cost more than the writes. A replication owns its tables and is never
/// copied, so a table is a plain block of records: writes go straight to memory, and bounds are
/// asserted in debug builds (where the test suite runs); a caller whose index could go wrong in
/// a release build checks it itself. Copying a table shares its records — which is why it stays
/// inside ``Replication``.
struct RecordTable<Element> {
    /// Owns the block; replaced whole when the table grows, so its pointer never changes.
    final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(count: Int, repeating value: Element) {
            base = .allocate(capacity: Swift.max(count, 1))
            base.initialize(repeating: value, count: count)
            self.count = count
        }

        init(count: Int, copying source: UnsafeMutablePointer<Element>) {
            base = .allocate(capacity: Swift.max(count, 1))
            base.initialize(from: source, count: count)
            self.count = count
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private(set) var storage: Storage

    /// A table of `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        storage = Storage(count: count, repeating: value)
    }


    /// The record at `index` (0 ≤ index < count), read or written in place.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    subscript(index: Int) -> Element {
        unsafeAddress {
            assert(index >= 0 && index < storage.count, "record \(index) of \(storage.count)")
            return UnsafePointer(storage.base + index)
        }
        nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < storage.count, "record \(index) of \(storage.count)")
            return storage.base + index
        }
    }

    /// A table with its own block holding the same records (copying a table shares them).
    ///
    /// - Complexity: O(count).
    func copied() -> RecordTable {
        var copy = self
        copy.storage = Storage(count: storage.count, copying: storage.base)
        return copy
    }

    /// Grows the table to at least `count` records, new ones set to `value`.
    ///
    /// - Complexity: O(count).
    mutating func grow(to count: Int, filling value: Element) {
        guard count > storage.count else { return }
        let grown = Storage(count: count, repeating: value)
        grown.base.update(from: storage.base, count: storage.count)   // the old block still holds its copies
        storage = grown
    }
}

extension RecordTable: RandomAccessCollection, MutableCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }
}
