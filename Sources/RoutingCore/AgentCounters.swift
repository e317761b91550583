// SPDX-License-Identifier: GPL-3.0-or-later

/// What changes about an agent as it is offered, takes and frees chats, kept in one record.
///
/// An offer, an accept or a close writes an agent's load, channel load, idle time or accepted count
/// together: one array of these records costs one copy-on-write check per such step where one
/// array per field cost one per field.
@usableFromInline
struct AgentCounters: Sendable {
    /// Slots in use: reserved offers plus active chats (and conferences joined).
    @usableFromInline var load: Int32 = 0
    /// Chats accepted so far (all queues).
    @usableFromInline var accepted: Int32 = 0
    /// max(end of its last chat, its last change to available), in microseconds.
    @usableFromInline var idleSince: Int64
    /// Slots in use per channel, by ``Channel`` raw value.
    @usableFromInline var channelLoad = SIMD8<Int32>()

    init(idleSince: Int64) { self.idleSince = idleSince }

    /// Takes one slot for a chat on `channel` (an offer or a claim).
    @inline(__always) mutating func reserve(channel: UInt8) {
        load &+= 1
        channelLoad[Int(channel)] &+= 1
    }

    /// Takes one slot for a chat on `channel` that is accepted at once (an offer and its accept).
    @inline(__always) mutating func reserveAndAccept(channel: UInt8) {
        reserve(channel: channel)
        accepted &+= 1
    }

    /// Gives back one slot of `channel`.
    @inline(__always) mutating func release(channel: UInt8) {
        load &-= 1
        channelLoad[Int(channel)] &-= 1
    }

    /// Gives back one slot of `channel` at the end of a chat: the agent is idle from `now` on at the latest.
    @inline(__always) mutating func release(channel: UInt8, endingAt now: Int64) {
        release(channel: channel)
        idleSince = max(idleSince, now)
    }
}
