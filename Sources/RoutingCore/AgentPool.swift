// SPDX-License-Identifier: GPL-3.0-or-later

/// The members of one queue eligible for chats of one (language, channel): the index a routing decision reads.
///
/// Every pool keeps its eligible members in an ``AgentIndex`` ranked by the queue's strategy;
/// the strategies that pick by position or chance also keep a ``FenwickTree`` of weights.
/// Pools are made the first time a chat of their kind arrives, so a center with one language and
/// one channel has one pool per queue.
@usableFromInline
struct AgentPool: Sendable {
    /// The language served (-1: chats that match every agent).
    @usableFromInline let language: Int32
    @usableFromInline let channel: UInt8
    @usableFromInline var ranked: AgentIndex
    @usableFromInline var weights: FenwickTree?

    init(language: Int32, channel: UInt8, memberCount: Int, usesWeights: Bool) {
        self.language = language
        self.channel = channel
        ranked = AgentIndex(memberCount: memberCount)
        weights = usesWeights ? FenwickTree(count: memberCount) : nil
    }

    /// Inserts, re-ranks or (with a nil key) removes a member.
    ///
    /// - Complexity: O(log n).
    @inline(__always) mutating func update(_ member: Int32, key: RankKey?, weight: Double) {
        ranked.update(member, key: key)
        if weights != nil { weights!.set(Int(member), to: key == nil ? 0 : weight) }
    }
}
