// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Statistics

extension Replication {
    /// An offer reached an agent: it accepts after its accept delay, or misses it (SPEC §3).
    ///
    /// With probability `miss_probability` the delay is infinite; RONA happens exactly when the
    /// delay (plus the take delay of a `take` queue) exceeds the queue's offer timeout, so such
    /// offers are simply left to the engine.
    mutating func reactToOffer(_ chat: ChatID, agent a: Int) {
        if Int(chat.slot) < chats.count && chats[Int(chat.slot)].transferOffered {
            chats[Int(chat.slot)].transferOffered = false
            let decline = model.agents[a].declineProbability
            if decline > 0 && agentTransferStream(a).uniform() < decline {
                count(chat) { $0.transfersDeclined += 1 }
                _ = try? engine.decline(chat, by: AgentID(a), at: now)
                return
            }
        }
        guard model.agentDrawsAtRandom[a] else {
            let queue = (try? engine.queue(of: chat)).map { Int($0.index) } ?? 0
            let delay = model.takeDelays[queue]
            if delay == 0 { return accept(chat, agent: a) }
            if delay <= model.offerTimeouts[queue] { calendar.schedule(.accept(chat, agent: a), at: now + SimDuration(microseconds: delay)) }
            return
        }
        let stream = agentStream(a)
        let missProbability = model.agents[a].missProbability
        if missProbability > 0 && stream.uniform() < missProbability { return }
        let queue = (try? engine.queue(of: chat)).map { Int($0.index) } ?? 0
        // Under the `take` rule the agent then takes the chat, which costs the queue's take delay (SPEC §3.3).
        let delay = SimDuration(seconds: model.agents[a].acceptDelay.sample(stream)).microseconds + model.takeDelays[queue]
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
    ///
    /// In a queue whose claim rule is `take`, the agent picks that chat and takes it: the take
    /// costs the queue's take delay, during which another member may claim the chat first.
    mutating func pullNext(_ a: Int) {
        guard hasPullWork(a) else { return }
        if model.hasPullTakeQueues, let chat = try? engine.nextChat(for: AgentID(a)),
           let queue = try? engine.queue(of: chat), model.takeQueues[Int(queue.index)] {
            let delay = model.takeDelays[Int(queue.index)]
            guard delay == 0 else {
                agentPullPending[a] = true
                calendar.schedule(.take(chat, agent: a), at: now + SimDuration(microseconds: delay))
                return
            }
            _ = try? engine.take(chat, by: AgentID(a), at: now)
        } else {
            _ = try? engine.getNext(agent: AgentID(a), at: now)
        }
        handleEngineEvents()
        schedulePull(a)
    }

    /// The agent's take of a chat it picked from a `take` queue is done; a chat claimed by another
    /// member meanwhile (or gone) is refused by the engine. Then it looks at the list again.
    mutating func agentTakes(_ chat: ChatID, agent a: Int) {
        agentPullPending[a] = false
        _ = try? engine.take(chat, by: AgentID(a), at: now)
        handleEngineEvents()
        schedulePull(a)
    }

    // MARK: - First responder

    /// A chat becomes visible in a `first_responder` queue: every member with a free slot sees it
    /// and reacts to it after its own accept delay, or misses it; the first reply wins (SPEC §3.3).
    ///
    /// Members without a free slot look at the list when they have one again (as in a pull).
    /// - Complexity: O(members of the queue).
    mutating func showToMembers(_ chat: ChatID, queue q: Int) {
        let takeDelay = SimDuration(microseconds: model.takeDelays[q])
        for a in pullMembers[q] {
            guard (try? engine.status(of: AgentID(a))) == .available,
                  let load = try? engine.load(of: AgentID(a)), load < model.agents[a].capacity else { continue }
            var delay = SimDuration.zero
            if model.agentDrawsAtRandom[a] {
                let stream = agentStream(a)
                let missProbability = model.agents[a].missProbability
                if missProbability > 0 && stream.uniform() < missProbability { continue }
                delay = SimDuration(seconds: model.agents[a].acceptDelay.sample(stream))
            }
            calendar.schedule(.reply(chat, agent: a), at: now + delay + takeDelay)
        }
    }

    /// A member's reaction to a visible chat: under `take` it takes the chat, then replies; under
    /// `first_reply` its reply claims it. A chat someone else claimed first refuses both. An away
    /// agent who opened the chat from the list counts as an away pick.
    mutating func agentReplies(_ chat: ChatID, agent a: Int, alerted: Bool = false) {
        guard (try? engine.state(of: chat)) == .queued, let queue = try? engine.queue(of: chat) else { return }
        let away = (try? engine.status(of: AgentID(a))) == .away
        if model.takeQueues[Int(queue.index)] {
            guard (try? engine.take(chat, by: AgentID(a), at: now)) != nil else { return handleEngineEvents() }
        }
        let claimed = (try? engine.reply(chat, by: AgentID(a), at: now)) != nil
        if away && claimed { count(chat) { $0.awayPicks += 1 } }
        if alerted && claimed { count(chat) { $0.alertReactions += 1 } }
        handleEngineEvents()
    }

    /// An available member alerted to a chat waiting past `alert_after` opens it after its
    /// `alert_reaction` (own sub-stream), if it has a free slot then (SPEC §2.3 alerts).
    mutating func reactToAlert(_ chat: ChatID, agent a: Int) {
        guard let reaction = model.agents[a].alertReaction,
              let load = try? engine.load(of: AgentID(a)), load < model.agents[a].capacity else { return }
        if alertStreams[a] == nil {
            alertStreams[a] = RandomStream(seed: model.scenario.seed, replication: index,
                                           name: "agents/\(model.agents[a].name)/alert_reaction")
        }
        guard let stream = alertStreams[a] else { return }
        let queue = (try? engine.queue(of: chat)).map { Int($0.index) } ?? 0
        let delay = SimDuration(seconds: reaction.sample(stream)) + SimDuration(microseconds: model.takeDelays[queue])
        calendar.schedule(.alertReaction(chat, agent: a), at: now + delay)
    }

    /// A chat starts waiting: each away member allowed to, with a free slot, opens it from the
    /// list with its `away_pick_probability` after its accept delay (SPEC §2.2: an away agent gets
    /// nothing pushed but may open a chat), drawn from its own `away_pick` sub-stream.
    /// - Complexity: O(such members of the queue).
    mutating func showToAwayMembers(_ chat: ChatID, queue q: Int) {
        let takeDelay = SimDuration(microseconds: model.takeDelays[q])
        for a in model.awayPickers[q] {
            guard (try? engine.status(of: AgentID(a))) == .away,
                  let load = try? engine.load(of: AgentID(a)), load < model.agents[a].capacity else { continue }
            if awayPickStreams[a] == nil {
                awayPickStreams[a] = RandomStream(seed: model.scenario.seed, replication: index,
                                                  name: "agents/\(model.agents[a].name)/away_pick")
            }
            guard let stream = awayPickStreams[a], stream.uniform() < model.agents[a].awayPickProbability else { continue }
            let delay = SimDuration(seconds: model.agents[a].acceptDelay.sample(stream))
            calendar.schedule(.reply(chat, agent: a), at: now + delay + takeDelay)
        }
    }

    /// Agent `a`'s stream `agents/<name>` (`suffix` nil) or sub-stream `agents/<name>/<suffix>`,
    /// kept in `streams` and made when first needed.
    mutating func lazyAgentStream(_ streams: WritableKeyPath<Replication, [RandomStream?]>, _ a: Int, _ suffix: String?) -> RandomStream {
        if let stream = self[keyPath: streams][a] { return stream }
        let name = "agents/\(model.agents[a].name)" + (suffix.map { "/" + $0 } ?? "")
        let stream = RandomStream(seed: model.scenario.seed, replication: index, name: name)
        self[keyPath: streams][a] = stream
        return stream
    }

    /// The agent's own random stream (SPEC §1: agent-side draws are keyed by agent).
    mutating func agentStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.agentStreams, a, nil)
    }
}
