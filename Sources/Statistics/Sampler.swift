// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL
import Foundation

/// A ``Distribution`` made ready for the event loop: trivially copyable and sampled inline.
///
/// Reading a `Distribution` out of an array copies an enum whose `empirical` case holds an
/// array, which costs reference counting on every draw; a sampler is two numbers and a kind.
/// An empirical sampler refers to its values by position in a table list its owner keeps
/// (``Distribution/empiricalValues``). Draws are exactly those of ``Distribution/sample(_:)``.
public struct Sampler: Sendable, Equatable {
    @usableFromInline
    enum Kind: UInt8, Sendable, Equatable { case exponential, constant, uniform, lognormal, gamma, weibull, empirical }

    @usableFromInline let kind: Kind
    @usableFromInline let first: Double
    @usableFromInline let second: Double
    /// For `empirical`: the position of its values in the owner's table list.
    @usableFromInline let table: Int

    /// The sampler of `distribution`; an empirical one takes `table`, where its owner keeps its values.
    @inlinable
    public init(_ distribution: Distribution, table: Int = -1) {
        switch distribution {
        case .exponential(let mean): (kind, first, second) = (.exponential, mean, 0)
        case .constant(let value): (kind, first, second) = (.constant, value, 0)
        case .uniform(let lo, let hi): (kind, first, second) = (.uniform, lo, hi)
        case .lognormal(let zeta, let sigma): (kind, first, second) = (.lognormal, zeta, sigma)
        case .gamma(let shape, let scale): (kind, first, second) = (.gamma, shape, scale)
        case .weibull(let scale, let shape): (kind, first, second) = (.weibull, scale, shape)
        case .empirical: (kind, first, second) = (.empirical, 0, 0)
        }
        self.table = table
    }

    /// Draws one value, in seconds; `tables` holds the values of empirical samplers.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func sample(_ generator: RandomGenerator, tables: [[Double]]) -> Double {
        if kind == .empirical { return tables[table][generator.integer(below: tables[table].count)] }
        return sampleWithoutTable(generator)
    }

    /// Draws from a sampler of any kind but `empirical`: the one place that maps a kind to its GSL function.
    @inlinable @inline(__always)
    func sampleWithoutTable(_ generator: RandomGenerator) -> Double {
        switch kind {
        case .exponential: return generator.exponential(mean: first)
        case .constant: return first
        case .uniform: return gsl_ran_flat(generator.rng, first, second)
        case .lognormal: return gsl_ran_lognormal(generator.rng, first, second)
        case .gamma: return gsl_ran_gamma(generator.rng, first, second)
        case .weibull: return gsl_ran_weibull(generator.rng, first, second)
        case .empirical: preconditionFailure("an empirical sampler draws from its table")
        }
    }
}

extension Distribution {
    /// The values of an empirical distribution, or nil.
    public var empiricalValues: [Double]? {
        if case .empirical(let values) = self { return values }
        return nil
    }
}
