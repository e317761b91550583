// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics

/// How the verification judges one queue interval of a roster (SPEC §10).
///
/// `parley staff` decided the interval's requirement on its own replications: the fewest agents
/// whose figures meet the targets under the rule (with `ci`, the 95 % CI bound). The roster puts
/// at least that many on duty, but its agents are other people — groups per shift, each drawing
/// its own breaks and offer misses — so the same customers (same seed and replications: common
/// random numbers) meet other agents, and an interval of a few chats and one to three agents
/// can land on either side of a target by that alone. Judging the roster's ten-replication CI
/// afresh would then fail intervals that staff itself accepted, and raising their requirement
/// chases noise round after round.
///
/// So an interval the rule does not pass outright is compared with the requirement's own run
/// (the staffing plan simulated on the same seed and replications, which is what staff
/// accepted): replication by replication, the roster's figure minus the plan's. The miss is
/// **real** when, for a target the roster misses, the 95 % CI of that paired difference lies
/// wholly on the worse side (the same CI statistic staff's `ci` rule uses, applied to what the
/// roster changed), or when the plan itself misses the interval (the roster must then meet it
/// on its own). Otherwise the interval is **within noise** of what staff accepted and counts as
/// met; its figures and CIs are reported all the same.
public enum RosterVerdict: String, Sendable, Equatable {
    /// The roster's figures meet every target under the rule.
    case met
    /// The rule's bound misses a target, but no worse than the requirement's own run: the roster
    /// is not shown to do worse than the plan staff accepted there. Counts as met.
    case withinNoise = "within_noise"
    /// A real miss: the next round raises this interval's requirement.
    case missed

    /// Whether the interval counts as meeting its targets.
    public var meetsTargets: Bool { self != .missed }

    /// Judges `roster`'s figures of one queue interval against `targets` under `rule`, beside
    /// the `reference` figures of the requirement's run on the same replications (nil: no
    /// reference, the rule alone decides).
    public static func judge(roster: IntervalValues, reference: IntervalValues?, targets: QueueTargets,
                             rule: StaffingRule) -> RosterVerdict {
        let outcome = IntervalOutcome(roster)
        if outcome.meets(targets, rule: rule) { return .met }
        guard let reference, IntervalOutcome(reference).meets(targets, rule: rule) else { return .missed }
        if let floor = targets.serviceLevel, let mean = outcome.serviceLevel.mean,
           rule.bound(mean, outcome.serviceLevel, favourable: .high) < floor,
           worse(roster.serviceLevels, than: reference.serviceLevels, favourable: .high) {
            return .missed
        }
        if let cap = targets.abandonRate, let mean = outcome.abandonRate.mean,
           rule.bound(mean, outcome.abandonRate, favourable: .low) > cap,
           worse(roster.abandonRates, than: reference.abandonRates, favourable: .low) {
            return .missed
        }
        if let cap = targets.asa {
            if let mean = outcome.asaSeconds.mean {
                if rule.bound(mean, outcome.asaSeconds, favourable: .low) > cap.seconds,
                   worse(roster.asaSeconds, than: reference.asaSeconds, favourable: .low) {
                    return .missed
                }
            } else if (outcome.offered.mean ?? 0) > 0 {
                // Chats offered and nobody answered in any replication, where the plan answered them.
                return .missed
            }
        }
        return .withinNoise
    }

    /// Whether the paired differences `values − reference` (replications where both are
    /// defined) have a 95 % CI wholly on the unfavourable side of 0. Fewer than two pairs show
    /// nothing.
    static func worse(_ values: [Double?], than reference: [Double?], favourable: StaffingRule.Direction) -> Bool {
        let differences: [Double?] = zip(values, reference).map { value, base in
            guard let value, let base else { return nil }
            return value - base
        }
        let summary = ReplicationSummary(differences)
        guard let mean = summary.mean, let halfWidth = summary.halfWidth else { return false }
        return favourable == .high ? mean + halfWidth < 0 : mean - halfWidth > 0
    }
}
