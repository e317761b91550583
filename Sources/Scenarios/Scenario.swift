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
    /// Business hours of every queue without its own (`calendar`); nil: always open.
    public var calendar: BusinessCalendar?
    /// The company's name, for `{company}` in automatic messages (`company`); nil: not given.
    public var company: String?
    /// Forecast uncertainty: a random multiplier on every arrival rate (`busyness`); nil: rates are known exactly.
    public var busyness: BusynessSpec?

    /// The business hours of queue `q`: its own calendar, else the scenario's (nil: always open).
    public func calendar(ofQueue q: Int) -> BusinessCalendar? { queues[q].calendar ?? calendar }
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
