// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios

/// The interval-by-interval part of the search: starts, steps and judgements.
extension StaffingSearch {
    /// The search's working state: the plan so far and what it cost.
    struct State {
        /// Per staffable group (by position in `staffable`), per plan value: agents on duty.
        var counts: [[Int]]
        /// Per staffable group: the last decided interval's count minus its analytic start.
        var drift: [Int]
        /// Per window interval: no more agents are to be added (the search or the check found
        /// that they no longer help, or every group that could help is at its `max`).
        var settled: [Bool]
        var evaluations = 0
        var verificationRuns = 0
        var simulatedChats = 0
        /// The plan's replications paused at the start of the interval last decided on them.
        var paused: PausedReplications?
        var resumedEvaluations = 0

        init(counts: [[Int]], intervals: Int) {
            self.counts = counts
            drift = Array(repeating: 0, count: counts.count)
            settled = Array(repeating: false, count: intervals)
        }
    }

    /// Consecutive added agents that must fail to shrink an interval's shortfall before the
    /// search stops adding: what is missing then is not for staffing to fix.
    static let futileAdditions = 2

    /// Decides window interval `i`; false when stopped.
    ///
    /// - Complexity: O(|answer − start| + 2) simulations of the window up to interval i.
    func decide(interval i: Int, state: inout State, stop: StopFlag) throws(StaffingError) -> Bool {
        let analytic = clamped(analyticStart(i))
        let start = clamped(zip(analytic, state.drift).map { $0 + $1 })
        guard let results = try simulate(with: start, at: i, through: i, state: &state, stop: stop) else { return false }
        let verdict = judge(results, interval: i)
        let found = verdict.failing.isEmpty
            ? try removeWhileMet(from: start, interval: i, state: &state, stop: stop)
            : try addUntilMet(from: start, verdict: verdict, interval: i, state: &state, stop: stop)
        guard let found else { return false }
        set(found, windowInterval: i, in: &state.counts)
        state.drift = zip(found, analytic).map { $0 - $1 }
        return true
    }

    /// The fewest agents below `counts` that still meet interval `i`'s targets, removing the
    /// most expensive first; nil when stopped.
    func removeWhileMet(from counts: [Int], interval i: Int, state: inout State,
                        stop: StopFlag) throws(StaffingError) -> [Int]? {
        var current = counts
        while let candidate = fewer(current) {
            guard let results = try simulate(with: candidate, at: i, through: i, state: &state, stop: stop) else { return nil }
            guard judge(results, interval: i).failing.isEmpty else { break }
            current = candidate
        }
        return current
    }

    /// Adds agents — to the cheapest group serving a queue that misses its targets — until
    /// interval `i` meets them; nil when stopped.
    ///
    /// When every such group is at its `max`, or ``futileAdditions`` agents in a row leave the
    /// shortfall as it was, the interval is settled at the fewest agents that gave the smallest
    /// shortfall seen.
    func addUntilMet(from counts: [Int], verdict: (failing: [Int], shortfall: Double), interval i: Int,
                     state: inout State, stop: StopFlag) throws(StaffingError) -> [Int]? {
        var current = counts, failing = verdict.failing
        var best = (counts: counts, shortfall: verdict.shortfall), stale = 0
        while let candidate = more(current, failing: failing) {
            guard let results = try simulate(with: candidate, at: i, through: i, state: &state, stop: stop) else { return nil }
            let judged = judge(results, interval: i)
            current = candidate
            failing = judged.failing
            if failing.isEmpty { return current }
            if judged.shortfall < best.shortfall {
                best = (current, judged.shortfall)
                stale = 0
            } else {
                stale += 1
                if stale >= Self.futileAdditions { break }
            }
        }
        state.settled[i] = true
        return best.counts
    }

    /// The counts every plan value starts with: each window interval's analytic start; values
    /// outside the window copy the nearer window edge.
    func initialCounts() -> [[Int]] {
        var counts = staffable.map { _ in Array(repeating: 0, count: grid.planCount) }
        for i in 0..<grid.windowCount { set(clamped(analyticStart(i)), windowInterval: i, in: &counts) }
        return counts
    }

    /// Sets window interval `i`'s counts; at a window edge, also the plan values outside the
    /// window nearer to that edge (the warm-up before the window and the drain after it).
    func set(_ current: [Int], windowInterval i: Int, in counts: inout [[Int]]) {
        let gap = grid.planCount - grid.windowCount
        var targets = [grid.planIndex(ofWindowInterval: i)]
        if gap > 0 {
            let afterWindow = grid.planIndex(ofWindowInterval: grid.windowCount)
            let half = (gap + 1) / 2
            if i == grid.windowCount - 1 { targets += (0..<half).map { (afterWindow + $0) % grid.planCount } }
            if i == 0 { targets += (half..<gap).map { (afterWindow + $0) % grid.planCount } }
        }
        for staffableIndex in staffable.indices {
            for planIndex in targets { counts[staffableIndex][planIndex] = current[staffableIndex] }
        }
    }

    /// Per staffable group, the agents Erlang A asks of it in window interval `i`: for each queue
    /// it is the first group of, the folded estimate less what the other groups on duty bring.
    func analyticStart(_ i: Int) -> [Int] {
        var start = staffable.map { scenario.agentGroups[$0].staffable!.min }
        var extra = Array(repeating: 0.0, count: staffable.count)
        for (position, q) in judged.enumerated() {
            guard let servers = estimates[position][i].servers else {
                extra[reference[position]] = .infinity
                continue
            }
            let id = scenario.queues[q].id
            let own = EffectiveAgent(group: scenario.agentGroups[staffable[reference[position]]],
                                     meanWorkSeconds: max(estimates[position][i].meanWorkSeconds, 1),
                                     offerTimeoutSeconds: scenario.queues[q].offerTimeout.seconds)
            var others = 0.0
            for (g, group) in scenario.agentGroups.enumerated() where group.queues.contains(id) {
                let agents: Double
                if let staffableIndex = staffable.firstIndex(of: g) {
                    guard staffableIndex != reference[position] else { continue }
                    agents = Double(group.staffable!.min)
                } else {
                    agents = Double(onDuty[g][i])
                }
                let theirs = EffectiveAgent(group: group, meanWorkSeconds: max(estimates[position][i].meanWorkSeconds, 1),
                                            offerTimeoutSeconds: scenario.queues[q].offerTimeout.seconds)
                others += agents * own.meanServiceSeconds / theirs.meanServiceSeconds
            }
            extra[reference[position]] += max(Double(servers) - others, 0)
        }
        for staffableIndex in staffable.indices where extra[staffableIndex] > 0 {
            start[staffableIndex] = extra[staffableIndex].isFinite ? max(start[staffableIndex], Int(extra[staffableIndex].rounded(.up))) : Int.max / 2
        }
        return start
    }

    /// `counts` within each group's `staffable` bounds.
    func clamped(_ counts: [Int]) -> [Int] {
        zip(counts, staffable).map { count, g in
            let range = scenario.agentGroups[g].staffable!
            return min(max(count, range.min), range.max)
        }
    }

    /// The judged queues (positions in `judged`) missing a target in window interval `i`, and
    /// their summed shortfall (``IntervalOutcome/shortfall(from:rule:)``).
    func judge(_ results: [ReplicationResult], interval i: Int) -> (failing: [Int], shortfall: Double) {
        var failing: [Int] = [], total = 0.0
        for (position, q) in judged.enumerated() {
            let gap = IntervalOutcome(results: results, queue: q, interval: i)
                .shortfall(from: scenario.queues[q].targets!, rule: rule)
            if gap > 0 {
                failing.append(position)
                total += gap
            }
        }
        return (failing, total)
    }

    /// One agent fewer, taken from the most expensive group above its `min` (the last in file
    /// order among equals); nil when every group is at its `min`.
    func fewer(_ counts: [Int]) -> [Int]? {
        let candidates = staffable.indices.filter { counts[$0] > scenario.agentGroups[staffable[$0]].staffable!.min }
        guard let highest = candidates.map({ Self.cost(group($0)) }).max(),
              let staffableIndex = candidates.last(where: { Self.cost(group($0)) == highest }) else { return nil }
        var fewer = counts
        fewer[staffableIndex] -= 1
        return fewer
    }

    /// One agent more, for the cheapest group below its `max` (the first in file order among
    /// equals) that serves a queue in `failing`; nil when there is none.
    func more(_ counts: [Int], failing: [Int]) -> [Int]? {
        let ids = failing.map { scenario.queues[judged[$0]].id }
        let candidates = staffable.indices.filter { staffableIndex in
            counts[staffableIndex] < group(staffableIndex).staffable!.max && group(staffableIndex).queues.contains(where: ids.contains)
        }
        guard let staffableIndex = candidates.min(by: { Self.cost(group($0)) < Self.cost(group($1)) }) else { return nil }
        var more = counts
        more[staffableIndex] += 1
        return more
    }

    /// The staffable group at position `staffableIndex`.
    func group(_ staffableIndex: Int) -> AgentGroupSpec { scenario.agentGroups[staffable[staffableIndex]] }
}
