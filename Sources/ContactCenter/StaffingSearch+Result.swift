// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios

/// Turns the final plan and its full run into a ``StaffingResult``.
extension StaffingSearch {
    /// The result of the plan in `state`, with the figures of its full run `final`.
    ///
    /// - Complexity: O(intervals × (queues + groups) × replications).
    func result(state: State, final: [ReplicationResult]) -> StaffingResult {
        let length = grid.interval.seconds
        var intervals: [StaffingInterval] = []
        var hours = Array(repeating: 0.0, count: staffable.count)
        for i in 0..<grid.windowCount {
            let start = Double(i) * length
            let span = min(length, scenario.duration.seconds - start)
            let planIndex = grid.planIndex(ofWindowInterval: i)
            for staffableIndex in staffable.indices { hours[staffableIndex] += Double(state.counts[staffableIndex][planIndex]) * span / 3600 }
            for (position, q) in judged.enumerated() {
                let queue = scenario.queues[q]
                let outcome = IntervalOutcome(results: final, queue: q, interval: i)
                let groups = scenario.agentGroups.enumerated().filter { $0.element.queues.contains(queue.id) }.map { g, group in
                    let staffableIndex = staffable.firstIndex(of: g)
                    return StaffingInterval.GroupCount(group: group.name, agents: staffableIndex.map { state.counts[$0][planIndex] } ?? onDuty[g][i],
                                                       staffable: staffableIndex != nil)
                }
                let estimate = estimates[position][i]
                intervals.append(StaffingInterval(
                    queue: queue.id, index: i, startSeconds: start, lengthSeconds: span,
                    localTime: Self.localTime(scenario.start.weekOffset.seconds + start), groups: groups,
                    outcome: outcome, meetsTargets: outcome.meets(queue.targets!, rule: rule),
                    erlangC: estimate.erlangC, erlangA: estimate.erlangA, estimate: estimate.servers))
            }
        }
        let names = staffable.map { scenario.agentGroups[$0].name }
        let priced = staffable.allSatisfy { scenario.agentGroups[$0].costPerHour != nil }
        var result = StaffingResult(
            scenario: planScenario(state.counts), rule: rule, replications: replications,
            plans: staffable.indices.map { (names[$0], StaffingPlan(interval: grid.interval, counts: state.counts[$0])) },
            intervals: intervals, agentHours: hours.reduce(0, +), agentHoursByGroup: Array(zip(names, hours)),
            cost: priced ? zip(staffable, hours).reduce(0) { $0 + $1.1 * scenario.agentGroups[$1.0].costPerHour! } : nil,
            evaluations: state.evaluations, verificationRuns: state.verificationRuns,
            simulatedChats: state.simulatedChats)
        result.resumedEvaluations = state.resumedEvaluations
        return result
    }

    /// `mon 08:30` for a time `seconds` after Monday 00:00 local time (wrapping weekly).
    static func localTime(_ seconds: Double) -> String {
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let minutes = Int((seconds / 60).rounded()) % (7 * 1440)
        return days[minutes / 1440] + String(format: " %02d:%02d", minutes % 1440 / 60, minutes % 60)
    }
}
