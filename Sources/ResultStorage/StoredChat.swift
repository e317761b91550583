// SPDX-License-Identifier: GPL-3.0-or-later

/// One chat of one replication as the table `chats` holds it (never any message text).
public struct StoredChat: Sendable, Hashable {
    public var replication: Int
    /// The chat's number in its replication, in arrival order.
    public var chat: Int
    /// Seconds after the window's start.
    public var arrivalSeconds: Double
    public var queue: String
    public var channel: String
    public var acceptedSeconds: Double?
    public var agent: String?
    public var waitSeconds: Double?
    /// `answered`, `abandoned`, `unresolved`, `rejected`, `bot_resolved`, `missed_contact`, `offline_form`,
    /// `out_of_hours`, `inactive`.
    public var outcome: String
    public var transfers: Int
    public var ronaCount: Int
    /// The wrap-up reason the agent closed an answered chat with; nil: none (the queue lists none, or not closed).
    public var wrapUpReason: String?

    public init(replication: Int, chat: Int, arrivalSeconds: Double, queue: String, channel: String,
                acceptedSeconds: Double?, agent: String?, waitSeconds: Double?, outcome: String, transfers: Int,
                ronaCount: Int, wrapUpReason: String? = nil) {
        self.replication = replication
        self.chat = chat
        self.arrivalSeconds = arrivalSeconds
        self.queue = queue
        self.channel = channel
        self.acceptedSeconds = acceptedSeconds
        self.agent = agent
        self.waitSeconds = waitSeconds
        self.outcome = outcome
        self.transfers = transfers
        self.ronaCount = ronaCount
        self.wrapUpReason = wrapUpReason
    }
}
