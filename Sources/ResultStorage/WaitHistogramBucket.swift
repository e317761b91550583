// SPDX-License-Identifier: GPL-3.0-or-later

/// One bucket of a run's wait-time distribution over one scope: a row of `wait_histograms`.
///
/// Counts are summed over the run's replications; the bounds are those of the simulator's
/// log-linear histogram, so they are the same in every run.
public struct WaitHistogramBucket: Sendable, Hashable {
    /// What the waits are of.
    public var scope: ScopeKind
    /// The queue id or channel name; the empty text for ``ScopeKind/overall``.
    public var scopeID: String
    /// The smallest wait in the bucket, in seconds.
    public var lowerSeconds: Double
    /// The smallest wait above the bucket (exclusive), in seconds.
    public var upperSeconds: Double
    /// Answered chats whose wait fell in the bucket, over all replications.
    public var count: Int

    public init(scope: ScopeKind, scopeID: String, lowerSeconds: Double, upperSeconds: Double, count: Int) {
        self.scope = scope
        self.scopeID = scopeID
        self.lowerSeconds = lowerSeconds
        self.upperSeconds = upperSeconds
        self.count = count
    }
}
