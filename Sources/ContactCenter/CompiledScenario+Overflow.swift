// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore
import Scenarios

extension CompiledScenario {
    /// Gives each engine queue its scenario queue's `overflow` steps: groups become their agents
    /// (in member order), queue ids their indexes. The engine fires the steps as deadlines.
    static func addOverflow(to queues: inout [QueueConfiguration], scenario: Scenario, agentGroups: [String],
                            queueIndex: [String: Int]) {
        for (q, spec) in scenario.queues.enumerated() where !spec.overflow.isEmpty {
            queues[q].overflow = spec.overflow.map { step in
                switch step.action {
                case .addGroups(let names):
                    let agents = agentGroups.indices.filter { names.contains(agentGroups[$0]) }.map { AgentID($0) }
                    return OverflowStep(after: step.after, action: .addAgents(agents))
                case .toQueue(let id):
                    return OverflowStep(after: step.after, action: .toQueue(QueueID(queueIndex[id] ?? q)))
                }
            }
        }
    }
}
