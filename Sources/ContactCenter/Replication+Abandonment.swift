// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore

extension Replication {
    mutating func abandon(_ chat: ChatID) {
        let c = Int(chat.slot)
        if chats[c].goesSilent { return closeInactive(chat) }
        chats[c].timer = .none
        let queue = currentQueue(of: chat)
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused an abandonment: \(error)")
        }
        chats[c].phase = .done
        giveUp(stream: Int(chats[c].stream), contact: chats[c].contact, ticket: retrials.ticket(ofSlot: c),
               measured: chats[c].measured)
        recordRow(of: c, outcome: .abandoned)
        if chats[c].measured {
            let s = Int(chats[c].stream)
            tallies[s].abandoned += 1
            tallies[s].waitAllMicros += (now - chats[c].arrival).microseconds
            IntervalTally.count(&intervals.abandoned, queue: model.streams[s].queue, intervals: intervals.count, at: chats[c].intake.microseconds, in: intervalWindow)
            measuredOpen -= 1
        }
        if chats[c].inWindow { sendAutoReply(.customerLeftWaiting, stream: Int(chats[c].stream), queue: queue) }
        handleEngineEvents()
    }

    /// A silent customer's chat has waited unanswered through the queue's inactivity timeout: the
    /// queue closes it as `inactive` (SPEC §3.3). Its wait counts like an abandoned chat's; no
    /// `customer_left_waiting` message goes out, since the customer never left.
    mutating func closeInactive(_ chat: ChatID) {
        let c = Int(chat.slot)
        chats[c].timer = .none
        do { try engine.customerLeft(chat, at: now) } catch {
            preconditionFailure("engine refused to close an inactive chat: \(error)")
        }
        chats[c].phase = .done
        if let contact = chats[c].contact { releaseContact(contact) }
        recordRow(of: c, outcome: .inactive)
        if chats[c].measured {
            let s = Int(chats[c].stream)
            tallies[s].inactive += 1
            tallies[s].waitAllMicros += (now - chats[c].arrival).microseconds
            measuredOpen -= 1
        }
        handleEngineEvents()
    }
}
