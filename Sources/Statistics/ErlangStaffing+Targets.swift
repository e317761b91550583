// SPDX-License-Identifier: GPL-3.0-or-later

/// The fewest agents meeting any combination of service-level, abandonment and ASA targets.
///
/// All three figures improve as agents are added (Erlang C and Erlang A are monotone in n),
/// so the same doubling-then-bisecting search as the single-target forms applies.
extension ErlangStaffing {
    /// The fewest agents of an M/M/n queue (Erlang C) meeting `targets`; nobody abandons, so an
    /// abandon cap is always met. Starts from the fewest agents that keep the queue stable.
    ///
    /// - Returns: nil if even ``agentLimit`` agents do not meet the targets.
    /// - Complexity: O(n log n) for the answer n.
    public static func fewestAgentsErlangC(arrivalRatePerSecond: Double, meanServiceSeconds: Double,
                                           targets: ErlangTargets) throws(QueueingModelError) -> Int? {
        try ErlangC.check(arrivalRatePerSecond: arrivalRatePerSecond, meanServiceSeconds: meanServiceSeconds, agents: 1)
        let stable = Int((arrivalRatePerSecond * meanServiceSeconds).rounded(.down)) + 1
        return fewest(from: stable) { n in
            guard let model = try? ErlangC(arrivalRatePerSecond: arrivalRatePerSecond,
                                           meanServiceSeconds: meanServiceSeconds, agents: n) else { return false }
            if let target = targets.serviceLevel,
               model.serviceLevel(thresholdSeconds: targets.thresholdSeconds) < target { return false }
            if let cap = targets.maxASASeconds, model.averageSpeedOfAnswerSeconds > cap { return false }
            return true
        }
    }

    /// The fewest agents of an M/M/n+M queue (Erlang A) meeting `targets`.
    ///
    /// - Returns: nil if even ``agentLimit`` agents do not meet the targets.
    /// - Complexity: O(n log n) for the answer n, plus the waiting-line sums of each evaluation.
    public static func fewestAgentsErlangA(arrivalRatePerSecond: Double, meanServiceSeconds: Double,
                                           meanPatienceSeconds: Double,
                                           targets: ErlangTargets) throws(QueueingModelError) -> Int? {
        _ = try ErlangA(arrivalRatePerSecond: arrivalRatePerSecond, meanServiceSeconds: meanServiceSeconds,
                        meanPatienceSeconds: meanPatienceSeconds, agents: 1)
        return fewest(from: 1) { n in
            guard let model = try? ErlangA(arrivalRatePerSecond: arrivalRatePerSecond,
                                           meanServiceSeconds: meanServiceSeconds,
                                           meanPatienceSeconds: meanPatienceSeconds, agents: n) else { return false }
            if let target = targets.serviceLevel,
               model.serviceLevel(thresholdSeconds: targets.thresholdSeconds) < target { return false }
            if let cap = targets.maxAbandonProbability, model.abandonProbability > cap { return false }
            if let cap = targets.maxASASeconds, model.averageSpeedOfAnswerSeconds > cap { return false }
            return true
        }
    }
}
