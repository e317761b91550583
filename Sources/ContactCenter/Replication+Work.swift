// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore
import SimKernel
import Statistics

extension Replication {
    /// The agent accepted the chat: its wait ends (on the first accept) and a stretch of work starts.
    mutating func startConversation(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        if chats[c].timer != .none {
            calendar.cancel(chats[c].timer)
            chats[c].timer = .none
        }
        chats[c].phase = .inConversation
        chats[c].agent = AgentID(a)
        chats[c].segmentStart = now
        chats[c].progressAt = now
        if !chats[c].answered {
            chats[c].answered = true
            chats[c].accepted = now
            chats[c].firstAgent = AgentID(a)
            if chats[c].inWindow { agentTallies[a].chats += 1 }
            if chats[c].unknownSender && !decidesOnUnknownSender(c) {
                // Ignored: the agent closes the chat unanswered at once (its work timer fires now).
                chats[c].ignored = true
                chats[c].remainingWork = 0
                chats[c].endsAt = nil
                return addToAgent(chat, agent: a)
            }
            if chats[c].measured { countAnswer(c) }
            if !model.agentStartsPlain[a] {
                if model.agents[a].requestProbabilities.sendsAny { sendRequests(chat, agent: a) }
                if model.agents[a].ticketProbability > 0 { createTicketFromChat(chat, agent: a) }
                if model.agents[a].callProbability > 0 { callFromChat(chat, agent: a) }
                if model.agents[a].internalChatProbability > 0 { consultColleague(chat, agent: a) }
                if model.services.keepsHistory { readHistory(c) }
            }
        }
        if !model.agentStartsPlain[a] && model.agents[a].templateUseProbability > 0 { useTemplate(chat, agent: a) }
        planInterruption(c, agent: a)
        addToAgent(chat, agent: a)
    }

    /// The owner starting on a chat may insert a quick-reply template of the chat's queue: a
    /// category drawn uniformly, its template found by the language fallback (SPEC §2.6); the use
    /// saves the group's `saves` of the remaining work and is counted by the fallback step, and
    /// per category, chat language and step (``TemplateUseCounts``).
    mutating func useTemplate(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        let stream = templateStream(a)
        guard stream.uniform() < model.agents[a].templateUseProbability else { return }
        let queue = model.streams[Int(chats[c].stream)].queue
        let services = model.services.queues[queue]
        guard !services.templateCategories.isEmpty else { return }
        let category = min(Int(stream.uniform() * Double(services.templateCategories.count)), services.templateCategories.count - 1)
        let language = ((try? engine.language(of: chat)) ?? nil).map { Int($0.index) + 1 } ?? 0
        guard let step = services.templateSteps[category][language] else { return }
        let saves = model.agents[a].templateSaves.sample(stream) * 1e6
        chats[c].remainingWork = max(0, chats[c].remainingWork - saves)
        // Searching by text (its own sub-stream): the same template, found through its text; when
        // the search finds none of the category, the agent lists the category instead.
        let searches = model.agents[a].templateSearchProbability > 0 && services.templateSearchFinds[category][language]
            && templateSearchStream(a).uniform() < model.agents[a].templateSearchProbability
        guard chats[c].measured else { return }
        if searches { countService(.templateSearches, queue: queue) }
        templateUseCounts[model.services.templateUseSlot(queue: queue, category: category, language: language)] += 1
        let s = Int(chats[c].stream)
        switch step {
        case .exact: tallies[s].templateUsesExact += 1
        case .prefix: tallies[s].templateUsesPrefix += 1
        case .queueDefault: tallies[s].templateUsesQueueDefault += 1
        }
    }

    /// The first owner of a chat may ask the customer for a photo or video, a payment and an
    /// approval (SPEC §3.3): each request sends the queue's automatic message for it (when switched
    /// on) and the customer's drawn response time extends the chat — added to its work at the
    /// rate the owner then works it, so the conversation lasts that much longer at that rate.
    mutating func sendRequests(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        if requestStreams[a] == nil {
            requestStreams[a] = RandomStream(seed: model.scenario.seed, replication: index,
                                             name: "agents/\(model.agents[a].name)/requests")
        }
        guard let stream = requestStreams[a] else { return }
        let probabilities = model.agents[a].requestProbabilities
        let s = Int(chats[c].stream)
        let queue = currentQueue(of: chat)
        let rate = model.agentRates[a * maxCapacity + min(agentChatCount[a], model.agents[a].capacity - 1)]
        for (probability, trigger) in [(probabilities.media, AutoReplyTrigger.requestMedia),
                                       (probabilities.payment, .paymentRequest), (probabilities.approval, .approvalRequest)]
        where probability > 0 && stream.uniform() < probability {
            chats[c].remainingWork += model.agents[a].requestResponse.sample(stream) * 1e6 * rate
            if chats[c].measured { tallies[s].requests += 1 }
            if chats[c].inWindow { sendAutoReply(trigger, stream: s, queue: queue, agent: a) }
        }
    }

    /// The agent's sub-stream `agents/<name>/template_search` for searching templates by text, made when first needed.
    mutating func templateSearchStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.templateSearchStreams, a, "template_search")
    }

    /// The agent's sub-stream for quick-reply templates, made when first needed.
    mutating func templateStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.templateStreams, a, "template")
    }

    /// Counts a first accept: the wait, the service level, the interval.
    @inline(__always)
    mutating func countAnswer(_ c: Int) {
        let s = Int(chats[c].stream)
        let queue = model.streams[s].queue
        let wait = (now - chats[c].arrival).microseconds
        let withinThreshold = wait <= model.queueThresholds[queue]
        Self.countAnswer(wait: wait, withinThreshold: withinThreshold, in: &tallies[s])
        if let i = intervalWindow.interval(at: chats[c].intake.microseconds) {
            intervals.countAnswer(wait: wait, withinThreshold: withinThreshold, at: queue * intervals.count + i)
        }
    }

    /// Adds an answered chat's wait to its stream's tally (one access to the tally for all its figures).
    static func countAnswer(wait: Int64, withinThreshold: Bool, in tally: inout ChatTally) {
        tally.answered += 1
        tally.waitAnsweredMicros += wait
        tally.waitAllMicros += wait
        tally.waits.record(wait)
        if withinThreshold { tally.answeredWithinThreshold += 1 }
    }

    /// Decides whether this owner's part ends early: the customer leaves (drawn at arrival), or the
    /// owner transfers or invites a colleague after a uniform fraction of the remaining work (SPEC §3).
    mutating func planInterruption(_ c: Int, agent a: Int) {
        guard chats[c].interruption == .none else { return }
        var fraction = -1.0
        if let endsAt = chats[c].endsAt {
            chats[c].interruption = .customerEnds
            fraction = endsAt
            chats[c].endsAt = nil
        } else if model.agentDrawsAtRandom[a] {
            let agent = model.agents[a]
            let stream = agentStream(a)
            if agent.transferProbability > 0 && stream.uniform() < agent.transferProbability {
                chats[c].interruption = .transfer
                fraction = stream.uniform()
            } else if agent.conferenceProbability > 0 && stream.uniform() < agent.conferenceProbability {
                chats[c].interruption = .conference
                fraction = stream.uniform()
            }
        }
        if fraction < 0 && model.agents[a].transferToAgentProbability > 0 {
            let stream = agentTransferStream(a)
            if stream.uniform() < model.agents[a].transferToAgentProbability {
                chats[c].interruption = .transferToAgent
                fraction = stream.uniform()
            }
        }
        guard fraction >= 0 else { return }
        chats[c].carriedWork = chats[c].remainingWork * (1 - fraction)
        chats[c].remainingWork *= fraction
    }

    /// A work timer fired: the end of a stretch of work or of wrap-up.
    mutating func workEnds(_ chat: ChatID) {
        let c = Int(chat.slot)
        chats[c].timer = .none
        if chats[c].phase == .wrapUp { return close(chat) }
        let a = chats[c].agentIndex
        leaveConversation(chat, agent: a)
        switch chats[c].interruption {
        case .transfer:
            transferChat(chat, by: a)
        case .transferToAgent:
            transferChatToAgent(chat, by: a)
        case .customerEnds:
            chats[c].interruption = .none
            customerEnds(chat)
        case .conference:
            chats[c].interruption = .none
            inviteColleague(to: chat, owner: a)
            chats[c].remainingWork = chats[c].carriedWork
            chats[c].carriedWork = 0
            chats[c].phase = .inConversation
            chats[c].segmentStart = now
            addToAgent(chat, agent: a)
        case .none where chats[c].ignored:
            closeIgnored(chat, agent: a)
        case .none:
            // The conversation is over: a conference participant leaves before the owner's wrap-up,
            // and an invitation not yet answered is withdrawn.
            if let participant = chats[c].participant {
                endConferenceTime(chat, invitee: Int(participant.index))
            } else if chats[c].invited {
                _ = try? engine.endConference(chat, by: AgentID(a), at: now)
            }
            if let wrapUp = model.agents[a].wrapUp {
                chats[c].phase = .wrapUp
                let length = SimDuration(seconds: wrapUp.sample(agentStream(a)))
                chats[c].timer = calendar.scheduleCancellable(.workEnds(chat), at: now + length)
            } else {
                close(chat)
            }
        }
        handleEngineEvents()
    }

    /// Ends a stretch of conversation: the chat leaves its agent's conversations and its busy time is counted.
    @inline(__always)
    mutating func leaveConversation(_ chat: ChatID, agent a: Int) {
        removeFromAgent(chat: chat, agent: a)
        addBusyTime(of: Int(chat.slot), agent: a, from: chats[Int(chat.slot)].segmentStart.microseconds, to: now.microseconds)
    }

    /// Counts conversation time of the chat's queue inside the window.
    mutating func addBusyTime(of c: Int, agent a: Int, from: Int64, to: Int64) {
        let s = Int(chats[c].stream)
        let busy = windowOverlap(from: from, to: to)
        tallies[s].busySlotMicros += busy
        agentTallies[a].busySlotMicros += busy
        IntervalTally.integrate(&intervals.busySlotMicros, queue: model.streams[s].queue, intervals: intervals.count, from: from, to: to, value: 1, in: intervalWindow)
    }

    /// An answered chat is over: its realised handle time counts and it is no longer open.
    @inline(__always)
    mutating func countFinished(_ c: Int) {
        chats[c].phase = .done
        guard chats[c].measured else { return }
        let s = Int(chats[c].stream)
        tallies[s].completed += 1
        tallies[s].handleMicros += (now - chats[c].accepted).microseconds
        measuredOpen -= 1
    }

    // MARK: - Work and slowdown

    /// Adds a chat to an agent's conversations and rescales the agent's work.
    @inline(__always)
    mutating func addToAgent(_ chat: ChatID, agent a: Int) {
        let k = agentChatCount[a]
        // The engine never lets an agent converse beyond its slots; the table's bounds are not checked in release builds.
        precondition(k < maxCapacity, "agent \(a) takes a chat with every slot in conversation")
        agentChats[a * maxCapacity + k] = chat.packed
        agentChatCount[a] = k + 1
        guard model.agentRateIsConstant[a] else { return rescheduleWork(of: a, previousCount: k) }
        // At a constant rate the other chats' ends stay put: only this chat's end is scheduled, if the agent owns it.
        let c = Int(chat.slot)
        if chats[c].agent == AgentID(a) && chats[c].timer == .none { scheduleWorkEnd(of: chat, agent: a, rate: model.agentRates[a * maxCapacity]) }
    }

    /// Removes a chat from an agent's conversations and rescales the others' progress.
    @inline(__always)
    mutating func removeFromAgent(chat: ChatID, agent a: Int) {
        let base = a * maxCapacity
        let k = agentChatCount[a]
        for i in 0..<k where agentChats[base + i] == chat.packed {
            agentChats[base + i] = agentChats[base + k - 1]
            agentChatCount[a] = k - 1
            if !model.agentRateIsConstant[a] { rescheduleWork(of: a, previousCount: k) }
            return
        }
    }

    /// After agent `a`'s number of chats in conversation changed from `previousCount`, brings every
    /// chat it owns up to date at the old rate and reschedules its end at the new one.
    ///
    /// A chat of an agent with speed v holding k chats progresses at v / slowdown[k − 1] (SPEC §3);
    /// k counts a conference the agent joined, whose own progress is its owner's.
    mutating func rescheduleWork(of a: Int, previousCount: Int) {
        let k = agentChatCount[a]
        guard k > 0 else { return }
        let newRate = model.agentRates[a * maxCapacity + k - 1]
        let oldRate = previousCount > 0 ? model.agentRates[a * maxCapacity + previousCount - 1] : newRate
        let base = a * maxCapacity
        for i in 0..<k {
            let chat = ChatID(packed: agentChats[base + i])
            let c = Int(chat.slot)
            guard chats[c].agent == AgentID(a) else { continue }
            let started = chats[c].timer == .none
            if !started && newRate == oldRate { continue }
            if !started {
                chats[c].remainingWork -= Double((now - chats[c].progressAt).microseconds) * oldRate
                calendar.cancel(chats[c].timer)
            }
            scheduleWorkEnd(of: chat, agent: a, rate: newRate)
        }
    }

    /// Schedules the end of the chat's work left at `rate`, from now.
    @inline(__always)
    mutating func scheduleWorkEnd(of chat: ChatID, agent a: Int, rate: Double) {
        let c = Int(chat.slot)
        chats[c].progressAt = now
        let left = max(chats[c].remainingWork, 0) / rate
        let end = now + SimDuration(roundingMicroseconds: left)
        if model.agentRateIsConstant[a] {
            // The rate never changes, so this timer is never withdrawn: it needs no handle.
            calendar.schedule(.workEnds(chat), at: end)
            chats[c].timer = Self.pendingWork
        } else {
            chats[c].timer = calendar.scheduleCancellable(.workEnds(chat), at: end)
        }
    }

    /// The `timer` of a chat whose end of work is scheduled without a handle (its agent's rate is constant).
    static var pendingWork: TimerHandle { TimerHandle(slot: -2, generation: 0) }

    /// The part of [from, to) inside the measured window, in microseconds.
    func windowOverlap(from: Int64, to: Int64) -> Int64 {
        max(0, min(to, model.windowEnd.microseconds) - max(from, model.windowStart.microseconds))
    }
}
