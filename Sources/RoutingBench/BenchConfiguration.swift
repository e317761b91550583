// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

/// The shape of the synthetic center a benchmark times, and how much to time.
///
/// The center's load model (arrival rate, handle times, status changes) is fixed in
/// ``LoadModel``; only its size, capacity, strategy and seed are chosen here, so two results of
/// one configuration are comparable across builds.
public struct BenchConfiguration: Sendable, Equatable {
    /// Agents in the center (≥ 1).
    public var agents: Int
    /// With a value: every queue's waiting chats may also go to the next queue's members this many
    /// seconds after their entry (SPEC §3.3 `overflow`), so decisions run on overflow levels.
    public var overflowAfterSeconds: Double?
    /// Queues (≥ 1); every agent is a member of 1–3 of them.
    public var queues: Int
    /// Concurrent chats per agent (≥ 1).
    public var capacity: Int
    /// The strategy of every queue.
    public var strategy: Strategy
    /// Decisions timed in each trial, after the warm-up.
    public var decisions: Int
    /// Seeds the memberships and every draw of the load; the same seed gives the same center and customers.
    public var seed: UInt64
    /// Independent trials (each a fresh engine on the same seed); the gate uses their median.
    public var trials: Int
    /// The load the synthetic customers and agents put on the engine.
    public var load: LoadModel

    public init(agents: Int, queues: Int, capacity: Int = 2, strategy: Strategy = .longestIdle,
                decisions: Int = 200_000, seed: UInt64 = 1, trials: Int = 5, load: LoadModel = LoadModel()) {
        self.agents = agents
        self.queues = queues
        self.capacity = capacity
        self.strategy = strategy
        self.decisions = decisions
        self.seed = seed
        self.trials = trials
        self.load = load
    }

    /// The strategies by their SPEC §2.4 names, in the table's order.
    public static let strategyNames: [(name: String, strategy: Strategy)] = [
        ("ring_all", .ringAll), ("most_experienced", .mostExperienced), ("first_responder", .firstResponder),
        ("manual", .manual), ("longest_idle", .longestIdle), ("round_robin", .roundRobin),
        ("least_busy", .leastBusy), ("fewest_handled", .fewestHandled), ("top_down", .topDown),
        ("random", .random), ("weighted_random", .weightedRandom),
    ]

    /// The strategy called `name` in SPEC §2.4, or nil.
    public static func strategy(named name: String) -> Strategy? {
        strategyNames.first { $0.name == name }?.strategy
    }

    /// The SPEC §2.4 name of `strategy`.
    public static func name(of strategy: Strategy) -> String {
        strategyNames.first { $0.strategy == strategy }!.name
    }
}

/// How busy the synthetic center is, and how its agents behave.
///
/// Arrivals are Poisson with a rate that swings sinusoidally around its mean, so the offered
/// load passes from comfortably below the available capacity (decisions find idle agents) to
/// slightly above it (chats queue, and freed agents take them from the line).
public struct LoadModel: Sendable, Equatable {
    /// Mean offered load over the slots of the agents not away: mean arrival rate × mean slot-holding time / slots.
    public var utilisation = 0.85
    /// Relative amplitude of the arrival rate's swing (0.3: from 0.7 to 1.3 times the mean rate, an offered load
    /// from about 60 % to 110 % of the available slots).
    public var swing = 0.3
    /// Period of the swing.
    public var swingPeriodSeconds = 3_600.0
    /// Mean handle time (exponential), from accept to marked handled.
    public var handleSeconds = 300.0
    /// Mean patience (exponential): a chat not accepted by then is abandoned.
    public var patienceSeconds = 180.0
    /// Accept delay: uniform in [acceptDelaySeconds / 2, 3 · acceptDelaySeconds / 2].
    public var acceptDelaySeconds = 3.0
    /// Chance that an agent ignores an offer (RONA after the queue's 30 s offer timeout).
    public var missProbability = 0.002
    /// Mean time back to `available` after RONA (exponential).
    public var ronaRecoverySeconds = 60.0
    /// Mean time between an agent's breaks (exponential), and mean break length (exponential).
    public var breakIntervalSeconds = 7_200.0
    public var breakSeconds = 600.0
    /// Untimed simulated time before the timed decisions start (one full swing period).
    public var warmupSeconds = 3_600.0

    public init() {}

    /// The long-run fraction of time an agent is on a break.
    public var awayFraction: Double { breakSeconds / (breakIntervalSeconds + breakSeconds) }

    /// The mean arrival rate per second for `slots` slots in all.
    public func meanArrivalRate(slots: Int) -> Double {
        utilisation * Double(slots) * (1 - awayFraction) / (handleSeconds + acceptDelaySeconds)
    }
}
