// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// Overflow steps (SPEC §3.3): a waiting chat's eligible set widens, or the chat moves to another
/// queue, at engine deadlines counted from its queue entry.
@Suite struct OverflowTests {
    static let support = QueueID(0), backup = QueueID(1)
    static let anna = AgentID(0), ben = AgentID(1), cleo = AgentID(2), dora = AgentID(3)
    let support = OverflowTests.support, backup = OverflowTests.backup
    let anna = OverflowTests.anna, ben = OverflowTests.ben, cleo = OverflowTests.cleo, dora = OverflowTests.dora

    func t(_ seconds: Double) -> SimTime { SimTime.zero + .seconds(seconds) }

    /// anna and ben serve support, cleo and dora serve backup (one slot each); alerts are far off.
    static func configuration(strategy: Strategy = .longestIdle, backupPriority: Int = 0,
                              overflow: [OverflowStep]) -> EngineConfiguration {
        var supportQueue = QueueConfiguration(name: "support", strategy: strategy, alertAfter: .minutes(30))
        supportQueue.overflow = overflow
        let backupQueue = QueueConfiguration(name: "backup", strategy: strategy, priority: backupPriority,
                                             alertAfter: .minutes(30))
        let agents = ["anna", "ben", "cleo", "dora"].enumerated().map { i, name in
            AgentConfiguration(name: name, queues: [i < 2 ? support : backup])
        }
        return EngineConfiguration(queues: [supportQueue, backupQueue], agents: agents)
    }

    static func widen(after seconds: Double, _ agents: [AgentID]) -> OverflowStep {
        OverflowStep(after: .seconds(seconds), action: .addAgents(agents))
    }

    static func move(after seconds: Double, to queue: QueueID) -> OverflowStep {
        OverflowStep(after: .seconds(seconds), action: .toQueue(queue))
    }

    func take(_ engine: inout RoutingEngine, sourceLocation: SourceLocation = #_sourceLocation) -> [EngineEvent] {
        let events = engine.events
        engine.removeAllEvents()
        #expect(engine.invariantViolations() == [], sourceLocation: sourceLocation)
        return events
    }

    /// Keeps anna and ben busy with one support chat each.
    func occupySupport(_ e: inout RoutingEngine) throws -> (ChatID, ChatID) {
        let first = try e.arrive(channel: .liveChat, queue: support, at: t(0))
        try e.accept(first, by: anna, at: t(0))
        let second = try e.arrive(channel: .liveChat, queue: support, at: t(1))
        try e.accept(second, by: ben, at: t(1))
        _ = take(&e)
        return (first, second)
    }

    @Test func aFiredStepMakesTheChatEligibleForTheAddedAgents() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.widen(after: 60, [Self.cleo])]))
        _ = try occupySupport(&e)
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        #expect(take(&e) == [.queued(chat, support)])                  // cleo is free but not a member yet
        // Before the step cleo may not take it from the list: a typed refusal that changes nothing.
        #expect(throws: EngineError.notMember(chat, cleo)) { try e.take(chat, by: cleo, at: t(20)) }
        #expect(e.events.isEmpty)
        #expect(try e.state(of: chat) == .queued)
        #expect(try e.load(of: cleo) == 0)
        #expect(e.nextDeadline() == t(70))
        e.fireDeadlines(at: t(69.999))
        #expect(take(&e) == [])
        e.fireDeadlines(at: t(70))
        #expect(take(&e) == [.overflowed(chat, support, step: 0), .offered(chat, cleo)])
        #expect(try e.queue(of: chat) == support)                       // widening keeps the queue
        try e.accept(chat, by: cleo, at: t(71))
        #expect(take(&e) == [.accepted(chat, cleo)])
        #expect(e.nextDeadline() == .never)
    }

    @Test func aStepDueAtEntryRoutesToTheWidenedSetAtOnce() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.widen(after: 0, [Self.dora])]))
        let first = try e.arrive(channel: .liveChat, queue: support, at: t(0))
        #expect(take(&e) == [.offered(first, anna)])                    // anna, ben, dora idle since 0: member order
        try e.accept(first, by: anna, at: t(0))
        let second = try e.arrive(channel: .liveChat, queue: support, at: t(1))
        try e.accept(second, by: ben, at: t(1))
        let third = try e.arrive(channel: .liveChat, queue: support, at: t(2))
        #expect(take(&e) == [.accepted(first, anna), .offered(second, ben), .accepted(second, ben), .offered(third, dora)])
        #expect(e.nextDeadline() == t(32))                              // only dora's offer timeout is pending
    }

    @Test func aFreedAddedAgentTakesTheOldestChatAcrossItsQueuesAndLevels() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.widen(after: 60, [Self.cleo])]))
        _ = try occupySupport(&e)
        try e.setStatus(dora, to: .offline, at: t(0))
        let own = try e.arrive(channel: .liveChat, queue: backup, at: t(2))
        try e.accept(own, by: cleo, at: t(2))
        let early = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        let late = try e.arrive(channel: .liveChat, queue: support, at: t(20))
        _ = take(&e)
        e.fireDeadlines(at: t(80))
        #expect(take(&e) == [.overflowed(early, support, step: 0), .overflowed(late, support, step: 0)])
        let backupChat = try e.arrive(channel: .liveChat, queue: backup, at: t(85))
        #expect(take(&e) == [.queued(backupChat, backup)])
        #expect(try e.waitingCount(in: support) == 2)
        #expect(try e.waitingCount(in: backup) == 1)
        // Priority equal: the earliest queue entry first, across its own queue and the overflow level.
        try e.markHandled(own, by: cleo, at: t(90))
        #expect(take(&e) == [.handled(own, cleo), .offered(early, cleo)])
        try e.accept(early, by: cleo, at: t(90))
        try e.markHandled(early, by: cleo, at: t(95))
        #expect(take(&e) == [.accepted(early, cleo), .handled(early, cleo), .offered(late, cleo)])
        #expect(try e.waitingChats(in: backup) == [backupChat])
    }

    @Test func aHigherPriorityQueueStillComesFirstForTheAddedAgent() throws {
        var e = try RoutingEngine(configuration: Self.configuration(backupPriority: 1,
                                                                   overflow: [Self.widen(after: 60, [Self.cleo])]))
        _ = try occupySupport(&e)
        try e.setStatus(dora, to: .offline, at: t(0))
        let own = try e.arrive(channel: .liveChat, queue: backup, at: t(2))
        try e.accept(own, by: cleo, at: t(2))
        let overflowed = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        e.fireDeadlines(at: t(70))
        let backupChat = try e.arrive(channel: .liveChat, queue: backup, at: t(85))
        _ = take(&e)
        try e.markHandled(own, by: cleo, at: t(90))
        #expect(take(&e) == [.handled(own, cleo), .offered(backupChat, cleo)])
        #expect(try e.waitingChats(in: support) == [overflowed])
    }

    @Test func aMoveToAnotherQueueKeepsTheChatsPlaceByEntryTime() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.move(after: 60, to: Self.backup)]))
        _ = try occupySupport(&e)
        let c1 = try e.arrive(channel: .liveChat, queue: backup, at: t(2))
        let c2 = try e.arrive(channel: .liveChat, queue: backup, at: t(3))
        try e.accept(c1, by: cleo, at: t(3))
        try e.accept(c2, by: dora, at: t(3))
        let moved = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        let waiting = try e.arrive(channel: .liveChat, queue: backup, at: t(30))
        _ = take(&e)
        e.fireDeadlines(at: t(70))
        #expect(take(&e) == [.overflowed(moved, support, step: 0), .queued(moved, backup)])
        #expect(try e.queue(of: moved) == backup)
        #expect(try e.waitingChats(in: backup) == [moved, waiting])     // entered at 10, before the backup chat at 30
        #expect(try e.waitingCount(in: support) == 0)
        #expect(try e.unansweredCount(in: backup) == 2)
        try e.markHandled(c1, by: cleo, at: t(80))
        #expect(take(&e) == [.handled(c1, cleo), .offered(moved, cleo)])
        // anna, a support member only, may no longer take the moved chat.
        #expect(throws: EngineError.notMember(waiting, anna)) { try e.take(waiting, by: anna, at: t(81)) }
        #expect(e.events.isEmpty)
    }

    @Test func aChatAnsweredOrGoneBeforeItsStepCancelsIt() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.widen(after: 60, [Self.cleo])]))
        let (first, _) = try occupySupport(&e)
        let answered = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        let gone = try e.arrive(channel: .liveChat, queue: support, at: t(20))
        #expect(e.nextDeadline() == t(70))
        try e.markHandled(first, by: anna, at: t(30))
        try e.accept(answered, by: anna, at: t(31))
        try e.customerLeft(gone, at: t(40))
        #expect(take(&e) == [.queued(answered, support), .queued(gone, support), .handled(first, anna),
                             .offered(answered, anna), .accepted(answered, anna), .abandoned(gone)])
        #expect(e.nextDeadline() == .never)
        e.fireDeadlines(at: t(200))
        #expect(take(&e) == [])
    }

    @Test func aStepDueWhileTheChatIsOfferedAppliesWhenItGoesBackToItsLine() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.widen(after: 60, [Self.cleo])]))
        let (first, _) = try occupySupport(&e)
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        try e.markHandled(first, by: anna, at: t(50))                    // offered to anna until 80
        _ = take(&e)
        e.fireDeadlines(at: t(70))
        #expect(take(&e) == [])                                          // offered: the step waits
        e.fireDeadlines(at: t(80))
        #expect(take(&e) == [.rona(chat, anna), .statusChanged(anna, .rona), .overflowed(chat, support, step: 0),
                             .queued(chat, support), .offered(chat, cleo)])
    }

    @Test func laterStepsFollowInTimeOrder() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [
            Self.widen(after: 30, [Self.cleo]), Self.widen(after: 90, [Self.dora]), Self.move(after: 150, to: Self.backup)]))
        _ = try occupySupport(&e)
        try e.setStatus(cleo, to: .away, at: t(0))
        try e.setStatus(dora, to: .away, at: t(0))
        let chat = try e.arrive(channel: .liveChat, queue: support, at: t(10))
        _ = take(&e)
        e.fireDeadlines(at: t(40))
        #expect(take(&e) == [.overflowed(chat, support, step: 0)])
        e.fireDeadlines(at: t(100))
        #expect(take(&e) == [.overflowed(chat, support, step: 1)])
        try e.setStatus(dora, to: .available, at: t(101))                // a member of the widened set now
        #expect(take(&e) == [.statusChanged(dora, .available), .offered(chat, dora)])
        try e.decline(chat, by: dora, at: t(102))
        #expect(take(&e) == [.declined(chat, dora), .queued(chat, support), .offered(chat, dora)])
        try e.setStatus(dora, to: .away, at: t(103))
        try e.decline(chat, by: dora, at: t(104))
        _ = take(&e)
        e.fireDeadlines(at: t(160))
        #expect(take(&e) == [.overflowed(chat, support, step: 2), .queued(chat, backup)])
        #expect(e.nextDeadline() > t(160))
    }

    @Test func internalLevelsAreNotQueues() throws {
        var e = try RoutingEngine(configuration: Self.configuration(overflow: [Self.widen(after: 60, [Self.cleo])]))
        #expect(e.queueCount == 2)
        #expect(throws: EngineError.unknownQueue(QueueID(2))) { try e.arrive(channel: .sms, queue: QueueID(2), at: t(0)) }
        #expect(throws: EngineError.unknownQueue(QueueID(2))) { try e.waitingCount(in: QueueID(2)) }
        let (first, _) = try occupySupport(&e)
        #expect(throws: EngineError.unknownQueue(QueueID(2))) { try e.transfer(first, by: anna, to: QueueID(2), at: t(5)) }
        #expect(e.events.isEmpty)
        #expect(try e.owner(of: first) == anna)
        #expect(try e.members(of: support) == [anna, ben])
    }

    @Test func impossibleStepsAreRefused() {
        func refusal(_ steps: [OverflowStep], supportSteps: Bool = true) -> String? {
            var configuration = Self.configuration(overflow: supportSteps ? steps : [])
            if !supportSteps { configuration.queues[1].overflow = steps }
            do {
                _ = try RoutingEngine(configuration: configuration)
                return nil
            } catch {
                guard case .invalidConfiguration(let message) = error else { return "\(error)" }
                return message
            }
        }
        #expect(refusal([Self.widen(after: 60, [AgentID(9)])]) == "queue 'support' overflow step 1 adds unknown agent#9")
        #expect(refusal([Self.move(after: 60, to: QueueID(5))]) == "queue 'support' overflow step 1 moves chats to unknown queue#5")
        #expect(refusal([Self.widen(after: 60, [Self.cleo]), Self.widen(after: 60, [Self.dora])])
                    == "queue 'support' overflow step 2 is not later than the step before it")
        #expect(refusal([Self.move(after: 60, to: Self.support)]) == "queue 'support' overflow step 1 moves chats to the queue itself")
        #expect(refusal([Self.move(after: 60, to: Self.backup), Self.widen(after: 90, [Self.cleo])])
                    == "queue 'support' overflow step 1 moves chats to another queue, so no step may follow it")
        #expect(refusal([Self.widen(after: -1, [Self.cleo])]) == "queue 'support' overflow step 1 is before the chat's entry")
        #expect(refusal([Self.widen(after: 1, [])]) == "queue 'support' overflow step 1 adds no agent")
        var cycle = Self.configuration(overflow: [Self.move(after: 60, to: Self.backup)])
        cycle.queues[1].overflow = [Self.move(after: 120, to: Self.support)]
        #expect(throws: EngineError.invalidConfiguration("queue 'support' overflows round a cycle of queues back to itself")) {
            try RoutingEngine(configuration: cycle)
        }
        #expect(refusal([Self.widen(after: 0, [Self.cleo]), Self.move(after: 60, to: Self.backup)]) == nil)
    }

    /// With a step at 0 s adding every other member, each strategy makes exactly the decisions it
    /// makes for one queue whose members are the widened set: same picks, same tie-breaks, same
    /// random draws, under random commands.
    @Test(arguments: Strategy.allCases)
    func aStepAtEntryDecidesLikeThePooledQueue(strategy: Strategy) throws {
        for seed in 1...12 {
            var rng = SweepRandom(state: UInt64(seed) &* 0x2545_f491_4f6c_dd1d &+ UInt64(strategy.rawValue))
            let capacities = (0..<5).map { _ in 1 + rng.below(2) }
            let experience = (0..<5).map { _ in rng.below(4) }
            let weights = (0..<5).map { _ in Double(1 + rng.below(3)) }
            func center(pooled: Bool) -> EngineConfiguration {
                var queue = QueueConfiguration(name: "q", strategy: strategy, offerTimeout: .seconds(7), alertAfter: .seconds(20),
                                               claim: seed % 2 == 0 ? .take : .firstReply, top: 2)
                if !pooled { queue.overflow = [Self.widen(after: 0, [AgentID(2), AgentID(4), AgentID(3)])] }
                let agents = (0..<5).map { i in
                    AgentConfiguration(name: "a\(i)", capacity: capacities[i], experience: experience[i], weight: weights[i],
                                       queues: pooled || i < 2 ? [QueueID(0)] : [])
                }
                return EngineConfiguration(queues: [queue], agents: agents, randomSeed: UInt64(seed))
            }
            var overflowing = try RoutingEngine(configuration: center(pooled: false))
            var pooled = try RoutingEngine(configuration: center(pooled: true))
            var known: [ChatID] = []
            var clock = 0.0
            for step in 0..<150 {
                clock += Double(rng.below(4))
                let now = SimTime.zero + .seconds(clock)
                let agent = AgentID(rng.below(5))
                let chat = known.isEmpty ? ChatID(slot: 0, generation: 0) : known[rng.below(known.count)]
                let choice = rng.below(9)
                func apply(_ e: inout RoutingEngine) -> String {
                    do {
                        switch choice {
                        case 0, 1, 2: return "\(try e.arrive(channel: .liveChat, queue: QueueID(0), at: now))"
                        case 3: try e.accept(chat, by: agent, at: now)
                        case 4: try e.markHandled(chat, by: agent, at: now)
                        case 5: try e.customerLeft(chat, at: now)
                        case 6: try e.setStatus(agent, to: [.available, .away][rng.below(2)], at: now)
                        case 7: _ = try e.getNext(agent: agent, at: now)
                        default: e.fireDeadlines(at: now)
                        }
                        return "ok"
                    } catch {
                        return "\(error)"
                    }
                }
                let savedRandom = rng
                let a = apply(&overflowing)
                rng = savedRandom
                let b = apply(&pooled)
                #expect(a == b, "\(strategy) seed \(seed) step \(step)")
                #expect(overflowing.events == pooled.events, "\(strategy) seed \(seed) step \(step)")
                if choice <= 2, let created = overflowing.events.first.flatMap(Self.chat(of:)) { known.append(created) }
                overflowing.removeAllEvents()
                pooled.removeAllEvents()
                #expect(overflowing.invariantViolations() == [])
                #expect(overflowing.nextDeadline() == pooled.nextDeadline())
            }
        }
    }

    static func chat(of event: EngineEvent) -> ChatID? {
        switch event {
        case .queued(let chat, _), .offered(let chat, _), .offlineForm(let chat, _), .stickyWaiting(let chat, _): chat
        default: nil
        }
    }
}
