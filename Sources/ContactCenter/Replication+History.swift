// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore

/// Contact history, archive and unarchive, and out-of-hours tickets in the event loop (SPEC
/// §2.3, §2.5, §3.3), for streams with `return.history_saves` or `out_of_hours_ticket_probability`.
///
/// A returning customer's conversations are kept as ``ConversationRecord``s in a
/// ``ContactHistory``: marking a chat handled archives it (seed manuals 000, 002: "mark handled
/// closes and archives the chat"); when the customer writes again its archived conversation is
/// brought back to the list (unarchived), and the agent who answers finds the earlier
/// conversations in the contact's history and need not ask again what they hold, which saves
/// the stream's `history_saves` of the work. The counts are ``ServiceCounts``.
extension Replication {
    /// Adds one to the service count `name` of queue `q`.
    mutating func countService(_ name: ServiceCounts.Name, queue q: Int) {
        serviceCounts[q * ServiceCounts.Name.allCases.count + name.position] += 1
    }

    /// Keeps the conversation the owner `a` just closed in its contact's history: handled (and so
    /// archived), its live-chat session ended, or left open (taken, not handled) for a sticky return.
    mutating func recordConversation(of c: Int, agent a: Int, queue: Int, handled: Bool, endsSession: Bool) {
        let s = Int(chats[c].stream)
        guard services.historyStreams[s] != nil, let contact = chats[c].contact else { return }
        var record = ConversationRecord(id: ConversationID(UInt64(chats[c].number)), contact: contact,
                                        channel: model.streams[s].channel, queue: QueueID(queue),
                                        inBot: chats[c].fromBot, at: chats[c].intake)
        do {
            if chats[c].fromBot {
                // The bot's transcript stays with the conversation (SPEC §2.1, §3.3); the simulator has no text.
                try record.leaveBot(transcript: BotTranscript(lines: [], startedAt: chats[c].intake, handedOverAt: chats[c].arrival),
                                    at: chats[c].arrival)
            }
            if let first = chats[c].firstAgent {
                try record.assign(to: first, at: chats[c].accepted)
                if chats[c].ticketed { _ = try record.createTicket(by: first, at: chats[c].accepted) }
            }
            try record.assign(to: AgentID(a), at: now)
            if endsSession { try record.endSession(by: AgentID(a), at: now) }
            else if handled { try record.markHandled(by: AgentID(a), at: now) }
        } catch {
            preconditionFailure("a conversation record refused the model's close: \(error)")
        }
        if record.isArchived && chats[c].measured { countService(.archived, queue: queue) }
        if services.deleteStreams[s] != nil { deletesPermanently(&record, of: c, queue: queue) }
        keep(record, of: contact)
    }

    /// The customer `contact` writes again: its archived last conversation is brought back to the list.
    mutating func unarchive(contactOf contact: ContactID, stream s: Int, measured: Bool) {
        guard services.historyStreams[s] != nil, Int(contact.index) < services.lastConversations.count,
              var record = services.lastConversations[Int(contact.index)], record.isArchived else { return }
        do { try record.unarchive(at: now) } catch {
            preconditionFailure("an archived conversation could not be unarchived: \(error)")
        }
        if measured { countService(.unarchived, queue: model.streams[s].queue) }
        keep(record, of: contact)
    }

    /// The agent who first accepts a returning customer's chat reads the contact's history: when
    /// it holds earlier conversations, the work shortens by a draw of `history_saves`.
    mutating func readHistory(_ c: Int) {
        let s = Int(chats[c].stream)
        guard let stream = services.historyStreams[s], let saves = model.services.streams[s].historySaves,
              let contact = chats[c].contact, !services.contactHistory.conversations(of: contact).isEmpty else { return }
        chats[c].remainingWork = max(0, chats[c].remainingWork - saves.sample(stream) * 1e6)
        if chats[c].measured { countService(.historyLookups, queue: model.streams[s].queue) }
    }

    /// Stores `record` as the contact's latest conversation and in its history.
    mutating func keep(_ record: ConversationRecord, of contact: ContactID) {
        let i = Int(contact.index)
        if i >= services.lastConversations.count {
            services.lastConversations += Array(repeating: nil, count: i + 1 - services.lastConversations.count)
        }
        services.lastConversations[i] = record
        services.contactHistory.record(record)
    }

    /// Forgets a released contact's history, so its id can serve another customer.
    mutating func forgetHistory(of contact: ContactID) {
        services.contactHistory.forget(contact)
        if Int(contact.index) < services.lastConversations.count { services.lastConversations[Int(contact.index)] = nil }
    }

    /// A live-chat visitor who finds the queue closed creates a ticket in the web form or the app
    /// with the stream's probability; each ticket gets the queue's `out_of_hours` message when it
    /// is switched on (SPEC §2.5: no daily limit for tickets). Returns whether it did.
    mutating func createsTicketOutOfHours(_ intake: Intake) -> Bool {
        let s = intake.stream
        guard let stream = services.ticketStreams[s],
              stream.uniform() < model.services.streams[s].outOfHoursTicketProbability else { return false }
        let queue = model.streams[s].queue
        if intake.inWindow {
            tallies[s].tickets += 1
            countService(.outOfHoursTickets, queue: queue)
            if services.replyServices[queue].outOfHoursReply(toTicketBy: model.services.streams[s].customerName,
                                                              createdAt: now) != nil {
                tallies[s].autoReplies += 1
                tallies[s].autoRepliesByTrigger.outOfHours += 1
            }
        }
        if let contact = intake.contact { releaseContact(contact) }
        return true
    }

    /// The services' invariants: each kept contact's latest conversation is the last of its
    /// history, as recorded (a deleted one is in neither its history nor the archive), carries a
    /// bot transcript exactly when it began in the bot, and is archived only once handled;
    /// out-of-hours tickets come from chats counted out of hours; requests, calls and deletions
    /// stay within the chats they were made from.
    mutating func checkServiceInvariants() {
        for (i, record) in services.lastConversations.enumerated() {
            guard let record else { continue }
            let history = services.contactHistory.conversations(of: ContactID(i))
            if record.status == .deleted {
                if history.contains(where: { $0.conversation == record.id }) || record.isArchived {
                    violations.append("event \(events): contact \(i)'s deleted conversation is still in its history or archive")
                }
            } else if history.last != ConversationSummary(record) {
                violations.append("event \(events): contact \(i)'s history does not end with its latest conversation")
            }
            if (record.botTranscript != nil) != (record.transitions.first?.status == .bot)
                || record.botTranscript.map({ $0.startedAt != record.transitions[0].at || $0.botTime < .zero }) == true {
                violations.append("event \(events): contact \(i)'s conversation and its bot transcript disagree")
            }
            if record.isArchived && record.status != .handled {
                violations.append("event \(events): contact \(i)'s conversation is archived but not handled")
            }
        }
        let names = ServiceCounts.Name.allCases.count
        for (s, stream) in model.streams.enumerated() where services.ticketStreams[s] != nil {
            let tickets = serviceCounts[stream.queue * names + ServiceCounts.Name.outOfHoursTickets.position]
            let outOfHours = model.streams.indices.filter { model.streams[$0].queue == stream.queue }
                .reduce(0) { $0 + tallies[$1].outOfHours }
            if tickets > outOfHours {
                violations.append("event \(events): \(tickets) out-of-hours tickets but \(outOfHours) chats out of hours")
            }
        }
        for problem in checkChatCommandInvariants() { violations.append("event \(events): \(problem)") }
    }
}
