// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore
import Testing
@testable import RoutingBench

/// The synthetic center and its load are drawn from the seed alone (timings aside).
@Suite struct SyntheticCenterTests {
    @Test(arguments: [(1_000, 20), (50, 50), (7, 3), (3, 1)])
    func agentsBelongToOneToThreeQueuesAndEveryQueueHasMembers(agents: Int, queues: Int) {
        let center = SyntheticCenter(BenchConfiguration(agents: agents, queues: queues))
        let configuration = center.engineConfiguration
        #expect(configuration.agents.count == agents && configuration.queues.count == queues)
        var members = [Int](repeating: 0, count: queues)
        for agent in configuration.agents {
            #expect((1...min(3, queues)).contains(agent.queues.count))
            #expect(Set(agent.queues).count == agent.queues.count)
            for queue in agent.queues { members[Int(queue.index)] += 1 }
        }
        #expect(members.allSatisfy { $0 > 0 })
        #expect(abs((center.cumulativeShare.last ?? 0) - 1) < 1e-12)
        if queues >= 3 {
            let counts = Set(configuration.agents.map(\.queues.count))
            #expect(counts == [1, 2, 3], "memberships should vary: \(counts)")
        }
    }

    @Test func theSeedDecidesTheCenter() {
        let a = SyntheticCenter(BenchConfiguration(agents: 200, queues: 10, seed: 5)).engineConfiguration
        let b = SyntheticCenter(BenchConfiguration(agents: 200, queues: 10, seed: 5)).engineConfiguration
        let c = SyntheticCenter(BenchConfiguration(agents: 200, queues: 10, seed: 6)).engineConfiguration
        #expect(a == b)
        #expect(a != c)
    }

    @Test func queueChoiceFollowsTheCumulativeShares() {
        let center = SyntheticCenter(BenchConfiguration(agents: 100, queues: 4))
        #expect(center.queue(for: 0) == 0)
        #expect(center.queue(for: 0.999_999) == 3)
        for (q, bound) in center.cumulativeShare.enumerated() where q < 3 {
            #expect(center.queue(for: bound) == q + 1)
            #expect(center.queue(for: bound.nextDown) == q)
        }
    }

    @Test(arguments: BenchConfiguration.strategyNames.map(\.name))
    func theLoadIsTheSameOnEveryRunAndMixesOffersAndQueueing(strategy: String) throws {
        let configuration = BenchConfiguration(agents: 60, queues: 6, strategy: BenchConfiguration.strategy(named: strategy)!,
                                               decisions: 3_000, seed: 3, trials: 1)
        func run() throws -> (arrivals: Int, queued: Int, chats: Int) {
            let center = SyntheticCenter(configuration)
            var driver = try CenterDriver(configuration: configuration, center: center)
            driver.warmUp(untilSeconds: configuration.load.warmupSeconds)
            var samples = LatencySamples()
            var calibration = CalibrationLoop()
            var calibrationSamples = LatencySamples()
            driver.runTimed(decisions: configuration.decisions, into: &samples, calibration: &calibration,
                            calibrationSamples: &calibrationSamples)
            #expect(samples.count == configuration.decisions)
            #expect(calibrationSamples.count == 2 * 256)
            #expect(driver.engine.invariantViolations() == [])
            return (driver.arrivals, driver.queuedArrivals, driver.engine.chatCount)
        }
        let first = try run(), second = try run()
        #expect(first == second)
        if configuration.strategy.offerKind == .pull {
            #expect(first.queued == first.arrivals, "a pull queue offers nothing: \(first)")
        } else {
            #expect(first.queued > 0 && first.queued < first.arrivals, "\(strategy): \(first)")
        }
    }

    @Test func strategyNamesRoundTrip() {
        #expect(BenchConfiguration.strategyNames.count == Strategy.allCases.count)
        for strategy in Strategy.allCases {
            #expect(BenchConfiguration.strategy(named: BenchConfiguration.name(of: strategy)) == strategy)
        }
        #expect(BenchConfiguration.strategy(named: "fastest") == nil)
    }
}
