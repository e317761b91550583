// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// Random command sequences over random centers, with the invariant checker after every command.
///
/// Commands are drawn blindly, so most are refused; a refused command must change nothing
/// (checked by comparing the invariant report and the counters before and after).
@Suite struct RoutingEngineSweepTests {
    @Test(arguments: 0..<200) func invariantsHoldUnderRandomCommands(seed: Int) throws {
        var rng = SweepRandom(state: UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 1)
        try Self.sweep(Self.randomCenter(&rng), seed: seed, rng: &rng)
    }

    /// The same sweep over centers whose queues overflow: random steps that widen the eligible
    /// set (some at 0 s) and moves to other queues, fired as deadlines among the commands.
    @Test(arguments: 0..<200) func invariantsHoldUnderRandomCommandsWithOverflow(seed: Int) throws {
        var rng = SweepRandom(state: UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 7)
        var center = Self.randomCenter(&rng)
        Self.addOverflow(to: &center, &rng)
        try Self.sweep(center, seed: seed, rng: &rng)
    }

    /// Random commands against an engine built from `center`, checking the invariants after each.
    static func sweep(_ center: EngineConfiguration, seed: Int, rng: inout SweepRandom) throws {
        var engine = try RoutingEngine(configuration: center)
        let agents = engine.agentCount, queueCount = engine.queueCount
        var known: [ChatID] = []
        var clock = 0.0
        for step in 0..<250 {
            clock += Double(rng.below(8))
            let now = SimTime.zero + .seconds(clock)
            let agent = AgentID(rng.below(agents)), other = AgentID(rng.below(agents))
            let chat = known.isEmpty ? ChatID(slot: 0, generation: 0) : known[rng.below(known.count)]
            let before = (engine.chatCount, (0..<agents).map { try? engine.load(of: AgentID($0)) })
            var refused = false
            do {
                switch rng.below(16) {
                case 0, 1, 2:
                    let channel: Channel = [.liveChat, .whatsapp, .sms][rng.below(3)]
                    let language = rng.below(3) == 0 ? nil : LanguageID(rng.below(2))
                    let contact = rng.below(2) == 0 ? ContactID(rng.below(6)) : nil
                    known.append(try engine.arrive(channel: channel, queue: QueueID(rng.below(queueCount)),
                                                   language: language, contact: contact, at: now))
                case 3, 4: try engine.accept(chat, by: agent, at: now)
                case 5: try engine.markHandled(chat, by: agent, at: now)
                case 6: try engine.leaveUnhandled(chat, by: agent, at: now)
                case 7: try engine.customerLeft(chat, at: now)
                case 8: try engine.setStatus(agent, to: [.available, .away, .offline][rng.below(3)], at: now)
                case 9: rng.below(2) == 0 ? try engine.take(chat, by: agent, at: now) : try engine.reply(chat, by: agent, at: now)
                case 10: _ = try engine.getNext(agent: agent, at: now)
                case 11: try engine.transfer(chat, by: agent, toAgent: other, at: now)
                case 12: try engine.transfer(chat, by: agent, to: QueueID(rng.below(queueCount)), at: now)
                case 13: try engine.invite(chat, by: agent, agent: other, at: now)
                case 14:
                    switch rng.below(3) {
                    case 0: try engine.leaveConference(chat, by: agent, at: now)
                    case 1: try engine.endConference(chat, by: agent, at: now)
                    default: try engine.decline(chat, by: agent, at: now)
                    }
                default:
                    let deadline = engine.nextDeadline()
                    if deadline <= now { engine.fireDeadlines(at: now) }
                    #expect(engine.nextDeadline() > now, "seed \(seed) step \(step)")
                }
            } catch {
                refused = true
            }
            if refused {
                #expect(engine.events.isEmpty, "seed \(seed) step \(step): a refused command emitted events")
                #expect(before.0 == engine.chatCount && before.1 == (0..<agents).map { try? engine.load(of: AgentID($0)) },
                        "seed \(seed) step \(step): a refused command changed the state")
            }
            // Accept some offers at once, as prompt agents would.
            for case .offered(let c, let a) in engine.events where rng.below(3) == 0 {
                _ = try? engine.accept(c, by: a, at: now)
            }
            engine.removeAllEvents()
            let problems = engine.invariantViolations()
            #expect(problems == [], "seed \(seed) step \(step)")
            if !problems.isEmpty { return }
        }
    }

    /// Gives each queue of `center` 0–3 overflow steps at increasing times (the first sometimes at
    /// 0 s): widenings by 1–3 random agents, and, last, a move to a later queue (so moves form no cycle).
    static func addOverflow(to center: inout EngineConfiguration, _ rng: inout SweepRandom) {
        let queueCount = center.queues.count
        for q in 0..<queueCount {
            var after = Double(rng.below(2) == 0 ? 0 : 1 + rng.below(30))
            var steps: [OverflowStep] = []
            for _ in 0..<rng.below(4) {
                if q + 1 < queueCount && rng.below(3) == 0 {
                    steps.append(OverflowStep(after: .seconds(after), action: .toQueue(QueueID(q + 1 + rng.below(queueCount - q - 1)))))
                    break
                }
                let added = (0..<(1 + rng.below(3))).map { _ in AgentID(rng.below(center.agents.count)) }
                steps.append(OverflowStep(after: .seconds(after), action: .addAgents(added)))
                after += Double(1 + rng.below(40))
            }
            center.queues[q].overflow = steps
        }
    }

    /// A center of 1–3 queues with random strategies and rules, and 1–6 agents with random
    /// capacities, channel limits, languages and memberships.
    static func randomCenter(_ rng: inout SweepRandom) -> EngineConfiguration {
        let queueCount = 1 + rng.below(3)
        let queues = (0..<queueCount).map { q in
            QueueConfiguration(name: "q\(q)", strategy: Strategy.allCases[rng.below(Strategy.allCases.count)],
                               priority: rng.below(3), offerTimeout: .seconds(Double(5 + rng.below(20))),
                               alertAfter: .seconds(Double(10 + rng.below(60))), stickyWait: .seconds(Double(5 + rng.below(30))),
                               claim: rng.below(2) == 0 ? .firstReply : .take, top: 1 + rng.below(3),
                               defaultLanguage: rng.below(2) == 0 ? nil : LanguageID(rng.below(2)),
                               offlineForm: rng.below(3) == 0)
        }
        let agents = (0..<(1 + rng.below(6))).map { i in
            AgentConfiguration(name: "a\(i)", extensionNumber: "\(100 + i)", capacity: 1 + rng.below(3),
                               channelCapacity: rng.below(2) == 0 ? [:] : [.whatsapp: rng.below(2)],
                               experience: rng.below(4), languages: [[], [LanguageID(0)], [LanguageID(1)]][rng.below(3)],
                               weight: Double(rng.below(3)),
                               queues: (0..<queueCount).filter { _ in rng.below(3) != 0 }.map { QueueID($0) })
        }
        return EngineConfiguration(queues: queues, agents: agents, languages: ["de", "en"], randomSeed: rng.next())
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
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
