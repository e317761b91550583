// SPDX-License-Identifier: GPL-3.0-or-later

/// The members of one queue eligible for chats of one (language, channel): the index a routing decision reads.
///
/// Every pool keeps its eligible members in the engine's ``AgentIndex`` (at `base`), ranked by the
/// queue's strategy; the strategies that pick by position or chance also keep a ``FenwickTree`` of
/// weights. Pools are made the first time a chat of their kind arrives, so a center with one
/// language and one channel has one pool per queue.
@usableFromInline
struct AgentPool: Sendable {
    /// The language served (-1: chats that match every agent).
    @usableFromInline let language: Int32
    @usableFromInline let channel: UInt8
    /// Where the pool's heap lives in the engine's ``AgentIndex``.
    @usableFromInline let base: Int
    @usableFromInline var weights: FenwickTree?

    init(language: Int32, channel: UInt8, base: Int, memberCount: Int, usesWeights: Bool) {
        self.language = language
        self.channel = channel
        self.base = base
        weights = usesWeights ? FenwickTree(count: memberCount) : nil
    }
}
