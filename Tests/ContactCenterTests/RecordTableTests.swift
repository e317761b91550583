// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ContactCenter

/// A replication's in-place record storage behaves like the arrays it replaces.
@Suite struct RecordTableTests {
    @Test func aRecordTableReadsWritesAndGrowsLikeAnArray() {
        var table = RecordTable(repeating: 0, count: 3)
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
    }

    @Test func aRecordTableKeepsReferenceCountedRecordsAcrossGrowth() {
        var table = RecordTable(repeating: [String](), count: 2)
        table[0].append("first")
        table[1] = ["second", "third"]
        table.grow(to: 5, filling: ["new"])
        #expect(Array(table) == [["first"], ["second", "third"], ["new"], ["new"], ["new"]])
    }
}
