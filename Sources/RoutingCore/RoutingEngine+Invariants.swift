// SPDX-License-Identifier: GPL-3.0-or-later

extension RoutingEngine {
    /// Checks every structural invariant of the engine; returns a description of each violation.
    ///
    /// Meant to run after every command in tests: no agent above capacity, every live chat in
    /// exactly one place (a line, or offered to / owned by one agent), counters equal to what
    /// they count, and each queue's index holding exactly its eligible members.
    /// - Complexity: O(agents + chats + line entries).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var load = Array(repeating: Int32(0), count: agentStatus.count)
        var waiting = Array(repeating: 0, count: queues.count)
        var offered = 0
        var live = 0
        for s in chatGeneration.indices where chatLive[s] {
            live += 1
            switch chatState[s] {
            case .queued:
                waiting[Int(chatQueue[s])] += 1
                if chatAgent[s] != -1 { problems.append("queued chat \(s) has agent \(chatAgent[s])") }
            case .offered, .active:
                if chatState[s] == .offered { offered += 1 }
                let a = Int(chatAgent[s])
                if a < 0 || a >= load.count { problems.append("chat \(s) is \(chatState[s]) without an agent") }
                else { load[a] += 1 }
            }
        }
        if live != liveChats { problems.append("\(live) live chats, counter says \(liveChats)") }
        if offered != pendingOffers { problems.append("\(offered) offered chats, counter says \(pendingOffers)") }
        for a in agentStatus.indices {
            if load[a] != agentLoad[a] { problems.append("agent \(a) holds \(load[a]) chats, load says \(agentLoad[a])") }
            if agentLoad[a] > agentCapacity[a] { problems.append("agent \(a) above capacity") }
        }
        for q in queues.indices {
            problems += lineViolations(queue: q, expectedWaiting: waiting[q])
            problems += indexViolations(queue: q)
        }
        return problems
    }

    private func lineViolations(queue q: Int, expectedWaiting: Int) -> [String] {
        var problems: [String] = []
        if queues[q].waitingCount != expectedWaiting {
            problems.append("queue \(q) counts \(queues[q].waitingCount) waiting, \(expectedWaiting) are queued")
        }
        var current = 0
        var seen = Set<UInt32>()
        for entry in queues[q].line.allEntries {
            let s = Int(entry.chat.slot)
            guard chatLive[s], chatGeneration[s] == entry.chat.generation, chatState[s] == .queued,
                  chatStamp[s] == entry.stamp, Int(chatQueue[s]) == q else { continue }
            current += 1
            if !seen.insert(entry.chat.slot).inserted { problems.append("chat \(s) waits twice in queue \(q)") }
        }
        if current != expectedWaiting {
            problems.append("queue \(q) line holds \(current) current entries for \(expectedWaiting) waiting chats")
        }
        return problems
    }

    private func indexViolations(queue q: Int) -> [String] {
        var problems: [String] = []
        for (local, agent) in queues[q].members.enumerated() {
            let a = Int(agent)
            let eligible = agentStatus[a] == .available && agentLoad[a] < agentCapacity[a]
            if eligible != queues[q].eligible.contains(Int32(local)) {
                problems.append("agent \(a) eligible=\(eligible) but indexed=\(!eligible) in queue \(q)")
            }
        }
        let index = queues[q].eligible
        for i in 1..<max(index.heap.count, 1) {
            let parent = index.heap[(i - 1) / 2]
            if index.keys[Int(index.heap[i])].precedes(index.keys[Int(parent)]) {
                problems.append("queue \(q) index out of order at \(i)")
            }
        }
        return problems
    }
}
