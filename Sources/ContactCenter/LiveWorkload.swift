// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Statistics

/// A scenario's synthetic customers and agents for a load test of a live service (`parley drive`, SPEC §8).
///
/// Pure like the model: the first-contact arrivals of replication `index` and what is drawn for
/// each chat come from the simulator's own named streams (`customers/<stream>/arrivals`,
/// `…/patience`, `…/work`, `…/language`) in the simulator's order, so the customers a drive
/// plays are the ones a `parley run` of the same seed simulates. Re-contacts, chatbots and
/// holiday thinning are not played: they would interleave other draws on those streams.
/// Agent-side draws use each agent's stream `agents/<group>/<n>`, as the simulator does; its
/// shifts are the simulator's duty spans and its breaks the scenario's `away`.
public struct LiveWorkload: Sendable {
    /// One customer's chat, planned.
    public struct Arrival: Sendable, Equatable {
        /// When the customer writes, from the start of the replication (the warm-up included).
        public let time: SimTime
        /// The customer stream, by index in file order.
        public let stream: Int
        public let queue: String
        public let channel: Channel
        /// The chat's language; nil takes the queue's.
        public let language: String?
        /// How long the customer waits for an agent; ``SimDuration/forever`` for infinite patience.
        public let patience: SimDuration
        /// The chat's work content for a solo agent of speed 1.
        public let work: SimDuration
    }

    /// One synthetic agent's behaviour.
    public struct Agent: Sendable {
        /// The agent's name in the service (`<group>-<n>`).
        public let name: String
        /// The name of its random stream (`agents/<group>/<n>`).
        public let streamName: String
        public let capacity: Int
        public let speed: Double
        public let acceptDelay: Distribution
        public let missProbability: Double
        public let ronaRecovery: Distribution
        public let wrapUp: Distribution?
        /// When the agent is on duty (its shifts), from the start of the replication, sorted and disjoint.
        public let duty: [Span]
        /// Its breaks while on duty (nil: none).
        public let breaks: Breaks?
    }

    /// A span of simulated time from the start of the replication.
    public struct Span: Sendable, Equatable {
        public let start: SimTime
        public let end: SimTime
    }

    /// An agent's breaks (SPEC §3.2's `away`): a break turns an available agent away for its length.
    public enum Breaks: Sendable, Equatable {
        /// Every `every`, the first at a random phase within it, for `length`.
        case scheduled(every: SimDuration, length: SimDuration)
        /// At random, `ratePerSecond` of them per second, each for a drawn length (seconds).
        case atRandom(ratePerSecond: Double, length: Distribution)
    }

    public let model: CompiledScenario

    public init(_ model: CompiledScenario) { self.model = model }

    /// The synthetic agents in member order.
    public var agents: [Agent] {
        zip(model.engineConfiguration.agents, model.agents).map { configuration, agent in
            Agent(name: configuration.name, streamName: "agents/\(agent.name)", capacity: agent.capacity, speed: agent.speed,
                  acceptDelay: agent.acceptDelay, missProbability: agent.missProbability, ronaRecovery: agent.ronaRecovery,
                  wrapUp: agent.wrapUp,
                  duty: agent.duty.map { Span(start: SimTime(microseconds: $0.start), end: SimTime(microseconds: $0.end)) },
                  breaks: agent.away.map { away in
                      switch away {
                      case .scheduled(let every, let duration):
                          .scheduled(every: SimDuration(microseconds: every), length: SimDuration(microseconds: duration))
                      case .atRandom(let rate, let duration): .atRandom(ratePerSecond: rate * 1e6, length: duration)
                      }
                  })
        }
    }

    /// Each queue's service-level threshold, by queue id: an answer within it counts toward service level.
    public var serviceLevelThresholds: [String: SimDuration] {
        Dictionary(uniqueKeysWithValues: zip(model.queueNames, model.queueThresholds.map { SimDuration(microseconds: $0) }))
    }

    /// Where the measured window starts: chats arriving before it (the warm-up) are not measured.
    public var windowStart: SimTime { model.windowStart }

    /// The strategy of each queue offers to one agent at a time (`longest_idle`, `round_robin`, …).
    public var singleAgentQueues: [String: Bool] {
        var result: [String: Bool] = [:]
        for (q, queue) in model.engineConfiguration.queues.enumerated() {
            result[model.queueNames[q]] = queue.strategy.offerKind == .single
        }
        return result
    }

    /// Every first-contact arrival of replication `index` before `horizon`, in time order.
    ///
    /// - Complexity: O(n log n) in the arrivals.
    public func arrivals(replication index: Int, until horizon: SimTime) -> [Arrival] {
        let seed = model.scenario.seed
        var all: [Arrival] = []
        for (s, stream) in model.streams.enumerated() {
            let arrivals = RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/arrivals")
            let patience = RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/patience")
            let work = RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/work")
            let language = stream.languages.isEmpty ? nil
                : RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/language")
            var time = Int64(0)
            var traceRow = 0
            while true {
                switch stream.arrivals {
                case .poisson(let rate):
                    guard rate > 0 else {
                        time = .max
                        break
                    }
                    time = (SimTime(microseconds: time) + SimDuration(seconds: arrivals.exponential(mean: 1 / rate))).microseconds
                case .profile(let interval, let rates):
                    guard let next = model.nextProfileArrival(after: time, interval: interval, rates: rates,
                                                              unitExponential: arrivals.exponential(mean: 1)) else {
                        time = .max
                        break
                    }
                    time = next
                case .trace(let offsets, _):
                    guard traceRow < offsets.count else {
                        time = .max
                        break
                    }
                    time = model.windowStart.microseconds + offsets[traceRow]
                    traceRow += 1
                }
                guard time < horizon.microseconds, time >= 0 else { break }
                let drawnPatience = stream.patience.map { SimDuration(seconds: $0.sample(patience)) } ?? .forever
                var drawnWork = SimDuration(seconds: stream.handleTime.sample(work))
                if case .trace(_, let rows) = stream.arrivals, let seconds = rows[traceRow - 1] {
                    drawnWork = SimDuration(seconds: seconds)
                }
                // The simulator's draw of whether (and when) the customer leaves an active chat, kept
                // so the next chats' draws stay aligned; a drive does not end chats for customers.
                if stream.endsChatProbability > 0 && work.uniform() < stream.endsChatProbability { _ = work.uniform() }
                var drawnLanguage: String?
                if let language {
                    let picked = Self.pick(stream.languages, shares: stream.languageShares, language)
                    drawnLanguage = model.engineConfiguration.languages[Int(picked.index)]
                }
                all.append(Arrival(time: SimTime(microseconds: time), stream: s, queue: model.queueNames[stream.queue],
                                   channel: stream.channel, language: drawnLanguage, patience: drawnPatience, work: drawnWork))
            }
        }
        all.sort { ($0.time, $0.stream) < ($1.time, $1.stream) }
        return all
    }

    /// Draws one of `values` with the given shares (as the simulator does).
    static func pick<Value>(_ values: [Value], shares: [Double], _ stream: RandomStream) -> Value {
        var u = stream.uniform()
        for (value, share) in zip(values, shares) {
            if u < share { return value }
            u -= share
        }
        return values[values.count - 1]
    }
}
