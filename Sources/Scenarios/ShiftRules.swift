// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// The shifts `parley roster` may give a staffable group (`shift_rules`, SPEC §10).
///
/// Every duration is a whole number of the scenario's intervals (checked by the loader), so a
/// roster's coverage is an integer count per interval.
public struct ShiftRules: Sendable, Equatable {
    /// One break of every shift: `length`, starting between `earliest` and `latest` after the shift starts.
    public struct Break: Sendable, Equatable {
        public var length: SimDuration
        public var earliest: SimDuration
        public var latest: SimDuration

        public init(length: SimDuration, earliest: SimDuration, latest: SimDuration) {
            self.length = length
            self.earliest = earliest
            self.latest = latest
        }
    }

    /// Allowed shift lengths, breaks included, in file order.
    public var lengths: [SimDuration]
    /// Shifts start every `startEvery` from `firstStart` to `lastStart` (seconds after local midnight, inclusive).
    public var firstStart: Double
    public var lastStart: Double
    public var startEvery: SimDuration
    /// The weekdays a shift may start on (0 = Monday), ascending.
    public var days: [Int]
    /// The breaks of every shift, in time order; their windows do not overlap.
    public var breaks: [Break]
    /// At most this many shifts per agent and week (one per day); sets the head count a roster needs.
    public var maxShiftsPerWeek: Int

    public init(lengths: [SimDuration], firstStart: Double = 0, lastStart: Double, startEvery: SimDuration,
                days: [Int] = Array(0..<7), breaks: [Break] = [], maxShiftsPerWeek: Int = 5) {
        self.lengths = lengths
        self.firstStart = firstStart
        self.lastStart = lastStart
        self.startEvery = startEvery
        self.days = days
        self.breaks = breaks
        self.maxShiftsPerWeek = maxShiftsPerWeek
    }

    /// The start times of a day, in seconds after local midnight.
    public var dailyStarts: [Double] {
        stride(from: firstStart, through: lastStart + 1e-6, by: startEvery.seconds).map { $0 }
    }
}
