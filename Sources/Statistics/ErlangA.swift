// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Exact figures of the M/M/n+M queue: customers abandon after an exponential patience (Erlang A).
///
/// The number in system is a birth–death chain with death rate kμ below n and nμ + jθ with j
/// waiting (Palm 1943; Garnett, Mandelbaum & Reiman 2002, *Designing a call center with
/// impatient customers*, M&SOM 4(3)). The states with a free agent weigh
/// 1/B(n, a) − 1 relative to the state with all busy and nobody waiting (``ErlangB``); the
/// waiting states form a ``SaturatedQueue`` with R = nμ, whose closed forms in the incomplete
/// gamma function give the rest. Every quantity is computed in log space, so the model is
/// exact and finite for thousands of agents, and stable at any load (abandonment bounds the queue).
///
/// Service level follows SPEC §4: chats answered within the threshold over all offered (an
/// abandoned chat never counts, whenever it left).
public struct ErlangA: Sendable {
    public let arrivalRatePerSecond: Double
    public let meanServiceSeconds: Double
    public let meanPatienceSeconds: Double
    public let agents: Int
    /// a = λ/μ, in Erlangs.
    public let offeredLoad: Double
    /// P(an arrival finds every agent busy).
    public let probabilityOfWaiting: Double
    /// The waiting line while every agent is busy.
    public let waitingLine: SaturatedQueue

    /// The queue with Poisson arrivals at `arrivalRatePerSecond`, exponential service of mean
    /// `meanServiceSeconds`, exponential patience of mean `meanPatienceSeconds` and `agents` servers.
    ///
    /// - Throws: ``QueueingModelError/invalidParameter(_:)`` for a non-positive rate, time or count.
    /// - Complexity: O(n + √(λ/θ) + max(0, λ − nμ)/θ).
    public init(arrivalRatePerSecond: Double, meanServiceSeconds: Double, meanPatienceSeconds: Double,
                agents: Int) throws(QueueingModelError) {
        try ErlangC.check(arrivalRatePerSecond: arrivalRatePerSecond, meanServiceSeconds: meanServiceSeconds,
                          agents: agents)
        guard meanPatienceSeconds > 0, meanPatienceSeconds.isFinite else {
            throw .invalidParameter("the average patience must be positive")
        }
        self.arrivalRatePerSecond = arrivalRatePerSecond
        self.meanServiceSeconds = meanServiceSeconds
        self.meanPatienceSeconds = meanPatienceSeconds
        self.agents = agents
        offeredLoad = arrivalRatePerSecond * meanServiceSeconds
        waitingLine = try SaturatedQueue(arrivalRate: arrivalRatePerSecond,
                                         serviceRate: Double(agents) / meanServiceSeconds,
                                         abandonmentRate: 1 / meanPatienceSeconds)
        let logIdle = ErlangB.logIdleToBusyRatio(agents: agents, offeredLoad: offeredLoad)
        probabilityOfWaiting = 1 / (1 + exp(logIdle - waitingLine.logBusyWeight))
    }

    /// P(abandon) over all arrivals.
    public var abandonProbability: Double { probabilityOfWaiting * waitingLine.abandonProbabilityGivenWait }

    /// Mean wait of all arrivals, an abandoner's wait being its time before leaving, in seconds.
    public var meanWaitSeconds: Double { probabilityOfWaiting * waitingLine.meanWaitGivenWaitSeconds }

    /// Mean wait of the served (the average speed of answer), in seconds.
    public var averageSpeedOfAnswerSeconds: Double {
        probabilityOfWaiting * waitingLine.servedWaitGivenWaitSeconds / (1 - abandonProbability)
    }

    /// Mean wait of those who abandon, in seconds; nil when nobody can abandon (never waits).
    public var meanWaitAbandonedSeconds: Double? {
        guard abandonProbability > 0 else { return nil }
        return (meanWaitSeconds - probabilityOfWaiting * waitingLine.servedWaitGivenWaitSeconds) / abandonProbability
    }

    /// E[Lq] = λ E[W], the mean number waiting.
    public var meanQueueLength: Double { arrivalRatePerSecond * meanWaitSeconds }

    /// The share of agent time spent serving: λ(1 − P(abandon)) / (nμ).
    public var occupancy: Double { min(offeredLoad * (1 - abandonProbability) / Double(agents), 1) }

    /// Answered with wait ≤ `thresholdSeconds`, over all arrivals (SPEC §4 service level).
    public func serviceLevel(thresholdSeconds t: Double) -> Double {
        (1 - probabilityOfWaiting) + probabilityOfWaiting * waitingLine.servedWithin(seconds: t)
    }

    /// P(V ≤ t) for the virtual wait V: the wait an infinitely patient arrival would have.
    public func virtualWaitProbability(withinSeconds t: Double) -> Double {
        (1 - probabilityOfWaiting) + probabilityOfWaiting * waitingLine.virtualWaitWithin(seconds: t)
    }

    /// P(actual wait ≤ t): an arrival is answered or abandons within t. Its wait exceeds t only
    /// if both V and its patience do, independently.
    public func actualWaitProbability(withinSeconds t: Double) -> Double {
        1 - probabilityOfWaiting * (1 - waitingLine.virtualWaitWithin(seconds: t)) * exp(-t / meanPatienceSeconds)
    }
}
