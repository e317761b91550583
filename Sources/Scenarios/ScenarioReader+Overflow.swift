// SPDX-License-Identifier: GPL-3.0-or-later

/// A queue's `overflow` steps (SPEC §3.3, the planner's model), read once the agent groups are known.
extension ScenarioReader {
    /// Reads each queue's `overflow: [{after, add_groups | to_queue}]` into its spec.
    ///
    /// Refused, each at its key: an empty list, a step with both or neither action, a step not
    /// later than the one before, an unknown or repeated group, an unknown queue, a queue moving
    /// chats to itself, a step after a `to_queue` (the chat has left), `add_groups` on a
    /// `first_responder` or `manual` queue (the simulated agents of other groups never look at its
    /// list), and moves that lead round a cycle of queues (the steps count from one entry time, so
    /// a chat would move on forever).
    static func readOverflow(_ queues: inout [Located<QueueSpec>], groups: [Located<AgentGroupSpec>],
                             queueIDs: QueueDirectory) throws(ScenarioError) {
        let groupNames = Set(groups.map(\.value.name))
        var moveFields: [String: Field] = [:]
        for i in queues.indices {
            let map = try queues[i].field.mapping(ScenarioKeys.queue)
            guard let listField = map.optional("overflow") else { continue }
            let spec = queues[i].value
            var steps: [OverflowStepSpec] = []
            for element in try listField.list(nonEmpty: true) {
                let step = try element.mapping(ScenarioKeys.overflowStep)
                if let last = steps.last, case .toQueue(let target) = last.action {
                    throw element.error("no step may follow the move to queue '\(target)': the chat has left \(spec.id)")
                }
                let afterField = try step.required("after")
                let after = try afterField.duration()
                if let last = steps.last, after <= last.after {
                    throw afterField.error("steps must come later one after the other: \(formatted(after.seconds)) s "
                                               + "is not after the previous step's \(formatted(last.after.seconds)) s")
                }
                switch (step.optional("add_groups"), step.optional("to_queue")) {
                case (let groupsField?, nil):
                    guard spec.strategy != .firstResponder && spec.strategy != .manual else {
                        throw groupsField.error("add_groups cannot widen a \(spec.strategy.rawValue) queue: its chats "
                                                    + "are pulled from the list, and agents of other groups never look at it")
                    }
                    var names: [String] = []
                    for nameField in try groupsField.list(nonEmpty: true) {
                        let name = try nameField.string()
                        guard groupNames.contains(name) else {
                            let known = groups.map(\.value.name)
                            throw nameField.error("unknown agent group '\(name)'\(KeySuggestion.hint(for: name, among: known))")
                        }
                        guard !names.contains(name) else { throw nameField.error("group '\(name)' is listed twice") }
                        names.append(name)
                    }
                    steps.append(OverflowStepSpec(after: after, action: .addGroups(names)))
                case (nil, let queueField?):
                    let target = try queueField.string()
                    try queueIDs.check(target, at: queueField)
                    guard target != spec.id else { throw queueField.error("queue '\(spec.id)' cannot overflow to itself") }
                    moveFields[spec.id] = queueField
                    steps.append(OverflowStepSpec(after: after, action: .toQueue(target)))
                case (_?, _?):
                    throw element.error("a step either adds groups or moves the chat to a queue, not both")
                case (nil, nil):
                    throw element.error("a step needs add_groups (more agents may take the chat) or to_queue (the chat moves)")
                }
            }
            queues[i].value.overflow = steps
        }
        try checkOverflowCycles(queues.map(\.value), moveFields: moveFields)
    }

    /// Refuses moves that lead from a queue back to itself, at the first move of the cycle in file order.
    static func checkOverflowCycles(_ queues: [QueueSpec], moveFields: [String: Field]) throws(ScenarioError) {
        var target: [String: String] = [:]
        for queue in queues {
            if case .toQueue(let next)? = queue.overflow.last?.action { target[queue.id] = next }
        }
        for queue in queues {
            guard let field = moveFields[queue.id] else { continue }
            var path = [queue.id]
            var current = target[queue.id]
            while let next = current, path.count <= queues.count {
                path.append(next)
                if next == queue.id {
                    throw field.error("overflow moves go round in a cycle (\(path.joined(separator: " → "))): "
                                          + "steps count from the chat's entry, so it would move on forever")
                }
                current = target[next]
            }
        }
    }
}
