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
}
