// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing
@testable import RoutingCore

/// A small center for behaviour tests: agents anna, ben, cleo, dora in member order.
struct EngineFixture {
    static let anna = AgentID(0), ben = AgentID(1), cleo = AgentID(2), dora = AgentID(3)

    var engine: RoutingEngine

    /// One queue `q` with the given strategy; agents with the given capacities, experience and weights.
    init(strategy: Strategy, capacities: [Int] = [1, 1, 1, 1], experience: [Int] = [0, 0, 0, 0],
         weights: [Double] = [1, 1, 1, 1], languages: [[LanguageID]] = [[], [], [], []],
         channelCapacity: [[Channel: Int]] = [[:], [:], [:], [:]], queue: (inout QueueConfiguration) -> Void = { _ in },
         randomSeed: UInt64 = 1) throws {
        var config = QueueConfiguration(name: "q", strategy: strategy)
        queue(&config)
        let names = ["anna", "ben", "cleo", "dora"]
        let agents = capacities.indices.map { i in
            AgentConfiguration(name: names[i], extensionNumber: "10\(i + 1)", capacity: capacities[i],
                               channelCapacity: channelCapacity[i], experience: experience[i], languages: languages[i],
                               weight: weights[i], queues: [QueueID(0)])
        }
        engine = try RoutingEngine(configuration: EngineConfiguration(queues: [config], agents: agents,
                                                                      languages: ["de", "en"], randomSeed: randomSeed))
    }

    static func t(_ seconds: Double) -> SimTime { SimTime.zero + .seconds(seconds) }

    /// The events since the last call, after checking every invariant.
    mutating func events(sourceLocation: SourceLocation = #_sourceLocation) -> [EngineEvent] {
        let events = engine.events
        engine.removeAllEvents()
        #expect(engine.invariantViolations() == [], sourceLocation: sourceLocation)
        return events
    }

    mutating func arrive(_ seconds: Double, channel: Channel = .liveChat, language: LanguageID? = nil,
                         contact: ContactID? = nil) throws -> ChatID {
        try engine.arrive(channel: channel, queue: QueueID(0), language: language, contact: contact, at: Self.t(seconds))
    }
}
