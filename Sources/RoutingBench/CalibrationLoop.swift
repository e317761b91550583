// SPDX-License-Identifier: GPL-3.0-or-later

/// A fixed workload timed next to the routing decisions, so a result can be normalised for the machine's speed at that moment.
///
/// One operation re-ranks two random members in two of 16 indexed binary heaps of 256 members
/// (the shape of the engine's per-queue agent indexes), reads their tops and writes eight
/// scattered entries of an 8 KiB table: integer compares, dependent loads and branchy sift
/// loops over a working set of about 72 KiB (L1–L2), like a decision's. A larger scattered
/// table was tried and rejected: on this project's shared virtual machine its cache and TLB
/// misses made the calibration itself vary by up to 2× between trials, while the decisions did
/// not, so it added noise instead of cancelling it. Its code never changes with
/// the engine, and it is deterministic (a fixed linear congruential sequence), so the time of
/// one operation moves only with the machine: CPU frequency, cache and memory contention from
/// other processes, a slower or faster host. Dividing a decision's latency by it cancels most
/// of that, which is what makes a latency baseline portable across moments on a shared machine.
public struct CalibrationLoop: Sendable {
    private static let heapCount = 16
    private static let heapSize = 256
    private static let tableSize = 2_048

    private var keys: [UInt64]
    private var heaps: [Int32]
    private var positions: [Int32]
    private var table: [UInt32]
    private var state: UInt64 = 0x2545_f491_4f6c_dd1d
    /// Folds every result in, so the optimiser cannot drop the work.
    public private(set) var checksum: UInt64 = 0

    public init() {
        let total = Self.heapCount * Self.heapSize
        keys = (0..<total).map { UInt64($0) &* 0x9e37_79b9_7f4a_7c15 >> 20 }
        heaps = [Int32](repeating: 0, count: total)
        positions = [Int32](repeating: 0, count: total)
        table = (0..<Self.tableSize).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        for h in 0..<Self.heapCount {
            for i in 0..<Self.heapSize {
                heaps[h * Self.heapSize + i] = Int32(i)
                positions[h * Self.heapSize + i] = Int32(i)
            }
            for i in stride(from: Self.heapSize / 2 - 1, through: 0, by: -1) { siftDown(heap: h, from: i) }
        }
    }

    /// Times `operations` single operations into `samples`, each with its own pair of clock reads.
    public mutating func measure(operations: Int, into samples: inout LatencySamples) {
        for _ in 0..<operations {
            let start = MonotonicClock.nanoseconds()
            operate()
            samples.record(MonotonicClock.nanoseconds() &- start)
        }
    }

    /// One operation.
    @inline(never)
    public mutating func operate() {
        for _ in 0..<2 {
            let h = Int(nextRandom() % UInt64(Self.heapCount))
            let member = Int(nextRandom() % UInt64(Self.heapSize))
            update(heap: h, member: member, key: nextRandom() >> 24)
            checksum &+= UInt64(heaps[h * Self.heapSize])
        }
        for _ in 0..<8 {
            let i = Int(nextRandom() % UInt64(Self.tableSize))
            table[i] = table[i] &* 31 &+ UInt32(truncatingIfNeeded: checksum)
            checksum ^= UInt64(table[i])
        }
    }

    private mutating func nextRandom() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 16
    }

    private mutating func update(heap h: Int, member: Int, key: UInt64) {
        let base = h * Self.heapSize
        let old = keys[base + member]
        keys[base + member] = key
        let at = Int(positions[base + member])
        if key < old { siftUp(heap: h, from: at) } else { siftDown(heap: h, from: at) }
    }

    private mutating func siftUp(heap h: Int, from start: Int) {
        let base = h * Self.heapSize
        var index = start
        let member = heaps[base + index]
        let key = keys[base + Int(member)]
        while index > 0 {
            let parent = (index - 1) / 2
            let p = heaps[base + parent]
            guard key < keys[base + Int(p)] else { break }
            heaps[base + index] = p
            positions[base + Int(p)] = Int32(index)
            index = parent
        }
        heaps[base + index] = member
        positions[base + Int(member)] = Int32(index)
    }

    private mutating func siftDown(heap h: Int, from start: Int) {
        let base = h * Self.heapSize
        var index = start
        let member = heaps[base + index]
        let key = keys[base + Int(member)]
        while true {
            var child = 2 * index + 1
            if child >= Self.heapSize { break }
            if child + 1 < Self.heapSize && keys[base + Int(heaps[base + child + 1])] < keys[base + Int(heaps[base + child])] {
                child += 1
            }
            let c = heaps[base + child]
            guard keys[base + Int(c)] < key else { break }
            heaps[base + index] = c
            positions[base + Int(c)] = Int32(index)
            index = child
        }
        heaps[base + index] = member
        positions[base + Int(member)] = Int32(index)
    }
}
