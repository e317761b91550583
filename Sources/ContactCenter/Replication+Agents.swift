// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Statistics

extension Replication {
    /// An offer reached an agent: it accepts after its accept delay, or misses it (SPEC §3).
    ///
    /// With probability `miss_probability` the delay is infinite; RONA happens exactly when the
    /// delay exceeds the queue's offer timeout, so such offers are simply left to the engine.
    mutating func reactToOffer(_ chat: ChatID, agent a: Int) {
        guard model.agentDrawsAtRandom[a] else { return accept(chat, agent: a) }
        let stream = agentStream(a)
        let missProbability = model.agents[a].missProbability
        if missProbability > 0 && stream.uniform() < missProbability { return }
        let delay = SimDuration(seconds: model.agents[a].acceptDelay.sample(stream)).microseconds
        let queue = (try? engine.queue(of: chat)).map { Int($0.index) } ?? 0
        guard delay <= model.offerTimeouts[queue] else { return }
        if delay == 0 { return accept(chat, agent: a) }
        calendar.schedule(.accept(chat, agent: a), at: now + SimDuration(microseconds: delay))
    }

    /// The agent's delayed reaction to an offer: it accepts.
    mutating func agentAccepts(_ chat: ChatID, agent a: Int) {
        accept(chat, agent: a)
        handleEngineEvents()
    }

    /// The agent's delayed look at its pull queues: it pulls the next visible chat.
    mutating func agentPulls(_ a: Int) {
        agentPullPending[a] = false
        pullNext(a)
        handleEngineEvents()
    }

    /// Accepts an offer; an offer that was withdrawn meanwhile is refused by the engine and ignored.
    mutating func accept(_ chat: ChatID, agent a: Int) {
        _ = try? engine.accept(chat, by: AgentID(a), at: now)
    }

    /// Counts a RONA and schedules the agent's return to `available` after its recovery time.
    mutating func noteRONA(_ chat: ChatID, agent a: Int) {
        count(chat) { $0.rona += 1 }
        if Int(chat.slot) < chats.count { chats[Int(chat.slot)].ronaCount += 1 }
        if now >= model.windowStart && now < model.windowEnd { agentTallies[a].rona += 1 }
        let agent = model.agents[a]
        let recovery = agent.drawsAtRandom ? SimDuration(seconds: agent.ronaRecovery.sample(agentStream(a))) : .zero
        scheduleAgentEvent(a, .ronaRecovery, at: (now + recovery).microseconds)
    }

    // MARK: - Pull strategies

    /// Schedules agent `a` to look at the visible chats of its pull queues after its accept delay,
    /// if it is available, has a free slot, and one of those queues has chats waiting.
    mutating func schedulePull(_ a: Int) {
        guard !agentPullPending[a], hasPullWork(a) else { return }
        let agent = model.agents[a]
        let delay = agent.drawsAtRandom ? SimDuration(seconds: agent.acceptDelay.sample(agentStream(a))) : .zero
        agentPullPending[a] = true
        calendar.schedule(.pull(agent: a), at: now + delay)
    }

    /// Whether agent `a` could pull a chat now.
    func hasPullWork(_ a: Int) -> Bool {
        guard (try? engine.status(of: AgentID(a))) == .available,
              let load = try? engine.load(of: AgentID(a)), load < model.agents[a].capacity else { return false }
        return model.agents[a].queues.contains { q in
            model.pullQueues[q] && ((try? engine.waitingCount(in: QueueID(q))) ?? 0) > 0
        }
    }

    /// The agent takes the oldest visible chat it can serve (get next in queue), then looks again if it has room.
    mutating func pullNext(_ a: Int) {
        guard hasPullWork(a) else { return }
        _ = try? engine.getNext(agent: AgentID(a), at: now)
        handleEngineEvents()
        schedulePull(a)
    }

    /// The agent's own random stream (SPEC §1: agent-side draws are keyed by agent).
    mutating func agentStream(_ a: Int) -> RandomStream {
        if let stream = agentStreams[a] { return stream }
        let stream = RandomStream(seed: model.scenario.seed, replication: index, name: "agents/\(model.agents[a].name)")
        agentStreams[a] = stream
        return stream
    }
}
