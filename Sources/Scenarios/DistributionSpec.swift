// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import Foundation
import ParleyTime

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

    /// The smallest value a draw can take: 0 for the continuous distributions, which start at 0.
    public var smallestValue: Double {
        switch self {
        case .constant(let value): return value
        case .uniform(let low, _): return low
        case .empirical(let values): return values.min() ?? 0
        case .exponential, .lognormal, .gamma, .erlang, .weibull: return 0
        }
    }

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
