// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// `acceptOffersAtOnce(by:_:)`: an offer accepted by the engine in the same step must leave exactly
/// the events and state of the caller accepting it at once after reading `.offered`.
@Suite struct AcceptAtOnceTests {
    /// Two engines of one random center get the same random commands; the agents marked prompt accept
    /// every offer the moment their caller reads it. The caller of the first engine accepts them itself;
    /// the second engine is told they accept at once, and its caller only accepts offers not already
    /// followed by `.accepted`. Every step's events (the caller's accepts included) and every query
    /// must agree, and both engines must keep their invariants.
    @Test(arguments: 0..<100) func sameEventsAndStateAsAcceptingAfterTheOffer(seed: Int) throws {
        try Self.compare(seed: seed, overflow: false)
    }

    /// The same with overflow levels, where the engine leaves every accept to the caller.
    @Test(arguments: 0..<30) func sameEventsAndStateWithOverflow(seed: Int) throws {
        try Self.compare(seed: seed, overflow: true)
    }

    /// The shortcut is taken where it should be: a chat arriving to an idle prompt agent and the chat a
    /// closing frees the agent for are accepted in the command itself, without an offer timer.
    @Test func arrivalAndFreedSlotAreAcceptedInTheCommand() throws {
        var fixture = try EngineFixture(strategy: .longestIdle, capacities: [1])
        try fixture.engine.acceptOffersAtOnce(by: EngineFixture.anna, true)
        let first = try fixture.arrive(0)
        #expect(fixture.events() == [.offered(first, EngineFixture.anna), .accepted(first, EngineFixture.anna)])
        #expect(try fixture.engine.owner(of: first) == EngineFixture.anna)
        #expect(fixture.engine.nextDeadline() == .never)   // no offer timer was left behind
        let second = try fixture.arrive(1)
        #expect(fixture.events() == [.queued(second, QueueID(0))])
        #expect(fixture.engine.nextDeadline() == EngineFixture.t(61))   // its unanswered alert
        try fixture.engine.markHandled(first, by: EngineFixture.anna, at: EngineFixture.t(2))
        #expect(fixture.events() == [.handled(first, EngineFixture.anna), .offered(second, EngineFixture.anna),
                                     .accepted(second, EngineFixture.anna)])
        #expect(try fixture.engine.state(of: second) == .active)
        #expect(fixture.engine.nextDeadline() == .never)
        // Turned off, the offer waits for the caller again.
        try fixture.engine.acceptOffersAtOnce(by: EngineFixture.anna, false)
        try fixture.engine.markHandled(second, by: EngineFixture.anna, at: EngineFixture.t(3))
        _ = fixture.events()
        let third = try fixture.arrive(4)
        #expect(fixture.events() == [.offered(third, EngineFixture.anna)])
        #expect(try fixture.engine.state(of: third) == .offered)
        #expect(throws: EngineError.unknownAgent(AgentID(7))) { try fixture.engine.acceptOffersAtOnce(by: AgentID(7), true) }
    }

    static func compare(seed: Int, overflow: Bool) throws {
        var rng = SweepRandom(state: UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 11)
        var center = RoutingEngineSweepTests.randomCenter(&rng)
        if overflow { RoutingEngineSweepTests.addOverflow(to: &center, &rng) }
        var byCaller = try RoutingEngine(configuration: center)
        var atOnce = try RoutingEngine(configuration: center)
        let agents = byCaller.agentCount, queueCount = byCaller.queueCount
        let prompt = (0..<agents).map { _ in rng.below(4) != 0 }
        for a in 0..<agents where prompt[a] { try atOnce.acceptOffersAtOnce(by: AgentID(a), true) }
        var known: [ChatID] = []
        var clock = 0.0
        for step in 0..<300 {
            clock += Double(rng.below(6))
            let now = SimTime.zero + .seconds(clock)
            let agent = AgentID(rng.below(agents)), other = AgentID(rng.below(agents))
            let chat = known.isEmpty ? ChatID(slot: 0, generation: 0) : known[rng.below(known.count)]
            let command = rng.below(14)
            let channel: Channel = [.liveChat, .whatsapp, .sms][rng.below(3)]
            let language = rng.below(3) == 0 ? nil : LanguageID(rng.below(2))
            let contact = rng.below(3) == 0 ? ContactID(rng.below(6)) : nil
            let queue = QueueID(rng.below(queueCount))
            let status: AgentStatus = [.available, .available, .away, .offline][rng.below(4)]
            var arrived: ChatID?
            func run(_ engine: inout RoutingEngine) -> String {
                do {
                    switch command {
                    case 0, 1, 2, 3:
                        let id = try engine.arrive(channel: channel, queue: queue, language: language, contact: contact, at: now)
                        if arrived == nil { arrived = id }
                        return "\(id)"
                    case 4, 5: try engine.markHandled(chat, by: agent, at: now)
                    case 6: try engine.leaveUnhandled(chat, by: agent, at: now)
                    case 7: try engine.customerLeft(chat, at: now)
                    case 8: try engine.setStatus(agent, to: status, at: now)
                    case 9: try engine.accept(chat, by: agent, at: now)
                    case 10: try engine.decline(chat, by: agent, at: now)
                    case 11: try engine.transfer(chat, by: agent, toAgent: other, at: now)
                    case 12: try engine.transfer(chat, by: agent, to: queue, at: now)
                    default: if engine.nextDeadline() <= now { engine.fireDeadlines(at: now) }
                    }
                    return "ok"
                } catch {
                    return "\(error)"
                }
            }
            let result = run(&byCaller)
            #expect(run(&atOnce) == result, "seed \(seed) step \(step)")
            if let arrived { known.append(arrived) }
            let events = Self.react(&byCaller, prompt: prompt, engineAccepts: false, at: now)
            let shortcut = Self.react(&atOnce, prompt: prompt, engineAccepts: true, at: now)
            #expect(events == shortcut, "seed \(seed) step \(step)")
            for c in known {
                #expect((try? byCaller.state(of: c)) == (try? atOnce.state(of: c)), "seed \(seed) step \(step) \(c)")
                #expect((try? byCaller.owner(of: c)) == (try? atOnce.owner(of: c)), "seed \(seed) step \(step) \(c)")
                #expect((try? byCaller.offeredAgents(of: c)) == (try? atOnce.offeredAgents(of: c)), "seed \(seed) step \(step) \(c)")
            }
            for a in 0..<agents {
                #expect((try? byCaller.status(of: AgentID(a))) == (try? atOnce.status(of: AgentID(a))), "seed \(seed) step \(step)")
                #expect((try? byCaller.load(of: AgentID(a))) == (try? atOnce.load(of: AgentID(a))), "seed \(seed) step \(step)")
                #expect((try? byCaller.acceptedCount(of: AgentID(a))) == (try? atOnce.acceptedCount(of: AgentID(a))), "seed \(seed) step \(step)")
            }
            for q in 0..<queueCount {
                #expect((try? byCaller.waitingChats(in: QueueID(q))) == (try? atOnce.waitingChats(in: QueueID(q))), "seed \(seed) step \(step)")
                #expect((try? byCaller.unansweredCount(in: QueueID(q))) == (try? atOnce.unansweredCount(in: QueueID(q))), "seed \(seed) step \(step)")
            }
            #expect(byCaller.nextDeadline() == atOnce.nextDeadline(), "seed \(seed) step \(step)")
            #expect(byCaller.invariantViolations() == [], "seed \(seed) step \(step)")
            #expect(atOnce.invariantViolations() == [], "seed \(seed) step \(step)")
            if events != shortcut { return }
        }
    }

    /// Reads the events in order as a simulator would: a prompt agent accepts each offer it reads at
    /// once, unless the engine already did (`.accepted` right after the `.offered`). Returns every event.
    static func react(_ engine: inout RoutingEngine, prompt: [Bool], engineAccepts: Bool, at now: SimTime) -> [EngineEvent] {
        var i = 0
        while i < engine.eventCount {
            let event = engine.event(at: i)
            i += 1
            guard case .offered(let chat, let agent) = event, prompt[Int(agent.index)] else { continue }
            if engineAccepts, i < engine.eventCount, case .accepted(chat, agent) = engine.event(at: i) { continue }
            _ = try? engine.accept(chat, by: agent, at: now)
        }
        let events = engine.events
        engine.removeAllEvents()
        return events
    }
}
