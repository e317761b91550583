// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL
import Foundation

/// GSL's regularised lower incomplete gamma P(a, z), for cross-checks.
func gslRegularisedP(_ a: Double, _ z: Double) -> Double { gsl_sf_gamma_inc_P(a, z) }

/// The M/M/n+M chain truncated far into its tail and solved the plain way, as an independent
/// check of ``ErlangA`` for moderate n (no logarithms, no incomplete gamma).
struct TruncatedErlangAChain {
    let agents: Int
    let lambda, mu, theta: Double
    /// Stationary probabilities of 0 … n + K in system.
    let p: [Double]

    init(agents: Int, lambda: Double, mu: Double, theta: Double) {
        self.agents = agents
        self.lambda = lambda
        self.mu = mu
        self.theta = theta
        var weights = [1.0]
        var j = 0
        while true {
            let death = j + 1 <= agents ? Double(j + 1) * mu : Double(agents) * mu + Double(j + 1 - agents) * theta
            weights.append(weights[j] * lambda / death)
            j += 1
            if j > agents + 50, weights[j] < 1e-22 * (weights.max() ?? 1) { break }
        }
        let total = weights.reduce(0, +)
        p = weights.map { $0 / total }
    }

    var probabilityOfWaiting: Double { p[agents...].reduce(0, +) }
    /// Conditional law of the number waiting found by an arrival that waits.
    var waitingFound: [Double] { p[agents...].map { $0 / probabilityOfWaiting } }
    var meanWaitSeconds: Double {
        p.indices.dropFirst(agents).reduce(0) { $0 + p[$1] * Double($1 - agents) } / lambda
    }
    var abandonProbability: Double { theta * meanWaitSeconds }
    /// Rate of leaving position i (i − 1 ahead): service R + (i − 1)θ moves it up, θ is its own abandonment.
    func leaveRate(_ i: Int) -> Double { Double(agents) * mu + Double(i) * theta }

    /// Mean wait of the served: expected time in each position i, times P(served from i).
    var servedWaitSeconds: Double {
        let r = Double(agents) * mu
        let w = waitingFound
        var waitServed = 0.0
        for (k, weight) in w.enumerated() where weight > 0 {
            var reach = 1.0                         // P(reaching position i from position k + 1)
            for i in stride(from: k + 1, through: 1, by: -1) {
                waitServed += weight * reach / leaveRate(i) * (r / leaveRate(i))
                reach *= (r + Double(i - 1) * theta) / leaveRate(i)
            }
        }
        let served = 1 - abandonProbability
        return probabilityOfWaiting * waitServed / served
    }

    /// Answered within `threshold` over all arrivals, by uniformisation of the waiting position.
    func serviceLevel(threshold: Double) -> Double {
        let r = Double(agents) * mu
        var position = [0.0] + waitingFound             // position i = k + 1
        let uniform = leaveRate(position.count - 1)
        let mean = uniform * threshold
        var served = 0.0, servedWithin = 0.0
        var poisson = exp(-mean), cumulative = 0.0
        var step = 0
        while cumulative < 1 - 1e-15 && step < Int(mean + 40 * mean.squareRoot() + 100) {
            servedWithin += poisson * served
            cumulative += poisson
            var next = position
            served += position[1] * r / uniform
            for i in 1..<position.count {
                let fromBehind = i + 1 < position.count ? position[i + 1] * (r + Double(i) * theta) / uniform : 0
                next[i] = position[i] * (1 - leaveRate(i) / uniform) + fromBehind
            }
            position = next
            step += 1
            poisson *= mean / Double(step)
        }
        servedWithin += (1 - cumulative) * served
        return (1 - probabilityOfWaiting) + probabilityOfWaiting * servedWithin
    }
}
