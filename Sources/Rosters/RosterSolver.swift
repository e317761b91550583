// SPDX-License-Identifier: GPL-3.0-or-later

import CGLPK
import ContactCenter
import Foundation

/// A solved roster of one group: shifts with their breaks, and how good the solution is.
public struct Roster: Sendable, Equatable {
    /// Agents who start one kind of shift with the same breaks.
    public struct Shift: Sendable, Equatable {
        /// First interval of the shift in the week (0 = Monday 00:00) and its length, in intervals.
        public var start: Int
        public var length: Int
        /// Each break's first interval, counted from the shift's start, in the rules' order.
        public var breakOffsets: [Int]
        public var agents: Int
    }

    /// How the solver ended.
    public enum Status: String, Sendable, Equatable {
        /// Proven optimal (within GLPK's tolerances).
        case optimal
        /// The time limit ended the search; the roster is the best found, `gap` says how far from optimal it may be.
        case timeLimit = "time_limit"
        /// A verification round's repair: the previous round's roster kept whole and the fewest
        /// agent-hours added to cover the raised requirement (``RosterSolver/solve(_:timeLimit:stop:keeping:)``);
        /// `gap` is against the bound of the whole problem, not only of the addition.
        case repaired
    }

    public var problem: RosterProblem
    /// The shifts in time order, then by length and breaks.
    public var shifts: [Shift]
    public var status: Status
    /// Relative gap between the roster's cost and the best bound on any roster's: 0 when optimal.
    public var gap: Double
    /// Agent intervals on duty of the best possible roster, as far as the solver proved (a lower bound).
    public var bound: Double

    /// Agents on duty per interval of the week.
    public var coverage: [Int] {
        let week = problem.weekIntervals
        let breaks = problem.breakSteps
        var count = Array(repeating: 0, count: week)
        for shift in shifts {
            for offset in 0..<shift.length { count[(shift.start + offset) % week] += shift.agents }
            for (k, breakOffset) in shift.breakOffsets.enumerated() {
                for offset in breakOffset..<(breakOffset + breaks[k].length) {
                    count[(shift.start + offset) % week] -= shift.agents
                }
            }
        }
        return count
    }

    /// Agent-hours on duty over the week (breaks excluded).
    public var agentHours: Double {
        Double(shifts.reduce(0) { $0 + $1.agents * problem.onDuty($1.length) }) * problem.intervalHours
    }
    /// Agent-hours × cost per hour.
    public var cost: Double { agentHours * problem.costPerHour }
    /// Shifts worked in the week.
    public var shiftCount: Int { shifts.reduce(0) { $0 + $1.agents } }

    /// Agents needed to work the roster: each works at most one shift a day and at most
    /// `max_shifts_per_week` a week, so max(the busiest day's shifts, ⌈shifts ÷ max⌉) — enough,
    /// as the shifts of the week can be dealt out to that many agents in turn.
    public var headCount: Int {
        var perDay = Array(repeating: 0, count: 7)
        for shift in shifts { perDay[shift.start / problem.intervalsPerDay % 7] += shift.agents }
        let limit = problem.rules.maxShiftsPerWeek
        return max(perDay.max() ?? 0, (shiftCount + limit - 1) / limit)
    }

    /// Agent-hours the requirement itself asks for (Σ requirement × interval length).
    public var requiredHours: Double { Double(problem.requirement.reduce(0, +)) * problem.intervalHours }
}

/// The set-covering integer program of a ``RosterProblem``, solved by GLPK's branch and cut.
///
/// Variables: `x_j` agents starting shift kind j; per break k and time p, `y_kp` breaks of kind
/// k starting at p, and `c_kp` (continuous) shifts whose break k is due — window opened — and
/// not yet placed by p. Breaks are not tied to shifts in the model (implicit placement, after
/// Bechtold and Jacobs): coverage of interval t is Σ x_j over shifts on t − Σ y_kp over breaks
/// on t ≥ requirement. Every shift's window of break k has the same width, so the breaks can
/// be dealt to the shifts in time order exactly when, at every time p, the breaks placed by p
/// are no more than the windows opened by p (c_kp ≥ 0) and no fewer than the windows closed by
/// p (c_kp ≤ windows open at p). The model thus grows with shifts + break times, not with
/// shifts × placements. Objective: agent intervals on duty (the group's cost per hour is one
/// factor for all of them, so the cheapest roster is the one with the fewest agent-hours).
public enum RosterSolver {
    /// Solves `problem` within `timeLimit` seconds.
    ///
    /// - Throws: ``RosterError/uncoverable(group:interval:agents:)`` when an interval needs
    ///   agents no shift can give, ``RosterError/interrupted`` when `stop` is raised,
    ///   ``RosterError/solver(group:message:)`` when GLPK fails or finds no roster in time.
    ///
    /// With `previous` (a roster of the same group and rules, against a lower requirement), the
    /// roster is **repaired** instead of solved afresh: every shift and break of `previous` is
    /// kept (its counts are lower bounds of the program's variables) and the cheapest additions
    /// covering the requirement are found. A verification round thus changes the roster only
    /// where its requirement was raised, so intervals already verified keep their agents; the
    /// bound reported is the best proven for the whole problem — `previous`'s (the requirement
    /// only rose) or Σ requirement — so the gap says how far the repair may be from a fresh optimum.
    public static func solve(_ problem: RosterProblem, timeLimit: Double,
                             stop: StopFlag = StopFlag(), keeping previous: Roster? = nil) throws(RosterError) -> Roster {
        let week = problem.weekIntervals
        guard problem.requirement.count == week else {
            throw .requirementLength(group: problem.group, expected: week, found: problem.requirement.count)
        }
        for t in 0..<week where problem.requirement[t] > 0 && !problem.canCover(t) {
            throw .uncoverable(group: problem.group, interval: rosterIntervalText(t, perDay: problem.intervalsPerDay),
                               agents: problem.requirement[t])
        }
        let kinds = problem.shiftKinds
        let breaks = problem.breakSteps
        if problem.requirement.allSatisfy({ $0 <= 0 }) {
            return Roster(problem: problem, shifts: [], status: .optimal, gap: 0, bound: 0)
        }
        let model = Model(problem: problem, kinds: kinds, breaks: breaks)
        let kept = previous.flatMap { model.lowerBounds(keeping: $0) }
        let solved = try model.solve(timeLimit: timeLimit, stop: stop, lower: kept)
        // Every roster is on duty at least Σ requirement agent intervals: a bound when GLPK proved none better.
        let required = Double(problem.requirement.reduce(0) { $0 + max($1, 0) })
        if let previous, kept != nil, let x = solved.x, let y = solved.y {
            // GLPK's bound is the restricted program's; the whole problem's is the previous roster's or Σ requirement.
            var roster = Roster(problem: problem, shifts: sorted(assign(x: x, y: y, kinds: kinds, model: model)),
                                status: .repaired, gap: 0, bound: max(previous.bound, required))
            roster.gap = max(0, solved.objective - roster.bound) / max(solved.objective, 1e-9)
            return roster
        }
        let bound = max(solved.bound, required)
        guard let x = solved.x, let y = solved.y else {
            // No roster found in the time: the greedy one (added to the kept roster), never nothing.
            var shifts = RosterGreedy.roster(problem)
            if let previous, kept != nil {
                var residual = problem
                let covered = previous.coverage
                residual.requirement = problem.requirement.indices.map { (t: Int) -> Int in problem.requirement[t] - covered[t] }
                shifts = merged(previous.shifts + RosterGreedy.roster(residual))
            }
            var roster = Roster(problem: problem, shifts: sorted(shifts), status: kept != nil ? .repaired : .timeLimit, gap: 0,
                                bound: kept != nil ? max(previous?.bound ?? 0, required) : bound)
            let intervals = roster.agentHours / problem.intervalHours
            roster.gap = max(0, intervals - bound) / max(intervals, 1e-9)
            return roster
        }
        var roster = Roster(problem: problem, shifts: sorted(assign(x: x, y: y, kinds: kinds, model: model)),
                            status: solved.optimal ? .optimal : .timeLimit, gap: 0, bound: solved.optimal ? solved.objective : bound)
        if !solved.optimal {
            roster.gap = max(0, solved.objective - bound) / max(solved.objective, 1e-9)
        }
        return roster
    }

    /// `shifts` with equal start, length and breaks counted together.
    static func merged(_ shifts: [Roster.Shift]) -> [Roster.Shift] {
        var counts: [Roster.Shift] = []
        for shift in shifts {
            if let i = counts.firstIndex(where: { $0.start == shift.start && $0.length == shift.length
                                                   && $0.breakOffsets == shift.breakOffsets }) {
                counts[i].agents += shift.agents
            } else {
                counts.append(shift)
            }
        }
        return counts
    }

    /// Shifts in time order, then by length and break offsets.
    static func sorted(_ shifts: [Roster.Shift]) -> [Roster.Shift] {
        shifts.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.length != b.length { return a.length > b.length }
            return a.breakOffsets.lexicographicallyPrecedes(b.breakOffsets)
        }
    }

    /// Deals each break kind's placed breaks to the shifts in time order (the i-th window
    /// opened gets the i-th break), and groups equal shifts.
    static func assign(x: [Int], y: [[Int]], kinds: [RosterProblem.ShiftKind], model: Model) -> [Roster.Shift] {
        var instances: [(kind: Int, breaks: [Int])] = []
        for (j, count) in x.enumerated() { for _ in 0..<count { instances.append((j, [])) } }
        for k in model.breaks.indices {
            // Windows open in start order (all have one width), so sorting by start sorts them.
            let order = instances.indices.sorted { kinds[instances[$0].kind].start < kinds[instances[$1].kind].start }
            var placed: [Int] = []
            for (p, count) in y[k].enumerated() { placed += Array(repeating: p + model.firstTime[k], count: count) }
            for (i, instance) in order.enumerated() where i < placed.count {
                instances[instance].breaks.append(placed[i] - kinds[instances[instance].kind].start)
            }
        }
        var counts: [Roster.Shift] = []
        for instance in instances {
            let kind = kinds[instance.kind]
            if let i = counts.firstIndex(where: { $0.start == kind.start && $0.length == kind.length && $0.breakOffsets == instance.breaks }) {
                counts[i].agents += 1
            } else {
                counts.append(Roster.Shift(start: kind.start, length: kind.length, breakOffsets: instance.breaks, agents: 1))
            }
        }
        return counts
    }
}
