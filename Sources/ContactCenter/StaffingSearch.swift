// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios
import Statistics

/// Finds the fewest agents per interval of the staffable groups that meet every queue's targets
/// (SPEC §6 `parley staff`).
///
/// **Start.** Each interval starts from the analytic answer (``StaffingEstimate``: Erlang A
/// with the chat model folded into the agent, less what non-staffable agents on duty
/// contribute), corrected by how far the simulation moved the previous interval's answer from
/// its estimate — neighbouring intervals tend to be off in the same way.
///
/// **Search.** Intervals are decided in time order, because a backlog carries from one
/// interval into the next: when interval i is decided, every earlier one holds its final count.
/// A candidate count is simulated as a staffing plan (each staffable group's `count` becomes a
/// plan with one value per interval) with the existing model, and interval i is judged by the
/// chats that arrived in it (``IntervalOutcome``, ``StaffingRule``). If the start meets the
/// targets, agents are removed — from the most expensive group first — while it still does;
/// otherwise they are added — to the cheapest group serving a queue that misses its targets —
/// until it does or every such group is at its `max`. All candidates share the seed and the
/// replication indexes, so they see the same customers (common random numbers): the difference
/// between two counts is the staffing's, not noise.
///
/// **Shortened runs.** Deciding interval i simulates the scenario with its window cut at the end
/// of interval i. That is exact, not an approximation: every random draw of a chat is made at
/// its arrival from its stream's own sub-streams, and the run continues after the window (with
/// arrivals and the plan's later counts) until every measured chat is resolved, so the chats of
/// intervals 0…i fare exactly as in the full run of the same plan — unless one waits past
/// `drain_limit`. The drain is as short as the last chats allow.
///
/// **Paused runs.** Every candidate of interval i shares the plan before interval i, so the
/// replications are simulated up to interval i's start once, paused there, and each candidate
/// goes on from a copy of them (``Replication/resume(under:pausedAt:)``); when interval i is
/// decided, the pause moves on to interval i + 1's start from there. Each replication thus
/// simulates the window's time about once while the plan is built, plus each candidate's own
/// interval and drain: O(intervals) simulated time instead of O(intervals²), with exactly the
/// figures of simulating each candidate from the start (where a candidate changes the plan
/// before its interval — interval 0's warm-up, a group's agent count, a scenario whose past
/// depends on its drain end — it is simulated from the start instead).
///
/// **Check.** The counts of later intervals can change the fate of an earlier interval's last
/// chats (they are answered after its end), and any change of the plan — the week's last
/// intervals are also the warm-up before its first — moves the later replications onto
/// slightly different paths, so the whole plan is then simulated again. While an interval
/// misses its targets there, the first such interval is decided again by adding agents on
/// runs cut after it, and the whole plan is simulated again (at most ``verificationLimit``
/// times). The figures reported are those of the last full run, so the plan fed back to
/// `parley run` with the same seed and replications reproduces them exactly.
///
/// **What staffing cannot fix.** A customer who leaves before any agent could accept, in an
/// interval of a handful of chats, fails an abandonment target whatever the staffing. When
/// ``futileAdditions`` agents in a row do not shrink an interval's shortfall, the search stops
/// there and reports the interval as missing its targets, instead of adding agents up to `max`.
public struct StaffingSearch: Sendable {
    public let scenario: Scenario
    public let rule: StaffingRule
    public let replications: Int
    public let jobs: Int
    let grid: StaffingGrid
    /// Indexes in `scenario.agentGroups` of the staffable groups, in file order.
    let staffable: [Int]
    /// Indexes in `scenario.queues` of the queues with targets, in file order.
    let judged: [Int]
    /// Per judged queue: the position in `staffable` of the group added first for it.
    let reference: [Int]
    /// Per judged queue and window interval: the analytic figures.
    let estimates: [[StaffingEstimate]]
    /// Per agent group and window interval: agents on duty by the group's own count, shifts or plan.
    let onDuty: [[Int]]

    /// Whether candidates of an interval go on from the plan's replications paused at its start
    /// (false: every candidate is simulated from the start, the way the search worked before —
    /// kept to check that both give the same plan and figures).
    var resumesPausedRuns = true

    /// Intervals of the measured window, each decided in turn.
    public var intervalCount: Int { grid.windowCount }

    /// Full-plan simulations at most after the interval-by-interval search.
    public static let verificationLimit = 100

    /// Prepares a search of `scenario` (as loaded: its `targets`, `staffable` and `cost_per_hour`).
    ///
    /// - Throws: ``StaffingError`` when no queue has targets, no group is staffable, a queue
    ///   with targets has no staffable group, the intervals cannot be plan values, or the CI
    ///   rule is asked for with one replication.
    public init(scenario: Scenario, rule: StaffingRule = .ci, replications: Int? = nil,
                jobs: Int = 1) throws(StaffingError) {
        self.scenario = scenario
        self.rule = rule
        self.replications = replications ?? scenario.replications
        self.jobs = max(jobs, 1)
        grid = try StaffingGrid(scenario)
        guard self.replications >= (rule == .ci ? 2 : 1) else {
            throw StaffingError("the ci rule needs at least 2 replications for a confidence interval; "
                                + "run more replications or use --rule mean")
        }
        judged = scenario.queues.indices.filter { scenario.queues[$0].targets != nil }
        guard !judged.isEmpty else {
            throw StaffingError("no queue has targets; add, for example, targets: {service_level: 0.8} to a queue")
        }
        let staffable = scenario.agentGroups.indices.filter { scenario.agentGroups[$0].staffable != nil }
        guard !staffable.isEmpty else {
            throw StaffingError("no agent group is staffable; add, for example, staffable: {min: 0, max: 20} to a group")
        }
        self.staffable = staffable
        var reference: [Int] = []
        for q in judged {
            let id = scenario.queues[q].id
            let serving = staffable.indices.filter { scenario.agentGroups[staffable[$0]].queues.contains(id) }
            guard let cheapest = serving.min(by: { Self.cost(scenario.agentGroups[staffable[$0]])
                                                    < Self.cost(scenario.agentGroups[staffable[$1]]) }) else {
                throw StaffingError("queue '\(id)' has targets but no staffable agent group serves it")
            }
            reference.append(cheapest)
        }
        self.reference = reference
        let grid = self.grid
        estimates = zip(judged, reference).map { q, staffableIndex in
            (0..<grid.windowCount).map { i in
                StaffingEstimate(scenario: scenario, queue: scenario.queues[q], interval: i,
                                 targets: scenario.queues[q].targets!, reference: scenario.agentGroups[staffable[staffableIndex]])
            }
        }
        onDuty = scenario.agentGroups.map { group in Self.onDutyCounts(of: group, scenario: scenario, grid: grid) }
    }

    /// Searches the plan; nil when `stop` was raised first.
    ///
    /// `progress` is called on the calling thread with the intervals decided so far and the total.
    /// - Complexity: O(intervals × candidates per interval × replications × chats per interval)
    ///   simulated work with paused runs, plus the checks.
    public func run(stop: StopFlag = StopFlag(),
                    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws(StaffingError) -> StaffingResult? {
        var state = State(counts: initialCounts(), intervals: grid.windowCount)
        for i in 0..<grid.windowCount {
            guard try decide(interval: i, state: &state, stop: stop) else { return nil }
            progress(i + 1, grid.windowCount)
        }
        guard let final = try verify(state: &state, stop: stop) else { return nil }
        return result(state: state, final: final)
    }

    /// What a group costs per agent-hour for ordering: its `cost_per_hour`, or 1 when none is given.
    static func cost(_ group: AgentGroupSpec) -> Double { group.costPerHour ?? 1 }

    /// Agents of `group` on duty at the middle of each window interval, from its count, shifts or plan.
    ///
    /// - Complexity: O(agents × duty spans).
    static func onDutyCounts(of group: AgentGroupSpec, scenario: Scenario, grid: StaffingGrid) -> [Int] {
        var counts = Array(repeating: 0, count: grid.windowCount)
        let windowStart = scenario.warmup.microseconds
        let windowEnd = windowStart + scenario.duration.microseconds
        let length = grid.interval.microseconds
        for member in 0..<group.count {
            for span in CompiledScenario.duty(of: group, member: member, scenario: scenario) {
                let first = max(0, Int((span.start - windowStart) / length) - 1)
                let last = min(grid.windowCount - 1, Int((span.end - windowStart) / length) + 1)
                guard first <= last else { continue }
                for i in first...last {
                    let start = windowStart + Int64(i) * length
                    let middle = (start + min(start + length, windowEnd)) / 2
                    if span.start <= middle && middle < span.end { counts[i] += 1 }
                }
            }
        }
        return counts
    }
}
