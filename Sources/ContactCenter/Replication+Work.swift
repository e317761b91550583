// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel

extension Replication {
    /// The agent accepted the chat: its wait ends and its work starts.
    mutating func startConversation(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        if chatTimer[c] != .none {
            calendar.cancel(chatTimer[c])
            chatTimer[c] = .none
        }
        chatPhase[c] = .inConversation
        chatAgent[c] = Int32(a)
        chatAccepted[c] = now.microseconds
        chatProgressAt[c] = now.microseconds
        if chatMeasured[c] {
            let s = Int(chatStream[c])
            let wait = now.microseconds - chatArrival[c]
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
        let a = Int(chatAgent[c])
        chatTimer[c] = .none
        chatPhase[c] = .done
        removeFromAgent(chat: chat, agent: a)
        let s = Int(chatStream[c])
        tallies[s].busySlotMicros += windowOverlap(from: chatAccepted[c], to: now.microseconds)
        if chatMeasured[c] {
            tallies[s].completed += 1
            tallies[s].handleMicros += now.microseconds - chatAccepted[c]
            measuredOpen -= 1
        }
        let agent = model.agents[a]
        let unhandled = agent.unhandledProbability > 0 && agentStream(a).uniform() < agent.unhandledProbability
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
        let agent = model.agents[a]
        let k = agentChatCount[a]
        guard k > 0 else { return }
        let newRate = agent.speed / agent.slowdown[k - 1]
        let oldRate = previousCount > 0 ? agent.speed / agent.slowdown[previousCount - 1] : newRate
        let base = a * maxCapacity
        for i in 0..<k {
            let chat = ChatID(packed: agentChats[base + i])
            let c = Int(chat.slot)
            let started = chatTimer[c] == .none
            if !started && newRate == oldRate { continue }
            if !started {
                chatRemainingWork[c] -= Double(now.microseconds - chatProgressAt[c]) * oldRate
                calendar.cancel(chatTimer[c])
            }
            chatProgressAt[c] = now.microseconds
            let left = max(chatRemainingWork[c], 0) / newRate
            chatTimer[c] = calendar.scheduleCancellable(at: now + SimDuration(microseconds: Int64(left.rounded())),
                                                        priority: EventKind.workCompletion.rawValue,
                                                        payload: chat.packed)
        }
    }

    /// The part of [from, to) inside the measured window, in microseconds.
    func windowOverlap(from: Int64, to: Int64) -> Int64 {
        max(0, min(to, model.windowEnd.microseconds) - max(from, model.windowStart.microseconds))
    }
}
