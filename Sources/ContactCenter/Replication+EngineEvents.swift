// SPDX-License-Identifier: GPL-3.0-or-later

import RoutingCore

extension Replication {
    /// Reacts to what the engine decided.
    mutating func handleEngineEvents() {
        var i = 0
        while i < engine.eventCount {
            let event = engine.event(at: i)
            i += 1
            switch event {
            case .offered(let chat, let agent):
                // An agent who accepts at once may have had the offer accepted by the engine in the same step.
                if model.agentAcceptsAtOnce[Int(agent.index)] && i < engine.eventCount,
                   case .accepted(let accepted, let by) = engine.event(at: i), accepted == chat, by == agent,
                   !isTransferOffer(chat) { continue }
                reactToOffer(chat, agent: Int(agent.index))
            case .accepted(let chat, let agent): startConversation(chat, agent: Int(agent.index))
            case .rona(let chat, let agent): noteRONA(chat, agent: Int(agent.index))
            case .stickyRouted(let chat, _): count(chat) { $0.stickyRouted += 1 }
            case .unansweredAlert(let chat, let agent):
                if chat != lastAlertedChat {
                    lastAlertedChat = chat
                    count(chat) { $0.alerts += 1 }
                }
                if model.agents[Int(agent.index)].alertReaction != nil { reactToAlert(chat, agent: Int(agent.index)) }
            case .queued(_, let queue) where !model.queuedChatsReact[Int(queue.index)]:
                break
            case .queued(let chat, let queue) where !model.awayPickers[Int(queue.index)].isEmpty:
                showToAwayMembers(chat, queue: Int(queue.index))
                if model.firstResponderQueues[Int(queue.index)] { showToMembers(chat, queue: Int(queue.index)) }
                else if model.pullQueues[Int(queue.index)] { for a in pullMembers[Int(queue.index)] { schedulePull(a) } }
            case .queued(let chat, let queue) where model.firstResponderQueues[Int(queue.index)]:
                showToMembers(chat, queue: Int(queue.index))
            case .queued(_, let queue) where model.pullQueues[Int(queue.index)]:
                for a in pullMembers[Int(queue.index)] { schedulePull(a) }
            case .joinedConference(let chat, let agent): joinConference(chat, invitee: Int(agent.index))
            default:
                break
            }
        }
        engine.removeAllEvents()
    }

    /// The queue `chat` is in now: its stream's, unless a transfer or an overflow step may have
    /// moved it (then the engine is asked, out of line: ``engineQueue(of:arrivalQueue:)``).
    ///
    /// Mutating though it changes nothing, like its helper: a non-mutating query of the engine
    /// called from a mutating function had the caller copy the engine's fields (400 bytes) — or,
    /// with a non-mutating helper, the whole replication — on every path, needed or not; a mutating
    /// one is handed the replication's address.
    @inline(__always) mutating func currentQueue(of chat: ChatID) -> Int {
        let c = Int(chat.slot)
        let arrivalQueue = model.streams[Int(chats[c].stream)].queue
        guard chats[c].transfers > 0 || model.hasOverflow else { return arrivalQueue }
        return engineQueue(of: chat, arrivalQueue: arrivalQueue)
    }

    /// The engine's answer to which queue `chat` is in (see ``currentQueue(of:)``).
    @inline(never) mutating func engineQueue(of chat: ChatID, arrivalQueue: Int) -> Int {
        (try? engine.queue(of: chat)).map { Int($0.index) } ?? arrivalQueue
    }

    /// Whether `chat` was just offered by a transfer to an agent (that agent may decline it).
    @inline(__always) func isTransferOffer(_ chat: ChatID) -> Bool {
        Int(chat.slot) < chats.count && chats[Int(chat.slot)].transferOffered
    }

    /// Adds to the tally of a measured chat's stream.
    mutating func count(_ chat: ChatID, _ update: (inout ChatTally) -> Void) {
        let c = Int(chat.slot)
        guard c < chats.count, chats[c].measured else { return }
        update(&tallies[Int(chats[c].stream)])
    }
}
