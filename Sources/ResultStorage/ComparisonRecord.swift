// SPDX-License-Identifier: GPL-3.0-or-later

/// One metric of one strategy against the baseline strategy of a comparison: a row of
/// `strategy_comparisons`.
///
/// A comparison runs every strategy on the same seeds; the difference of replication *i*
/// is the strategy's value minus the baseline's, and ``meanDiff`` ± ``ci95`` is their mean
/// and 95 % Student-t half-width.
public struct ComparisonRecord: Sendable, Hashable {
    /// The run of the baseline (first) strategy; it identifies the comparison.
    public var baselineRunID: Int64
    /// The run of the compared strategy.
    public var runID: Int64
    public var baselineStrategy: String
    public var strategy: String
    /// What the metric is computed over.
    public var scope: ScopeKind
    /// The queue id or channel name; the empty text for ``ScopeKind/overall``.
    public var scopeID: String
    /// The metric key of SPEC §4.
    public var metric: String
    /// Mean of the paired differences (strategy − baseline); nil when no pair is defined.
    public var meanDiff: Double?
    /// 95 % half-width of the mean difference; nil with fewer than two pairs.
    public var ci95: Double?
    /// Whether the interval excludes 0.
    public var significant: Bool
    /// Pairs the difference is over.
    public var n: Int

    public init(baselineRunID: Int64, runID: Int64, baselineStrategy: String, strategy: String,
                scope: ScopeKind, scopeID: String, metric: String, meanDiff: Double?, ci95: Double?,
                significant: Bool, n: Int) {
        self.baselineRunID = baselineRunID
        self.runID = runID
        self.baselineStrategy = baselineStrategy
        self.strategy = strategy
        self.scope = scope
        self.scopeID = scopeID
        self.metric = metric
        self.meanDiff = meanDiff
        self.ci95 = ci95
        self.significant = significant
        self.n = n
    }
}
