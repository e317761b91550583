// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage
import Testing

/// The shared in-place storage of the engine, the calendar and a replication behaves like the arrays
/// it replaces, except that copying a table shares its rows until ``PlainTable/copied()``.
@Suite struct PlainTableTests {
    @Test func aTableReadsWritesAndGrowsLikeAnArray() {
        var table = PlainTable(repeating: 0, count: 3)
        var array = Array(repeating: 0, count: 3)
        for i in 0..<3 {
            table[i] += i + 1
            array[i] += i + 1
        }
        table.grow(to: 8, filling: -1)
        array.append(contentsOf: repeatElement(-1, count: 5))
        table[6] = 42
        array[6] = 42
        #expect(Array(table) == array)
        #expect(table.count == 8)
        table.grow(to: 4, filling: 7)   // never shrinks
        #expect(table.elements == array)
    }

    @Test func appendingPastTheCapacityMovesTheRowsAndKeepsThemInOrder() {
        var table = PlainTable<Int>(capacity: 2)
        var array: [Int] = []
        for value in 0..<1_000 {
            table.append(value * 3)
            array.append(value * 3)
        }
        #expect(table.count == 1_000)
        #expect(table.elements == array)
        #expect(table.indices == 0..<1_000)
        #expect(table.base[999] == 2_997)
    }

    @Test func removeLastAndRemoveAllWhereWorkLikeAnArray() {
        var table = PlainTable(Array(1...10))
        var array = Array(1...10)
        #expect(table.removeLast() == array.removeLast())
        let removed = table.removeAll { $0 % 3 == 0 }
        let before = array.count
        array.removeAll { $0 % 3 == 0 }
        #expect(removed == before - array.count)
        #expect(table.elements == array)
        table.append(100)
        array.append(100)
        #expect(table.elements == array)
    }

    @Test func aCopySharesItsRowsUntilCopiedThenGoesItsOwnWay() {
        let table = PlainTable([1, 2, 3])
        let shared = table
        shared[0] = 10   // no copy on write: the owner decides when to copy
        #expect(table[0] == 10)
        var own = table.copied()
        own[1] = 20
        own.append(4)
        #expect(table.elements == [10, 2, 3])
        #expect(own.elements == [10, 20, 3, 4])
    }

    @Test func referenceCountedRowsLiveExactlyAsLongAsTheirTable() {
        final class Counter { var alive = 0 }
        final class Tracked {
            let counter: Counter
            init(_ counter: Counter) { self.counter = counter; counter.alive += 1 }
            deinit { counter.alive -= 1 }
        }
        do {
            var table = PlainTable(repeating: [String](), count: 2)
            table[0].append("first")
            table[1] = ["second", "third"]
            table.grow(to: 5, filling: ["new"])
            #expect(Array(table) == [["first"], ["second", "third"], ["new"], ["new"], ["new"]])
        }
        let counter = Counter()
        do {
            var table = PlainTable<Tracked>(capacity: 1)
            for _ in 0..<10 { table.append(Tracked(counter)) }   // grows, moving its rows
            var copy = table.copied()
            _ = copy.removeLast()
            #expect(copy.removeAll { _ in true } == 9)
            #expect(counter.alive == 10)
            table.grow(to: 12, filling: Tracked(counter))
            #expect(counter.alive == 11)
        }
        #expect(counter.alive == 0)
    }
}
