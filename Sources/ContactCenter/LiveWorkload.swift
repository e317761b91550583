// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Statistics

/// A scenario's synthetic customers and agents for a load test of a live service (`parley drive`, SPEC §8).
///
/// Pure like the model: the first-contact arrivals of replication `index` and what is drawn for
/// each chat come from the simulator's own named streams (`customers/<stream>/arrivals`,
/// `…/patience`, `…/work`, `…/language`) in the simulator's order, so the customers a drive
/// plays are the ones a `parley run` of the same seed simulates. A chat's chatbot (`customers/<stream>/bot`,
/// its transcript's saving from `…/transcript`) and whether its customer writes again (`…/return`) are
/// drawn there too. Re-contacts are drawn when they are due (``Draws``), interleaved with the first
/// contacts on the stream's streams in time order as in the simulator. Agent-side draws use each agent's stream `agents/<group>/<n>`, as the simulator does; its
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
        /// The customer's contact, numbered from 0 in the order they are made: set for a customer who
        /// writes again (a re-contact, or one whose `returnAfter` is finite); nil otherwise.
        public var contact: Int? = nil
        /// Whether the customer writes again (a re-contact of `contact`).
        public var isReturning = false
        /// How long after its chat is handled the customer writes again; ``SimDuration/forever``: never.
        public var returnAfter: SimDuration = .forever
        /// What the stream's chatbot does with the chat before any agent sees it (nil: no chatbot).
        public var bot: Bot? = nil
    }

    /// A chat's time with its stream's chatbot (SPEC §3.3 `bot`): it ends after `delay`, when the
    /// customer leaves it, the bot resolves the chat, or hands it to the queue.
    public struct Bot: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            case leaves, resolves, handsOver
        }
        public let outcome: Outcome
        public let delay: SimDuration
    }

    /// A first contact's time and stream, before its draws.
    public struct FirstContact: Sendable, Equatable {
        public let time: SimTime
        /// The customer stream, by index in file order.
        public let stream: Int
        /// A trace row's recorded handle time (seconds), which replaces the drawn one.
        public let tracedWork: Double?
    }

    /// The per-chat draws of one replication, made in the order the chats arrive (pure: the caller
    /// orders the calls; a drive makes them as its customers write).
    public struct Draws {
        let model: CompiledScenario
        private let patience: [RandomStream]
        private let work: [RandomStream]
        private let language: [RandomStream?]
        private let returns: [RandomStream?]
        private let bots: [RandomStream?]
        private let transcripts: [RandomStream?]
        private var contacts = 0

        init(model: CompiledScenario, replication index: Int) {
            self.model = model
            let seed = model.scenario.seed
            func streams(_ part: String, when used: (Int) -> Bool = { _ in true }) -> [RandomStream?] {
                model.streams.indices.map { s in
                    used(s) ? RandomStream(seed: seed, replication: index, name: "customers/\(model.streams[s].name)/\(part)") : nil
                }
            }
            patience = streams("patience").map { $0! }
            work = streams("work").map { $0! }
            language = streams("language") { !model.streams[$0].languages.isEmpty }
            returns = streams("return") { model.streams[$0].returnProbability > 0 }
            bots = streams("bot") { model.services.streams[$0].hasBot && model.services.drawsAtArrival[$0] }
            transcripts = streams("transcript") { model.services.streams[$0].transcriptSaves != nil }
        }

        /// A first contact's chat with its draws.
        public mutating func arrival(_ first: FirstContact) -> Arrival {
            arrival(stream: first.stream, at: first.time, returning: nil, tracedWork: first.tracedWork)
        }

        /// The chat of returning customer `contact` of stream `s`, writing at `time`, with its draws.
        public mutating func returning(_ contact: Int, stream s: Int, at time: SimTime) -> Arrival {
            arrival(stream: s, at: time, returning: contact, tracedWork: nil)
        }

        /// The work a handed-over chat's bot transcript saves its agent, drawn when the bot hands it over.
        public mutating func transcriptSaves(stream s: Int) -> SimDuration {
            guard let stream = transcripts[s], let saves = model.services.streams[s].transcriptSaves else { return .zero }
            return SimDuration(seconds: saves.sample(stream))
        }

        /// The simulator's draws of `Replication.arrive`, in its order: patience, work (and whether the
        /// customer ends the chat), language, return, then the chatbot's.
        private mutating func arrival(stream s: Int, at time: SimTime, returning: Int?, tracedWork: Double?) -> Arrival {
            let stream = model.streams[s]
            let drawnPatience = stream.patience.map { SimDuration(seconds: $0.sample(patience[s])) } ?? .forever
            var drawnWork = SimDuration(seconds: stream.handleTime.sample(work[s]))
            if let tracedWork { drawnWork = SimDuration(seconds: tracedWork) }
            // The simulator's draw of whether (and when) the customer leaves an active chat, kept
            // so the next chats' draws stay aligned; a drive does not end chats for customers.
            if stream.endsChatProbability > 0 && work[s].uniform() < stream.endsChatProbability { _ = work[s].uniform() }
            var drawnLanguage: String?
            if let language = language[s] {
                let picked = LiveWorkload.pick(stream.languages, shares: stream.languageShares, language)
                drawnLanguage = model.engineConfiguration.languages[Int(picked.index)]
            }
            var returnAfter = SimDuration.forever
            if let draw = returns[s], draw.uniform() < stream.returnProbability {
                returnAfter = SimDuration(seconds: stream.returnAfter.sample(draw))
            }
            var bot: Bot?
            let compiled = model.services.streams[s]
            if let draw = bots[s], let botTime = compiled.botTime {
                let resolves = draw.uniform() < compiled.botDeflection
                let talk = SimDuration(seconds: botTime.sample(draw))
                let stay = compiled.botPatience.map { SimDuration(seconds: $0.sample(draw)) } ?? .forever
                bot = Bot(outcome: stay < talk ? .leaves : resolves ? .resolves : .handsOver, delay: min(stay, talk))
            }
            var contact = returning
            if contact == nil && returnAfter != .forever {
                contact = contacts
                contacts += 1
            }
            return Arrival(time: time, stream: s, queue: model.queueNames[stream.queue], channel: stream.channel,
                           language: drawnLanguage, patience: drawnPatience, work: drawnWork, contact: contact,
                           isReturning: returning != nil, returnAfter: returnAfter, bot: bot)
        }
    }

    /// The per-chat draws of replication `index`, for chats drawn as they come.
    public func draws(replication index: Int) -> Draws { Draws(model: model, replication: index) }

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

    /// Every first-contact arrival of replication `index` before `horizon`, in time order, with its
    /// draws (re-contacts are not in it: they depend on when the chats before them close).
    ///
    /// - Complexity: O(n log n) in the arrivals.
    public func arrivals(replication index: Int, until horizon: SimTime) -> [Arrival] {
        var draws = draws(replication: index)
        // Each stream's chats are drawn in its own time order, as the simulator draws them.
        return firstContacts(replication: index, until: horizon).map { draws.arrival($0) }
    }

    /// Every first contact of replication `index` before `horizon` (time and stream, no draws), in
    /// time order (ties by stream, then in the stream's order).
    public func firstContacts(replication index: Int, until horizon: SimTime) -> [FirstContact] {
        let seed = model.scenario.seed
        var all: [FirstContact] = []
        for (s, stream) in model.streams.enumerated() {
            let arrivals = RandomStream(seed: seed, replication: index, name: "customers/\(stream.name)/arrivals")
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
                var traced: Double?
                if case .trace(_, let rows) = stream.arrivals { traced = rows[traceRow - 1] }
                all.append(FirstContact(time: SimTime(microseconds: time), stream: s, tracedWork: traced))
            }
        }
        return all.enumerated().sorted { ($0.element.time, $0.element.stream, $0.offset) < ($1.element.time, $1.element.stream, $1.offset) }
            .map(\.element)
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
