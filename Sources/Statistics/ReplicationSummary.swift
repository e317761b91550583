// SPDX-License-Identifier: GPL-3.0-or-later

import CGSL

/// Mean and confidence half-width of one metric over independent replications (SPEC §4).
///
/// The half-width is t(1 − α/2, n − 1) · s / √n with Student's t quantile from GSL; it is nil
/// with fewer than two values. Undefined per-replication values (a ratio with no chats) are
/// left out; with none left the mean is nil too.
public struct ReplicationSummary: Sendable, Equatable {
    public var mean: Double?
    public var halfWidth: Double?
    /// Replications that had a value.
    public var count: Int

    /// Summarises `values` at the given confidence level (0.95 by default).
    public init(_ values: [Double?], confidence: Double = 0.95) {
        let present = values.compactMap { $0 }
        count = present.count
        guard !present.isEmpty else {
            mean = nil
            halfWidth = nil
            return
        }
        let m = present.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
        mean = m
        guard present.count > 1 else {
            halfWidth = nil
            return
        }
        let sd = present.withUnsafeBufferPointer { gsl_stats_sd_m($0.baseAddress, 1, $0.count, m) }
        let t = StudentT.quantile(probability: 1 - (1 - confidence) / 2, degreesOfFreedom: present.count - 1)
        halfWidth = t * sd / Double(present.count).squareRoot()
    }

    /// Whether `value` lies inside mean ± half-width (false when either is undefined).
    public func contains(_ value: Double) -> Bool {
        guard let mean, let halfWidth else { return false }
        return abs(value - mean) <= halfWidth
    }
}

/// Quantiles of Student's t distribution, from GSL.
public enum StudentT {
    /// The value below which `probability` of the t distribution with `degreesOfFreedom` lies.
    public static func quantile(probability: Double, degreesOfFreedom: Int) -> Double {
        _ = GSL.ready
        return gsl_cdf_tdist_Pinv(probability, Double(degreesOfFreedom))
    }
}
