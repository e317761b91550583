// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import RoutingCore

@Suite("Deadline book")
struct DeadlineBookTests {
    /// Out-of-order timers come out earliest first, and timers of one time in the order they were set.
    @Test("out-of-order timers: earliest first, ties in the order set")
    func outOfOrderOrder() {
        var book = DeadlineBook()
        let times: [Int64] = [50, 10, 30, 10, 50, 20, 10, 40, 30]
        for (index, time) in times.enumerated() {
            book.set(at: time, chat: ChatID(slot: UInt32(index), generation: 0), round: 0, kind: .alert)
        }
        #expect(book.pending == times.count)
        #expect(book.earliestTime == 10)
        var order: [(Int64, UInt32)] = []
        while let first = book.firstOutOfOrder {
            order.append((first.time, first.chat.slot))
            book.removeFirstOutOfOrder()
        }
        let expected = times.enumerated().map { ($0.element, UInt32($0.offset)) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        #expect(order.map(\.0) == expected.map(\.0))
        #expect(order.map(\.1) == expected.map(\.1))
        #expect(book.outOfOrderDeadlines.isEmpty)
    }
}
