// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL
import Foundation

/// A distribution of a non-negative quantity in seconds, with parameters precomputed for sampling.
///
/// Built once per replication from a scenario's description; ``sample(_:)`` draws through GSL.
/// `lognormal` and `gamma` take the mean and standard deviation of the variable itself
/// (SPEC §3.2) and are converted to GSL's parameters here.
public enum Distribution: Sendable, Equatable {
    case exponential(mean: Double)
    case constant(value: Double)
    case uniform(min: Double, max: Double)
    /// Parameters of the underlying normal: ζ (location) and σ (scale).
    case lognormal(zeta: Double, sigma: Double)
    /// GSL's shape `a` and scale `b`.
    case gamma(shape: Double, scale: Double)
    /// GSL's scale `a` and shape `b`.
    case weibull(scale: Double, shape: Double)
    case empirical(values: [Double])

    /// Lognormal with the given mean and standard deviation of the variable.
    public static func lognormal(mean: Double, sd: Double) -> Distribution {
        let sigma2 = log(1 + (sd * sd) / (mean * mean))
        return .lognormal(zeta: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// Gamma with the given mean and standard deviation (shape = mean²/sd², scale = sd²/mean).
    public static func gamma(mean: Double, sd: Double) -> Distribution {
        if sd == 0 { return .constant(value: mean) }
        return .gamma(shape: (mean * mean) / (sd * sd), scale: (sd * sd) / mean)
    }

    /// Erlang with `k` phases and the given mean: a gamma of integer shape.
    public static func erlang(k: Int, mean: Double) -> Distribution {
        .gamma(shape: Double(k), scale: mean / Double(k))
    }

    /// Weibull with the given shape and scale.
    public static func weibull(shape: Double, scale: Double) -> Distribution {
        .weibull(scale: scale, shape: shape)
    }

    /// The mean of the distribution, in seconds.
    public var mean: Double {
        switch self {
        case .exponential(let mean): return mean
        case .constant(let value): return value
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .lognormal(let zeta, let sigma): return exp(zeta + sigma * sigma / 2)
        case .gamma(let shape, let scale): return shape * scale
        case .weibull(let scale, let shape): return scale * tgamma(1 + 1 / shape)
        case .empirical(let values): return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
    }

    /// Draws one value, in seconds, from `stream`.
    ///
    /// The draw is its ``Sampler``'s, which maps each kind to its GSL function.
    @inlinable
    public func sample(_ stream: RandomStream) -> Double {
        if case .empirical(let values) = self { return values[stream.integer(below: values.count)] }
        return Sampler(self).sampleWithoutTable(stream.generator)
    }
}
