// SPDX-License-Identifier: GPL-3.0-or-later

/// The engine's chats as parallel arrays indexed by slot; slots of closed chats are reused.
@usableFromInline
struct ChatTable: Sendable {
    @usableFromInline var generation: [UInt32] = []
    @usableFromInline var live: [Bool] = []
    @usableFromInline var state: [ChatState] = []
    @usableFromInline var queue: [Int32] = []
    @usableFromInline var channel: [UInt8] = []
    /// The chat's effective language, or -1 when it matches every agent.
    @usableFromInline var language: [Int32] = []
    @usableFromInline var contact: [Int32] = []
    /// Queue-entry time and sequence: the chat's position in line, kept when it returns (RONA).
    @usableFromInline var entryTime: [Int64] = []
    @usableFromInline var entrySequence: [UInt64] = []
    /// Changes at every stay in a line and every offer round; outdated line entries and timers are skipped.
    @usableFromInline var round: [UInt32] = []
    @usableFromInline var owner: [Int32] = []
    /// A conference participant who joined, or -1.
    @usableFromInline var participant: [Int32] = []
    /// An invited agent who has not answered yet, or -1.
    @usableFromInline var invitee: [Int32] = []
    @usableFromInline var inviteRound: [UInt32] = []
    /// First offer record of the chat, or -1.
    @usableFromInline var offerHead: [Int32] = []
    @usableFromInline var offerKind: [OfferKind] = []
    @usableFromInline var alert: [AlertState] = []
    /// The previous owner a sticky chat waits for, or -1.
    @usableFromInline var stickyAgent: [Int32] = []
    @usableFromInline var freeSlots: [UInt32] = []
    @usableFromInline var liveCount = 0

    /// How the chat's current offers were made.
    @usableFromInline enum OfferKind: UInt8, Sendable { case none, single, broadcast, sticky, transfer }
    /// Whether an unanswered alert is pending for the chat.
    @usableFromInline enum AlertState: UInt8, Sendable { case none, armed, done }

    /// Takes a free slot (or a new one) for a chat; every field is reset.
    ///
    /// - Complexity: O(1) amortised.
    mutating func allocate(queue q: Int32, channel ch: UInt8, language lang: Int32, contact c: Int32,
                                      at now: Int64, sequence: UInt64) -> ChatID {
        liveCount += 1
        if let slot = freeSlots.popLast() {
            let s = Int(slot)
            live[s] = true
            state[s] = .queued
            queue[s] = q
            channel[s] = ch
            language[s] = lang
            contact[s] = c
            entryTime[s] = now
            entrySequence[s] = sequence
            owner[s] = -1
            participant[s] = -1
            invitee[s] = -1
            offerHead[s] = -1
            offerKind[s] = .none
            alert[s] = .none
            stickyAgent[s] = -1
            return ChatID(slot: slot, generation: generation[s])
        }
        generation.append(0)
        live.append(true)
        state.append(.queued)
        queue.append(q)
        channel.append(ch)
        language.append(lang)
        contact.append(c)
        entryTime.append(now)
        entrySequence.append(sequence)
        round.append(0)
        owner.append(-1)
        participant.append(-1)
        invitee.append(-1)
        inviteRound.append(0)
        offerHead.append(-1)
        offerKind.append(.none)
        alert.append(.none)
        stickyAgent.append(-1)
        return ChatID(slot: UInt32(generation.count - 1), generation: 0)
    }

    /// Closes a chat: its id goes stale and its slot is free.
    mutating func release(_ chat: ChatID) {
        let s = Int(chat.slot)
        live[s] = false
        generation[s] &+= 1
        round[s] &+= 1
        inviteRound[s] &+= 1
        freeSlots.append(chat.slot)
        liveCount -= 1
    }

    /// Whether `chat` is the chat currently in its slot.
    func isCurrent(_ chat: ChatID) -> Bool {
        let s = Int(chat.slot)
        return s < generation.count && generation[s] == chat.generation && live[s]
    }
}
