// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios
import Statistics

/// What one queue achieved in one interval over the replications: the figures `parley staff` judges.
///
/// Chats count in the interval they arrived in (SPEC §4), whenever they were answered; each
/// ratio is taken within a replication and then averaged, with a 95 % Student-t half-width.
public struct IntervalOutcome: Sendable, Equatable {
    /// Answered within the queue's threshold over offered.
    public var serviceLevel: ReplicationSummary
    /// Abandoned over offered.
    public var abandonRate: ReplicationSummary
    /// Mean wait of the answered chats, in seconds.
    public var asaSeconds: ReplicationSummary
    /// Offered chats per replication.
    public var offered: ReplicationSummary

    /// The figures of queue `q` in interval `i` of each replication.
    ///
    /// - Complexity: O(replications).
    public init(results: [ReplicationResult], queue q: Int, interval i: Int) {
        var serviceLevels: [Double?] = [], abandonRates: [Double?] = [], asas: [Double?] = [], offered: [Double?] = []
        for result in results {
            let tally = result.intervals
            let k = q * tally.count + i
            let chats = tally.offered[k]
            offered.append(Double(chats))
            serviceLevels.append(chats == 0 ? nil : Double(tally.answeredWithinThreshold[k]) / Double(chats))
            abandonRates.append(chats == 0 ? nil : Double(tally.abandoned[k]) / Double(chats))
            asas.append(tally.answered[k] == 0 ? nil : tally.answeredWaitMicros[k] / 1e6 / Double(tally.answered[k]))
        }
        serviceLevel = ReplicationSummary(serviceLevels)
        abandonRate = ReplicationSummary(abandonRates)
        asaSeconds = ReplicationSummary(asas)
        self.offered = ReplicationSummary(offered)
    }

    /// Whether every target is met under `rule`.
    ///
    /// An interval with no chats meets every target. An ASA target with chats offered but none
    /// answered is not met: nobody was answered in time.
    public func meets(_ targets: QueueTargets, rule: StaffingRule) -> Bool {
        if let floor = targets.serviceLevel, !rule.meets(serviceLevel, atLeast: floor) { return false }
        if let cap = targets.abandonRate, !rule.meets(abandonRate, atMost: cap) { return false }
        if let cap = targets.asa {
            if asaSeconds.mean == nil && (offered.mean ?? 0) > 0 { return false }
            if !rule.meets(asaSeconds, atMost: cap.seconds) { return false }
        }
        return true
    }
}
