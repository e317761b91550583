// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel

extension Replication {
    /// The agent accepted the chat: its wait ends and its work starts.
    mutating func startConversation(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        if chats[c].timer != .none {
            calendar.cancel(chats[c].timer)
            chats[c].timer = .none
        }
        chats[c].phase = .inConversation
        chats[c].agent = Int32(a)
        chats[c].accepted = now.microseconds
        chats[c].progressAt = now.microseconds
        if chats[c].measured {
            let s = Int(chats[c].stream)
            let wait = now.microseconds - chats[c].arrival
            tallies[s].answered += 1
            tallies[s].waitAnsweredMicros += wait
            tallies[s].waitAllMicros += wait
            tallies[s].waits.record(wait)
            if wait <= model.queueThresholds[model.streams[s].queue] { tallies[s].answeredWithinThreshold += 1 }
        }
        let k = agentChatCount[a]
        agentChats[a * maxCapacity + k] = chat.packed
        agentChatCount[a] = k + 1
        rescheduleWork(of: a, previousCount: k)
    }

    /// The chat's work is done: the owner marks it handled.
    mutating func completeWork(_ chat: ChatID) {
        let c = Int(chat.slot)
        let a = Int(chats[c].agent)
        chats[c].timer = .none
        chats[c].phase = .done
        removeFromAgent(chat: chat, agent: a)
        let s = Int(chats[c].stream)
        tallies[s].busySlotMicros += windowOverlap(from: chats[c].accepted, to: now.microseconds)
        if chats[c].measured {
            tallies[s].completed += 1
            tallies[s].handleMicros += now.microseconds - chats[c].accepted
            measuredOpen -= 1
        }
        let unhandledProbability = model.agents[a].unhandledProbability
        let unhandled = unhandledProbability > 0 && agentStream(a).uniform() < unhandledProbability
        do {
            if unhandled { try engine.leaveUnhandled(chat, by: AgentID(a), at: now) }
            else { try engine.markHandled(chat, by: AgentID(a), at: now) }
        } catch {
            preconditionFailure("engine refused to close a chat: \(error)")
        }
        scheduleReturn(of: c)
        handleEngineEvents()
        if model.hasPullQueues { schedulePull(a) }
    }

    /// Removes a finished chat from its agent and rescales the others' progress.
    mutating func removeFromAgent(chat: ChatID, agent a: Int) {
        let base = a * maxCapacity
        let k = agentChatCount[a]
        for i in 0..<k where agentChats[base + i] == chat.packed {
            agentChats[base + i] = agentChats[base + k - 1]
            break
        }
        agentChatCount[a] = k - 1
        rescheduleWork(of: a, previousCount: k)
    }

    /// After agent `a`'s number of chats in conversation changed from `previousCount`, brings every
    /// chat's remaining work up to date at the old rate and reschedules its completion at the new one.
    ///
    /// A chat of an agent with speed v holding k chats progresses at v / slowdown[k − 1] (SPEC §3).
    mutating func rescheduleWork(of a: Int, previousCount: Int) {
        let k = agentChatCount[a]
        guard k > 0 else { return }
        let newRate = model.agentRates[a * maxCapacity + k - 1]
        let oldRate = previousCount > 0 ? model.agentRates[a * maxCapacity + previousCount - 1] : newRate
        let base = a * maxCapacity
        for i in 0..<k {
            let chat = ChatID(packed: agentChats[base + i])
            let c = Int(chat.slot)
            let started = chats[c].timer == .none
            if !started && newRate == oldRate { continue }
            if !started {
                chats[c].remainingWork -= Double(now.microseconds - chats[c].progressAt) * oldRate
                calendar.cancel(chats[c].timer)
            }
            chats[c].progressAt = now.microseconds
            let left = max(chats[c].remainingWork, 0) / newRate
            chats[c].timer = calendar.scheduleCancellable(at: now + SimDuration(microseconds: Int64(left.rounded())),
                                                        priority: EventKind.workCompletion.rawValue,
                                                        payload: chat.packed)
        }
    }

    /// The part of [from, to) inside the measured window, in microseconds.
    func windowOverlap(from: Int64, to: Int64) -> Int64 {
        max(0, min(to, model.windowEnd.microseconds) - max(from, model.windowStart.microseconds))
    }
}
