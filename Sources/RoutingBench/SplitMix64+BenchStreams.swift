// SPDX-License-Identifier: GPL-3.0-or-later

import SplitMix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The synthetic center's draws: numbered streams of one seed, integers and exponential delays.
///
/// The benchmark uses the engine's small generator rather than GSL's so that the harness stays
/// cheap next to the decisions it times, and so `RoutingBench` needs no more than the engine does.
extension SplitMix64 {
    /// A generator for stream `stream` of `seed`; different streams give unrelated sequences.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed &* 0x9e37_79b9_7f4a_7c15 ^ (stream &+ 1) &* 0xd1b5_4a32_d192_ed03)
        _ = next()
    }

    /// A uniform integer in 0..<bound (bound ≥ 1).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// An exponential draw with mean `mean`.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform()) }
}
