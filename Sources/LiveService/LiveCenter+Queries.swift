// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import ResultStorage
import RoutingCore
import Scenarios

/// What operations read: the queues, the metrics, the session's summary.
extension LiveCenter {
    /// Every queue with its strategy, members and counts (`GET /v1/queues`).
    public func queuesDocument() -> JSONValue {
        fireDue(at: now())
        armTimer()
        return .object([("queues", .array(queueNames.indices.map { q in
            let queue = QueueID(q)
            let members = ((try? engine.members(of: queue)) ?? []).map { JSONValue.string(agentNames[Int($0.index)]) }
            return .object([
                ("name", .string(queueNames[q])),
                ("strategy", .string(strategies[q])),
                ("waiting", .int(Int64((try? engine.waitingCount(in: queue)) ?? 0))),
                ("unanswered", .int(Int64((try? engine.unansweredCount(in: queue)) ?? 0))),
                ("members", .array(members)),
            ])
        }))])
    }

    /// The status of the agent at member index `a`.
    public func status(ofAgent a: Int) -> AgentStatus {
        (try? engine.status(of: AgentID(a))) ?? .offline
    }

    /// The Prometheus text of every metric, with queue lengths and agents by status read now.
    public func metricsText() -> String {
        fireDue(at: now())
        armTimer()
        for q in queueNames.indices {
            metrics.queueLength[q].set(Int64(engine.waitingCount(atQueueIndex: q)))
            metrics.queueUnanswered[q].set(Int64((try? engine.unansweredCount(in: QueueID(q))) ?? 0))
        }
        var byStatus = Array(repeating: Int64(0), count: AgentStatus.allCases.count)
        for a in agentNames.indices { byStatus[Int(status(ofAgent: a).rawValue)] += 1 }
        for (i, gauge) in metrics.agents.enumerated() { gauge.set(byStatus[i]) }
        return metrics.text()
    }

    /// Open chats now.
    public var openChatCount: Int { chats.count }

    /// The customers' contacts the service has seen (`contact` of `POST /v1/chats`), each counted once.
    public var contactCount: Int { contacts.count }
}

extension LiveCenter {
    /// The agents' names a scenario gives the service, in member order.
    public static func agentNames(of scenario: Scenario) throws(LiveSetupError) -> [String] {
        do { return try CompiledScenario(scenario).engineConfiguration.agents.map(\.name) } catch { throw .engine("\(error)") }
    }

    /// The session's record for the results database: chats by outcome since start.
    public func sessionRecord(scenario: Scenario, parleyVersion: String, gitRevision: String?) -> LiveRunRecord {
        let wall = ContinuousClock.now - origin
        return LiveRunRecord(kind: "serve", scenarioName: scenario.name, scenarioText: scenario.sourceText,
                             startedAt: startedAt, endedAt: Date().formatted(.iso8601),
                             wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18,
                             parleyVersion: parleyVersion, gitRevision: gitRevision,
                             counts: LiveMetrics.outcomes.map { ("chats_\($0)", outcomeCounts[$0, default: 0]) })
    }

    /// One line of what the session saw: chats by outcome.
    public func sessionSummary() -> String {
        LiveMetrics.outcomes.map { "\($0) \(outcomeCounts[$0, default: 0])" }.joined(separator: ", ")
    }
}

extension LiveCenter {
    /// Open event streams of agent `a` (for tests that must not act before a client is subscribed).
    func agentStreamCount(_ a: Int) -> Int { agentStreams[a].count }

    /// Open event streams of the customer of chat `number`.
    func chatStreamCount(_ number: UInt64) -> Int { chats[number]?.streams.count ?? 0 }
}
