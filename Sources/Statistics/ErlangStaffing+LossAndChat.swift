// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

extension ErlangStaffing {
    /// The largest chat team ``fewestAgentsChatTeam(arrivalRatePerSecond:meanWorkSeconds:capacity:slowdown:meanPatienceSeconds:thresholdSeconds:targetServiceLevel:maxAbandonProbability:)``
    /// solves: its exact chain has C(N + m, m) states, so larger teams are left to simulation.
    public static let chatTeamAgentLimit = 400

    /// The fewest servers whose Erlang B blocking probability is ≤ `maxBlocking` for `offeredLoad` Erlangs.
    ///
    /// B(n, a) falls as n grows, so the first n of the recursion 1/B(n) = 1 + (n/a)/B(n−1) that
    /// reaches the target is the answer; nil if even ``agentLimit`` servers do not.
    ///
    /// - Complexity: O(n) for the answer n.
    public static func fewestAgentsErlangB(offeredLoad: Double, maxBlocking: Double) throws(QueueingModelError) -> Int? {
        guard offeredLoad > 0, offeredLoad.isFinite else { throw .invalidParameter("the offered load must be positive") }
        guard maxBlocking > 0, maxBlocking < 1 else { throw .invalidParameter("the blocking target must lie in (0, 1)") }
        let logTarget = -log(maxBlocking)      // ln(1/B) must reach this
        let logLoad = log(offeredLoad)
        var logInverse = 0.0                   // ln(1/B(0)) = 0
        for n in 1...agentLimit {
            logInverse = LogSpace.add(0, log(Double(n)) - logLoad + logInverse)
            if logInverse >= logTarget { return n }
        }
        return nil
    }

    /// The fewest agents of a chat team (`capacity` slots each, `slowdown` per slot, see
    /// ``ChatTeamModel``) with service level within `thresholdSeconds` ≥ `targetServiceLevel` and,
    /// when given, abandonment ≤ `maxAbandonProbability`; nil if even ``chatTeamAgentLimit`` do not.
    ///
    /// Adding an agent to the team raises its service level (more slots, the same routing), so
    /// the search walks up from the smallest stable team.
    ///
    /// - Complexity: one exact chain per team size tried.
    public static func fewestAgentsChatTeam(arrivalRatePerSecond: Double, meanWorkSeconds: Double, capacity: Int,
                                            slowdown: [Double]?, meanPatienceSeconds: Double?,
                                            thresholdSeconds: Double, targetServiceLevel: Double,
                                            maxAbandonProbability: Double? = nil) throws(QueueingModelError) -> Int? {
        guard capacity >= 1 else { throw .invalidParameter("the team needs at least one slot per agent") }
        let lastSlowdown = slowdown?.last ?? 1
        // Without patience a team needs more full-team throughput than arrivals.
        let perAgent = Double(capacity) / (meanWorkSeconds * lastSlowdown)
        var agents = meanPatienceSeconds == nil ? max(1, Int((arrivalRatePerSecond / perAgent).rounded(.down)) + 1) : 1
        while agents <= chatTeamAgentLimit {
            let team = try ChatTeamModel(agents: agents, capacity: capacity, slowdown: slowdown,
                                         arrivalRatePerSecond: arrivalRatePerSecond, meanWorkSeconds: meanWorkSeconds,
                                         meanPatienceSeconds: meanPatienceSeconds)
            if team.serviceLevel(thresholdSeconds: thresholdSeconds) >= targetServiceLevel,
               maxAbandonProbability.map({ team.abandonProbability <= $0 }) ?? true {
                return agents
            }
            agents += 1
        }
        return nil
    }
}
