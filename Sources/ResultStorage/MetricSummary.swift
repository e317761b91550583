// SPDX-License-Identifier: GPL-3.0-or-later

/// One metric over one scope, summarised across a run's replications: a row of
/// `metric_summaries`.
public struct MetricSummary: Sendable, Hashable {
    /// What the metric is computed over.
    public var scope: ScopeKind
    /// The queue id or channel name; the empty text for ``ScopeKind/overall``.
    public var scopeID: String
    /// The metric key of SPEC §4.
    public var name: String
    /// The mean over the replications where the metric is defined, or `nil` when it is
    /// defined in none.
    public var mean: Double?
    /// The 95 % confidence half-width (Student t, n − 1 degrees of freedom), or `nil`
    /// when undefined — always with fewer than two values.
    public var ci95: Double?
    /// How many replications the summary is over.
    public var n: Int

    public init(scope: ScopeKind, scopeID: String, name: String, mean: Double?, ci95: Double?, n: Int) {
        self.scope = scope
        self.scopeID = scopeID
        self.name = name
        self.mean = mean
        self.ci95 = ci95
        self.n = n
    }
}
