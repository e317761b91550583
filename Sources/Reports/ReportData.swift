// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import ResultStorage

/// Everything the HTML report shows about one run, read from the results database.
package struct ReportData {
    package var run: StoredRun
    package var scenarioYAML: String
    /// Across-replication summaries, scope by scope in the order they were recorded.
    package var summaries: [MetricSummary]
    /// Wait-time buckets of every scope.
    package var waitBuckets: [WaitHistogramBucket]
    /// The comparison the run belongs to, if any.
    package var comparisons: [ComparisonRecord]
    /// Interval series, averaged over replications (empty when the run stored none).
    package var intervals: [IntervalMean]
    /// Occupancy per agent group, from the run's agent statistics.
    package var agentLoads: [AgentGroupLoad]
    /// Staffing found by `parley staff` (empty for other commands' runs).
    package var staffing: [StaffingRecord]
    /// Rosters found by `parley roster` (empty for other commands' runs).
    package var rosters: [RosterRecord]
    /// The grid points of the sweep the run belongs to, if any, each with its overall summaries.
    package var sweep: [(point: SweepPoint, summaries: [MetricSummary])]

    /// Reads run `runID`, or the newest run when it is nil.
    ///
    /// - Throws: ``DatabaseError/unknownRun(id:)`` for an id not in the file, or when the file has no run.
    package init(store: ResultStore, runID: Int64?) throws(DatabaseError) {
        let run: StoredRun
        if let runID {
            run = try store.run(id: runID)
        } else {
            guard let newest = try store.runs().last else { throw .unknownRun(id: 0) }
            run = newest
        }
        self.run = run
        scenarioYAML = try store.scenarioYAML(runID: run.id)
        summaries = try store.summaries(runID: run.id)
        waitBuckets = try store.waitHistograms(runID: run.id)
        comparisons = try store.comparisons(involving: run.id)
        intervals = try store.intervalMeans(runID: run.id)
        agentLoads = try store.agentGroupLoads(runID: run.id)
        staffing = try store.staffingResults(runID: run.id)
        rosters = try store.rosters(runID: run.id)
        sweep = try store.sweepPoints(involving: run.id).map { point throws(DatabaseError) in
            (point, try store.summaries(runID: point.runID).filter { $0.scope == .overall })
        }
    }

    /// The summary of `metric` in a scope, if recorded.
    package func summary(_ metric: String, scope: ScopeKind, id: String = "") -> MetricSummary? {
        summaries.first { $0.scope == scope && $0.scopeID == id && $0.name == metric }
    }

    /// The scopes with summaries, in recorded order, each once.
    package var scopes: [(scope: ScopeKind, id: String)] {
        var seen: [(ScopeKind, String)] = []
        for s in summaries where !seen.contains(where: { $0.0 == s.scope && $0.1 == s.scopeID }) {
            seen.append((s.scope, s.scopeID))
        }
        return seen.map { (scope: $0.0, id: $0.1) }
    }

    /// The queue ids with summaries, in recorded (scenario) order.
    package var queues: [String] { scopes.filter { $0.scope == .queue }.map(\.id) }
}
