// SPDX-License-Identifier: GPL-3.0-or-later

import PlainStorage

extension RoutingEngine {
    /// Whether agent `a` has a free slot for a chat on `channel`.
    @inline(__always) func hasRoom(_ a: Int, channel: UInt8) -> Bool {
        agentCounters[a].load < agentCapacity[a]
            && agentCounters[a].channelLoad[Int(channel)] < agentChannelCapacity[a * Self.channelCount + Int(channel)]
    }

    /// Whether agent `a` speaks `language` (-1: a chat that matches everyone).
    @inline(__always) func speaks(_ a: Int, language: Int32) -> Bool {
        language < 0 || agentLanguages[a] & (1 << UInt64(language)) != 0
    }

    /// Whether agent `a` may be offered a chat of (`language`, `channel`) now (SPEC §2.4).
    @inline(__always) func isEligible(_ a: Int, language: Int32, channel: UInt8) -> Bool {
        agentStatus[a] == .available && hasRoom(a, channel: channel) && speaks(a, language: language)
    }

    /// Takes one slot of agent `a` for a chat on `channel` (an offer or a claim).
    @inline(__always) mutating func reserveSlot(_ a: Int, channel: UInt8) {
        agentCounters[a].reserve(channel: channel)
    }

    /// Gives back one slot of agent `a`.
    @inline(__always) mutating func releaseSlot(_ a: Int, channel: UInt8) {
        agentCounters[a].release(channel: channel)
    }

    /// The agent's rank under a strategy; smaller is picked first (SPEC §2.4).
    ///
    /// `longest_idle`: agents holding no chat first, then the earliest idle-since, then member
    /// order. `least_busy`: the lowest load / capacity, then longest idle, then member order.
    /// `fewest_handled`: the fewest accepted chats, then member order. All others: member order.
    @inline(__always) func rank(agent a: Int, local: Int32, strategy: Strategy) -> RankKey {
        switch strategy {
        case .longestIdle:
            return RankKey(primary: agentCounters[a].load > 0 ? 1 : 0, secondary: agentCounters[a].idleSince, order: local)
        case .leastBusy:
            let ratio = (UInt64(agentCounters[a].load) << 32) / UInt64(agentCapacity[a])
            return RankKey(primary: ratio, secondary: agentCounters[a].idleSince, order: local)
        case .fewestHandled:
            return RankKey(primary: UInt64(agentCounters[a].accepted), secondary: 0, order: local)
        default:
            return RankKey(primary: 0, secondary: 0, order: local)
        }
    }

    /// The weight of agent `a` in the pools of a strategy that picks by weight.
    func pickWeight(agent a: Int, strategy: Strategy) -> Double {
        strategy == .weightedRandom ? agentWeight[a] : 1
    }

    /// Re-ranks agent `a` in every pool it is a member of (each partition of each of its queues), or
    /// removes it where it is not eligible.
    ///
    /// - Complexity: O(k log n) for an agent in k pools (one per queue for one language and channel).
    ///
    /// The agent's pools are walked through its chain of ``PoolMembership`` records, which hold what
    /// a re-rank reads (pool base, member position, language, channel, strategy): nothing is read
    /// from the queue and partition arrays. A pool where the agent already stands as it should
    /// (absent, or with the same rank) is only read: most calls change one pool or none. The weight
    /// needs no look of its own: a pool holds an agent's constant weight exactly while it holds the agent.
    mutating func reindex(_ a: Int) {
        var r = Int(agentPoolHead[a])
        guard r >= 0 else { return }
        // Whether the agent takes offers at all: available with a free slot.
        let open = agentStatus[a] == .available && agentCounters[a].load < agentCapacity[a]
        let channelBase = a &* Self.channelCount
        repeat {
            let membership = poolMemberships[r]
            let channel = Int(membership.channel)
            let eligible = open
                && agentCounters[a].channelLoad[channel] < agentChannelCapacity[channelBase &+ channel]
                && speaks(a, language: membership.language)
            let key = eligible ? rank(agent: a, local: membership.local, strategy: membership.strategy) : nil
            let base = Int(membership.base)
            if !pools.isRanked(base, membership.local, as: key) {
                pools.update(base, membership.local, key: key)
                if membership.usesWeights {
                    setPickWeight(queue: Int(membership.queue), partition: Int(membership.partition), local: membership.local,
                                  to: key == nil ? 0 : pickWeight(agent: a, strategy: membership.strategy))
                }
            }
            r = Int(membership.next)
        } while r >= 0
    }

    /// Sets a member's weight in a pool that picks by weight (kept out of line: most pools have none,
    /// and a write here would make the queue and partition arrays unique on every re-rank).
    @inline(never)
    mutating func setPickWeight(queue q: Int, partition p: Int, local: Int32, to weight: Double) {
        queues[q].partitions[p].pool.weights!.set(Int(local), to: weight)
    }

    /// The partition of queue `q` for (`language`, `channel`), made and filled on first use.
    ///
    /// - Complexity: O(1) once it exists; O(n log n) in the queue's members the first time.
    @inline(__always) mutating func partition(of q: Int, language: Int32, channel: UInt8) -> Int {
        let key = Int(language + 1) * Self.channelCount + Int(channel)
        let existing = queues[q].partitionIndex[key]
        if existing >= 0 { return Int(existing) }
        return makePartition(of: q, key: key, language: language, channel: channel)
    }

    @usableFromInline
    mutating func makePartition(of q: Int, key: Int, language: Int32, channel: UInt8) -> Int {
        let strategy = queues[q].strategy
        let usesWeights = strategy == .roundRobin || strategy == .random || strategy == .weightedRandom
        let memberCount = queues[q].members.count
        var pool = AgentPool(language: language, channel: channel, base: pools.addPool(memberCount: memberCount),
                             memberCount: memberCount, usesWeights: usesWeights)
        for (local, agent) in queues[q].members.enumerated() {
            let a = Int(agent)
            guard isEligible(a, language: language, channel: channel) else { continue }
            pools.update(pool.base, Int32(local), key: rank(agent: a, local: Int32(local), strategy: strategy))
            if pool.weights != nil { pool.weights!.set(local, to: pickWeight(agent: a, strategy: strategy)) }
        }
        queues[q].partitions.append(Partition(pool: pool))
        let p = queues[q].partitions.count - 1
        queues[q].partitionIndex[key] = Int32(p)
        for (local, agent) in queues[q].members.enumerated() {
            let a = Int(agent)
            poolMemberships.append(PoolMembership(base: Int32(pool.base), local: Int32(local), language: language, channel: channel,
                                                  strategy: strategy, usesWeights: usesWeights, queue: Int32(q),
                                                  partition: Int32(p), next: agentPoolHead[a]))
            agentPoolHead[a] = Int32(poolMemberships.count - 1)
        }
        return p
    }
}
