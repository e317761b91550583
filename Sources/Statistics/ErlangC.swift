// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Exact figures of the M/M/n queue with infinitely patient customers (Erlang C).
///
/// With offered load a = λ/μ, utilisation ρ = a/n < 1 and Erlang's loss formula B(n, a)
/// (``ErlangB``), the probability of waiting is C = B / (1 − ρ + ρB); the wait of a customer
/// who must wait is exponential with rate nμ − λ, so P(W ≤ t) = 1 − C e^(−(nμ − λ)t) and
/// E[W] = C / (nμ − λ) (Erlang 1917; e.g. Gans, Koole & Mandelbaum 2003, §4.1; Kleinrock 1975,
/// *Queueing Systems* I, §3.5). Every figure goes through logarithms, so hundreds or thousands
/// of agents are as accurate as ten.
///
/// ```swift
/// let c = try ErlangC(arrivalRatePerSecond: 100.0 / 1800, meanServiceSeconds: 180, agents: 14)
/// c.probabilityOfWaiting                      // 0.1741
/// c.serviceLevel(thresholdSeconds: 20)        // 0.8884
/// c.averageSpeedOfAnswerSeconds               // 7.8359
/// ```
public struct ErlangC: Sendable {
    public let arrivalRatePerSecond: Double
    public let meanServiceSeconds: Double
    public let agents: Int
    /// a = λ/μ, in Erlangs.
    public let offeredLoad: Double
    /// P(an arrival waits) = C(n, a).
    public let probabilityOfWaiting: Double

    /// The queue with Poisson arrivals at `arrivalRatePerSecond`, exponential service of mean
    /// `meanServiceSeconds` and `agents` servers.
    ///
    /// - Throws: ``QueueingModelError/unstable(offeredLoad:capacity:)`` when a ≥ n, and
    ///   ``QueueingModelError/invalidParameter(_:)`` for a non-positive rate, time or count.
    /// - Complexity: O(n).
    public init(arrivalRatePerSecond: Double, meanServiceSeconds: Double, agents: Int) throws(QueueingModelError) {
        try Self.check(arrivalRatePerSecond: arrivalRatePerSecond, meanServiceSeconds: meanServiceSeconds, agents: agents)
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.meanServiceSeconds = meanServiceSeconds
        self.agents = agents
        let load = arrivalRatePerSecond * meanServiceSeconds
        offeredLoad = load
        guard load < Double(agents) else { throw .unstable(offeredLoad: load, capacity: Double(agents)) }
        let rho = load / Double(agents)
        // C = 1 / (1 + (1/B − 1)(1 − ρ)).
        let logIdle = ErlangB.logIdleToBusyRatio(agents: agents, offeredLoad: load)
        probabilityOfWaiting = 1 / (1 + exp(logIdle + log1p(-rho)))
    }

    /// Checks the parameters shared by Erlang C and Erlang A.
    static func check(arrivalRatePerSecond: Double, meanServiceSeconds: Double, agents: Int) throws(QueueingModelError) {
        guard arrivalRatePerSecond > 0, arrivalRatePerSecond.isFinite else {
            throw .invalidParameter("the arrival rate must be a positive number")
        }
        guard meanServiceSeconds > 0, meanServiceSeconds.isFinite else {
            throw .invalidParameter("the average handle time must be positive")
        }
        guard agents >= 1 else { throw .invalidParameter("there must be at least one agent") }
    }

    /// nμ − λ: the rate at which a waiting customer's wait runs out, per second.
    var drainRate: Double { (Double(agents) - offeredLoad) / meanServiceSeconds }

    /// P(W ≤ t) over all arrivals: the service level with threshold `thresholdSeconds`.
    public func serviceLevel(thresholdSeconds t: Double) -> Double {
        1 - probabilityOfWaiting * exp(-drainRate * t)
    }

    /// E[W], the average speed of answer, in seconds (every customer is answered).
    public var averageSpeedOfAnswerSeconds: Double { probabilityOfWaiting / drainRate }

    /// E[Lq] = λ E[W], the mean number waiting.
    public var meanQueueLength: Double { arrivalRatePerSecond * averageSpeedOfAnswerSeconds }

    /// ρ = a/n, the share of agent time spent serving.
    public var occupancy: Double { offeredLoad / Double(agents) }
}
