// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios

/// One staffable group's roster problem: cover a requirement per interval of a cyclic week
/// with shifts the group's `shift_rules` allow, at the least agent-hours on duty.
///
/// Time is a week of `intervalsPerDay × 7` intervals from Monday 00:00 local time, repeating:
/// a shift that starts on Sunday evening covers Monday morning.
public struct RosterProblem: Sendable, Equatable {
    public var group: String
    public var rules: ShiftRules
    /// The scenario's interval; every duration of `rules` is a whole number of them.
    public var interval: SimDuration
    /// Agents required on duty per interval of the week (breaks excluded).
    public var requirement: [Int]
    /// What an agent costs per hour on duty (1 when the scenario gives no costs).
    public var costPerHour: Double

    public init(group: String, rules: ShiftRules, interval: SimDuration, requirement: [Int], costPerHour: Double = 1) {
        self.group = group
        self.rules = rules
        self.interval = interval
        self.requirement = requirement
        self.costPerHour = costPerHour
    }

    /// Intervals in a day and in the week.
    public var intervalsPerDay: Int { Int(86_400_000_000 / interval.microseconds) }
    public var weekIntervals: Int { 7 * intervalsPerDay }
    /// Hours in one interval.
    public var intervalHours: Double { interval.seconds / 3600 }

    /// `duration` in intervals (the loader checked it is a whole number of them).
    func steps(_ duration: SimDuration) -> Int { Int(duration.microseconds / interval.microseconds) }
    func steps(seconds: Double) -> Int { Int((seconds / interval.seconds).rounded()) }

    /// One kind of shift: where it starts in the week and how long it is, in intervals.
    public struct ShiftKind: Sendable, Equatable, Hashable {
        /// First interval of the shift in the week (0 = Monday 00:00).
        public var start: Int
        public var length: Int
    }

    /// Every shift kind the rules allow, ordered by start, then by length as listed.
    public var shiftKinds: [ShiftKind] {
        let starts = rules.dailyStarts.map { steps(seconds: $0) }
        return rules.days.flatMap { day in
            starts.flatMap { start in rules.lengths.map { ShiftKind(start: day * intervalsPerDay + start, length: steps($0)) } }
        }
    }

    /// One break of the rules in intervals: its length and window of starts after the shift's start.
    struct BreakSteps: Equatable {
        var length: Int
        var earliest: Int
        var latest: Int
    }

    var breakSteps: [BreakSteps] {
        rules.breaks.map { BreakSteps(length: steps($0.length), earliest: steps($0.earliest), latest: steps($0.latest)) }
    }

    /// Agent intervals on duty in a shift of `length` intervals (its breaks taken off).
    func onDuty(_ length: Int) -> Int { length - breakSteps.reduce(0) { $0 + $1.length } }

    /// Whether some shift of the rules, with its breaks placed somewhere in their windows, is on duty in `interval`.
    func canCover(_ t: Int) -> Bool {
        let week = weekIntervals
        return shiftKinds.contains { kind in
            let offset = ((t - kind.start) % week + week) % week
            guard offset < kind.length else { return false }
            // A break can avoid `offset` unless every start in its window puts it over it.
            return !breakSteps.contains { $0.latest <= offset && offset < $0.earliest + $0.length }
        }
    }
}

/// Why a roster cannot be made.
public enum RosterError: Error, Equatable, CustomStringConvertible {
    /// An interval needs agents but no shift the rules allow is on duty in it.
    case uncoverable(group: String, interval: String, agents: Int)
    /// The requirement does not cover a week of the rules' intervals.
    case requirementLength(group: String, expected: Int, found: Int)
    /// The solver failed (an error of GLPK's, with its code).
    case solver(group: String, message: String)
    /// The roster's scenario cannot be compiled for simulation.
    case simulation(String)
    /// A stored staffing run has no count for a staffable group.
    case noStaffing(group: String)
    /// A staffable group has no `shift_rules`.
    case noRules(group: String)
    /// The stop flag was raised while solving.
    case interrupted

    public var description: String {
        switch self {
        case .uncoverable(let group, let interval, let agents):
            "group '\(group)': \(interval) needs \(agents) agent\(agents == 1 ? "" : "s") on duty, but no shift its "
                + "shift_rules allow covers that interval (check starts, days, lengths and breaks)"
        case .requirementLength(let group, let expected, let found):
            "group '\(group)': the requirement has \(found) intervals, expected a week of \(expected)"
        case .solver(let group, let message): "group '\(group)': the solver failed: \(message)"
        case .simulation(let message): message
        case .noStaffing(let group):
            "the stored run has no staffing of group '\(group)'; give the id of a parley staff run of this scenario"
        case .noRules(let group):
            "staffable group '\(group)' has no shift_rules; give it {lengths, starts, breaks, …} so that parley roster can schedule it"
        case .interrupted: "interrupted while solving the roster"
        }
    }
}

/// `mon 08:30–09:00` for interval `t` of a week of `perDay` intervals a day.
public func rosterIntervalText(_ t: Int, perDay: Int) -> String {
    let minutes = 1440 / perDay
    func clock(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    let begin = (t % perDay) * minutes
    return "\(days[(t / perDay) % 7]) \(clock(begin))–\(clock(begin + minutes))"
}
