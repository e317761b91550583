// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

extension RoutingEngine {
    /// Checks every structural invariant of the engine; returns a description of each violation.
    ///
    /// Meant to run after every command in tests: a chat has at most one owner; no agent is above
    /// its capacity (in all or per channel); every live chat is in exactly one place (a line, offered
    /// to some agents, waiting for its previous owner, or owned); counters equal what they count;
    /// each pool holds exactly its eligible members; the pending-timer count matches the timers set.
    /// - Complexity: O(agents · queues + chats + line entries + timers).
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var load = Array(repeating: Int32(0), count: agentStatus.count)
        var channelLoad = Array(repeating: Int32(0), count: agentCounters.count * Self.channelCount)
        var waiting = Array(repeating: 0, count: queues.count)
        var offered = Array(repeating: 0, count: queues.count)
        var live = 0
        func hold(_ a: Int32, _ c: Int) {
            guard a >= 0 && Int(a) < load.count else { return problems.append("chat \(c) names agent \(a)") }
            load[Int(a)] += 1
            channelLoad[Int(a) * Self.channelCount + Int(chats.records[c].channel)] += 1
        }
        for c in chats.records.indices where chats.records[c].live {
            live += 1
            let q = Int(chats.records[c].queue)
            var offers: [Int32] = chats.records[c].firstOffer >= 0 ? [chats.records[c].firstOffer] : []
            var record = chats.records[c].offerHead
            while record >= 0 {
                offers.append(offerAgent[Int(record)])
                record = offerNext[Int(record)]
            }
            offers.forEach { hold($0, c) }
            switch chats.records[c].state {
            case .queued, .stickyWaiting:
                if chats.records[c].state == .queued { waiting[q] += 1 }
                if !offers.isEmpty || chats.records[c].owner >= 0 && chats.records[c].state != .queued {
                    problems.append("waiting chat \(c) has offers or an owner")
                }
            case .offered:
                offered[q] += 1
                if offers.isEmpty { problems.append("offered chat \(c) has no offer") }
                if Set(offers).count != offers.count { problems.append("chat \(c) offered twice to one agent") }
            case .active:
                if !offers.isEmpty { problems.append("active chat \(c) still has offers") }
                hold(chats.records[c].owner, c)
                if chats.records[c].participant >= 0 { hold(chats.records[c].participant, c) }
                if chats.records[c].participant >= 0 && chats.records[c].participant == chats.records[c].owner { problems.append("chat \(c): owner is participant") }
            }
            if chats.records[c].invitee >= 0 { hold(chats.records[c].invitee, c) }
            if chats.records[c].state == .stickyWaiting {
                let owner = Int(chats.records[c].stickyAgent)
                if owner < 0 || agentStickyChats[owner].filter({ $0.slot == UInt32(c) }).count != 1 {
                    problems.append("sticky chat \(c) is not in its owner's list once")
                }
            }
        }
        if live != chats.liveCount { problems.append("\(live) live chats, counter says \(chats.liveCount)") }
        for a in agentStatus.indices {
            if load[a] != agentCounters[a].load { problems.append("agent \(a) holds \(load[a]) slots, load says \(agentCounters[a].load)") }
            if agentCounters[a].load > agentCapacity[a] { problems.append("agent \(a) above capacity") }
            for channel in 0..<Self.channelCount
            where channelLoad[a * Self.channelCount + channel] != agentCounters[a].channelLoad[channel]
                || agentCounters[a].channelLoad[channel] > agentChannelCapacity[a * Self.channelCount + channel] {
                problems.append("agent \(a) channel \(channel) load is off or above its limit")
            }
        }
        for q in queues.indices {
            problems += queueViolations(q, waiting: waiting[q], offered: offered[q])
        }
        let relevant = deadlines.lines.flatMap(\.elements).filter(isRelevant).count
            + deadlines.outOfOrderDeadlines.filter(isRelevant).count
        problems += overflowViolations()
        if relevant != deadlines.pending { problems.append("\(relevant) relevant timers, counter says \(deadlines.pending)") }
        return problems
    }

    private func queueViolations(_ q: Int, waiting: Int, offered: Int) -> [String] {
        var problems: [String] = []
        let queue = queues[q]
        if queue.waitingCount != waiting { problems.append("queue \(q) counts \(queue.waitingCount) waiting, \(waiting) are") }
        if queue.offeredCount != offered { problems.append("queue \(q) counts \(queue.offeredCount) offered, \(offered) are") }
        let available = queue.members.filter { agentStatus[Int($0)] == .available }.count
        if queue.availableCount != available { problems.append("queue \(q) counts \(queue.availableCount) available, \(available) are") }
        var inLines = 0
        for partition in queue.partitions {
            var current = 0
            for entry in partition.line.allEntries {
                let c = Int(entry.chat.slot)
                guard chats.isCurrent(entry.chat), chats.records[c].state == .queued, chats.records[c].round == entry.round else { continue }
                current += 1
                if chats.records[c].language != partition.language || chats.records[c].channel != partition.channel || Int(chats.records[c].queue) != q {
                    problems.append("chat \(c) waits in the wrong line of queue \(q)")
                }
            }
            if current != partition.waiting { problems.append("queue \(q) line holds \(current) chats, counts \(partition.waiting)") }
            inLines += current
            for (local, agent) in queue.members.enumerated() {
                let eligible = isEligible(Int(agent), language: partition.language, channel: partition.channel)
                if eligible != pools.contains(partition.pool.base, Int32(local)) {
                    problems.append("agent \(agent) eligible=\(eligible) disagrees with pool of queue \(q)")
                }
                if let weights = partition.pool.weights, (weights.values[local] > 0) != (eligible && pickWeight(agent: Int(agent), strategy: queue.strategy) > 0) {
                    problems.append("agent \(agent) weight disagrees with eligibility in queue \(q)")
                }
            }
            let heap = Array(pools.entries(partition.pool.base))
            for i in 1..<max(heap.count, 1) where heap[i].key.precedes(heap[(i - 1) / 2].key) {
                problems.append("queue \(q) pool out of order at \(i)")
            }
        }
        if inLines != waiting { problems.append("queue \(q): \(inLines) chats in lines, \(waiting) queued") }
        return problems
    }
}
