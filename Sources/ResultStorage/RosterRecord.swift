// SPDX-License-Identifier: GPL-3.0-or-later

/// One group's roster for the `rosters`, `roster_shifts` and `roster_intervals` tables.
public struct RosterRecord: Sendable, Equatable {
    /// Agents starting one shift (seconds after Monday 00:00 local time) with the same breaks.
    public struct Shift: Sendable, Equatable {
        public var startSeconds: Double
        public var lengthSeconds: Double
        /// Each break's start, seconds after Monday 00:00 (may pass the week's end).
        public var breakStartsSeconds: [Double]
        public var agents: Int

        public init(startSeconds: Double, lengthSeconds: Double, breakStartsSeconds: [Double], agents: Int) {
            self.startSeconds = startSeconds
            self.lengthSeconds = lengthSeconds
            self.breakStartsSeconds = breakStartsSeconds
            self.agents = agents
        }
    }

    public var agentGroup: String
    public var status: String
    public var gap: Double
    public var agentHours: Double
    public var requiredHours: Double
    public var cost: Double
    public var headCount: Int
    public var rounds: Int
    public var shifts: [Shift]
    /// Per interval of the week: its start (seconds after Monday 00:00), the requirement and the agents rostered.
    public var intervals: [(startSeconds: Double, required: Int, rostered: Int)]
    /// Where the run's measured window starts, seconds after Monday 00:00 (nil: not recorded).
    public var windowStartSeconds: Double?

    public init(agentGroup: String, status: String, gap: Double, agentHours: Double, requiredHours: Double, cost: Double,
                headCount: Int, rounds: Int, shifts: [Shift], intervals: [(startSeconds: Double, required: Int, rostered: Int)],
                windowStartSeconds: Double? = nil) {
        self.agentGroup = agentGroup
        self.status = status
        self.gap = gap
        self.agentHours = agentHours
        self.requiredHours = requiredHours
        self.cost = cost
        self.headCount = headCount
        self.rounds = rounds
        self.shifts = shifts
        self.intervals = intervals
        self.windowStartSeconds = windowStartSeconds
    }

    public static func == (a: RosterRecord, b: RosterRecord) -> Bool {
        a.agentGroup == b.agentGroup && a.status == b.status && a.gap == b.gap && a.agentHours == b.agentHours
            && a.requiredHours == b.requiredHours && a.cost == b.cost && a.headCount == b.headCount && a.rounds == b.rounds
            && a.windowStartSeconds == b.windowStartSeconds && a.shifts == b.shifts && a.intervals.elementsEqual(b.intervals) { $0 == $1 }
    }
}

extension ResultStore {
    /// Records the rosters of run `runID` in one transaction.
    public func recordRosters(runID: Int64, _ rosters: [RosterRecord]) throws(DatabaseError) {
        try database.transaction { () throws(DatabaseError) in
            let roster = try database.cachedStatement("""
                INSERT INTO rosters (run_id, agent_group, status, gap, agent_hours, required_hours, cost, head_count, rounds,
                                     window_start_s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let shift = try database.cachedStatement("""
                INSERT INTO roster_shifts (run_id, agent_group, start_s, length_s, break_starts_s, agents)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            let interval = try database.cachedStatement("""
                INSERT INTO roster_intervals (run_id, agent_group, interval_s, required, rostered) VALUES (?, ?, ?, ?, ?)
                """)
            for record in rosters {
                try roster.bind(runID, at: 1)
                try roster.bind(record.agentGroup, at: 2)
                try roster.bind(record.status, at: 3)
                try roster.bind(record.gap, at: 4)
                try roster.bind(record.agentHours, at: 5)
                try roster.bind(record.requiredHours, at: 6)
                try roster.bind(record.cost, at: 7)
                try roster.bind(Int64(record.headCount), at: 8)
                try roster.bind(Int64(record.rounds), at: 9)
                try roster.bind(record.windowStartSeconds, at: 10)
                try roster.step()
                roster.reset()
                for row in record.shifts {
                    try shift.bind(runID, at: 1)
                    try shift.bind(record.agentGroup, at: 2)
                    try shift.bind(row.startSeconds, at: 3)
                    try shift.bind(row.lengthSeconds, at: 4)
                    try shift.bind(row.breakStartsSeconds.map { String(Int64($0)) }.joined(separator: ","), at: 5)
                    try shift.bind(Int64(row.agents), at: 6)
                    try shift.step()
                    shift.reset()
                }
                for row in record.intervals {
                    try interval.bind(runID, at: 1)
                    try interval.bind(record.agentGroup, at: 2)
                    try interval.bind(row.startSeconds, at: 3)
                    try interval.bind(Int64(row.required), at: 4)
                    try interval.bind(Int64(max(row.rostered, 0)), at: 5)
                    try interval.step()
                    interval.reset()
                }
            }
        }
    }
}

extension ResultStore {
    /// The rosters of run `runID` as ``recordRosters(runID:_:)`` wrote them (empty for runs of other commands),
    /// in group order, each with its shifts and its intervals of the week in time order.
    public func rosters(runID: Int64) throws(DatabaseError) -> [RosterRecord] {
        let query = try database.prepare("""
            SELECT agent_group, status, gap, agent_hours, required_hours, cost, head_count, rounds, window_start_s
            FROM rosters WHERE run_id = ? ORDER BY rowid
            """)
        try query.bind(runID, at: 1)
        var records: [RosterRecord] = []
        while try query.step() {
            records.append(RosterRecord(
                agentGroup: query.string(at: 0), status: query.string(at: 1), gap: query.double(at: 2),
                agentHours: query.double(at: 3), requiredHours: query.double(at: 4), cost: query.double(at: 5),
                headCount: Int(query.int64(at: 6)), rounds: Int(query.int64(at: 7)), shifts: [], intervals: [],
                windowStartSeconds: query.optionalDouble(at: 8)))
        }
        let shifts = try database.prepare("""
            SELECT start_s, length_s, break_starts_s, agents FROM roster_shifts
            WHERE run_id = ? AND agent_group = ? ORDER BY start_s, length_s, break_starts_s
            """)
        let intervals = try database.prepare("""
            SELECT interval_s, required, rostered FROM roster_intervals WHERE run_id = ? AND agent_group = ? ORDER BY interval_s
            """)
        for index in records.indices {
            try shifts.bind(runID, at: 1)
            try shifts.bind(records[index].agentGroup, at: 2)
            while try shifts.step() {
                let breaks = shifts.string(at: 2).split(separator: ",").compactMap { Double($0) }
                records[index].shifts.append(RosterRecord.Shift(startSeconds: shifts.double(at: 0), lengthSeconds: shifts.double(at: 1),
                                                                breakStartsSeconds: breaks, agents: Int(shifts.int64(at: 3))))
            }
            shifts.reset()
            try intervals.bind(runID, at: 1)
            try intervals.bind(records[index].agentGroup, at: 2)
            while try intervals.step() {
                records[index].intervals.append((intervals.double(at: 0), Int(intervals.int64(at: 1)), Int(intervals.int64(at: 2))))
            }
            intervals.reset()
        }
        return records
    }
}
