// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import Statistics

/// The exact chat-team chain: its reductions to known queues and an independent brute-force solve.
@Suite struct ChatTeamModelTests {
    /// With one slot per agent the chat team is Erlang A.
    @Test(arguments: [(10, 120.0, 240.0, 120.0), (3, 50.0, 300.0, 60.0), (25, 500.0, 240.0, 600.0)])
    func oneSlotIsErlangA(agents: Int, perHour: Double, work: Double, patience: Double) throws {
        let team = try ChatTeamModel(agents: agents, capacity: 1, arrivalRatePerSecond: perHour / 3600,
                                     meanWorkSeconds: work, meanPatienceSeconds: patience)
        let a = try ErlangA(arrivalRatePerSecond: perHour / 3600, meanServiceSeconds: work,
                            meanPatienceSeconds: patience, agents: agents)
        #expect(abs(team.probabilityOfWaiting - a.probabilityOfWaiting) < 1e-10)
        #expect(abs(team.abandonProbability - a.abandonProbability) < 1e-10)
        #expect(abs(team.serviceLevel(thresholdSeconds: 20) - a.serviceLevel(thresholdSeconds: 20)) < 1e-10)
        #expect(abs(team.averageSpeedOfAnswerSeconds - a.averageSpeedOfAnswerSeconds) < 1e-8)
        #expect(abs(team.meanWaitSeconds - a.meanWaitSeconds) < 1e-8)
        #expect(abs(team.occupancy - a.occupancy) < 1e-10)
        #expect(team.stateCount == agents + 1)
    }

    /// Without patience and with one slot it is Erlang C.
    @Test func oneSlotWithoutPatienceIsErlangC() throws {
        let team = try ChatTeamModel(agents: 14, capacity: 1, arrivalRatePerSecond: 100.0 / 1800, meanWorkSeconds: 180,
                                     meanPatienceSeconds: nil)
        #expect(abs(team.probabilityOfWaiting - 0.1741319) < 5e-8)
        #expect(abs(team.serviceLevel(thresholdSeconds: 20) - 0.88835) < 5e-6)
        #expect(abs(team.averageSpeedOfAnswerSeconds - 7.8359) < 5e-5)
        #expect(team.abandonProbability == 0)
    }

    /// One agent, two slots, slowdown [1, 2]: the total service rate is μ whenever busy, so the
    /// number of chats N is M/M/1 with ρ = 0.5. Occupancy = E[min(N, 2)]/2 = (ρ + ρ²)/2 = 0.375;
    /// P(wait) = P(N ≥ 2) = ρ² = 0.25; E[(N − 2)⁺] = ρ³/(1 − ρ) = 0.25, so E[W] = 0.25/λ = 30 s.
    @Test func twoSlotsWithSlowdownTwoIsMM1() throws {
        let team = try ChatTeamModel(agents: 1, capacity: 2, slowdown: [1, 2], arrivalRatePerSecond: 0.5 / 60,
                                     meanWorkSeconds: 60, meanPatienceSeconds: nil)
        #expect(abs(team.occupancy - 0.375) < 1e-12)
        #expect(abs(team.probabilityOfWaiting - 0.25) < 1e-12)
        #expect(abs(team.meanWaitSeconds - 30) < 1e-9)
        // The served wait of an M/M/1 customer who finds two or more is exponential: P(W ≤ t | wait) = 1 − e^(−(μ−λ)t).
        #expect(abs(team.serviceLevel(thresholdSeconds: 20) - (1 - 0.25 * exp(-0.5 / 60 * 20))) < 1e-12)
    }

    /// One agent with m slots is a birth–death chain in the number of chats; solved here by products.
    @Test func singleAgentMatchesBirthDeathProducts() throws {
        let slowdown = [1.0, 1.2, 1.5], lambda = 40.0 / 3600, mu = 1.0 / 360, theta = 1.0 / 180, speed = 1.3
        let team = try ChatTeamModel(agents: 1, capacity: 3, slowdown: slowdown, speed: speed,
                                     arrivalRatePerSecond: lambda, meanWorkSeconds: 1 / mu, meanPatienceSeconds: 1 / theta)
        var weights = [1.0]
        for j in 1...400 {
            let k = min(j, 3)
            let death = Double(k) * mu * speed / slowdown[k - 1] + Double(max(0, j - 3)) * theta
            weights.append(weights[j - 1] * lambda / death)
        }
        let total = weights.reduce(0, +)
        let p = weights.map { $0 / total }
        let pWait = p[3...].reduce(0, +)
        let held = p.indices.reduce(0.0) { $0 + p[$1] * Double(min($1, 3)) }
        let queued = p.indices.reduce(0.0) { $0 + p[$1] * Double(max(0, $1 - 3)) }
        #expect(abs(team.probabilityOfWaiting - pWait) < 1e-12)
        #expect(abs(team.occupancy - held / 3) < 1e-12)
        #expect(abs(team.abandonProbability - theta * queued / lambda) < 1e-12)
        #expect(abs(team.meanWaitSeconds - queued / lambda) < 1e-9)
    }

    /// The lumped chain (counts of agents per occupancy) against a brute-force chain over every
    /// agent's own occupancy and a truncated queue, solved by dense elimination.
    @Test(arguments: [(3, 3, [1.0, 1.2, 1.5], 1.0, 70.0, 240.0, 180.0 as Double?),
                      (4, 2, [1.0, 1.4], 1.2, 90.0, 300.0, 120.0 as Double?),
                      (2, 4, [1.0, 1.1, 1.3, 1.6], 1.0, 40.0, 360.0, nil)])
    func lumpedChainMatchesLabelledChain(agents: Int, capacity: Int, slowdown: [Double], speed: Double,
                                         perHour: Double, work: Double, patience: Double?) throws {
        let team = try ChatTeamModel(agents: agents, capacity: capacity, slowdown: slowdown, speed: speed,
                                     arrivalRatePerSecond: perHour / 3600, meanWorkSeconds: work,
                                     meanPatienceSeconds: patience)
        let brute = LabelledChatChain(agents: agents, capacity: capacity, slowdown: slowdown, speed: speed,
                                      lambda: perHour / 3600, mu: 1 / work, theta: patience.map { 1 / $0 } ?? 0)
        #expect(team.residual < 1e-12)
        #expect(abs(team.probabilityOfWaiting - brute.probabilityOfWaiting) < 1e-9)
        #expect(abs(team.occupancy - brute.occupancy) < 1e-9)
        #expect(abs(team.abandonProbability - brute.abandonProbability) < 1e-9)
        #expect(abs(team.meanWaitSeconds - brute.meanWaitSeconds) < 1e-6)
        // Flow balance: chats finish as fast as they are answered.
        #expect(abs(team.throughputPerSecond - perHour / 3600 * (1 - team.abandonProbability)) < 1e-12)
    }

    @Test func refusesWhatItCannotSolve() {
        #expect(throws: QueueingModelError.self) {
            try ChatTeamModel(agents: 2, capacity: 2, slowdown: [1], arrivalRatePerSecond: 1, meanWorkSeconds: 60,
                              meanPatienceSeconds: nil)
        }
        // Two agents, two slots, slowdown [1, 2]: full capacity is 2 chats per mean work; 2.5 is unstable.
        #expect(throws: QueueingModelError.unstable(offeredLoad: 2.5, capacity: 2)) {
            try ChatTeamModel(agents: 2, capacity: 2, slowdown: [1, 2], arrivalRatePerSecond: 2.5 / 60,
                              meanWorkSeconds: 60, meanPatienceSeconds: nil)
        }
    }

    /// A team of realistic size solves and stays consistent.
    @Test func twelveAgentsWithThreeSlots() throws {
        let team = try ChatTeamModel(agents: 12, capacity: 3, slowdown: [1, 1.2, 1.45], arrivalRatePerSecond: 300.0 / 3600,
                                     meanWorkSeconds: 420, meanPatienceSeconds: 240)
        #expect(team.stateCount == 455)
        #expect(team.residual < 1e-12)
        for p in [team.probabilityOfWaiting, team.abandonProbability, team.serviceLevel(thresholdSeconds: 60),
                  team.occupancy] {
            #expect(p.isFinite && (0...1).contains(p))
        }
        #expect(abs(team.throughputPerSecond - 300.0 / 3600 * (1 - team.abandonProbability)) < 1e-12)
    }
}
