// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// Random command sequences, with the invariant checker after every command.
@Suite struct RoutingEngineSweepTests {
    @Test(arguments: 0..<300) func invariantsHoldUnderRandomCommands(seed: Int) throws {
        var rng = SweepRandom(state: UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 1)
        let queueCount = 1 + Int(rng.next() % 3)
        let strategy: Strategy = rng.next() % 2 == 0 ? .longestIdle : .leastBusy
        let queues = (0..<queueCount).map {
            QueueConfiguration(name: "q\($0)", strategy: strategy, priority: Int(rng.next() % 3),
                               offerTimeout: .seconds(Double(5 + rng.next() % 20)))
        }
        let agents = (0..<(1 + Int(rng.next() % 6))).map { i in
            AgentConfiguration(name: "a\(i)", capacity: 1 + Int(rng.next() % 3),
                               queues: (0..<queueCount).filter { _ in rng.next() % 3 != 0 }.map { QueueID($0) })
        }
        var engine = try RoutingEngine(configuration: EngineConfiguration(queues: queues, agents: agents))
        var known: [ChatID] = []
        var clock = 0.0
        for step in 0..<400 {
            clock += Double(rng.next() % 5)
            let now = SimTime.zero + .seconds(clock)
            let agent = AgentID(Int(rng.next() % UInt64(agents.count)))
            let chat = known.isEmpty ? ChatID(slot: 0, generation: 0) : known[Int(rng.next() % UInt64(known.count))]
            switch rng.next() % 8 {
            case 0, 1: known.append(try engine.arrive(channel: .liveChat, queue: QueueID(Int(rng.next() % UInt64(queueCount))), at: now))
            case 2: _ = try? engine.accept(chat, by: agent, at: now)
            case 3: _ = try? engine.markHandled(chat, by: agent, at: now)
            case 4: _ = try? engine.customerLeft(chat, at: now)
            case 5: _ = try? engine.setStatus(agent, to: [.available, .away, .offline][Int(rng.next() % 3)], at: now)
            default:
                let deadline = engine.nextDeadline()
                if deadline != .never && deadline <= now { engine.fireDeadlines(at: now) }
                #expect(engine.nextDeadline() > now, "seed \(seed) step \(step)")
            }
            // Offers go to whoever the events name; accept some of them at once.
            for case .offered(let c, let a) in engine.events where rng.next() % 2 == 0 {
                try engine.accept(c, by: a, at: now)
            }
            engine.removeAllEvents()
            let problems = engine.invariantViolations()
            #expect(problems == [], "seed \(seed) step \(step)")
            if !problems.isEmpty { return }
        }
    }
}

struct SweepRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
