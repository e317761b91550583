// SPDX-License-Identifier: GPL-3.0-or-later

import Prometheus
import RoutingCore

/// The service's Prometheus metrics (SPEC §8), in a registry of its own.
///
/// A registry per server, not the process-wide metrics system, so that several servers in one
/// test process keep separate counts. Queue lengths and agents by status are read from the
/// engine when `/metrics` is scraped; counters and the decision histogram move as things happen.
public final class LiveMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// Wall time of each engine command (one routing decision and what it sets off).
    let decisionSeconds: DurationHistogram
    /// Chats by outcome: created, accepted, abandoned, offline_form, customer_ended, handled, left_unhandled.
    let chats: [String: Counter]
    /// Offers that ran out unanswered (single-agent: RONA).
    let rona: Counter
    /// Messages by PCI screening: clean, redacted, dropped.
    let messages: [String: Counter]
    /// Event streams dropped because their client did not read.
    let droppedStreams: Counter
    /// Chats waiting in each queue (not offered), and those not yet answered.
    let queueLength: [Gauge]
    let queueUnanswered: [Gauge]
    /// Agents by status.
    let agents: [Gauge]

    /// The outcomes counted by `parley_chats_total`.
    public static let outcomes = ["created", "accepted", "abandoned", "offline_form", "customer_ended", "handled",
                                  "left_unhandled"]

    init(queues: [String]) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "parley", metricName: metric, unitName: unit, helpText: help)
        }
        decisionSeconds = registry.makeDurationHistogram(
            descriptor: name("routing_decision", "seconds", "Wall time of one engine command, its routing decisions included"),
            labels: [],
            buckets: [.microseconds(2), .microseconds(5), .microseconds(10), .microseconds(25), .microseconds(50),
                      .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(5),
                      .milliseconds(25)])
        let chatsName = name("chats", "total", "Chats by outcome")
        var chats: [String: Counter] = [:]
        for outcome in Self.outcomes { chats[outcome] = registry.makeCounter(descriptor: chatsName, labels: [("outcome", outcome)]) }
        self.chats = chats
        rona = registry.makeCounter(descriptor: name("rona", "total", "Single-agent offers not accepted in time"))
        let messagesName = name("messages", "total", "Chat messages by PCI screening")
        var messages: [String: Counter] = [:]
        for screening in ["clean", "redacted", "dropped"] {
            messages[screening] = registry.makeCounter(descriptor: messagesName, labels: [("pci", screening)])
        }
        self.messages = messages
        droppedStreams = registry.makeCounter(descriptor: name("event_streams_dropped", "total",
                                                               "Event streams closed because the client did not read"))
        let lengthName = name("queue_length", "", "Chats waiting in the queue, not offered")
        queueLength = queues.map { registry.makeGauge(descriptor: lengthName, labels: [("queue", $0)]) }
        let unansweredName = name("queue_unanswered", "", "Chats of the queue waiting or offered")
        queueUnanswered = queues.map { registry.makeGauge(descriptor: unansweredName, labels: [("queue", $0)]) }
        let agentsName = name("agents", "", "Agents by status")
        agents = AgentStatus.allCases.map { registry.makeGauge(descriptor: agentsName, labels: [("status", $0.name)]) }
    }

    /// Counts a chat reaching `outcome`.
    func count(_ outcome: String) { chats[outcome]?.increment() }

    /// The Prometheus text exposition of every metric.
    func text() -> String { registry.emitToString() }
}

extension AgentStatus {
    /// The status's name in the API and the metrics.
    public var name: String {
        switch self {
        case .available: "available"
        case .away: "away"
        case .rona: "rona"
        case .offline: "offline"
        }
    }
}
