// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL
import Foundation

/// A named, independently seeded source of random numbers: a GSL Mersenne Twister (MT19937).
///
/// Every random quantity of a run comes from one of these, seeded by ``StreamSeed`` from
/// (scenario seed, replication, stream name), so adding a stream or a draw elsewhere never
/// shifts this one (SPEC §1). MT19937 takes a 32-bit seed; the derived 64-bit seed is folded.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    /// The stream's name, for messages.
    public let name: String

    /// A stream for `name` in replication `replication` of a run seeded with `seed`.
    public init(seed: UInt64, replication: Int, name: String) {
        _ = GSL.ready
        guard let rng = gsl_rng_alloc(parley_gsl_rng_mt19937()) else {
            fatalError("GSL could not allocate a random number generator (out of memory)")
        }
        self.rng = rng
        self.name = name
        let derived = StreamSeed.derive(seed: seed, replication: replication, name: name)
        var folded = UInt(truncatingIfNeeded: (derived ^ (derived >> 32)) & 0xFFFF_FFFF)
        if folded == 0 { folded = 4357 }
        gsl_rng_set(rng, folded)
    }

    /// A stream that draws, from here on, exactly what `other` draws from here on (GSL's
    /// `gsl_rng_clone`): a copy of its state, independent of it afterwards.
    public init(copying other: RandomStream) {
        guard let rng = gsl_rng_clone(other.rng) else {
            fatalError("GSL could not allocate a random number generator (out of memory)")
        }
        self.rng = rng
        name = other.name
    }

    deinit { gsl_rng_free(rng) }

    /// A uniform draw in [0, 1).
    @inlinable public func uniform() -> Double { generator.uniform() }

    /// A uniform draw in (0, 1).
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// A uniform integer in 0..<bound (bound ≥ 1).
    @inlinable public func integer(below bound: Int) -> Int { generator.integer(below: bound) }

    /// An exponential draw with the given mean (GSL's `gsl_ran_exponential`, see ``RandomGenerator``).
    @inlinable public func exponential(mean: Double) -> Double { generator.exponential(mean: mean) }
}

extension RandomStream {
    /// The stream's generator, borrowed for an event loop: see ``RandomGenerator``.
    @inlinable public var generator: RandomGenerator { RandomGenerator(rng) }
}

/// A ``RandomStream``'s generator borrowed without reference counting, for the simulator's event loop.
///
/// Trivially copyable, so an array of them is read with plain loads; it draws exactly what its
/// stream would. It is valid only while its ``RandomStream`` lives: whoever keeps generators keeps
/// their streams too.
public struct RandomGenerator: @unchecked Sendable {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    @inlinable init(_ rng: UnsafeMutablePointer<gsl_rng>) { self.rng = rng }

    /// A uniform draw in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A uniform integer in 0..<bound (bound ≥ 1).
    @inlinable public func integer(below bound: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(bound))) }

    /// An exponential draw with the given mean: GSL's `gsl_ran_exponential`, −mean · log1p(−u), inlined.
    @inlinable public func exponential(mean: Double) -> Double { -mean * log1p(-gsl_rng_uniform(rng)) }
}
