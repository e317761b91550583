// SPDX-License-Identifier: GPL-3.0-or-later

/// What a metric is computed over (SPEC §4): the whole center, one queue, or one channel.
///
/// The raw values are the texts stored in the `scope` columns.
public enum MetricScope: String, Sendable, Hashable, CaseIterable {
    /// All chats; its scope id is the empty text.
    case overall
    /// The chats of one queue; its scope id is the queue id.
    case queue
    /// The chats of one channel; its scope id is the channel name (`live_chat`, …).
    case channel
}
