// SPDX-License-Identifier: GPL-3.0-or-later

/// The fewest agents that meet a service-level target (and, for Erlang A, an abandonment cap).
///
/// Service level rises and abandonment falls as agents are added (both models are
/// monotone in n), so the search doubles n until the targets are met and then bisects.
public enum ErlangStaffing {
    /// The largest staffing the searches consider.
    public static let agentLimit = 1_000_000

    /// The fewest agents with Erlang C service level within `thresholdSeconds` ≥ `targetServiceLevel`;
    /// nil if even ``agentLimit`` agents do not meet it.
    ///
    /// - Complexity: O(n log n) for the answer n (each evaluation is O(n)).
    public static func fewestAgentsErlangC(arrivalRatePerSecond: Double, meanServiceSeconds: Double,
                                           thresholdSeconds: Double,
                                           targetServiceLevel: Double) throws(QueueingModelError) -> Int? {
        try fewestAgentsErlangC(arrivalRatePerSecond: arrivalRatePerSecond, meanServiceSeconds: meanServiceSeconds,
                                targets: ErlangTargets(serviceLevel: targetServiceLevel, thresholdSeconds: thresholdSeconds))
    }

    /// The fewest agents with Erlang A service level within `thresholdSeconds` ≥ `targetServiceLevel`
    /// and, when given, abandonment ≤ `maxAbandonProbability`; nil if even ``agentLimit`` agents do not.
    ///
    /// - Complexity: O(n log n) for the answer n, plus the waiting-line sums of each evaluation.
    public static func fewestAgentsErlangA(arrivalRatePerSecond: Double, meanServiceSeconds: Double,
                                           meanPatienceSeconds: Double, thresholdSeconds: Double,
                                           targetServiceLevel: Double,
                                           maxAbandonProbability: Double? = nil) throws(QueueingModelError) -> Int? {
        try fewestAgentsErlangA(arrivalRatePerSecond: arrivalRatePerSecond, meanServiceSeconds: meanServiceSeconds,
                                meanPatienceSeconds: meanPatienceSeconds,
                                targets: ErlangTargets(serviceLevel: targetServiceLevel, thresholdSeconds: thresholdSeconds,
                                                       maxAbandonProbability: maxAbandonProbability))
    }

    /// The smallest n ≥ `lower` (up to ``agentLimit``) for which the monotone predicate `meets` holds.
    ///
    /// - Complexity: O(log n) evaluations of `meets`.
    static func fewest(from lower: Int, meets: (Int) -> Bool) -> Int? {
        var low = max(lower, 1)
        if meets(low) { return low }
        var high = low
        repeat {
            low = high
            guard high < agentLimit else { return nil }
            high = min(high * 2, agentLimit)
        } while !meets(high)
        // meets(low) is false, meets(high) is true.
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if meets(middle) { high = middle } else { low = middle }
        }
        return high
    }
}
