// SPDX-License-Identifier: GPL-3.0-or-later

/// A conversation, by a number the caller assigns once and never reuses (the simulator: its arrival sequence).
///
/// Kept apart from the routing engine's `ChatID`, whose slots are recycled; `ChatID.packed` is a
/// valid choice since it is unique over a run.
public struct ConversationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: UInt64

    @inlinable public init(_ value: UInt64) { self.value = value }

    @inlinable public static func < (a: ConversationID, b: ConversationID) -> Bool { a.value < b.value }

    public var description: String { "conversation#\(value)" }
}
