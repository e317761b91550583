// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// The engine is a value: a copy goes on apart from the engine it was copied from, although its
/// tables are shared until one of them changes (one uniqueness check per command, ``RoutingEngine/makeUnique()``).
@Suite struct EngineValueTests {
    /// Accepts every offer among `events`, then marks every chat accepted so far handled, one a second from `start`.
    static func work(_ engine: inout RoutingEngine, _ events: [EngineEvent], from start: Double) throws -> [EngineEvent] {
        var seen: [EngineEvent] = []
        var time = start
        var owned: [(ChatID, AgentID)] = []
        for event in events {
            guard case .offered(let chat, let agent) = event else { continue }
            try engine.accept(chat, by: agent, at: EngineFixture.t(time))
            owned.append((chat, agent))
            time += 1
        }
        seen += engine.events
        engine.removeAllEvents()
        for (chat, agent) in owned {
            try engine.markHandled(chat, by: agent, at: EngineFixture.t(time))
            time += 1
        }
        seen += engine.events
        engine.removeAllEvents()
        return seen
    }

    /// Accepts and closes the chats offered in `events`, lets one more arrive and sends dora away.
    static func diverge(_ engine: inout RoutingEngine, _ events: [EngineEvent]) throws {
        _ = try work(&engine, events, from: 10)
        _ = try engine.arrive(channel: .liveChat, queue: QueueID(0), at: EngineFixture.t(30))
        try engine.setStatus(EngineFixture.dora, to: .away, at: EngineFixture.t(31))
        #expect(engine.invariantViolations() == [])
        #expect(try engine.status(of: EngineFixture.dora) == .away)
    }

    /// Five chats reach four agents; what a copy then does (accepts, closes, arrivals, a status
    /// change) leaves the engine it was copied from exactly as an engine never copied: the same
    /// events from then on, the same answers, and its invariants. And the other way round.
    @Test(arguments: [false, true]) func aCopyGoesOnApartFromItsOriginal(divergingFirst: Bool) throws {
        var untouched = try EngineFixture(strategy: .longestIdle)
        var copied = try EngineFixture(strategy: .longestIdle)
        var chats: [ChatID] = []
        for i in 0..<5 {
            chats.append(try untouched.arrive(Double(i)))
            #expect(try copied.arrive(Double(i)) == chats[i])
        }
        let firstEvents = untouched.events()
        #expect(copied.events() == firstEvents)
        // One of two equal values (sharing their tables) goes its own way; the other is kept.
        var first = copied.engine
        var second = first
        if divergingFirst {
            try Self.diverge(&first, firstEvents)
            copied.engine = second
        } else {
            try Self.diverge(&second, firstEvents)
            copied.engine = first
        }
        // The kept engine answers and goes on like the one never copied.
        for chat in chats {
            #expect(try copied.engine.state(of: chat) == untouched.engine.state(of: chat))
        }
        for agent in [EngineFixture.anna, EngineFixture.ben, EngineFixture.cleo, EngineFixture.dora] {
            #expect(try copied.engine.load(of: agent) == untouched.engine.load(of: agent))
            #expect(try copied.engine.status(of: agent) == untouched.engine.status(of: agent))
        }
        let expected = try Self.work(&untouched.engine, firstEvents, from: 50)
        #expect(try Self.work(&copied.engine, firstEvents, from: 50) == expected)
        #expect(!expected.isEmpty)
        #expect(try copied.arrive(80) == untouched.arrive(80))
        #expect(copied.events() == untouched.events())
        #expect(copied.engine.invariantViolations() == [])
    }

    /// Every agent, in order.
    static let agents = [EngineFixture.anna, EngineFixture.ben, EngineFixture.cleo, EngineFixture.dora]

    /// Lets the offers time out (RONA: the chats go back to their lines at their places), brings
    /// the agents back, fires the waiting chats' alerts and the offers' timeouts again, brings
    /// the agents back once more, then accepts and closes what is offered; returns every event and the waiting lists and deadlines seen on the way.
    static func goOn(_ engine: inout RoutingEngine, from start: Double) throws -> [String] {
        var seen: [String] = []
        func note() throws {
            seen.append("\(engine.nextDeadline()) \(try engine.waitingChats(in: QueueID(0))) \(engine.events)")
            engine.removeAllEvents()
        }
        engine.fireDeadlines(at: EngineFixture.t(start + 10))
        try note()
        for agent in agents { try engine.setStatus(agent, to: .available, at: EngineFixture.t(start + 11)) }
        try note()
        engine.fireDeadlines(at: EngineFixture.t(start + 40))
        try note()
        for agent in agents { try engine.setStatus(agent, to: .available, at: EngineFixture.t(start + 41)) }
        let offers = engine.events
        try note()
        seen += try work(&engine, offers, from: start + 42).map { "\($0)" }
        try note()
        #expect(engine.invariantViolations() == [])
        return seen
    }

    /// Four chats offered with an offer timeout and seven waiting with an alert pending; a copy that
    /// then fires timers (RONA puts chats back in line at their places), loses a waiting chat, takes
    /// forty more (the lines grow) and closes chats leaves the engine it was copied from exactly as an
    /// engine never copied: the same waiting lists, deadlines and events from then on. Both ways round.
    @Test(arguments: [false, true]) func aCopyKeepsItsOwnLinesAndDeadlines(divergingFirst: Bool) throws {
        let timers: (inout QueueConfiguration) -> Void = { $0.offerTimeout = .seconds(8); $0.alertAfter = .seconds(20) }
        var untouched = try EngineFixture(strategy: .longestIdle, queue: timers)
        var copied = try EngineFixture(strategy: .longestIdle, queue: timers)
        var chats: [ChatID] = []
        for i in 0..<11 {
            chats.append(try untouched.arrive(Double(i) / 4))
            #expect(try copied.arrive(Double(i) / 4) == chats[i])
        }
        #expect(copied.events() == untouched.events())
        #expect(try untouched.engine.waitingChats(in: QueueID(0)).count == 7)
        var first = copied.engine
        var second = first
        func diverge(_ engine: inout RoutingEngine) throws {
            #expect(engine.nextDeadline() == EngineFixture.t(8))
            engine.fireDeadlines(at: EngineFixture.t(9))
            try engine.customerLeft(chats[6], at: EngineFixture.t(9))
            for i in 0..<40 { _ = try engine.arrive(channel: .liveChat, queue: QueueID(0), at: EngineFixture.t(10 + Double(i) / 10)) }
            for agent in Self.agents { try engine.setStatus(agent, to: .available, at: EngineFixture.t(15)) }
            _ = try Self.work(&engine, engine.events, from: 16)
            #expect(try engine.waitingChats(in: QueueID(0)).count > 7)
            #expect(engine.invariantViolations() == [])
        }
        if divergingFirst {
            try diverge(&first)
            copied.engine = second
        } else {
            try diverge(&second)
            copied.engine = first
        }
        for chat in chats { #expect(try copied.engine.state(of: chat) == untouched.engine.state(of: chat)) }
        let expected = try Self.goOn(&untouched.engine, from: 0)
        #expect(try Self.goOn(&copied.engine, from: 0) == expected)
        #expect(expected[0].hasPrefix("\(EngineFixture.t(20)) "))   // after RONA, the first chat's alert is next
        #expect(expected.joined().contains("handled"))
        #expect(expected.joined().contains("rona"))
    }
}
