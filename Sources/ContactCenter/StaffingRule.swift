// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// When `parley staff` counts a target as met by a simulated interval.
///
/// A target is a floor (service level) or a cap (abandon rate, ASA) on a metric's mean over
/// replications. `ci` asks the 95 % confidence bound on the unfavourable side to meet it — the
/// lower bound of a service level, the upper bound of an abandon rate — so a plan passes only
/// when the simulation is confident it does; `mean` asks only the mean to meet it.
public enum StaffingRule: String, Sendable, CaseIterable, Equatable {
    case ci
    case mean

    /// Which way a metric is better.
    public enum Direction: Sendable {
        case high, low
    }

    /// Whether `summary` meets the floor `target`; a metric without a mean (no chats) meets it.
    ///
    /// With fewer than two defined values there is no interval, and the mean decides: more
    /// agents cannot add chats to an interval, so demanding an interval would never end.
    public func meets(_ summary: ReplicationSummary, atLeast target: Double) -> Bool {
        guard let mean = summary.mean else { return true }
        return bound(mean, summary, favourable: .high) >= target
    }

    /// Whether `summary` meets the cap `target`; a metric without a mean (no chats) meets it.
    public func meets(_ summary: ReplicationSummary, atMost target: Double) -> Bool {
        guard let mean = summary.mean else { return true }
        return bound(mean, summary, favourable: .low) <= target
    }

    /// The value the rule compares with a target: the mean, or (`ci`) the end of the 95 %
    /// interval away from the `favourable` side.
    public func bound(_ mean: Double, _ summary: ReplicationSummary, favourable: Direction) -> Double {
        let margin = self == .ci ? summary.halfWidth ?? 0 : 0
        return favourable == .high ? mean - margin : mean + margin
    }
}
