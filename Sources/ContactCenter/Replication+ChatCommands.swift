// SPDX-License-Identifier: GPL-3.0-or-later

import ConversationServices
import ParleyTime
import RoutingCore
import SimKernel
import Statistics

/// The owner's commands on a conversation outside routing (SPEC §2.3, §3.3), issued to a
/// ``ConversationRecord`` so that the record's rules decide what is allowed:
///
/// - **create request** (`ticket_probability`, `ticket_time`; seed 001: "if you cannot help the
///   customer, … create a request from the chat"): the owner who accepts a chat turns it into a
///   ticket for the ticket system; writing the request adds `ticket_time` to the chat's work. The
///   ticket counts in the `tickets` metric and as `chat_tickets`.
/// - **call from chat** (`call_probability`, `call_time`, the queue's `call_from_chat`; seed 000:
///   internal chats and the website's live chat, owner only, when the administrator enables it):
///   the owner of a live chat starts a call; the chat, and with it the agent's slot, stays busy for
///   the call's `call_time`. Counted as `calls`.
/// - **delete permanently** (`return.delete_probability`; seed 000: "Chat dauerhaft löschen"):
///   the agent who marked a returning customer's chat handled deletes it; it leaves the archive
///   and the contact's history, so the agent who answers the customer's next chat finds less
///   there (no lookup at all when nothing else is left). Counted as `deleted`.
///
/// - **internal chats** (`internal_chats`; SPEC §2.1): see ``consultColleague(_:agent:)``.
///
/// None of them is a chat outcome: a chat with a ticket or a call is answered, a deleted one was
/// handled, so the conservation identity is unchanged. Random draws come from the sub-streams
/// `agents/<name>/ticket`, `agents/<name>/call`, `agents/<name>/internal_chat` and `customers/<id>/delete`, which only scenarios
/// with the keys make.
extension Replication {
    /// The contact of records made for a one-time customer, who has no contact id in the engine;
    /// such a record only carries a command and is never kept.
    static let anonymousContact = ContactID(-1)

    /// The record of chat `c` as its owner `a` has it now: in `queue`, active, owned by `a`.
    func activeRecord(of c: Int, agent a: Int, queue: Int) -> ConversationRecord {
        let s = Int(chats[c].stream)
        var record = ConversationRecord(id: ConversationID(UInt64(chats[c].number)),
                                        contact: chats[c].contact ?? Self.anonymousContact,
                                        channel: model.streams[s].channel, queue: QueueID(queue),
                                        policy: model.services.queues[queue].policy, at: chats[c].intake)
        do { try record.assign(to: AgentID(a), at: now) } catch {
            preconditionFailure("a waiting conversation record refused its owner: \(error)")
        }
        return record
    }

    /// The work of `seconds` of the owner's time at the rate it works chat `c` now.
    func ownerWork(seconds: Double, agent a: Int) -> Double {
        seconds * 1e6 * model.agentRates[a * maxCapacity + min(agentChatCount[a], model.agents[a].capacity - 1)]
    }

    /// The owner `a` accepting `chat` creates a request (ticket) from it with the group's
    /// `ticket_probability`; writing it adds a draw of `ticket_time` to the work.
    mutating func createTicketFromChat(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        let stream = ticketFromChatStream(a)
        guard stream.uniform() < model.agents[a].ticketProbability else { return }
        var record = activeRecord(of: c, agent: a, queue: currentQueue(of: chat))
        do { _ = try record.createTicket(by: AgentID(a), at: now) } catch {
            preconditionFailure("the owner could not create a request from its chat: \(error)")
        }
        chats[c].ticketed = true
        chats[c].remainingWork += ownerWork(seconds: model.agents[a].ticketTime.sample(stream), agent: a)
        guard chats[c].measured else { return }
        let s = Int(chats[c].stream)
        tallies[s].tickets += 1
        countService(.chatTickets, queue: model.streams[s].queue)
    }

    /// The owner `a` accepting a live `chat` of a queue with `call_from_chat` starts a call with
    /// the group's `call_probability`; the call's `call_time` extends the chat (and its slot).
    mutating func callFromChat(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        let s = Int(chats[c].stream)
        let queue = currentQueue(of: chat)
        guard model.streams[s].channel == .liveChat, model.services.queues[queue].policy.callFromChat else { return }
        let stream = callStream(a)
        guard stream.uniform() < model.agents[a].callProbability else { return }
        do { _ = try activeRecord(of: c, agent: a, queue: queue).callFromChat(by: AgentID(a)) } catch {
            preconditionFailure("the owner could not call from its chat: \(error)")
        }
        chats[c].remainingWork += ownerWork(seconds: model.agents[a].callTime.sample(stream), agent: a)
        if chats[c].measured { countService(.calls, queue: model.streams[s].queue) }
    }

    /// The agent who just marked a returning customer's chat handled deletes it permanently with
    /// the stream's `return.delete_probability`.
    mutating func deletesPermanently(_ record: inout ConversationRecord, of c: Int, queue: Int) {
        let s = Int(chats[c].stream)
        guard record.status == .handled, let stream = services.deleteStreams[s],
              stream.uniform() < model.services.streams[s].deleteProbability else { return }
        do { try record.deletePermanently(at: now) } catch {
            preconditionFailure("a handled conversation could not be deleted: \(error)")
        }
        if chats[c].measured { countService(.deleted, queue: queue) }
    }

    /// The owner `a` accepting `chat` consults a colleague in an internal chat with the group's
    /// `internal_chats.probability` (SPEC §2.1 channel `internal`; seed 000: agents chat with
    /// colleagues in the same chat window). The colleague is another on-shift member of the chat's
    /// queue, found by name or extension (as for transfers, from a uniformly drawn member on);
    /// without one nothing happens. The internal chat is never queued, handled or auto-replied
    /// (a ``ConversationRecord/internalChat(id:startedBy:policy:at:)``) and is no outcome: offered
    /// and answered stay as they were. It takes the owner's time: `internal_chats.time` is added
    /// to the chat's work at the owner's rate, so the customer's chat (and its slot) lasts that
    /// much longer. With the queue's `call_from_chat` on, the owner may turn it into a call
    /// (`call_probability`, owner only), which adds its `call_time` too.
    mutating func consultColleague(_ chat: ChatID, agent a: Int) {
        let c = Int(chat.slot)
        let stream = internalChatStream(a)
        guard stream.uniform() < model.agents[a].internalChatProbability else { return }
        let queue = currentQueue(of: chat)
        let members = (try? engine.queue(of: chat)).flatMap { try? engine.members(of: $0) } ?? []
        let start = members.isEmpty ? 0 : min(Int(stream.uniform() * Double(members.count)), members.count - 1)
        let byName = stream.uniform() < 0.5
        var colleague: AgentID?
        for step in members.indices {
            let member = members[(start + step) % members.count]
            guard Int(member.index) != a, let status = try? engine.status(of: member), status != .offline else { continue }
            let configuration = model.engineConfiguration.agents[Int(member.index)]
            colleague = byName ? try? engine.agent(named: configuration.name)
                : configuration.extensionNumber.flatMap { try? engine.agent(extension: $0) }
            if colleague != nil { break }
        }
        guard colleague != nil else { return }
        internalChatsStarted += 1
        let policy = model.services.queues[queue].policy
        let record = ConversationRecord.internalChat(id: ConversationID(UInt64(1) << 62 | UInt64(internalChatsStarted)),
                                                     startedBy: AgentID(a), policy: policy, at: now)
        chats[c].remainingWork += ownerWork(seconds: model.agents[a].internalChatTime.sample(stream), agent: a)
        let measured = chats[c].measured
        if measured { countService(.internalChats, queue: queue) }
        guard policy.callFromChat, model.agents[a].callProbability > 0 else { return }
        let calls = callStream(a)
        guard calls.uniform() < model.agents[a].callProbability else { return }
        do { _ = try record.callFromChat(by: AgentID(a)) } catch {
            preconditionFailure("the owner could not call from its internal chat: \(error)")
        }
        chats[c].remainingWork += ownerWork(seconds: model.agents[a].callTime.sample(calls), agent: a)
        if measured { countService(.calls, queue: queue) }
    }

    /// Agent `a`'s sub-stream `agents/<name>/internal_chat`, made when first needed.
    mutating func internalChatStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.internalChatStreams, a, "internal_chat")
    }

    /// Agent `a`'s sub-stream `agents/<name>/ticket`, made when first needed.
    mutating func ticketFromChatStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.ticketFromChatStreams, a, "ticket")
    }

    /// Agent `a`'s sub-stream `agents/<name>/call`, made when first needed.
    mutating func callStream(_ a: Int) -> RandomStream {
        lazyAgentStream(\.callStreams, a, "call")
    }

    /// The invariants of the commands: requests from chats and internal chats never outnumber the
    /// answered chats, calls never the answered and internal chats together, and deletions never outnumber the archived conversations they were taken from.
    func checkChatCommandInvariants() -> [String] {
        let names = ServiceCounts.Name.allCases.count
        func total(_ name: ServiceCounts.Name) -> Int {
            (0..<model.queueNames.count).reduce(0) { $0 + serviceCounts[$1 * names + name.position] }
        }
        let answered = (0..<model.streams.count).reduce(0) { $0 + tallies[$1].answered }
        var problems: [String] = []
        if total(.chatTickets) > answered { problems.append("\(total(.chatTickets)) requests from chats but \(answered) answered chats") }
        if total(.internalChats) > answered {
            problems.append("\(total(.internalChats)) internal chats but \(answered) answered chats")
        }
        if total(.calls) > answered + total(.internalChats) {
            problems.append("\(total(.calls)) calls from chats but \(answered) answered and \(total(.internalChats)) internal chats")
        }
        if total(.deleted) > total(.archived) { problems.append("\(total(.deleted)) deleted but \(total(.archived)) archived conversations") }
        return problems
    }
}
