// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import SimKernel

/// The kinds of kernel events, in the order SPEC §1 fixes for equal times (the kernel's priority).
enum EventKind: UInt8 {
    case agentStatus = 0, workCompletion = 1, accept = 2, abandonment = 3, arrival = 4, engineDeadline = 5
}

/// What a replication does when the kernel gives it an event.
///
/// This file is the only place that knows how a model event sits in the kernel's generic entry
/// (a 64-bit `payload` and a 32-bit `aux`): the low four bits of `aux` say which case it is, the
/// bits above hold an agent index (a retrial's attempt number), and `payload` holds a chat id, a
/// stream (with a contact) or a bot slot. The
/// kernel orders events by time and ``kind`` only, so this layout never changes a run's order.
/// Everything here is `@inline(__always)`: at each call site the case is known, so the encoding
/// folds to the constants the loop used to pack by hand, and a model event costs no more than those
/// integers (left to itself, the optimiser keeps the switches as calls: about 1 % more instructions per chat).
enum ModelEvent: Equatable {
    /// A customer of stream `stream` writes: a first contact (`contact` nil), or a known
    /// customer writing again (a re-contact, or a blocked visitor trying again).
    case arrival(stream: Int, contact: ContactID?)
    /// A customer of stream `stream` who gave up writes again: attempt number `attempt` of the same
    /// contact (`contact` nil: a customer the engine does not know) (SPEC §3.3 `retrial`).
    case retrial(stream: Int, contact: ContactID?, attempt: Int)
    /// The chat parked in chatbot slot `botSlot` ends its time in the bot.
    case botEnds(botSlot: Int)
    /// An agent's status or shift changes.
    case agentStatus(agent: Int, AgentChange)
    /// The owner's stretch of work on a chat, or its wrap-up, is over.
    case workEnds(ChatID)
    /// A conference participant's time in the chat is over.
    case conferenceTimeEnds(ChatID, invitee: Int)
    /// An agent accepts an offer after its accept delay.
    case accept(ChatID, agent: Int)
    /// An agent looks at the visible chats of its pull queues (get next in queue).
    case pull(agent: Int)
    /// An agent's take of a chat it picked from a `take` queue's list is done: it owns the chat (SPEC §3.3).
    case take(ChatID, agent: Int)
    /// An alerted member opens the chat it was alerted to.
    case alertReaction(ChatID, agent: Int)
    /// The owner of a chat in conference leaves it, handing the chat to the participant.
    case ownerLeaves(ChatID, owner: Int)
    /// A member of a `first_responder` queue reacts to a visible chat: it replies (after taking it under `take`).
    case reply(ChatID, agent: Int)
    /// A waiting customer's patience runs out.
    case abandonment(ChatID)
    /// The routing engine's earliest deadline (an offer, invitation or sticky timer) is due.
    case engineDeadline

    /// What an agent-status event does.
    enum AgentChange: UInt8 { case ronaRecovery, logOn, logOff, breakStart, breakEnd }

    /// The case, in the low bits of the kernel entry's `aux`.
    private enum Tag: UInt8 {
        case firstContact, returning, botEnds, agentStatus, workEnds, conferenceTimeEnds, accept, pull, abandonment, engineDeadline
        case take, reply, ownerLeaves, alertReaction, retrial

        /// The tag in the low four bits of `aux`, or nil (decoded in line: the event loop reads one per event).
        @inline(__always) init?(aux: UInt32) {
            let raw = UInt8(truncatingIfNeeded: aux & 0xF)
            guard raw <= Self.retrial.rawValue else { return nil }
            self = unsafeBitCast(raw, to: Tag.self)
        }

        /// The tag's bits in `aux`.
        @inline(__always) var bits: UInt32 { UInt32(rawValue) }
    }

    /// Where the events of this case fall among events at the same instant.
    @inline(__always) var kind: EventKind {
        switch self {
        case .arrival, .retrial, .botEnds: .arrival
        case .agentStatus: .agentStatus
        case .workEnds, .conferenceTimeEnds, .ownerLeaves: .workCompletion
        case .accept, .pull, .take, .reply, .alertReaction: .accept
        case .abandonment: .abandonment
        case .engineDeadline: .engineDeadline
        }
    }

    /// The event's kernel payload and `aux`.
    @inline(__always) var encoded: (payload: UInt64, aux: UInt32) {
        switch self {
        case .arrival(let stream, nil):
            (UInt64(stream), Tag.firstContact.bits)
        case .arrival(let stream, let contact?):
            (UInt64(UInt32(stream)) | UInt64(UInt32(bitPattern: contact.index)) << 32, Tag.returning.bits)
        case .retrial(let stream, let contact, let attempt):
            (UInt64(UInt32(stream)) | UInt64(UInt32(bitPattern: contact?.index ?? -1)) << 32, Self.aux(.retrial, agent: attempt))
        case .botEnds(let botSlot): (UInt64(botSlot), Tag.botEnds.bits)
        case .agentStatus(let agent, let change): (UInt64(change.rawValue), Self.aux(.agentStatus, agent: agent))
        case .workEnds(let chat): (chat.packed, Tag.workEnds.bits)
        case .conferenceTimeEnds(let chat, let invitee): (chat.packed, Self.aux(.conferenceTimeEnds, agent: invitee))
        case .accept(let chat, let agent): (chat.packed, Self.aux(.accept, agent: agent))
        case .pull(let agent): (0, Self.aux(.pull, agent: agent))
        case .take(let chat, let agent): (chat.packed, Self.aux(.take, agent: agent))
        case .reply(let chat, let agent): (chat.packed, Self.aux(.reply, agent: agent))
        case .ownerLeaves(let chat, let owner): (chat.packed, Self.aux(.ownerLeaves, agent: owner))
        case .alertReaction(let chat, let agent): (chat.packed, Self.aux(.alertReaction, agent: agent))
        case .abandonment(let chat): (chat.packed, Tag.abandonment.bits)
        case .engineDeadline: (0, Tag.engineDeadline.bits)
        }
    }

    @inline(__always) private static func aux(_ tag: Tag, agent: Int) -> UInt32 {
        assert(agent >= 0 && agent < 1 << 28, "agent index \(agent) does not fit an event")
        return UInt32(truncatingIfNeeded: agent) << 4 | tag.bits
    }

    /// The model event a kernel entry was scheduled as (nil only for an entry no model event makes).
    @inline(__always) init?(payload: UInt64, aux: UInt32) {
        let agent = Int(aux >> 4)
        switch Tag(aux: aux) {
        case .firstContact: self = .arrival(stream: Int(payload), contact: nil)
        case .returning:
            self = .arrival(stream: Int(payload & 0xFFFF_FFFF),
                            contact: ContactID(Int(Int32(truncatingIfNeeded: payload >> 32))))
        case .retrial:
            let contact = Int32(truncatingIfNeeded: payload >> 32)
            self = .retrial(stream: Int(payload & 0xFFFF_FFFF), contact: contact < 0 ? nil : ContactID(Int(contact)),
                            attempt: agent)
        case .botEnds: self = .botEnds(botSlot: Int(payload))
        case .agentStatus:
            guard let change = AgentChange(rawValue: UInt8(truncatingIfNeeded: payload)) else { return nil }
            self = .agentStatus(agent: agent, change)
        case .workEnds: self = .workEnds(ChatID(packed: payload))
        case .conferenceTimeEnds: self = .conferenceTimeEnds(ChatID(packed: payload), invitee: agent)
        case .accept: self = .accept(ChatID(packed: payload), agent: agent)
        case .pull: self = .pull(agent: agent)
        case .take: self = .take(ChatID(packed: payload), agent: agent)
        case .reply: self = .reply(ChatID(packed: payload), agent: agent)
        case .ownerLeaves: self = .ownerLeaves(ChatID(packed: payload), owner: agent)
        case .alertReaction: self = .alertReaction(ChatID(packed: payload), agent: agent)
        case .abandonment: self = .abandonment(ChatID(packed: payload))
        case .engineDeadline: self = .engineDeadline
        case nil: return nil
        }
    }

    /// The model event an event taken from the calendar was scheduled as.
    @inline(__always) init?(_ event: ScheduledEvent) {
        self.init(payload: event.payload, aux: event.aux)
    }
}

extension EventCalendar {
    /// Schedules a model event that cannot be withdrawn.
    ///
    /// - Complexity: O(log n).
    @inline(__always) mutating func schedule(_ event: ModelEvent, at time: SimTime) {
        let (payload, aux) = event.encoded
        schedule(at: time, priority: event.kind.rawValue, payload: payload, aux: aux)
    }

    /// Schedules a model event that ``cancel(_:)`` may withdraw before it fires.
    ///
    /// - Complexity: O(log n).
    @inline(__always) mutating func scheduleCancellable(_ event: ModelEvent, at time: SimTime) -> TimerHandle {
        let (payload, aux) = event.encoded
        return scheduleCancellable(at: time, priority: event.kind.rawValue, payload: payload, aux: aux)
    }
}
