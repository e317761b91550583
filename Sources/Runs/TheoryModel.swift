// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Statistics

/// The exact queueing model a validation scenario corresponds to, and its exact metric values.
///
/// A validation scenario has one queue, one agent group and one Poisson stream; the model's
/// parameters are read from the scenario itself, so the exact values always describe the
/// system that is simulated. Metric mapping (SPEC §4): P(wait) → `p_wait`, P(abandon) →
/// `abandon_rate`, answered within the threshold over all offered → `service_level`, mean wait
/// of the answered → `asa_s`, mean wait of all offered → `mean_wait_s`, utilisation →
/// `occupancy`. Without abandonment every chat is answered, so `asa_s` equals `mean_wait_s`
/// and only the latter is checked.
package enum TheoryModel: String, CaseIterable, Sendable {
    /// M/M/n, infinitely patient: ``ErlangC``.
    case erlangC = "erlang_c"
    /// M/M/n+M: ``ErlangA``.
    case erlangA = "erlang_a"
    /// M/G/1, infinitely patient: ``PollaczekKhinchine``.
    case pollaczekKhinchine = "pollaczek_khinchine"
    /// N agents with m slots, slowdown, least_busy, exponential work and patience: ``ChatTeamModel``.
    case chatTeam = "chat_team"
    /// Several M/M/c pools, each queue overflowing at 0 s to every other queue's groups: one
    /// M/M/(Σc) queue with the summed arrival rate (``ErlangC``), overall metrics.
    case pooledErlangC = "pooled_erlang_c"

    /// Why a scenario does not fit the model.
    package struct Mismatch: Error, CustomStringConvertible {
        package var description: String
    }

    /// The exact values of the metrics this model determines for `scenario`, in ``Metric`` order.
    package func exactValues(for scenario: Scenario) throws -> [(Metric, Double)] {
        if self == .pooledErlangC { return try Self.pooledValues(for: scenario) }
        guard scenario.queues.count == 1, scenario.agentGroups.count == 1, scenario.customerStreams.count == 1 else {
            throw Mismatch(description: "a validation scenario has exactly one queue, one agent group and one stream")
        }
        let group = scenario.agentGroups[0], stream = scenario.customerStreams[0], queue = scenario.queues[0]
        guard case .poisson(let perHour) = stream.arrivals else { throw Mismatch(description: "arrivals must be Poisson") }
        let lambda = perHour / 3600
        let threshold = (queue.serviceLevelThreshold ?? scenario.serviceLevelThreshold).seconds
        let patience = try stream.patience.map { spec -> Double in
            guard case .exponential(let mean) = spec else { throw Mismatch(description: "patience must be exponential") }
            return mean
        }
        // Service time of a solo chat: work content / speed.
        let workMean = stream.handleTime.mean / group.speed
        func requireExponentialWork() throws {
            guard case .exponential = stream.handleTime else {
                throw Mismatch(description: "\(rawValue) needs exponential handle_time")
            }
        }
        func requireOneSlot() throws {
            guard group.capacity == 1 else { throw Mismatch(description: "\(rawValue) needs capacity 1") }
        }
        switch self {
        case .erlangC:
            try requireExponentialWork()
            try requireOneSlot()
            guard patience == nil else { throw Mismatch(description: "erlang_c needs infinitely patient customers") }
            let c = try ErlangC(arrivalRatePerSecond: lambda, meanServiceSeconds: workMean, agents: group.count)
            return [(.serviceLevel, c.serviceLevel(thresholdSeconds: threshold)), (.pWait, c.probabilityOfWaiting),
                    (.meanWaitSeconds, c.averageSpeedOfAnswerSeconds), (.occupancy, c.occupancy)]
        case .erlangA:
            try requireExponentialWork()
            try requireOneSlot()
            guard let patience else { throw Mismatch(description: "erlang_a needs exponential patience") }
            let a = try ErlangA(arrivalRatePerSecond: lambda, meanServiceSeconds: workMean, meanPatienceSeconds: patience,
                                agents: group.count)
            return [(.abandonRate, a.abandonProbability), (.serviceLevel, a.serviceLevel(thresholdSeconds: threshold)),
                    (.pWait, a.probabilityOfWaiting), (.asaSeconds, a.averageSpeedOfAnswerSeconds),
                    (.meanWaitSeconds, a.meanWaitSeconds), (.occupancy, a.occupancy)]
        case .pollaczekKhinchine:
            try requireOneSlot()
            guard group.count == 1, patience == nil else {
                throw Mismatch(description: "pollaczek_khinchine needs one agent and infinitely patient customers")
            }
            let variance = Self.variance(of: stream.handleTime) / (group.speed * group.speed)
            let pk = try PollaczekKhinchine(arrivalRatePerSecond: lambda, meanServiceSeconds: workMean,
                                            serviceVarianceSeconds2: variance)
            return [(.pWait, pk.probabilityOfWaiting), (.meanWaitSeconds, pk.meanWaitSeconds), (.occupancy, pk.utilisation)]
        case .chatTeam:
            try requireExponentialWork()
            guard queue.strategy == .leastBusy || group.capacity == 1 else {
                throw Mismatch(description: "chat_team models least_busy routing")
            }
            let team = try ChatTeamModel(agents: group.count, capacity: group.capacity, slowdown: group.slowdown,
                                         speed: group.speed, arrivalRatePerSecond: lambda,
                                         meanWorkSeconds: stream.handleTime.mean, meanPatienceSeconds: patience)
            var values: [(Metric, Double)] = []
            if patience != nil { values.append((.abandonRate, team.abandonProbability)) }
            values += [(.serviceLevel, team.serviceLevel(thresholdSeconds: threshold)), (.pWait, team.probabilityOfWaiting)]
            if patience != nil { values.append((.asaSeconds, team.averageSpeedOfAnswerSeconds)) }
            values += [(.meanWaitSeconds, team.meanWaitSeconds), (.occupancy, team.occupancy)]
            return values
        case .pooledErlangC:
            return try Self.pooledValues(for: scenario)
        }
    }

    /// `pooled_erlang_c`: one agent group and one Poisson stream per queue, every queue's first
    /// overflow step at 0 s adding all the other queues' groups, one slot, speed 1, the same
    /// exponential work everywhere, no patience. Then every chat may go to every agent from its
    /// arrival and a freed agent takes the oldest waiting chat of all queues: M/M/(Σc), FIFO.
    static func pooledValues(for scenario: Scenario) throws -> [(Metric, Double)] {
        let queues = scenario.queues, groups = scenario.agentGroups, streams = scenario.customerStreams
        guard queues.count >= 2, groups.count == queues.count, streams.count == queues.count else {
            throw Mismatch(description: "pooled_erlang_c needs one agent group and one stream per queue, two queues or more")
        }
        var lambda = 0.0
        var workMean: Double?
        for queue in queues {
            let own = groups.filter { $0.queues == [queue.id] }
            guard own.count == 1 else { throw Mismatch(description: "queue \(queue.id) needs one group of its own") }
            let others = Set(groups.map(\.name)).subtracting([own[0].name])
            guard let first = queue.overflow.first, first.after == .zero, case .addGroups(let added) = first.action,
                  Set(added) == others else {
                throw Mismatch(description: "queue \(queue.id) must overflow at 0s to every other queue's group")
            }
            guard let stream = streams.first(where: { $0.queue == queue.id }), case .poisson(let perHour) = stream.arrivals,
                  stream.patience == nil, case .exponential(let mean) = stream.handleTime else {
                throw Mismatch(description: "queue \(queue.id) needs a Poisson stream of patient customers with exponential work")
            }
            guard workMean == nil || workMean == mean else { throw Mismatch(description: "every stream needs the same work") }
            workMean = mean
            lambda += perHour / 3600
        }
        guard groups.allSatisfy({ $0.capacity == 1 && $0.speed == 1 }) else {
            throw Mismatch(description: "pooled_erlang_c needs capacity 1 and speed 1")
        }
        let threshold = (queues[0].serviceLevelThreshold ?? scenario.serviceLevelThreshold).seconds
        guard queues.allSatisfy({ ($0.serviceLevelThreshold ?? scenario.serviceLevelThreshold).seconds == threshold }) else {
            throw Mismatch(description: "every queue needs the same service-level threshold")
        }
        let c = try ErlangC(arrivalRatePerSecond: lambda, meanServiceSeconds: workMean ?? 0,
                            agents: groups.reduce(0) { $0 + $1.count })
        return [(.serviceLevel, c.serviceLevel(thresholdSeconds: threshold)), (.pWait, c.probabilityOfWaiting),
                (.asaSeconds, c.averageSpeedOfAnswerSeconds), (.meanWaitSeconds, c.averageSpeedOfAnswerSeconds),
                (.occupancy, c.occupancy)]
    }

    /// Var[S] of a work-content distribution, in seconds².
    package static func variance(of spec: DistributionSpec) -> Double {
        switch spec {
        case .exponential(let mean): return mean * mean
        case .constant: return 0
        case .uniform(let lo, let hi): return (hi - lo) * (hi - lo) / 12
        case .lognormal(_, let sd), .gamma(_, let sd): return sd * sd
        case .erlang(let k, let mean): return mean * mean / Double(k)
        case .weibull(let shape, let scale):
            let m1 = tgamma(1 + 1 / shape), m2 = tgamma(1 + 2 / shape)
            return scale * scale * (m2 - m1 * m1)
        case .empirical(let values):
            let mean = values.reduce(0, +) / Double(values.count)
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        }
    }
}
