// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SplitMix

/// The center a benchmark runs: its engine configuration and how arrivals spread over its queues.
///
/// Drawn from the seed alone: agent `a` is a member of queue `a mod Q` (so every queue has
/// members when there are at least as many agents as queues) and of 0–2 more distinct queues
/// drawn at random, so agents belong to 1–3 queues; experience (0–9) and weight (0.5–2) are
/// drawn per agent. A queue's share of the arrivals is proportional to the capacity its members
/// can give it (each agent's slots split evenly over its queues), so no queue is starved or
/// flooded on average.
public struct SyntheticCenter: Sendable {
    /// What the engine is built from.
    public let engineConfiguration: EngineConfiguration
    /// Running sums of the queues' arrival shares, ending at 1.
    let cumulativeShare: [Double]
    /// Every agent's queues, for the pull strategies' harness.
    let memberships: [[Int32]]

    /// Draws the center for `configuration` (its agents, queues, capacity, strategy and seed).
    public init(_ configuration: BenchConfiguration) {
        var random = SplitMix64(seed: configuration.seed, stream: 0)
        let queueCount = configuration.queues
        var share = [Double](repeating: 0, count: queueCount)
        var agents: [AgentConfiguration] = []
        var memberships: [[Int32]] = []
        agents.reserveCapacity(configuration.agents)
        for a in 0..<configuration.agents {
            var queues = [Int32(a % queueCount)]
            let extra = min(random.below(3), queueCount - 1)
            while queues.count < 1 + extra {
                let q = Int32(random.below(queueCount))
                if !queues.contains(q) { queues.append(q) }
            }
            for q in queues { share[Int(q)] += Double(configuration.capacity) / Double(queues.count) }
            memberships.append(queues)
            agents.append(AgentConfiguration(name: "agent\(a)", capacity: configuration.capacity,
                                             experience: random.below(10), weight: 0.5 + 1.5 * random.uniform(),
                                             queues: queues.map { QueueID(Int($0)) }))
        }
        var queues = (0..<queueCount).map { QueueConfiguration(name: "queue\($0)", strategy: configuration.strategy) }
        if let after = configuration.overflowAfterSeconds, queueCount > 1 {
            var members = Array(repeating: [AgentID](), count: queueCount)
            for (a, queues) in memberships.enumerated() { for q in queues { members[Int(q)].append(AgentID(a)) } }
            for q in 0..<queueCount {
                queues[q].overflow = [OverflowStep(after: .seconds(after), action: .addAgents(members[(q + 1) % queueCount]))]
            }
        }
        engineConfiguration = EngineConfiguration(queues: queues, agents: agents, randomSeed: configuration.seed)
        let total = share.reduce(0, +)
        var running = 0.0
        cumulativeShare = share.map { running += $0 / total; return running }
        self.memberships = memberships
    }

    /// The queue whose share contains `u` (a uniform draw in [0, 1)).
    ///
    /// - Complexity: O(log Q).
    func queue(for u: Double) -> Int {
        var low = 0, high = cumulativeShare.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeShare[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
