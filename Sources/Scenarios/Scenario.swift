// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Foundation
import ParleyTime

/// A validated description of a contact center to simulate (SPEC §3.1).
///
/// A `Scenario` is produced only by ``ScenarioLoader``, which checks every key, type and
/// value; the simulator trusts it. It describes the system and never runs it.
public struct Scenario: Sendable, Equatable {
    /// The scenario's name, used in reports and as the run's label.
    public var name: String
    /// The base seed; every random stream derives from it (SPEC §1).
    public var seed: UInt64
    /// Independent replications to run (default 10).
    public var replications: Int
    /// Simulated pre-roll before the measured window (default 0 s).
    public var warmup: SimDuration
    /// Length of the measured window.
    public var duration: SimDuration
    /// How long after the window the run may continue until every measured chat is resolved (default 24 h).
    public var drainLimit: SimDuration
    /// The default service-level threshold for queues that do not set one (default 20 s).
    public var serviceLevelThreshold: SimDuration
    /// Queues in file order.
    public var queues: [QueueSpec]
    /// Agent groups in file order; member order is groups in file order, agents by index.
    public var agentGroups: [AgentGroupSpec]
    /// Customer streams in file order.
    public var customerStreams: [CustomerStreamSpec]
    /// When the measured window starts, as local time and its place in the week.
    public var start: LocalStart = .mondayMidnight
    /// The bucket of the per-interval time series (default 1 h).
    public var interval: SimDuration = .hours(1)
    /// Business hours of every queue (`calendar`); nil: always open.
    public var calendar: BusinessCalendar?
    /// The YAML text the scenario was read from, stored with every run.
    public var sourceText: String
    /// The path (or label) the scenario was read from, used in messages.
    public var sourceFile: String

    /// Every language named by a queue, agent group or customer stream, in order of first mention.
    public var languages: [String] {
        var names: [String] = []
        let mentioned = queues.compactMap(\.language) + agentGroups.flatMap(\.languages)
            + customerStreams.flatMap { $0.languages.map(\.language) }
        for name in mentioned where !names.contains(name) { names.append(name) }
        return names
    }

    public init(name: String, seed: UInt64, replications: Int = 10, warmup: SimDuration = .zero,
                duration: SimDuration, drainLimit: SimDuration = .hours(24),
                serviceLevelThreshold: SimDuration = .seconds(20),
                queues: [QueueSpec], agentGroups: [AgentGroupSpec], customerStreams: [CustomerStreamSpec],
                sourceText: String = "", sourceFile: String = "<memory>") {
        self.name = name
        self.seed = seed
        self.replications = replications
        self.warmup = warmup
        self.duration = duration
        self.drainLimit = drainLimit
        self.serviceLevelThreshold = serviceLevelThreshold
        self.queues = queues
        self.agentGroups = agentGroups
        self.customerStreams = customerStreams
        self.sourceText = sourceText
        self.sourceFile = sourceFile
    }
}

/// The assignment strategies of SPEC §2.4, by their scenario names.
public enum StrategyName: String, Sendable, CaseIterable, Equatable {
    case ringAll = "ring_all"
    case mostExperienced = "most_experienced"
    case firstResponder = "first_responder"
    case manual = "manual"
    case longestIdle = "longest_idle"
    case roundRobin = "round_robin"
    case leastBusy = "least_busy"
    case fewestHandled = "fewest_handled"
    case topDown = "top_down"
    case random = "random"
    case weightedRandom = "weighted_random"

    /// The strategies this version of the simulator can run.
    public static let supported: [StrategyName] = allCases
}

/// Who becomes the owner of a visible chat: the first to answer, or whoever takes it first (SPEC §2.3).
public enum ClaimName: String, Sendable, CaseIterable, Equatable {
    case firstReply = "first_reply"
    case take
}

/// The chat channels of SPEC §2.1, by their scenario names.
public enum ChannelName: String, Sendable, CaseIterable, Equatable {
    case liveChat = "live_chat"
    case whatsapp = "whatsapp"
    case facebook = "facebook"
    case sms = "sms"
    case `internal` = "internal"
}

/// A queue (team) of the scenario.
public struct QueueSpec: Sendable, Equatable {
    /// The queue's id, referenced by agent groups and customer streams.
    public var id: String
    public var strategy: StrategyName
    /// Higher first when a freed agent chooses among its queues (default 0).
    public var priority: Int
    /// Answered within this wait counts toward the service level; nil takes the scenario's.
    public var serviceLevelThreshold: SimDuration?
    /// For `most_experienced`: the size of the fixed set of most experienced members (default 3).
    public var top: Int
    public var claim: ClaimName
    /// A single-agent offer unanswered this long is RONA (default 30 s).
    public var offerTimeout: SimDuration
    /// A chat unanswered this long alerts the available members (default 60 s).
    public var alertAfter: SimDuration
    /// How long a returning contact's chat waits for its previous owner (default 60 s).
    public var stickyWait: SimDuration
    /// The language of chats that arrive without one.
    public var language: String?
    /// Live-chat visitors who find no available member get the offline form (default false).
    public var offlineForm: Bool
    /// Automatic messages, templates, PCI, attachments, wrap-up reasons and the post-chat form.
    public var services = QueueServices()
    /// What `parley staff` must achieve in every interval; nil: the queue has no targets.
    public var targets: QueueTargets?

    public init(id: String, strategy: StrategyName, priority: Int = 0, serviceLevelThreshold: SimDuration? = nil,
                top: Int = 3, claim: ClaimName = .firstReply, offerTimeout: SimDuration = .seconds(30),
                alertAfter: SimDuration = .seconds(60), stickyWait: SimDuration = .seconds(60),
                language: String? = nil, offlineForm: Bool = false) {
        self.id = id
        self.strategy = strategy
        self.priority = priority
        self.serviceLevelThreshold = serviceLevelThreshold
        self.top = top
        self.claim = claim
        self.offerTimeout = offerTimeout
        self.alertAfter = alertAfter
        self.stickyWait = stickyWait
        self.language = language
        self.offlineForm = offlineForm
    }
}

/// A group of identical synthetic agents.
public struct AgentGroupSpec: Sendable, Equatable {
    /// The group's name (`group:` key).
    public var name: String
    /// Agents in the group (≥ 1).
    public var count: Int
    /// Concurrent chats per agent (≥ 1, default 1).
    public var capacity: Int
    /// Work rate; an agent of speed 2 finishes a chat's work content in half the time (default 1).
    public var speed: Double
    /// Slowdown factor per number of concurrent chats; `capacity` values, non-decreasing, positive (default all 1).
    public var slowdown: [Double]
    /// Ids of the queues the group serves, in file order.
    public var queues: [String]
    /// When the group works, as ranges of the week; empty: always on.
    public var shifts: [WeeklyRange] = []
    /// A staffing plan: agents on duty per interval, repeating daily or weekly; replaces `count` and `shifts`.
    public var plan: StaffingPlan?
    /// Breaks: scheduled (`every`, `for`) or random (`rate_per_hour`, `for`).
    public var away: AwaySpec?
    /// After-chat work that keeps the slot busy (default none).
    public var wrapUp: DistributionSpec?
    /// Probability that the owner transfers a chat, after a uniform fraction of its work.
    public var transferProbability: Double = 0
    /// The queue transfers go to (default: the chat's own queue).
    public var transferQueue: String?
    /// Probability that the owner invites an eligible member to a conference, after a uniform fraction of the work.
    public var conferenceProbability: Double = 0
    /// How long an invitee stays in a conference (default exponential, mean 3 m).
    public var conferenceTime: DistributionSpec = .exponential(mean: 180)
    /// Slots per channel within `capacity`; empty: any channel up to `capacity`. A channel
    /// missing from a non-empty map is not served.
    public var channelCapacity: [ChannelName: Int]
    /// Higher is more experienced (default 0).
    public var experience: Int
    /// Languages spoken; empty: every language.
    public var languages: [String]
    /// For `weighted_random` (default 1).
    public var weight: Double
    /// Time to accept an offer or react to a visible chat (default 0 s).
    public var acceptDelay: DistributionSpec
    /// Probability that an offer is never answered (default 0).
    public var missProbability: Double
    /// Time after RONA until the agent sets itself available again (default 0 s).
    public var ronaRecovery: DistributionSpec
    /// Probability that the agent leaves a finished chat without marking it handled (default 0):
    /// the contact's next chat is then routed to this agent first (sticky routing).
    public var unhandledProbability: Double = 0
    /// The bounds within which `parley staff` may set the group's count per interval; nil: not staffable.
    public var staffable: StaffableRange?
    /// What an agent of the group costs per hour on duty; `parley staff` adds the cheapest first.
    /// nil: not given (every staffable group then costs the same).
    public var costPerHour: Double?

    public init(name: String, count: Int, capacity: Int = 1, speed: Double = 1,
                slowdown: [Double]? = nil, queues: [String], channelCapacity: [ChannelName: Int] = [:],
                experience: Int = 0, languages: [String] = [], weight: Double = 1,
                acceptDelay: DistributionSpec = .constant(value: 0), missProbability: Double = 0,
                ronaRecovery: DistributionSpec = .constant(value: 0)) {
        self.name = name
        self.count = count
        self.capacity = capacity
        self.speed = speed
        self.slowdown = slowdown ?? Array(repeating: 1, count: capacity)
        self.queues = queues
        self.channelCapacity = channelCapacity
        self.experience = experience
        self.languages = languages
        self.weight = weight
        self.acceptDelay = acceptDelay
        self.missProbability = missProbability
        self.ronaRecovery = ronaRecovery
    }

    /// Whether agents of the group can hold a chat on `channel`.
    public func serves(_ channel: ChannelName) -> Bool {
        channelCapacity.isEmpty || (channelCapacity[channel] ?? 0) > 0
    }
}

/// A stream of synthetic customers writing on one channel into one queue.
public struct CustomerStreamSpec: Sendable, Equatable {
    public var id: String
    public var channel: ChannelName
    /// The id of the queue the stream's chats enter.
    public var queue: String
    public var arrivals: ArrivalSpec
    /// How long a customer waits for an agent; nil means infinitely patient.
    public var patience: DistributionSpec?
    /// Work content of a chat for a solo agent of speed 1.
    public var handleTime: DistributionSpec
    /// The language mix, shares summing to 1, in file order; empty: chats take the queue's language.
    public var languages: [LanguageShare]
    /// Probability that the customer leaves an active chat, after a uniform fraction of its work.
    public var endsChatProbability: Double = 0
    /// Re-contacts: with this probability a customer writes again after a finished chat.
    public var returnProbability: Double = 0
    /// How long after the finished chat the customer writes again.
    public var returnAfter: DistributionSpec = .constant(value: 0)
    /// Chatbot, card numbers, attachments, abusive visitors and holiday arrivals.
    public var services = CustomerServices()

    public init(id: String, channel: ChannelName, queue: String, arrivals: ArrivalSpec,
                patience: DistributionSpec?, handleTime: DistributionSpec, languages: [LanguageShare] = []) {
        self.id = id
        self.channel = channel
        self.queue = queue
        self.arrivals = arrivals
        self.patience = patience
        self.handleTime = handleTime
        self.languages = languages
    }
}

/// One language of a stream's mix and the share of chats written in it.
public struct LanguageShare: Sendable, Equatable {
    public var language: String
    public var share: Double

    public init(language: String, share: Double) {
        self.language = language
        self.share = share
    }
}

/// How a stream's chats arrive.
public enum ArrivalSpec: Sendable, Equatable {
    /// A Poisson process with a constant rate, in chats per hour.
    case poisson(ratePerHour: Double)
    /// A Poisson process whose rate is constant within each interval of local time, repeating
    /// daily (24 h of values) or weekly (7 × 24 h), the first value at Monday (or midnight) 00:00.
    case profile(interval: SimDuration, ratesPerHour: [Double])
    /// Recorded arrivals, replayed identically in every replication: offsets after `start`,
    /// optionally with a work content in seconds.
    case trace([TraceArrival])

    /// The long-run mean rate in chats per hour (a trace: its count over its span, at least an hour).
    public var meanRatePerHour: Double {
        switch self {
        case .poisson(let rate): return rate
        case .profile(_, let rates): return rates.isEmpty ? 0 : rates.reduce(0, +) / Double(rates.count)
        case .trace(let rows):
            guard let last = rows.last else { return 0 }
            return Double(rows.count) / max(last.offset.seconds / 3600, 1)
        }
    }
}

/// One recorded arrival of a trace.
public struct TraceArrival: Sendable, Equatable {
    /// Time after the window's start.
    public var offset: SimDuration
    /// The chat's work content in seconds, when the trace gives it.
    public var workSeconds: Double?

    public init(offset: SimDuration, workSeconds: Double? = nil) {
        self.offset = offset
        self.workSeconds = workSeconds
    }
}

/// The local time at which the measured window starts, and its place in the week.
public struct LocalStart: Sendable, Equatable {
    /// As written, e.g. `2026-11-23T00:00`.
    public var text: String
    /// Time from the preceding Monday 00:00 to the start.
    public var weekOffset: SimDuration

    public init(text: String, weekOffset: SimDuration) {
        self.text = text
        self.weekOffset = weekOffset
    }

    /// The default: the window starts on a Monday at midnight.
    public static let mondayMidnight = LocalStart(text: "Monday 00:00", weekOffset: .zero)
}

/// A range of the week, in seconds from Monday 00:00 (the end may pass into the next week).
public struct WeeklyRange: Sendable, Equatable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// Agents on duty per interval of local time, repeating daily or weekly.
public struct StaffingPlan: Sendable, Equatable {
    public var interval: SimDuration
    public var counts: [Int]

    public init(interval: SimDuration, counts: [Int]) {
        self.interval = interval
        self.counts = counts
    }
}

/// An agent group's breaks.
public enum AwaySpec: Sendable, Equatable {
    /// A break of `duration` every `period`, staggered per agent by a random phase.
    case scheduled(every: SimDuration, duration: SimDuration)
    /// Breaks starting at random (Poisson, per hour on duty), each of a drawn length.
    case atRandom(ratePerHour: Double, duration: DistributionSpec)
}

/// A probability distribution of a non-negative quantity, parameters in seconds where they are times.
///
/// Parameters are given as the scenario states them (SPEC §3.2): `lognormal` and `gamma`
/// by the mean and standard deviation of the variable itself.
public enum DistributionSpec: Sendable, Equatable {
    case exponential(mean: Double)
    case constant(value: Double)
    case uniform(min: Double, max: Double)
    case lognormal(mean: Double, sd: Double)
    case gamma(mean: Double, sd: Double)
    case erlang(k: Int, mean: Double)
    case weibull(shape: Double, scale: Double)
    /// Draws uniformly among the given values.
    case empirical(values: [Double])

    /// The distribution's mean.
    public var mean: Double {
        switch self {
        case .exponential(let mean), .lognormal(let mean, _), .gamma(let mean, _), .erlang(_, let mean):
            return mean
        case .constant(let value):
            return value
        case .uniform(let lo, let hi):
            return (lo + hi) / 2
        case .weibull(let shape, let scale):
            return scale * Double.gammaFunction(1 + 1 / shape)
        case .empirical(let values):
            return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
    }
}

extension Double {
    /// Γ(x) for x > 0 by the Lanczos approximation (g = 7, n = 9), accurate to ~15 digits.
    static func gammaFunction(_ x: Double) -> Double {
        let g = 7.0
        let c: [Double] = [0.99999999999980993, 676.5203681218851, -1259.1392167224028,
                           771.32342877765313, -176.61502916214059, 12.507343278686905,
                           -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
        if x < 0.5 { return Double.pi / (sin(Double.pi * x) * gammaFunction(1 - x)) }
        let z = x - 1
        var sum = c[0]
        for i in 1..<9 { sum += c[i] / (z + Double(i)) }
        let t = z + g + 0.5
        return (2 * Double.pi).squareRoot() * pow(t, z + 0.5) * exp(-t) * sum
    }
}
