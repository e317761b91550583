// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios

/// The simulations of the search: candidate plans, shortened windows, and the full-plan check.
extension StaffingSearch {
    /// The scenario with each staffable group on the plan `counts`, its window cut after window
    /// interval `through` (nil: the whole window).
    ///
    /// A group on a plan has max(1, the plan's largest value) agents — as the loader gives a
    /// plan read from a file — and no shifts (a plan replaces them).
    func planScenario(_ counts: [[Int]], through: Int? = nil) -> Scenario {
        var planned = scenario
        planned.replications = replications
        for (staffableIndex, g) in staffable.enumerated() {
            planned.agentGroups[g].plan = StaffingPlan(interval: grid.interval, counts: counts[staffableIndex])
            planned.agentGroups[g].count = max(counts[staffableIndex].max() ?? 0, 1)
            planned.agentGroups[g].shifts = []
        }
        if let through {
            let end = grid.interval.microseconds * Int64(through + 1)
            planned.duration = .init(microseconds: min(end, scenario.duration.microseconds))
        }
        return planned
    }

    /// Simulates the plan with window interval `i` set to `candidate`, up to the end of window
    /// interval `through` (nil: the whole window); nil when stopped.
    func simulate(with candidate: [Int]? = nil, at i: Int = 0, through: Int?, state: inout State,
                  stop: StopFlag) throws(StaffingError) -> [ReplicationResult]? {
        var counts = state.counts
        if let candidate {
            for staffableIndex in staffable.indices { counts[staffableIndex][grid.planIndex(ofWindowInterval: i)] = candidate[staffableIndex] }
        }
        let model: CompiledScenario
        do { model = try CompiledScenario(planScenario(counts, through: through)) } catch {
            throw StaffingError("the plan cannot be simulated: \(error)")
        }
        let results: [ReplicationResult]
        if let paused = pausedRuns(at: i, through: through, of: counts, for: model, state: &state, stop: stop) {
            guard let resumed = Simulation.resume(paused, under: model, jobs: jobs, stop: stop) else { return nil }
            results = resumed
            state.resumedEvaluations += 1
        } else {
            if stop.isRaised { return nil }
            results = Simulation.run(model, replications: replications, jobs: jobs, stop: stop)
        }
        state.evaluations += 1
        state.simulatedChats += results.reduce(0) { $0 + $1.simulatedChats }
        return stop.isRaised || results.count < replications ? nil : results
    }

    /// The replications of the plan paused at the start of window interval `i`, for a run of
    /// `model` (the plan `counts` cut after interval `i`: `through` = `i`) to go on from; nil
    /// when there are none (the candidate changes the plan before that time, or the scenario
    /// cannot be paused) or when stopped.
    ///
    /// The pause of an earlier interval is carried forward while the plan before it stays as it
    /// was, so each replication simulates each interval's start once instead of once per
    /// candidate. The paused runs simulate the whole window of the plan, not a cut one: a run
    /// may go on under a model whose drain ends earlier, never later (``Replication/canResume(under:at:)``).
    func pausedRuns(at i: Int, through: Int?, of counts: [[Int]], for model: CompiledScenario, state: inout State,
                    stop: StopFlag) -> PausedReplications? {
        guard resumesPausedRuns, through == i, Replication.isResumable(model) else { return nil }
        let time = model.windowStart + SimDuration(microseconds: grid.interval.microseconds * Int64(i))
        if let paused = state.paused, paused.time == time, paused.canResume(under: model) { return paused }
        guard let whole = try? CompiledScenario(planScenario(counts)) else { return nil }
        let earlier = state.paused.flatMap { $0.time < time ? $0 : nil }
        guard let paused = Simulation.pause(whole, replications: replications, at: time, from: earlier,
                                            jobs: jobs, stop: stop) else { return nil }
        state.paused = paused
        return paused.canResume(under: model) ? paused : nil
    }

    /// Simulates the whole plan and, while an interval misses its targets there, re-decides the
    /// first such interval by adding agents; returns the last full run's replications (nil when stopped).
    ///
    /// The interval is re-decided like in the search, on runs cut after it: those share every
    /// earlier interval with the full run, so the comparison between its staffings stays clean
    /// (common random numbers) however much the change moved the later replications' paths. A
    /// change can make a later interval miss, so the full run is repeated after each, up to
    /// ``verificationLimit`` times; agents are only ever added, so the check ends.
    ///
    /// - Complexity: at most ``verificationLimit`` simulations of the whole window, plus the
    ///   shortened runs of the re-decided intervals.
    func verify(state: inout State, stop: StopFlag) throws(StaffingError) -> [ReplicationResult]? {
        while true {
            guard let results = try simulate(through: nil, state: &state, stop: stop) else { return nil }
            state.verificationRuns += 1
            guard state.verificationRuns < Self.verificationLimit else { return results }
            var changed = false
            for i in 0..<grid.windowCount where !state.settled[i] {
                let verdict = judge(results, interval: i)
                guard !verdict.failing.isEmpty else { continue }
                let current = staffable.indices.map { state.counts[$0][grid.planIndex(ofWindowInterval: i)] }
                guard let found = try addUntilMet(from: current, verdict: verdict, interval: i, state: &state,
                                                  stop: stop) else { return nil }
                if found != current {
                    set(found, windowInterval: i, in: &state.counts)
                    changed = true
                    break
                }
            }
            if !changed { return results }
        }
    }
}
