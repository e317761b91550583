// SPDX-License-Identifier: GPL-3.0-or-later

/// An agent, by its index in the engine's configuration (member order).
public struct AgentID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
    @inlinable public static func < (a: AgentID, b: AgentID) -> Bool { a.index < b.index }
    public var description: String { "agent#\(index)" }
}

/// A queue (team), by its index in the engine's configuration.
public struct QueueID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
    @inlinable public static func < (a: QueueID, b: QueueID) -> Bool { a.index < b.index }
    public var description: String { "queue#\(index)" }
}

/// A language, by its index in ``EngineConfiguration/languages``.
public struct LanguageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
    @inlinable public static func < (a: LanguageID, b: LanguageID) -> Bool { a.index < b.index }
    public var description: String { "language#\(index)" }
}

/// A customer identity (a channel address), chosen densely by the caller.
///
/// The engine remembers per contact the owner of its last taken, un-handled chat (sticky
/// routing); a caller that reuses an id calls ``RoutingEngine/forgetContact(_:)`` first.
public struct ContactID: Hashable, Sendable, CustomStringConvertible {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(truncatingIfNeeded: index) }
    public var description: String { "contact#\(index)" }
}

/// A conversation known to the engine.
///
/// `slot` is a dense index that the engine reuses once a chat is closed, so a caller may keep its
/// own per-chat data in arrays indexed by it; `generation` tells a stale id from the current one.
public struct ChatID: Hashable, Sendable, CustomStringConvertible {
    public var slot: UInt32
    public var generation: UInt32
    @inlinable public init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
    /// Packs the id into 64 bits (for event payloads).
    @inlinable public var packed: UInt64 { UInt64(generation) << 32 | UInt64(slot) }
    /// Unpacks an id made by ``packed``.
    @inlinable public init(packed: UInt64) {
        self.init(slot: UInt32(truncatingIfNeeded: packed), generation: UInt32(truncatingIfNeeded: packed >> 32))
    }
    public var description: String { "chat#\(slot).\(generation)" }
}
