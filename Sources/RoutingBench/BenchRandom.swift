// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small seeded generator for the synthetic center's draws (SplitMix64, Steele, Lea & Flood 2014).
///
/// The benchmark keeps its own generator rather than GSL's so that the harness stays cheap
/// next to the decisions it times, and so `RoutingBench` depends on nothing but the engine.
struct BenchRandom: Sendable {
    private var state: UInt64

    /// A generator for stream `stream` of `seed`; different streams give unrelated sequences.
    init(seed: UInt64, stream: UInt64) {
        state = seed &* 0x9e37_79b9_7f4a_7c15 ^ (stream &+ 1) &* 0xd1b5_4a32_d192_ed03
        _ = next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in 0..<bound (bound ≥ 1).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// An exponential draw with mean `mean`.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform()) }
}
