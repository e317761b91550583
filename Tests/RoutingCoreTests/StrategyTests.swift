// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// Each assignment strategy of SPEC §2.4, with its tie-breaks.
@Suite struct StrategyTests {
    let anna = EngineFixture.anna, ben = EngineFixture.ben, cleo = EngineFixture.cleo, dora = EngineFixture.dora
    func t(_ s: Double) -> SimTime { EngineFixture.t(s) }

    @Test func ringAllOffersEveryEligibleMemberAndTheFirstAcceptWins() throws {
        var f = try EngineFixture(strategy: .ringAll)
        try f.engine.setStatus(cleo, to: .away, at: t(0))
        _ = f.events()
        let chat = try f.arrive(1)
        #expect(f.events() == [.offered(chat, anna), .offered(chat, ben), .offered(chat, dora)])
        try f.engine.accept(chat, by: ben, at: t(3))
        #expect(f.events() == [.offerWithdrawn(chat, dora), .offerWithdrawn(chat, anna), .accepted(chat, ben)])
        #expect(try f.engine.status(of: anna) == .available)   // no RONA for a broadcast
        #expect(throws: EngineError.invalidState(chat, .active)) { try f.engine.accept(chat, by: anna, at: t(4)) }
    }

    @Test func unansweredBroadcastRingsAgainWithoutRONA() throws {
        var f = try EngineFixture(strategy: .ringAll, capacities: [1, 1])
        let chat = try f.arrive(0)
        _ = f.events()
        f.engine.fireDeadlines(at: t(30))
        #expect(f.events() == [.offerWithdrawn(chat, ben), .offerWithdrawn(chat, anna), .queued(chat, QueueID(0)),
                               .offered(chat, anna), .offered(chat, ben)])
        #expect(try f.engine.status(of: anna) == .available && f.engine.status(of: ben) == .available)
    }

    @Test func mostExperiencedRingsOnlyTheFixedTopSet() throws {
        var f = try EngineFixture(strategy: .mostExperienced, experience: [1, 5, 3, 5]) { $0.top = 2 }
        let first = try f.arrive(0)
        #expect(f.events() == [.offered(first, ben), .offered(first, dora)])   // the two most experienced
        try f.engine.accept(first, by: dora, at: t(1))
        let second = try f.arrive(2)
        #expect(f.events() == [.offerWithdrawn(first, ben), .accepted(first, dora), .offered(second, ben)])
        try f.engine.accept(second, by: ben, at: t(3))
        let third = try f.arrive(4)
        // cleo and anna are free but not in the top set: the chat waits.
        #expect(f.events() == [.accepted(second, ben), .queued(third, QueueID(0))])
        // anna finishing a chat of her own does not pull it either; ben, in the set, does when he is free.
        try f.engine.setStatus(anna, to: .away, at: t(5))
        try f.engine.setStatus(anna, to: .available, at: t(6))
        #expect(f.events() == [.statusChanged(anna, .away), .statusChanged(anna, .available)])
        try f.engine.markHandled(second, by: ben, at: t(7))
        #expect(f.events() == [.handled(second, ben), .offered(third, ben)])
    }

    @Test func longestIdlePrefersTheAgentIdleLongest() throws {
        var f = try EngineFixture(strategy: .longestIdle, capacities: [1, 1, 1])
        let first = try f.arrive(0)
        try f.engine.accept(first, by: anna, at: t(0))
        try f.engine.markHandled(first, by: anna, at: t(10))   // anna idle since 10, ben and cleo since 0
        _ = f.events()
        let second = try f.arrive(11)
        #expect(f.events() == [.offered(second, ben)])
        try f.engine.accept(second, by: ben, at: t(11))
        let third = try f.arrive(12)
        #expect(f.events() == [.accepted(second, ben), .offered(third, cleo)])
    }

    @Test func roundRobinCyclesInMemberOrderSkippingTheIneligible() throws {
        var f = try EngineFixture(strategy: .roundRobin, capacities: [5, 5, 5, 5])
        try f.engine.setStatus(cleo, to: .away, at: t(0))
        _ = f.events()
        var picked: [AgentID] = []
        for i in 0..<6 {
            let chat = try f.arrive(Double(i + 1))
            guard case .offered(_, let agent) = f.events().last else { Issue.record("no offer"); return }
            picked.append(agent)
            try f.engine.accept(chat, by: agent, at: t(Double(i + 1)))
            _ = f.events()
        }
        #expect(picked == [anna, ben, dora, anna, ben, dora])
    }

    @Test func leastBusyPicksTheLowestLoadRatio() throws {
        var f = try EngineFixture(strategy: .leastBusy, capacities: [2, 3, 1])
        let c1 = try f.arrive(1)                 // all 0: anna by member order
        try f.engine.accept(c1, by: anna, at: t(1))
        let c2 = try f.arrive(2)                 // anna 1/2, ben 0/3, cleo 0/1: ben (idle since 0 like cleo, first)
        let c3 = try f.arrive(3)                 // ben 1/3 vs cleo 0/1: cleo
        let c4 = try f.arrive(4)                 // anna 1/2, ben 1/3: ben
        #expect(f.events() == [.offered(c1, anna), .accepted(c1, anna), .offered(c2, ben), .offered(c3, cleo),
                               .offered(c4, ben)])
    }

    @Test func fewestHandledCountsAcceptedChats() throws {
        var f = try EngineFixture(strategy: .fewestHandled, capacities: [1, 1, 1])
        for (time, agent) in [(0.0, anna), (1.0, ben)] {
            let chat = try f.arrive(time)
            try f.engine.accept(chat, by: agent, at: t(time))
            try f.engine.markHandled(chat, by: agent, at: t(time + 0.5))
        }
        _ = f.events()
        let next = try f.arrive(5)
        #expect(f.events() == [.offered(next, cleo)])   // anna and ben handled one each
        try f.engine.accept(next, by: cleo, at: t(5))
        let after = try f.arrive(6)
        #expect(f.events() == [.accepted(next, cleo), .offered(after, anna)])   // all one each: member order
    }

    @Test func topDownTakesTheFirstEligibleMember() throws {
        var f = try EngineFixture(strategy: .topDown, capacities: [1, 2, 2])
        let c1 = try f.arrive(0), c2 = try f.arrive(1), c3 = try f.arrive(2), c4 = try f.arrive(3)
        #expect(f.events() == [.offered(c1, anna), .offered(c2, ben), .offered(c3, ben), .offered(c4, cleo)])
    }

    @Test func randomPicksOnlyEligibleAgentsAndIsReproducible() throws {
        func picks(seed: UInt64) throws -> [AgentID] {
            var f = try EngineFixture(strategy: .random, capacities: [1000, 1000, 1000, 1000], randomSeed: seed)
            try f.engine.setStatus(ben, to: .offline, at: t(0))
            return try (0..<400).map { i in
                let chat = try f.arrive(Double(i))
                return try f.engine.offeredAgents(of: chat)[0]
            }
        }
        let first = try picks(seed: 9)
        #expect(first == (try picks(seed: 9)))
        #expect(first != (try picks(seed: 10)))
        #expect(!first.contains(ben))
        // Each of three agents is picked with probability 1/3: 400 picks lie within ±55 of 133 (99.9 %).
        for agent in [anna, cleo, dora] { #expect(abs(first.filter { $0 == agent }.count - 133) <= 55) }
    }

    @Test func weightedRandomFollowsTheWeights() throws {
        var f = try EngineFixture(strategy: .weightedRandom, capacities: [4000, 4000, 4000, 4000], weights: [3, 1, 0, 0])
        var anna = 0
        for i in 0..<4000 {
            let chat = try f.arrive(Double(i))
            let offered = try f.engine.offeredAgents(of: chat)
            #expect(offered == [self.anna] || offered == [ben])
            if offered == [self.anna] { anna += 1 }
        }
        // Binomial(4000, 0.75): mean 3000, sd 27.4; 99.9 % band ±90.
        #expect(abs(anna - 3000) <= 90)
    }

    @Test func pullStrategiesOfferNobody() throws {
        for strategy in [Strategy.firstResponder, .manual] {
            var f = try EngineFixture(strategy: strategy)
            let chat = try f.arrive(0)
            #expect(f.events() == [.queued(chat, QueueID(0))])
            #expect(try f.engine.waitingChats(in: QueueID(0)) == [chat])
        }
    }
}
