// SPDX-License-Identifier: GPL-3.0-or-later

/// The replications of one or more models run until a ``PrecisionTarget`` is met.
public struct PrecisionRun: Sendable {
    /// Per model, the replications kept, by index: 0 ..< ``count`` unless the run was stopped.
    public var results: [[ReplicationResult]]
    /// Replications kept per model.
    public var count: Int
    /// Whether the target was met (false when the maximum was reached first, or the run was stopped).
    public var reached: Bool
}

extension Simulation {
    /// Runs replications of every model on the same indexes, in parallel batches, until every
    /// model's watched metrics are precise enough, and keeps the fewest that are.
    ///
    /// The rule is sequential: after the first `target.minimum` replications, it looks at every
    /// count n in turn and stops at the first whose replications 0 ..< n meet the target for
    /// every model (or at `target.maximum`). Batches are sized from the current half-widths and
    /// the number of jobs, but replications past n are discarded, so the count and the metrics
    /// depend only on the seed, never on `jobs`. Models run on common random numbers (the same
    /// indexes), as a comparison needs.
    ///
    /// When `stop` is raised, the complete replications so far are returned and `reached` is false.
    public static func run(_ models: [CompiledScenario], until target: PrecisionTarget, jobs: Int,
                           stop: StopFlag = StopFlag(),
                           progress: @Sendable (_ done: Int, _ planned: Int) -> Void = { _, _ in }) -> PrecisionRun {
        var results: [[ReplicationResult]] = models.map { _ in [] }
        // Per model and watched metric, the overall value of each replication in index order.
        var values: [[[Double?]]] = models.map { _ in target.metrics.map { _ in [] } }
        var planned = target.minimum
        var completed = 0
        var checkedUpTo = target.minimum - 1
        while true {
            let batch = planned - completed
            for (m, model) in models.enumerated() {
                let done = completed * models.count + m * batch
                let total = planned * models.count
                let batchResults = run(model, replications: batch, first: completed, jobs: jobs, stop: stop) { count in
                    progress(done + count, total)
                }
                results[m] += batchResults
                if stop.isRaised || batchResults.count < batch {
                    return PrecisionRun(results: results, count: results.map(\.count).min() ?? 0, reached: false)
                }
                for result in batchResults {
                    let overall = RunSummary(model: model, results: [result]).perReplication[0][0]
                    for (k, metric) in target.metrics.enumerated() { values[m][k].append(overall[metric]) }
                }
            }
            completed = planned
            for n in (checkedUpTo + 1)...completed where meets(target, values, prefix: n) {
                return PrecisionRun(results: results.map { Array($0.prefix(n)) }, count: n, reached: true)
            }
            checkedUpTo = completed
            if completed >= target.maximum {
                return PrecisionRun(results: results, count: completed, reached: false)
            }
            planned = nextPlan(after: completed, target: target, values: values, jobs: jobs)
        }
    }

    /// Whether replications 0 ..< n of every model meet the target.
    static func meets(_ target: PrecisionTarget, _ values: [[[Double?]]], prefix n: Int) -> Bool {
        values.allSatisfy { model in model.allSatisfy { target.isMet(by: Array($0.prefix(n))) } }
    }

    /// The replication count to reach next: the estimated need, at least one more and at most
    /// double, rounded up to whole rounds of `jobs`, never past the maximum.
    static func nextPlan(after completed: Int, target: PrecisionTarget, values: [[[Double?]]], jobs: Int) -> Int {
        let need = values.flatMap { $0 }.map { target.estimatedNeed(for: $0) }.max() ?? completed + 1
        var next = min(max(need, completed + 1), 2 * completed)
        let round = max(1, jobs)
        next = completed + ((next - completed + round - 1) / round) * round
        return min(next, target.maximum)
    }
}
