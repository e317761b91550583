// SPDX-License-Identifier: GPL-3.0-or-later

/// One agent of one replication as the table `agent_statistics` holds it.
public struct AgentStatisticsRow: Sendable, Hashable {
    public var replication: Int
    public var group: String
    /// `GROUP-N`.
    public var agent: String
    public var capacity: Int
    public var staffedSeconds: Double
    public var busySeconds: Double
    public var chats: Int
    public var rona: Int

    public init(replication: Int, group: String, agent: String, capacity: Int, staffedSeconds: Double,
                busySeconds: Double, chats: Int, rona: Int) {
        self.replication = replication
        self.group = group
        self.agent = agent
        self.capacity = capacity
        self.staffedSeconds = staffedSeconds
        self.busySeconds = busySeconds
        self.chats = chats
        self.rona = rona
    }
}
