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
            driver.runTimed(decisions: configuration.decisions, into: &samples)
            #expect(samples.count == configuration.decisions)
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

/// A whole benchmark run's bookkeeping (counts, blocks and bursts; never its timings).
@Suite struct BenchmarkTests {
    @Test func everyTrialTimesTheRequestedDecisionsInBlocksBetweenBursts() throws {
        let configuration = BenchConfiguration(agents: 40, queues: 4, decisions: 2_500, trials: 2)
        var finished: [Int] = []
        let result = try Benchmark.run(configuration) { finished.append($0) }
        #expect(finished == [1, 2])
        #expect(result.decisions == 5_000)
        #expect(result.trialP50Nanoseconds.count == 2 && result.trialCalibrationNanoseconds.count == 2)
        #expect((1...2).contains(result.trialNormalisedP50.count))
        var calibration = CalibrationLoop()
        let trial = try Benchmark.runTrial(configuration, center: SyntheticCenter(configuration), calibration: &calibration)
        #expect(trial.blocks.map(\.count) == [1_024, 1_024, 452])
        #expect(trial.burstMedians.count == 4)
    }
}

