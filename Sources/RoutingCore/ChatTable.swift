// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import PlainStorage
/// One chat as the engine tracks it.
@usableFromInline
struct ChatRecord: Sendable {
    @usableFromInline var generation: UInt32 = 0
    /// Changes at every stay in a line and every offer round; outdated line entries and timers are skipped.
    @usableFromInline var round: UInt32 = 0
    @usableFromInline var inviteRound: UInt32 = 0
    @usableFromInline var queue: Int32 = 0
    /// The chat's effective language, or -1 when it matches every agent.
    @usableFromInline var language: Int32 = -1
    @usableFromInline var contact: Int32 = -1
    @usableFromInline var owner: Int32 = -1
    /// A conference participant who joined, or -1.
    @usableFromInline var participant: Int32 = -1
    /// An invited agent who has not answered yet, or -1.
    @usableFromInline var invitee: Int32 = -1
    /// The agent rung first in the current offer round, or -1: a single-agent offer (the common
    /// case) needs no offer record.
    @usableFromInline var firstOffer: Int32 = -1
    /// The offer record of the latest agent rung after the first (a broadcast), or -1; records chain to earlier ones.
    @usableFromInline var offerHead: Int32 = -1
    /// The previous owner a sticky chat waits for, or -1.
    @usableFromInline var stickyAgent: Int32 = -1
    /// For a free slot: the next free slot (-1: none); the free slots form a stack through their records.
    @usableFromInline var nextFree: Int32 = -1
    /// Queue-entry time and sequence: the chat's position in line, kept when it returns (RONA).
    @usableFromInline var entryTime: Int64 = 0
    @usableFromInline var entrySequence: UInt64 = 0
    @usableFromInline var live = false
    @usableFromInline var state: ChatState = .queued
    @usableFromInline var channel: UInt8 = 0
    @usableFromInline var offerKind: ChatTable.OfferKind = .none
    @usableFromInline var alert: ChatTable.AlertState = .none

    init() {}

    // Each step below changes several fields through one access to the record, so the table's
    // array pays one copy-on-write check per step rather than one per field.

    /// Starts an offer round: the chat is offered, by `kind`, in round `round`.
    @inline(__always) mutating func beginOfferRound(_ round: UInt32, kind: ChatTable.OfferKind) {
        self.round = round
        state = .offered
        offerKind = kind
    }

    /// Ends the offer round: no offers remain and the round's timers and entries go stale.
    @inline(__always) mutating func endOfferRound() {
        firstOffer = -1
        offerHead = -1
        offerKind = .none
        round &+= 1
    }

    /// The chat waits in a line (or for its previous owner) from round `round`.
    @inline(__always) mutating func wait(as waitingState: ChatState, round: UInt32) {
        state = waitingState
        self.round = round
    }

    /// An offer round `round` to agent `a` begins and ends with its accept: the chat is owned, and
    /// the round's timers and entries are stale (``beginOfferRound(_:kind:)``, ``endOfferRound()``
    /// and ``becomeOwned(by:)`` in one step).
    @inline(__always) mutating func acceptAtOnce(round: UInt32, by a: Int32) {
        self.round = round &+ 1
        offerKind = .none
        state = .active
        owner = a
    }

    /// Agent `a` owns the chat.
    @inline(__always) mutating func becomeOwned(by a: Int32) {
        state = .active
        owner = a
    }

    /// The chat is closed: its id, rounds and timers go stale, and its slot is free (`nextFree` the next free one).
    @inline(__always) mutating func close(nextFree: Int32) {
        self.nextFree = nextFree
        live = false
        generation &+= 1
        round &+= 1
        inviteRound &+= 1
    }
}

/// The engine's chats, one record per slot; slots of closed chats are reused, the last freed first.
///
/// One table of records rather than one array per field: a chat's fields are read and written
/// together, so a record keeps them on one or two cache lines. The table is one of the engine's
/// ``PlainTable``s, written without a uniqueness check of its own.
@usableFromInline
struct ChatTable: Sendable {
    @usableFromInline var records = PlainTable<ChatRecord>()
    /// The free slot released last (-1: none); each free record holds the next (``ChatRecord/nextFree``),
    /// so taking and giving back a slot writes only the records, not a second array.
    @usableFromInline var freeHead: Int32 = -1
    @usableFromInline var liveCount = 0

    /// How the chat's current offers were made.
    @usableFromInline enum OfferKind: UInt8, Sendable { case none, single, broadcast, sticky, transfer }
    /// Whether an unanswered alert is pending for the chat.
    @usableFromInline enum AlertState: UInt8, Sendable { case none, armed, done }

    /// Takes a free slot (or a new one) for a chat; every field is reset.
    ///
    /// - Complexity: O(1) amortised.
    mutating func allocate(queue q: Int32, channel ch: UInt8, language lang: Int32, contact: Int32,
                           at now: SimTime, sequence: UInt64) -> ChatID {
        liveCount += 1
        var record = ChatRecord()
        record.live = true
        record.queue = q
        record.channel = ch
        record.language = lang
        record.contact = contact
        record.entryTime = now.microseconds
        record.entrySequence = sequence
        if freeHead >= 0 {
            let c = Int(freeHead)
            freeHead = records[c].nextFree
            record.generation = records[c].generation
            record.round = records[c].round
            record.inviteRound = records[c].inviteRound
            records[c] = record
            return ChatID(slot: UInt32(c), generation: record.generation)
        }
        records.append(record)
        return ChatID(slot: UInt32(records.count - 1), generation: 0)
    }

    /// Closes a chat: its id goes stale and its slot is free.
    @inline(__always) mutating func release(_ chat: ChatID) {
        records[Int(chat.slot)].close(nextFree: freeHead)
        freeHead = Int32(chat.slot)
        liveCount -= 1
    }

    /// Whether `chat` is the chat currently in its slot.
    @inlinable @inline(__always) func isCurrent(_ chat: ChatID) -> Bool {
        let c = Int(chat.slot)
        return c < records.count && records[c].generation == chat.generation && records[c].live
    }
}
