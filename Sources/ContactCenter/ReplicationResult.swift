// SPDX-License-Identifier: GPL-3.0-or-later

/// Everything one replication measured, before it is turned into metrics.
public struct ReplicationResult: Sendable, Equatable {
    /// The replication's index (0-based); with the scenario seed it fixes every random draw.
    public var index: Int
    /// One tally per customer stream, in file order.
    public var tallies: [ChatTally]
    /// Staffed slot-time inside the measured window, per agent in member order.
    public var staffedSlotMicros: [Int64]
    /// Kernel events processed.
    public var events: Int
    /// Chats simulated, warm-up and drain included.
    public var simulatedChats: Int
    /// Per queue and interval of the window: counts and time integrals.
    public var intervals: IntervalTally
    /// Every chat of the window, when the model records chats.
    public var chats: [ChatRow] = []
    /// What each agent did inside the window, in member order.
    public var agents: [AgentTally] = []
    /// Per queue (file order), how many measured chats each of its wrap-up reasons closed (list order).
    public var wrapUpReasons: [[Int]] = []
    /// Quick-reply templates inserted into measured chats, per counter slot of
    /// ``CompiledServices/templateUseSlot(queue:category:language:)``.
    public var templateUses: [Int] = []
    /// Per queue (file order), one counter per ``ServiceCounts/Name`` (all names, in their order).
    public var serviceCounts: [Int] = []
}

/// One agent's staffed time, conversation time, chats and RONA inside the measured window.
public struct AgentTally: Sendable, Equatable, BitwiseCopyable {
    /// Time logged on (finishing open chats after a shift counts), microseconds.
    public var staffedMicros: Int64 = 0
    /// Slot-time in conversation, microseconds (two chats for a minute count two minutes).
    public var busySlotMicros: Int64 = 0
    /// Chats of the window it accepted first.
    public var chats = 0
    /// Its offers that timed out.
    public var rona = 0

    public init() {}
}
