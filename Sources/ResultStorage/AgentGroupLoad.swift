// SPDX-License-Identifier: GPL-3.0-or-later

/// How busy one agent group was over a run (summed from `agent_statistics`).
public struct AgentGroupLoad: Sendable, Hashable {
    /// The group's name.
    public var group: String
    /// Distinct agents of the group seen in the run.
    public var agents: Int
    /// Staffed time of all its agents in all replications, seconds.
    public var staffedSeconds: Double
    /// Staffed slot-time (staffed time × capacity), seconds.
    public var staffedSlotSeconds: Double
    /// Slot-time in conversation, seconds.
    public var busySeconds: Double
    /// Chats accepted, over all replications.
    public var chats: Int
    /// RONA events, over all replications.
    public var rona: Int

    /// Busy slot-time over staffed slot-time; nil when the group was never staffed.
    public var occupancy: Double? { staffedSlotSeconds > 0 ? busySeconds / staffedSlotSeconds : nil }

    public init(group: String, agents: Int, staffedSeconds: Double, staffedSlotSeconds: Double,
                busySeconds: Double, chats: Int, rona: Int) {
        self.group = group
        self.agents = agents
        self.staffedSeconds = staffedSeconds
        self.staffedSlotSeconds = staffedSlotSeconds
        self.busySeconds = busySeconds
        self.chats = chats
        self.rona = rona
    }
}
