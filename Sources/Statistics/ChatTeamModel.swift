// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Exact figures for a small chat team whose agents hold several chats at once: the reference
/// for Parley's concurrency model, which no closed formula covers.
///
/// N identical agents with m slots each serve one Poisson stream under `least_busy` routing
/// (a new chat goes to an agent holding the fewest chats; chats never move). A chat's work
/// content is exponential with mean 1/μ; an agent of speed v holding k chats progresses each
/// at μ·v/slowdown[k−1] (SPEC §3), so chats finish at k·μ·v/slowdown[k−1]. Waiting chats
/// abandon at rate θ each (exponential patience) or never. While some slot is free nobody
/// waits; the occupancy configurations then form the ``OccupancyChain``. With every slot full
/// the queue is a ``SaturatedQueue`` drained at R = N·m·μ·v/slowdown[m−1]: a freed slot takes
/// the first waiting chat at once, so the team stays full while anyone waits. The two parts
/// join at the full state: all-busy states weigh e^(``SaturatedQueue/logBusyWeight``) times the
/// full state of the censored chain.
///
/// With m = 1 this is Erlang A (or C); with N = 1, m = 2 and slowdown [1, 2] the total service
/// rate is μ in every busy state, so the number of chats is that of an M/M/1 queue.
public struct ChatTeamModel: Sendable {
    public let agents: Int
    public let capacity: Int
    public let slowdown: [Double]
    public let speed: Double
    public let arrivalRatePerSecond: Double
    public let meanWorkSeconds: Double
    /// nil: infinitely patient customers.
    public let meanPatienceSeconds: Double?
    /// P(an arrival finds no agent with a free slot).
    public let probabilityOfWaiting: Double
    /// Mean chats in conversation / (N·m), over time.
    public let occupancy: Double
    /// Chats finished per second, from the chain (equals λ(1 − P(abandon)) in balance).
    public let throughputPerSecond: Double
    /// The waiting line while every slot is full.
    public let waitingLine: SaturatedQueue
    /// Occupancy configurations solved for.
    public let stateCount: Int
    /// ‖πQ‖₁ / max q of the solved censored chain: how exactly it balances.
    public let residual: Double

    /// The team of `agents` agents with `capacity` slots, `slowdown` (one factor per slot) and
    /// `speed`, serving chats arriving at `arrivalRatePerSecond` with exponential work of mean
    /// `meanWorkSeconds` and exponential patience of mean `meanPatienceSeconds` (nil: none).
    ///
    /// - Throws: ``QueueingModelError/invalidParameter(_:)`` for bad parameters;
    ///   ``QueueingModelError/unstable(offeredLoad:capacity:)`` without patience when λ ≥ R.
    /// - Complexity: O(sweeps · S·m) for S = C(N + m, m) configurations.
    public init(agents: Int, capacity: Int, slowdown: [Double]? = nil, speed: Double = 1,
                arrivalRatePerSecond: Double, meanWorkSeconds: Double,
                meanPatienceSeconds: Double?) throws(QueueingModelError) {
        let slowdown = slowdown ?? Array(repeating: 1, count: max(capacity, 0))
        guard agents >= 1, capacity >= 1 else { throw .invalidParameter("the team needs at least one agent and one slot") }
        guard slowdown.count == capacity, slowdown.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalidParameter("slowdown needs one positive factor per slot")
        }
        guard speed > 0, speed.isFinite, meanWorkSeconds > 0, meanWorkSeconds.isFinite else {
            throw .invalidParameter("speed and the mean work content must be positive")
        }
        if let patience = meanPatienceSeconds, !(patience > 0 && patience.isFinite) {
            throw .invalidParameter("the average patience must be positive")
        }
        self.agents = agents
        self.capacity = capacity
        self.slowdown = slowdown
        self.speed = speed
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.meanWorkSeconds = meanWorkSeconds
        self.meanPatienceSeconds = meanPatienceSeconds
        let chatRate = slowdown.map { speed / meanWorkSeconds / $0 }
        let fullRate = Double(agents * capacity) * chatRate[capacity - 1]
        do {
            waitingLine = try SaturatedQueue(arrivalRate: arrivalRatePerSecond, serviceRate: fullRate,
                                             abandonmentRate: meanPatienceSeconds.map { 1 / $0 } ?? 0)
        } catch .unstable {
            throw .unstable(offeredLoad: arrivalRatePerSecond * meanWorkSeconds, capacity: fullRate * meanWorkSeconds)
        }
        let chain = OccupancyChain(agents: agents, capacity: capacity, arrivalRate: arrivalRatePerSecond,
                                   serviceRate: chatRate)
        let (pi, residual, _) = chain.stationaryDistribution()
        stateCount = chain.stateCount
        self.residual = residual
        // P(full) = π_f e^W / (1 − π_f + π_f e^W), written so that a large e^W cannot overflow.
        let full = chain.fullState
        let piFull = pi[full]
        let pWait = 1 / (1 + (1 - piFull) / piFull * exp(-waitingLine.logBusyWeight))
        probabilityOfWaiting = pWait
        let scale = piFull < 1 ? (1 - pWait) / (1 - piFull) : 0     // turns π of a free state into its probability
        var held = 0.0, finished = 0.0
        for s in 0..<full {
            held += pi[s] * scale * Double(chain.chatsHeld[s])
            finished += pi[s] * scale * chain.completionRate[s]
        }
        occupancy = (held + pWait * Double(agents * capacity)) / Double(agents * capacity)
        throughputPerSecond = finished + pWait * fullRate
    }

    /// P(abandon) over all arrivals.
    public var abandonProbability: Double { probabilityOfWaiting * waitingLine.abandonProbabilityGivenWait }

    /// Mean wait of all arrivals (an abandoner's wait is its time before leaving), in seconds.
    public var meanWaitSeconds: Double { probabilityOfWaiting * waitingLine.meanWaitGivenWaitSeconds }

    /// Mean wait of the answered, in seconds.
    public var averageSpeedOfAnswerSeconds: Double {
        probabilityOfWaiting * waitingLine.servedWaitGivenWaitSeconds / (1 - abandonProbability)
    }

    /// Answered with wait ≤ `thresholdSeconds` over all arrivals (SPEC §4 service level).
    public func serviceLevel(thresholdSeconds t: Double) -> Double {
        (1 - probabilityOfWaiting) + probabilityOfWaiting * waitingLine.servedWithin(seconds: t)
    }
}
