// SPDX-License-Identifier: GPL-3.0-or-later

extension EventCalendar {
    /// Checks the heap order and the handle table; returns a description of each violation.
    ///
    /// Meant for tests: O(n).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        let heap = self.heap.elements
        let slots = self.slots.elements
        for index in 1..<max(heap.count, 1) where heap[index].precedes(heap[(index - 1) / 2]) {
            problems.append("entry \(index) precedes its parent")
        }
        for (index, entry) in heap.enumerated() where entry.handle >= 0 {
            if slots[Int(entry.handle)].position != Int32(index) {
                problems.append("handle \(entry.handle) records position \(slots[Int(entry.handle)].position), is at \(index)")
            }
        }
        let live = slots.filter { $0.position >= 0 }.count
        let cancellable = heap.filter { $0.handle >= 0 }.count
        if live != cancellable { problems.append("\(live) live handles for \(cancellable) cancellable entries") }
        return problems
    }
}
