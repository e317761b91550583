// SPDX-License-Identifier: GPL-3.0-or-later

/// One value of a per-interval time series of one replication (table `interval_metrics`).
public struct IntervalMetricRow: Sendable, Hashable {
    public var replication: Int
    public var scope: ScopeKind
    /// `''` for overall, else the queue or channel name.
    public var scopeID: String
    /// Start of the interval, in seconds after the start of the measured window.
    public var intervalStartSeconds: Double
    public var metric: String
    /// Nil when undefined (a ratio over no chats).
    public var value: Double?

    public init(replication: Int, scope: ScopeKind, scopeID: String, intervalStartSeconds: Double, metric: String,
                value: Double?) {
        self.replication = replication
        self.scope = scope
        self.scopeID = scopeID
        self.intervalStartSeconds = intervalStartSeconds
        self.metric = metric
        self.value = value
    }
}
