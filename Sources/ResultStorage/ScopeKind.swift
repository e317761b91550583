// SPDX-License-Identifier: GPL-3.0-or-later

/// The kind of a stored metric scope (SPEC §4): the whole center, one queue, or one channel.
///
/// A stored row names its scope by this kind and a scope id, the two parts of the model's
/// `ContactCenter.MetricScope` (mapped in one place, `Runs.StoredRows.storedScope`); storage
/// does not depend on the model, so it keeps only the kind. The raw values are the texts
/// stored in the `scope` columns.
public enum ScopeKind: String, Sendable, Hashable, CaseIterable {
    /// All chats; its scope id is the empty text.
    case overall
    /// The chats of one queue; its scope id is the queue id.
    case queue
    /// The chats of one channel; its scope id is the channel name (`live_chat`, …).
    case channel
}
