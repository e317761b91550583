// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// One step of a queue's `overflow` (SPEC §3.3): `{after: 60s, add_groups: [tier2]}` or
/// `{after: 3m, to_queue: backup}`, counted from the chat's queue entry.
public struct OverflowStepSpec: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// The waiting chat may also go to the agents of these groups; it stays in its queue.
        case addGroups([String])
        /// The waiting chat moves to this queue, keeping its queue-entry time.
        case toQueue(String)
    }

    /// Time since the chat's queue entry.
    public var after: SimDuration
    public var action: Action

    public init(after: SimDuration, action: Action) {
        self.after = after
        self.action = action
    }
}
