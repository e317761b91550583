// SPDX-License-Identifier: GPL-3.0-or-later

/// One metric of one scope in one interval, averaged over a run's replications (read from
/// `interval_metrics`).
public struct IntervalMean: Sendable, Hashable {
    public var scope: ScopeKind
    /// The queue id or channel name; the empty text for ``ScopeKind/overall``.
    public var scopeID: String
    /// The metric key.
    public var metric: String
    /// Start of the interval, in seconds after the start of the measured window.
    public var intervalStartSeconds: Double
    /// Mean over the replications where the value is defined; nil when it is defined in none.
    public var mean: Double?
    /// Replications with a defined value.
    public var n: Int

    public init(scope: ScopeKind, scopeID: String, metric: String, intervalStartSeconds: Double,
                mean: Double?, n: Int) {
        self.scope = scope
        self.scopeID = scopeID
        self.metric = metric
        self.intervalStartSeconds = intervalStartSeconds
        self.mean = mean
        self.n = n
    }
}
