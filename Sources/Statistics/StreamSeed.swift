// SPDX-License-Identifier: GPL-3.0-or-later

import SplitMix

/// Derives the seed of a named random stream from (scenario seed, replication index, stream name).
///
/// The hash is written here because Swift's `Hasher` is seeded randomly per process (SPEC §1):
/// FNV-1a over the little-endian bytes of the seed and replication and the UTF-8 bytes of the
/// name, followed by one SplitMix64 step (the first output of a generator seeded with the hash)
/// to spread the bits. The result depends on nothing but its inputs, on every platform and in
/// every process.
public enum StreamSeed {
    /// The 64-bit seed of stream `name` in replication `replication` of a run seeded with `seed`.
    public static func derive(seed: UInt64, replication: Int, name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: seed >> UInt64(shift))) }
        let rep = UInt64(bitPattern: Int64(replication))
        for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: rep >> UInt64(shift))) }
        for byte in name.utf8 { mix(byte) }
        var finaliser = SplitMix64(seed: hash)
        return finaliser.next()
    }
}
