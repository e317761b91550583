// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The waiting line of a Markovian queue while every server is busy: Poisson arrivals at rate λ,
/// service completions at a constant total rate R, and each waiting customer abandoning at rate θ
/// (θ = 0: nobody abandons).
///
/// Erlang C, Erlang A and the chat-team chain (``ChatTeamModel``) all end in this line: once no
/// slot is free, a new customer waits while the queue ahead of it drains at R plus θ per waiting
/// customer. In the stationary regime an arrival that must wait finds k others waiting with
/// probability w_k ∝ r_k = Π_{i=1..k} λ / (R + iθ) (birth–death balance, and PASTA).
///
/// With x = R/θ and y = λ/θ the sums over k have closed forms in the lower incomplete gamma
/// function γ (Garnett, Mandelbaum & Reiman 2002, *Designing a call center with impatient
/// customers*, M&SOM 4(3); Mandelbaum & Zeltyn 2007, *Service engineering in action: the
/// Palm/Erlang-A queue*): Σ r_k = x eʸ y^(−x) γ(x, y). The waiting time V of a customer who
/// would never abandon has the Laplace transform E[e^(−sV) | wait] = y^(−s) γ(x + s, y) / γ(x, y)
/// (the product over the positions it passes, summed against w_k), so in units of 1/θ its
/// tail is P(V > t | wait) = γ(x, y e^(−t)) / γ(x, y), and with its own exponential patience
/// P(served, wait ≤ t | wait) = E[e^(−V); V ≤ t] = (γ(x+1, y) − γ(x+1, y e^(−t))) / (y γ(x, y)).
/// Every such ratio is evaluated through M(a, z) = e^z z^(−a) γ(a, z)
/// (``LogSpace/logKummerSum(_:_:)``), which keeps full precision for thousands of agents and
/// patience far longer than the handle time. The formulas are checked against published values
/// and an independently solved truncated chain in the tests.
public struct SaturatedQueue: Sendable {
    /// λ, per second.
    public let arrivalRate: Double
    /// R: the total service completion rate with every slot busy, per second.
    public let serviceRate: Double
    /// θ: the abandonment rate of one waiting customer, per second (1 / mean patience).
    public let abandonmentRate: Double
    /// ln Σ_{k≥0} r_k: the stationary probability of all busy states (any queue) relative to
    /// that of the state with all busy and nobody waiting.
    public let logBusyWeight: Double
    /// P(abandon | must wait).
    public let abandonProbabilityGivenWait: Double
    /// E[wait | must wait], abandoners' waits (their time before leaving) included, in seconds.
    public let meanWaitGivenWaitSeconds: Double
    /// E[wait · 1{served} | must wait], in seconds.
    public let servedWaitGivenWaitSeconds: Double

    /// The line with arrivals at `arrivalRate`, completions at `serviceRate` and abandonment at
    /// `abandonmentRate` per waiting customer (all per second).
    ///
    /// - Throws: ``QueueingModelError/unstable(offeredLoad:capacity:)`` when θ = 0 and λ ≥ R.
    /// - Complexity: O(√((λ + R)/θ) + max(0, λ − R)/θ) terms.
    public init(arrivalRate: Double, serviceRate: Double, abandonmentRate: Double) throws(QueueingModelError) {
        guard arrivalRate > 0, arrivalRate.isFinite else { throw .invalidParameter("the arrival rate must be positive") }
        guard serviceRate > 0, serviceRate.isFinite else { throw .invalidParameter("the service rate must be positive") }
        guard abandonmentRate >= 0, abandonmentRate.isFinite else {
            throw .invalidParameter("the abandonment rate must not be negative")
        }
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.abandonmentRate = abandonmentRate
        let (lambda, r, theta) = (arrivalRate, serviceRate, abandonmentRate)
        if theta == 0 {
            // Erlang C's geometric line: w_k = (1 − ρ)ρᵏ with ρ = λ/R; V | wait ~ exponential(R − λ).
            guard lambda < r else { throw .unstable(offeredLoad: lambda, capacity: r) }
            logBusyWeight = -log1p(-lambda / r)
            abandonProbabilityGivenWait = 0
            meanWaitGivenWaitSeconds = 1 / (r - lambda)
            servedWaitGivenWaitSeconds = 1 / (r - lambda)
            return
        }
        let x = r / theta, y = lambda / theta
        let logM = LogSpace.logKummerSum(x, y)
        logBusyWeight = log(x) + logM
        // P(served | wait) = γ(x+1, y) / (y γ(x, y)) = M(x+1, y) / M(x, y).
        let served = exp(LogSpace.logKummerSum(x + 1, y) - logM)
        abandonProbabilityGivenWait = min(max(1 - served, 0), 1)
        // Little's law on the line: θ·E[queue] = λ·P(abandon), and E[wait] = E[queue]/λ.
        meanWaitGivenWaitSeconds = abandonProbabilityGivenWait / theta
        servedWaitGivenWaitSeconds = Self.servedWait(arrivalRate: lambda, serviceRate: r, abandonmentRate: theta)
    }

    /// E[wait · 1{served} | must wait] by summing over the position an arrival takes.
    ///
    /// From position i (i − 1 ahead) the customer leaves at rate Rᵢ = R + iθ, moving up with
    /// probability (R + (i−1)θ)/Rᵢ; it is served from position i with probability R/Rᵢ, so
    /// bᵢ = E[wait · 1{served} | position i] obeys bᵢ = (R + (i−1)θ)/Rᵢ · bᵢ₋₁ + R/Rᵢ², b₀ = 0.
    /// The weights r_k are carried as logarithms; the sum stops past the mode of r once the
    /// terms are below e^(−60) of the largest.
    ///
    /// - Complexity: O(max(0, λ − R)/θ + √(λ/θ)) terms.
    static func servedWait(arrivalRate lambda: Double, serviceRate r: Double, abandonmentRate theta: Double) -> Double {
        var logR = 0.0                      // ln r_k, k = 0
        var logTotal = -Double.infinity     // ln Σ r_k
        var logWeighted = -Double.infinity  // ln Σ r_k b_{k+1}
        var logLargest = 0.0
        var b = 0.0
        var k = 0
        while true {
            let rate = r + Double(k + 1) * theta                     // R_{k+1}
            b = (r + Double(k) * theta) / rate * b + r / (rate * rate)
            logTotal = LogSpace.add(logTotal, logR)
            logWeighted = LogSpace.add(logWeighted, logR + log(b))
            logLargest = max(logLargest, logR)
            k += 1
            logR += log(lambda / (r + Double(k) * theta))
            if lambda < r + Double(k) * theta && logR < logLargest - 60 { break }
        }
        return exp(logWeighted - logTotal)
    }

    /// P(served with wait ≤ `seconds` | must wait): the customer's own exponential patience included.
    ///
    /// With z = y e^(−θt): (γ(x+1, y) − γ(x+1, z)) / (y γ(x, y))
    /// = (M(x+1, y) − e^(−(x+1)θt + y(1 − e^(−θt))) M(x+1, z)) / M(x, y).
    ///
    /// - Complexity: that of ``LogSpace/logKummerSum(_:_:)``.
    public func servedWithin(seconds t: Double) -> Double {
        let (lambda, r, theta) = (arrivalRate, serviceRate, abandonmentRate)
        if theta == 0 { return -expm1(-(r - lambda) * t) }
        let x = r / theta, y = lambda / theta
        let logM = LogSpace.logKummerSum(x, y)
        let all = exp(LogSpace.logKummerSum(x + 1, y) - logM)
        let logLate = -(x + 1) * theta * t - y * expm1(-theta * t)
            + LogSpace.logKummerSum(x + 1, y * exp(-theta * t)) - logM
        return min(max(all - exp(logLate), 0), 1)
    }

    /// P(V ≤ `seconds` | must wait) for the virtual wait V: the wait of a customer who would never abandon.
    ///
    /// P(V > t | wait) = γ(x, z) / γ(x, y) = e^(−xθt + y(1 − e^(−θt))) M(x, z) / M(x, y), z = y e^(−θt).
    ///
    /// - Complexity: that of ``LogSpace/logKummerSum(_:_:)``.
    public func virtualWaitWithin(seconds t: Double) -> Double {
        let (lambda, r, theta) = (arrivalRate, serviceRate, abandonmentRate)
        if theta == 0 { return -expm1(-(r - lambda) * t) }
        let x = r / theta, y = lambda / theta
        let logTail = -x * theta * t - y * expm1(-theta * t)
            + LogSpace.logKummerSum(x, y * exp(-theta * t)) - LogSpace.logKummerSum(x, y)
        return min(max(-expm1(logTail), 0), 1)
    }
}
