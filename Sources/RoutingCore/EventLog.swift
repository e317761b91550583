// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

/// The engine's output buffer: events appended by commands, read by the caller, then cleared.
///
/// Clearing only resets the count, so a steady stream of commands reuses the same storage and
/// never allocates or releases per command.
@usableFromInline
struct EventLog: Sendable {
    /// Rows written so far (events of earlier commands beyond `count` are stale).
    @usableFromInline var storage = PlainTable<EngineEvent>(capacity: 64)
    @usableFromInline var count = 0

    init() {}

    /// Appends an event.
    ///
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always) mutating func append(_ event: EngineEvent) {
        if count < storage.count {
            storage[count] = event
        } else {
            storage.append(event)
        }
        count += 1
    }

    /// Appends two events: one check for room and, with room, one write access for both.
    ///
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always) mutating func append(_ first: EngineEvent, _ second: EngineEvent) {
        if count &+ 1 < storage.count {
            storage[count] = first
            storage[count &+ 1] = second
            count &+= 2
        } else {
            append(first)
            append(second)
        }
    }

    /// Forgets every event, keeping the storage.
    @inlinable mutating func removeAll() { count = 0 }

    /// The events in order.
    var events: [EngineEvent] { Array(storage.elements[0..<count]) }

    @inlinable subscript(index: Int) -> EngineEvent { storage[index] }
}
