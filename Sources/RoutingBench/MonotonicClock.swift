// SPDX-License-Identifier: GPL-3.0-or-later

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the monotonic clock in nanoseconds: the only clock the benchmark uses.
///
/// `clock_gettime(CLOCK_MONOTONIC)` is answered in user space (the vDSO on Linux) in a few
/// tens of nanoseconds; ``overheadNanoseconds()`` measures how much of every timed decision
/// is the clock itself.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point.
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// The median time between two consecutive clock reads, over `reads` pairs.
    ///
    /// - Complexity: O(r log r) for r reads.
    public static func overheadNanoseconds(reads: Int = 10_001) -> UInt64 {
        var samples = [UInt64](repeating: 0, count: reads)
        for i in 0..<reads {
            let start = nanoseconds()
            samples[i] = nanoseconds() &- start
        }
        samples.sort()
        return samples[reads / 2]
    }
}
