// SPDX-License-Identifier: GPL-3.0-or-later

/// A first-in first-out buffer over a power-of-two array that grows and never shrinks.
///
/// Used for the engine's time-ordered lines (waiting chats, offer deadlines), where entries
/// arrive in order and most leave from the front.
@usableFromInline
struct RingBuffer<Element>: Sendable where Element: Sendable {
    @usableFromInline var storage: [Element?]
    @usableFromInline var head = 0
    @usableFromInline var count = 0

    @usableFromInline init(capacity: Int = 16) {
        var size = 1
        while size < capacity { size <<= 1 }
        storage = Array(repeating: nil, count: size)
    }

    var isEmpty: Bool { count == 0 }
    var first: Element? { count == 0 ? nil : storage[head] }
    var last: Element? { count == 0 ? nil : storage[(head + count - 1) & (storage.count - 1)] }

    /// - Complexity: O(1) amortised.
    mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) & (storage.count - 1)] = element
        count += 1
    }

    /// - Complexity: O(1).
    @discardableResult mutating func removeFirst() -> Element {
        let element = storage[head]!
        storage[head] = nil
        head = (head + 1) & (storage.count - 1)
        count -= 1
        return element
    }

    /// - Complexity: O(1).
    @discardableResult mutating func removeLast() -> Element {
        let index = (head + count - 1) & (storage.count - 1)
        let element = storage[index]!
        storage[index] = nil
        count -= 1
        return element
    }

    /// The elements from first to last (for checks and queries, not the hot path).
    var elements: [Element] { (0..<count).map { storage[(head + $0) & (storage.count - 1)]! } }

    @usableFromInline mutating func grow() {
        var bigger = [Element?](repeating: nil, count: storage.count * 2)
        for i in 0..<count { bigger[i] = storage[(head + i) & (storage.count - 1)] }
        storage = bigger
        head = 0
    }
}
