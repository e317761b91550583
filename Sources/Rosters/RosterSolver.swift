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

    /// The integer program's columns and rows.
    struct Model {
        let problem: RosterProblem
        let kinds: [RosterProblem.ShiftKind]
        let breaks: [RosterProblem.BreakSteps]
        /// Per break kind: the first and last time (in intervals from Monday 00:00, not wrapped) a break may start.
        let firstTime: [Int]
        let lastTime: [Int]

        init(problem: RosterProblem, kinds: [RosterProblem.ShiftKind], breaks: [RosterProblem.BreakSteps]) {
            self.problem = problem
            self.kinds = kinds
            self.breaks = breaks
            let starts = kinds.map(\.start)
            firstTime = breaks.map { (starts.min() ?? 0) + $0.earliest }
            lastTime = breaks.map { (starts.max() ?? 0) + $0.latest }
        }

        /// Solves with GLPK; the shift counts, break counts per kind and time, and status, gap and bound.
        /// What GLPK found: the shift and break counts (nil when it found no roster in time),
        /// whether they are proven optimal, their objective and the best bound seen.
        struct Solved {
            var x: [Int]?
            var y: [[Int]]?
            var optimal: Bool
            var objective: Double
            var bound: Double
        }

        /// The counts of `roster`'s shifts per kind and of its breaks per kind and start time, as
        /// lower bounds of the x and y columns; nil when a shift or break is not one of this model's.
        func lowerBounds(keeping roster: Roster) -> (x: [Int], y: [[Int]])? {
            var x = Array(repeating: 0, count: kinds.count)
            var y = breaks.indices.map { Array(repeating: 0, count: lastTime[$0] - firstTime[$0] + 1) }
            for shift in roster.shifts {
                guard let j = kinds.firstIndex(where: { $0.start == shift.start && $0.length == shift.length }),
                      shift.breakOffsets.count == breaks.count else { return nil }
                x[j] += shift.agents
                for (k, offset) in shift.breakOffsets.enumerated() {
                    let p = shift.start + offset - firstTime[k]
                    guard y[k].indices.contains(p) else { return nil }
                    y[k][p] += shift.agents
                }
            }
            return (x, y)
        }

        func solve(timeLimit: Double, stop: StopFlag, lower: (x: [Int], y: [[Int]])? = nil) throws(RosterError) -> Solved {
            glp_term_out(GLP_OFF)
            guard let lp = glp_create_prob() else { throw .solver(group: problem.group, message: "cannot create a problem") }
            defer { glp_delete_prob(lp) }
            glp_set_obj_dir(lp, GLP_MIN)
            let week = problem.weekIntervals
            // Columns: x_j, then per break kind y_kp and c_kp.
            let xColumn = { (j: Int) in Int32(j + 1) }
            var yColumn: [Int32] = [], cColumn: [Int32] = []
            var columns = kinds.count
            for k in breaks.indices {
                yColumn.append(Int32(columns + 1))
                columns += lastTime[k] - firstTime[k] + 1
                cColumn.append(Int32(columns + 1))
                columns += lastTime[k] - firstTime[k] + 1
            }
            glp_add_cols(lp, Int32(columns))
            for j in kinds.indices {
                glp_set_col_kind(lp, xColumn(j), GLP_IV)
                glp_set_col_bnds(lp, xColumn(j), GLP_LO, Double(lower?.x[j] ?? 0), 0)
                glp_set_obj_coef(lp, xColumn(j), Double(problem.onDuty(kinds[j].length)))
            }
            for k in breaks.indices {
                for p in 0...(lastTime[k] - firstTime[k]) {
                    glp_set_col_kind(lp, yColumn[k] + Int32(p), GLP_IV)
                    glp_set_col_bnds(lp, yColumn[k] + Int32(p), GLP_LO, Double(lower?.y[k][p] ?? 0), 0)
                    glp_set_col_bnds(lp, cColumn[k] + Int32(p), GLP_LO, 0, 0)
                }
            }
            var rowIndex: [Int32] = [0], columnIndex: [Int32] = [0], values: [Double] = [0]
            var rows: Int32 = 0
            func addRow(_ entries: [(Int32, Double)], type: Int32, bound: Double) {
                rows += 1
                glp_add_rows(lp, 1)
                glp_set_row_bnds(lp, rows, type, bound, bound)
                for (column, value) in entries {
                    rowIndex.append(rows); columnIndex.append(column); values.append(value)
                }
            }
            // Coverage: Σ shifts on t − Σ breaks on t ≥ requirement(t).
            var onInterval = Array(repeating: [(Int32, Double)](), count: week)
            for (j, kind) in kinds.enumerated() {
                for offset in 0..<kind.length { onInterval[(kind.start + offset) % week].append((xColumn(j), 1)) }
            }
            for k in breaks.indices {
                for p in firstTime[k]...lastTime[k] {
                    for offset in 0..<breaks[k].length {
                        onInterval[(p + offset) % week].append((yColumn[k] + Int32(p - firstTime[k]), -1))
                    }
                }
            }
            for t in 0..<week where problem.requirement[t] > 0 {
                // A column may appear twice for a shift longer than the week's wrap; GLPK wants one entry each.
                var merged: [Int32: Double] = [:]
                for (column, value) in onInterval[t] { merged[column, default: 0] += value }
                addRow(merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                       type: GLP_LO, bound: Double(problem.requirement[t]))
            }
            // Break placement: c_p = c_{p−1} + windows opening at p − breaks at p; c_p ≤ windows open past p.
            for k in breaks.indices {
                let width = breaks[k].latest - breaks[k].earliest
                for p in firstTime[k]...lastTime[k] {
                    let i = Int32(p - firstTime[k])
                    var balance: [(Int32, Double)] = [(cColumn[k] + i, 1), (yColumn[k] + i, 1)]
                    if i > 0 { balance.append((cColumn[k] + i - 1, -1)) }
                    var open: [(Int32, Double)] = [(cColumn[k] + i, 1)]
                    for (j, kind) in kinds.enumerated() {
                        let opens = kind.start + breaks[k].earliest
                        if opens == p { balance.append((xColumn(j), -1)) }
                        if opens <= p && p < opens + width { open.append((xColumn(j), -1)) }
                    }
                    addRow(balance, type: GLP_FX, bound: 0)
                    addRow(open, type: GLP_UP, bound: 0)
                }
            }
            glp_load_matrix(lp, Int32(values.count - 1), rowIndex, columnIndex, values)

            var parameters = glp_iocp()
            glp_init_iocp(&parameters)
            parameters.msg_lev = GLP_MSG_OFF
            parameters.presolve = GLP_ON
            parameters.fp_heur = GLP_ON
            parameters.ps_heur = GLP_ON
            parameters.ps_tm_lim = Int32(max(1, min(timeLimit * 250, 20_000)))
            parameters.gmi_cuts = GLP_ON
            parameters.mir_cuts = GLP_ON
            parameters.tm_lim = Int32(max(1, min(timeLimit * 1000, Double(Int32.max))))
            let progress = SearchProgress(stop: stop)
            parameters.cb_func = { tree, info in
                guard let tree, let info else { return }
                let progress = Unmanaged<SearchProgress>.fromOpaque(info).takeUnretainedValue()
                let node = glp_ios_best_node(tree)
                if node != 0 { progress.bound = max(progress.bound, glp_ios_node_bound(tree, node)) }
                if progress.stop.isRaised { glp_ios_terminate(tree) }
            }
            let code = withExtendedLifetime(progress) {
                parameters.cb_info = Unmanaged.passUnretained(progress).toOpaque()
                return glp_intopt(lp, &parameters)
            }
            if stop.isRaised { throw .interrupted }
            let mipStatus = glp_mip_status(lp)
            // The objective is integral (agent intervals), so any bound rounds up.
            let bound = progress.bound.isFinite ? (progress.bound - 1e-6).rounded(.up) : -Double.infinity
            guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else {
                guard code == GLP_ETMLIM || code == 0 else {
                    throw .solver(group: problem.group, message: "GLPK status \(mipStatus), code \(code)")
                }
                return Solved(x: nil, y: nil, optimal: false, objective: .infinity, bound: bound)
            }
            let objective = glp_mip_obj_val(lp)
            let optimal = mipStatus == GLP_OPT && code == 0
            let x = kinds.indices.map { Int(glp_mip_col_val(lp, xColumn($0)).rounded()) }
            let y = breaks.indices.map { k in
                (0...(lastTime[k] - firstTime[k])).map { Int(glp_mip_col_val(lp, yColumn[k] + Int32($0)).rounded()) }
            }
            return Solved(x: x, y: y, optimal: optimal, objective: objective, bound: min(bound, objective))
        }
    }

    /// What the branch-and-cut callback keeps: the best bound seen and the stop flag.
    final class SearchProgress {
        let stop: StopFlag
        var bound = -Double.infinity
        init(stop: StopFlag) { self.stop = stop }
    }
}
