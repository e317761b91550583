// SPDX-License-Identifier: GPL-3.0-or-later

/// A small, fast, seedable generator: SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable
/// pseudorandom number generators"), with the output function of Vigna's reference `splitmix64.c`.
///
/// Parley's one copy of it: the routing engine's random strategies, the benchmark's synthetic
/// center and the derivation of named stream seeds in `Statistics` all call this type, so it lives
/// in a module of its own that depends on nothing. Not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The state; each draw adds ``increment`` to it and returns ``mix(_:)`` of the sum.
    public var state: UInt64

    /// A generator whose first output is `mix(seed &+ increment)`.
    @inlinable public init(seed: UInt64) { state = seed }

    /// The odd constant added to the state before each output: 2^64 divided by the golden ratio.
    ///
    /// A computed property rather than a stored `static let` so that inlined callers see a literal.
    @inlinable public static var increment: UInt64 { 0x9e37_79b9_7f4a_7c15 }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1).
    @inlinable public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// A uniform draw in [0, 1): the top 53 bits of the next output.
    ///
    /// - Complexity: O(1).
    @inlinable public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// The output function: a bijection of 64 bits that spreads every input bit over the output.
    ///
    /// Also the finaliser that turns a hash into a well-mixed seed (`Statistics`' `StreamSeed`).
    /// - Complexity: O(1).
    @inlinable public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
