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
        self.init(IntervalValues(results: results, queue: q, interval: i))
    }

    /// The summaries of per-replication figures.
    public init(_ values: IntervalValues) {
        serviceLevel = ReplicationSummary(values.serviceLevels)
        abandonRate = ReplicationSummary(values.abandonRates)
        asaSeconds = ReplicationSummary(values.asaSeconds)
        offered = ReplicationSummary(values.offered)
    }

    /// Whether every target is met under `rule`.
    ///
    /// An interval with no chats meets every target. An ASA target with chats offered but none
    /// answered is not met: nobody was answered in time.
    public func meets(_ targets: QueueTargets, rule: StaffingRule) -> Bool {
        shortfall(from: targets, rule: rule) == 0
    }

    /// How far the interval is from its targets under `rule`: 0 when every target is met, else
    /// the sum over the missed ones of the gap between the rule's bound and the target (the
    /// ASA's relative to the target; an ASA with nobody answered counts 1).
    ///
    /// The search compares it between staffings of one interval on the same customers: when
    /// added agents no longer shrink it, what is missing cannot be staffed away (a customer who
    /// leaves before any agent could accept).
    public func shortfall(from targets: QueueTargets, rule: StaffingRule) -> Double {
        var gap = 0.0
        if let floor = targets.serviceLevel, let mean = serviceLevel.mean {
            gap += max(0, floor - rule.bound(mean, serviceLevel, favourable: .high))
        }
        if let cap = targets.abandonRate, let mean = abandonRate.mean {
            gap += max(0, rule.bound(mean, abandonRate, favourable: .low) - cap)
        }
        if let cap = targets.asa {
            if let mean = asaSeconds.mean {
                gap += max(0, rule.bound(mean, asaSeconds, favourable: .low) - cap.seconds) / cap.seconds
            } else if (offered.mean ?? 0) > 0 {
                gap += 1
            }
        }
        return gap
    }
}

/// One queue's figures in one interval, replication by replication (index = replication in
/// run order; nil where the figure is undefined: no chats offered, or none answered for the ASA).
/// Two runs on the same seed and replications pair up index by index (common random numbers).
public struct IntervalValues: Sendable, Equatable {
    public var serviceLevels: [Double?]
    public var abandonRates: [Double?]
    public var asaSeconds: [Double?]
    public var offered: [Double?]

    public init(serviceLevels: [Double?], abandonRates: [Double?], asaSeconds: [Double?], offered: [Double?]) {
        self.serviceLevels = serviceLevels
        self.abandonRates = abandonRates
        self.asaSeconds = asaSeconds
        self.offered = offered
    }

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
        self.init(serviceLevels: serviceLevels, abandonRates: abandonRates, asaSeconds: asas, offered: offered)
    }
}
