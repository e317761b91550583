// SPDX-License-Identifier: GPL-3.0-or-later

/// Weights over positions 0..<n with prefix sums and weighted search: a binary indexed tree.
///
/// Serves the strategies that pick by position or by chance: `round_robin` (the next eligible
/// member after the last one picked), `random` (unit weights) and `weighted_random`.
@usableFromInline
struct FenwickTree: Sendable {
    @usableFromInline var tree: [Double]
    @usableFromInline var values: [Double]
    /// Sum of all weights.
    @usableFromInline var total: Double = 0
    /// Positions with a non-zero weight.
    @usableFromInline var nonZero = 0

    init(count: Int) {
        tree = Array(repeating: 0, count: count + 1)
        values = Array(repeating: 0, count: count)
    }

    /// Sets the weight at `position`.
    ///
    /// - Complexity: O(log n).
    mutating func set(_ position: Int, to weight: Double) {
        let delta = weight - values[position]
        guard delta != 0 else { return }
        if values[position] == 0 { nonZero += 1 } else if weight == 0 { nonZero -= 1 }
        values[position] = weight
        total = nonZero == 0 ? 0 : total + delta
        var i = position + 1
        while i < tree.count {
            tree[i] += delta
            i += i & -i
        }
    }

    /// Sum of the weights at positions 0...position.
    ///
    /// - Complexity: O(log n).
    func prefix(through position: Int) -> Double {
        var sum = 0.0
        var i = position + 1
        while i > 0 {
            sum += tree[i]
            i -= i & -i
        }
        return sum
    }

    /// The first position whose running sum exceeds `target` (0 ≤ target < total), skipping zero weights.
    ///
    /// - Complexity: O(log n).
    func position(exceeding target: Double) -> Int {
        var position = 0
        var remaining = target
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < tree.count && tree[next] <= remaining {
                position = next
                remaining -= tree[next]
            }
            step /= 2
        }
        // `position` is the count of leading positions whose sum is ≤ target; skip zero weights.
        var result = min(position, values.count - 1)
        while result < values.count - 1 && values[result] == 0 { result += 1 }
        return result
    }
}
