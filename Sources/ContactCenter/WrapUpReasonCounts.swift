// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics

/// How many measured chats each wrap-up reason closed, per queue and replication (SPEC §3.3).
///
/// Reasons are names from each queue's `wrap_up_reasons`, so they cannot be fixed metrics of
/// ``Metric``: they travel as labelled counts beside the metrics, are stored as metric rows
/// named ``metricPrefix`` + reason in their queue's scope, and come back from those rows.
public struct WrapUpReasonCounts: Sendable, Equatable {
    /// One counted reason of one queue.
    public struct Label: Sendable, Equatable {
        public var queue: String
        public var reason: String

        public init(queue: String, reason: String) {
            self.queue = queue
            self.reason = reason
        }
    }

    /// The stored metric name of a reason's count: `wrap_up_reason/<reason>`.
    public static let metricPrefix = "wrap_up_reason/"

    /// Sorted by queue id, then reason: one order for a run and for its rows read back from storage.
    public var labels: [Label]
    /// Per replication (in the order of the results), one count per label.
    public var perReplication: [[Double]]

    public init(labels: [Label], perReplication: [[Double]]) {
        self.labels = labels
        self.perReplication = perReplication
    }

    /// The counts of every queue that lists wrap-up reasons, from the replications' results.
    public init(model: CompiledScenario, results: [ReplicationResult]) {
        var labels: [Label] = []
        for (q, queue) in model.services.queues.enumerated() {
            labels += queue.wrapUpReasons.map { Label(queue: model.queueNames[q], reason: $0) }
        }
        let order = labels.indices.sorted { Self.precedes(labels[$0], labels[$1]) }
        self.labels = order.map { labels[$0] }
        perReplication = results.map { result in
            let counts = result.wrapUpReasons.flatMap { $0.map(Double.init) }
            return order.map { counts[$0] }
        }
    }

    /// The order of ``labels``: by queue id, then reason.
    public static func precedes(_ a: Label, _ b: Label) -> Bool { (a.queue, a.reason) < (b.queue, b.reason) }

    /// Whether no queue lists wrap-up reasons.
    public var isEmpty: Bool { labels.isEmpty }

    /// Mean and confidence half-width of each label's count over the replications.
    public func summaries(confidence: Double = 0.95) -> [ReplicationSummary] {
        labels.indices.map { l in ReplicationSummary(perReplication.map { $0[l] }, confidence: confidence) }
    }
}
