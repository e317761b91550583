// SPDX-License-Identifier: GPL-3.0-or-later

/// One pool an agent is a member of, with what re-ranking the agent there reads: the engine keeps
/// these chained per agent (``RoutingEngine/agentPoolHead``), so ``RoutingEngine/reindex(_:)``
/// walks one flat array instead of the queue and partition arrays.
@usableFromInline
struct PoolMembership: Sendable {
    /// The pool's base in the engine's ``AgentIndex``.
    @usableFromInline let base: Int32
    /// The agent's position in the queue's member list.
    @usableFromInline let local: Int32
    /// The pool's language (-1: chats that match every agent) and channel.
    @usableFromInline let language: Int32
    @usableFromInline let channel: UInt8
    @usableFromInline let strategy: Strategy
    /// Whether the pool keeps weights (the strategies that pick by position or chance).
    @usableFromInline let usesWeights: Bool
    @usableFromInline let queue: Int32
    @usableFromInline let partition: Int32
    /// The agent's next membership, or -1.
    @usableFromInline let next: Int32
}
