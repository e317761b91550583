// SPDX-License-Identifier: GPL-3.0-or-later

/// The results of one replication of a run: a row of `replications` and its metrics.
public struct ReplicationRecord: Sendable, Hashable {
    /// The replication's index within the run, the one its random streams are seeded with.
    public var index: Int
    /// Chats simulated, warm-up included.
    public var simulatedChats: Int
    /// Events the kernel processed.
    public var events: Int
    /// Every metric of the replication, over every scope.
    public var metrics: [MetricValue]

    public init(index: Int, simulatedChats: Int, events: Int, metrics: [MetricValue]) {
        self.index = index
        self.simulatedChats = simulatedChats
        self.events = events
        self.metrics = metrics
    }
}
