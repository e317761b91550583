// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// Behaviour of the engine, command by command, as the manuals describe it.
@Suite struct RoutingEngineTests {
    func t(_ seconds: Double) -> SimTime { SimTime.zero + .seconds(seconds) }
    let support = QueueID(0)
    let sales = QueueID(1)
    let anna = AgentID(0), ben = AgentID(1), cleo = AgentID(2)

    func engine(strategy: Strategy = .longestIdle, capacities: [Int] = [1, 1, 1], salesPriority: Int = 0) throws -> RoutingEngine {
        let queues = [QueueConfiguration(name: "support", strategy: strategy),
                      QueueConfiguration(name: "sales", strategy: strategy, priority: salesPriority)]
        let agents = capacities.enumerated().map { i, c in
            AgentConfiguration(name: ["anna", "ben", "cleo"][i], capacity: c, queues: [QueueID(0), QueueID(1)])
        }
        return try RoutingEngine(configuration: EngineConfiguration(queues: queues, agents: agents))
    }

    func take(_ engine: inout RoutingEngine) -> [EngineEvent] {
        let events = engine.events
        engine.removeAllEvents()
        #expect(engine.invariantViolations() == [])
        return events
    }

    @Test func arrivalIsOfferedToTheLongestIdleAgent() throws {
        var e = try engine()
        try e.setStatus(anna, to: .away, at: t(0))
        try e.setStatus(anna, to: .available, at: t(5))   // anna idle since 5 s; ben and cleo since 0
        _ = take(&e)
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        #expect(take(&e) == [.offered(chat, ben)])        // ben and cleo tie at 0: member order
        try e.accept(chat, by: ben, at: t(11))
        #expect(take(&e) == [.accepted(chat, ben)])
        #expect(try e.state(of: chat) == .active)
        #expect(try e.owner(of: chat) == ben)
    }

    @Test func chatWaitsWhenNobodyIsEligibleAndGoesToTheFreedAgent() throws {
        var e = try engine(capacities: [1, 1, 1])
        for agent in [anna, ben, cleo] { try e.setStatus(agent, to: .offline, at: t(0)) }
        _ = take(&e)
        let chat = try e.arrive(channel: .whatsapp, queue: support, at: t(1))
        #expect(take(&e) == [.queued(chat, support)])
        #expect(try e.waitingCount(in: support) == 1)
        try e.setStatus(cleo, to: .available, at: t(2))
        #expect(take(&e) == [.statusChanged(cleo, .available), .offered(chat, cleo)])
        #expect(try e.waitingCount(in: support) == 0)
    }

    @Test func freedAgentTakesHighestPriorityThenEarliestChat() throws {
        var e = try engine(capacities: [1, 1, 1], salesPriority: 5)
        for agent in [ben, cleo] { try e.setStatus(agent, to: .offline, at: t(0)) }
        let first = try e.arrive(channel: .liveChat, queue: support, at: t(1))
        try e.accept(first, by: anna, at: t(1))
        let early = try e.arrive(channel: .liveChat, queue: support, at: t(2))
        let late = try e.arrive(channel: .liveChat, queue: sales, at: t(3))
        let later = try e.arrive(channel: .liveChat, queue: sales, at: t(4))
        _ = take(&e)
        try e.markHandled(first, by: anna, at: t(5))
        #expect(take(&e) == [.handled(first, anna), .offered(late, anna)])  // sales has priority 5
        try e.accept(late, by: anna, at: t(5))
        try e.markHandled(late, by: anna, at: t(6))
        #expect(take(&e) == [.accepted(late, anna), .handled(late, anna), .offered(later, anna)])
        #expect(try e.waitingCount(in: support) == 1)
        _ = early
    }

    @Test func leastBusyPicksTheLowestLoadRatio() throws {
        var e = try engine(strategy: .leastBusy, capacities: [2, 3, 1])
        let c1 = try e.arrive(channel: .liveChat, queue: support, at: t(1))   // all at 0/c: anna by order
        try e.accept(c1, by: anna, at: t(1))
        let c2 = try e.arrive(channel: .liveChat, queue: support, at: t(2))   // anna 1/2, ben 0/3, cleo 0/1
        let c3 = try e.arrive(channel: .liveChat, queue: support, at: t(3))   // ben 1/3 vs cleo 0/1 -> cleo
        let c4 = try e.arrive(channel: .liveChat, queue: support, at: t(4))   // anna 1/2, ben 1/3 -> ben
        #expect(take(&e) == [.offered(c1, anna), .accepted(c1, anna), .offered(c2, ben), .offered(c3, cleo),
                             .offered(c4, ben)])
    }

    @Test func refusedCommandsChangeNothing() throws {
        var e = try engine()
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(1))
        _ = take(&e)
        let before = e.invariantViolations()
        #expect(throws: EngineError.notOfferedTo(chat, ben)) { try e.accept(chat, by: ben, at: t(2)) }
        #expect(throws: EngineError.invalidState(chat, .offered)) { try e.markHandled(chat, by: anna, at: t(2)) }
        try e.accept(chat, by: anna, at: t(2))
        _ = take(&e)
        #expect(throws: EngineError.invalidState(chat, .active)) { try e.accept(chat, by: anna, at: t(3)) }
        #expect(throws: EngineError.notOwner(chat, ben)) { try e.markHandled(chat, by: ben, at: t(3)) }
        #expect(throws: EngineError.unknownAgent(AgentID(9))) { try e.setStatus(AgentID(9), to: .away, at: t(3)) }
        #expect(throws: EngineError.unknownQueue(QueueID(7))) { try e.arrive(channel: .sms, queue: QueueID(7), at: t(3)) }
        #expect(throws: EngineError.invalidStatusChange(ben, from: .available, to: .rona)) {
            try e.setStatus(ben, to: .rona, at: t(3))
        }
        #expect(e.events.isEmpty)
        #expect(try e.state(of: chat) == .active && e.load(of: anna) == 1 && e.chatCount == 1)
        try e.markHandled(chat, by: anna, at: t(4))
        #expect(throws: EngineError.unknownChat(chat)) { try e.customerLeft(chat, at: t(5)) }
        #expect(before == [])
    }

    @Test func unacceptedOfferIsRONAAndTheChatKeepsItsPlace() throws {
        var e = try engine(capacities: [1, 1, 1])
        try e.setStatus(cleo, to: .offline, at: t(0))
        let busy = try e.arrive(channel: .liveChat, queue: support, at: t(0))
        try e.accept(busy, by: anna, at: t(0))
        let missed = try e.arrive(channel: .liveChat, queue: support, at: t(1))   // offered to ben
        let next = try e.arrive(channel: .liveChat, queue: support, at: t(2))     // waits
        _ = take(&e)
        #expect(e.nextDeadline() == t(31))
        e.fireDeadlines(at: t(30.9))
        #expect(take(&e) == [])
        e.fireDeadlines(at: t(31))
        #expect(take(&e) == [.rona(missed, ben), .statusChanged(ben, .rona), .queued(missed, support)])
        #expect(try e.status(of: ben) == .rona)
        // The returned chat is ahead of the one that arrived after it.
        try e.markHandled(busy, by: anna, at: t(40))
        #expect(take(&e) == [.handled(busy, anna), .offered(missed, anna)])
        // A rona agent gets nothing until it sets itself available.
        try e.setStatus(ben, to: .available, at: t(50))
        #expect(take(&e) == [.statusChanged(ben, .available), .offered(next, ben)])
        // Unanswered since 1 s, the returned chat alerts at 61 s, before the offers of 40 s and 50 s time out.
        #expect(e.nextDeadline() == t(61))
    }

    @Test func customerLeavingDuringAnOfferWithdrawsItWithoutRONA() throws {
        var e = try engine()
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(1))
        _ = take(&e)
        try e.customerLeft(chat, at: t(3))
        #expect(take(&e) == [.offerWithdrawn(chat, anna), .abandoned(chat)])
        #expect(try e.status(of: anna) == .available)
        #expect(e.nextDeadline() == .never)
        #expect(try e.load(of: anna) == 0)
    }

    @Test func customerLeavingTheQueueIsAbandonment() throws {
        var e = try engine(capacities: [1, 1, 1])
        for agent in [anna, ben, cleo] { try e.setStatus(agent, to: .away, at: t(0)) }
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(1))
        _ = take(&e)
        try e.customerLeft(chat, at: t(2))
        #expect(take(&e) == [.abandoned(chat)])
        #expect(try e.waitingCount(in: support) == 0)
        try e.setStatus(anna, to: .available, at: t(3))
        #expect(take(&e) == [.statusChanged(anna, .available)])   // nothing left to offer
    }

    @Test func awayAgentIsNotOffered() throws {
        var e = try engine()
        try e.setStatus(anna, to: .away, at: t(0))
        try e.setStatus(ben, to: .offline, at: t(0))
        _ = take(&e)
        let chat = try e.arrive(channel: .facebook, queue: sales, at: t(1))
        #expect(take(&e) == [.offered(chat, cleo)])
    }

}
