// SPDX-License-Identifier: GPL-3.0-or-later

import CGLPK
import ContactCenter

extension RosterSolver {
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

        /// Solves the program with GLPK within `timeLimit` seconds (`lower`: the counts of a kept roster as lower
        /// bounds): the shift and break counts, whether they are optimal, and the bound.
        func solve(timeLimit: Double, stop: StopFlag, lower: (x: [Int], y: [[Int]])? = nil) throws(RosterError) -> Solved {
            glp_term_out(GLP_OFF)
            guard let lp = glp_create_prob() else { throw .solver(group: problem.group, message: "cannot create a problem") }
            defer { glp_delete_prob(lp) }
            glp_set_obj_dir(lp, GLP_MIN)
            let columns = addColumns(to: lp, lower: lower)
            var rows = Rows(lp: lp)
            addCoverageRows(&rows, columns)
            addBreakRows(&rows, columns)
            rows.load()
            let (code, seenBound) = branchAndCut(lp, timeLimit: timeLimit, stop: stop)
            if stop.isRaised { throw .interrupted }
            let mipStatus = glp_mip_status(lp)
            // The objective is integral (agent intervals), so any bound rounds up.
            let bound = seenBound.isFinite ? (seenBound - 1e-6).rounded(.up) : -Double.infinity
            guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else {
                guard code == GLP_ETMLIM || code == 0 else {
                    throw .solver(group: problem.group, message: "GLPK status \(mipStatus), code \(code)")
                }
                return Solved(x: nil, y: nil, optimal: false, objective: .infinity, bound: bound)
            }
            let objective = glp_mip_obj_val(lp)
            let optimal = mipStatus == GLP_OPT && code == 0
            let x = kinds.indices.map { Int(glp_mip_col_val(lp, columns.x($0)).rounded()) }
            let y = breaks.indices.map { k in
                (0...(lastTime[k] - firstTime[k])).map { Int(glp_mip_col_val(lp, columns.y[k] + Int32($0)).rounded()) }
            }
            return Solved(x: x, y: y, optimal: optimal, objective: objective, bound: min(bound, objective))
        }

        /// Where the program's columns are: x_j (agents starting shift kind j), then per break kind
        /// y_kp (breaks of kind k starting at p) and c_kp (windows of kind k open at p without a break yet).
        struct Columns {
            var y: [Int32] = []
            var c: [Int32] = []
            func x(_ j: Int) -> Int32 { Int32(j + 1) }
        }

        /// Adds the columns with their kinds, lower bounds (`lower`, when a previous roster is kept)
        /// and costs (agent intervals on duty).
        func addColumns(to lp: OpaquePointer, lower: (x: [Int], y: [[Int]])?) -> Columns {
            var columns = Columns()
            var count = kinds.count
            for k in breaks.indices {
                columns.y.append(Int32(count + 1))
                count += lastTime[k] - firstTime[k] + 1
                columns.c.append(Int32(count + 1))
                count += lastTime[k] - firstTime[k] + 1
            }
            glp_add_cols(lp, Int32(count))
            for j in kinds.indices {
                glp_set_col_kind(lp, columns.x(j), GLP_IV)
                glp_set_col_bnds(lp, columns.x(j), GLP_LO, Double(lower?.x[j] ?? 0), 0)
                glp_set_obj_coef(lp, columns.x(j), Double(problem.onDuty(kinds[j].length)))
            }
            for k in breaks.indices {
                for p in 0...(lastTime[k] - firstTime[k]) {
                    glp_set_col_kind(lp, columns.y[k] + Int32(p), GLP_IV)
                    glp_set_col_bnds(lp, columns.y[k] + Int32(p), GLP_LO, Double(lower?.y[k][p] ?? 0), 0)
                    glp_set_col_bnds(lp, columns.c[k] + Int32(p), GLP_LO, 0, 0)
                }
            }
            return columns
        }

        /// The constraint matrix, row by row, in GLPK's 1-based triplets.
        struct Rows {
            let lp: OpaquePointer
            var rowIndex: [Int32] = [0], columnIndex: [Int32] = [0], values: [Double] = [0]
            var count: Int32 = 0

            mutating func add(_ entries: [(Int32, Double)], type: Int32, bound: Double) {
                count += 1
                glp_add_rows(lp, 1)
                glp_set_row_bnds(lp, count, type, bound, bound)
                for (column, value) in entries {
                    rowIndex.append(count); columnIndex.append(column); values.append(value)
                }
            }

            func load() { glp_load_matrix(lp, Int32(values.count - 1), rowIndex, columnIndex, values) }
        }

        /// Coverage: Σ shifts on t − Σ breaks on t ≥ requirement(t).
        func addCoverageRows(_ rows: inout Rows, _ columns: Columns) {
            let week = problem.weekIntervals
            var onInterval = Array(repeating: [(Int32, Double)](), count: week)
            for (j, kind) in kinds.enumerated() {
                for offset in 0..<kind.length { onInterval[(kind.start + offset) % week].append((columns.x(j), 1)) }
            }
            for k in breaks.indices {
                for p in firstTime[k]...lastTime[k] {
                    for offset in 0..<breaks[k].length {
                        onInterval[(p + offset) % week].append((columns.y[k] + Int32(p - firstTime[k]), -1))
                    }
                }
            }
            for t in 0..<week where problem.requirement[t] > 0 {
                // A column may appear twice for a shift longer than the week's wrap; GLPK wants one entry each.
                var merged: [Int32: Double] = [:]
                for (column, value) in onInterval[t] { merged[column, default: 0] += value }
                rows.add(merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                         type: GLP_LO, bound: Double(problem.requirement[t]))
            }
        }

        /// Break placement: c_p = c_{p−1} + windows opening at p − breaks at p; c_p ≤ windows open past p.
        func addBreakRows(_ rows: inout Rows, _ columns: Columns) {
            for k in breaks.indices {
                let width = breaks[k].latest - breaks[k].earliest
                for p in firstTime[k]...lastTime[k] {
                    let i = Int32(p - firstTime[k])
                    var balance: [(Int32, Double)] = [(columns.c[k] + i, 1), (columns.y[k] + i, 1)]
                    if i > 0 { balance.append((columns.c[k] + i - 1, -1)) }
                    var open: [(Int32, Double)] = [(columns.c[k] + i, 1)]
                    for (j, kind) in kinds.enumerated() {
                        let opens = kind.start + breaks[k].earliest
                        if opens == p { balance.append((columns.x(j), -1)) }
                        if opens <= p && p < opens + width { open.append((columns.x(j), -1)) }
                    }
                    rows.add(balance, type: GLP_FX, bound: 0)
                    rows.add(open, type: GLP_UP, bound: 0)
                }
            }
        }

        /// Runs GLPK's branch and cut within `timeLimit` seconds, stopping early when `stop` is
        /// raised; its return code and the best bound its callback saw.
        func branchAndCut(_ lp: OpaquePointer, timeLimit: Double, stop: StopFlag) -> (code: Int32, bound: Double) {
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
            return (code, progress.bound)
        }
    }

    /// What the branch-and-cut callback keeps: the best bound seen and the stop flag.
    final class SearchProgress {
        let stop: StopFlag
        var bound = -Double.infinity
        init(stop: StopFlag) { self.stop = stop }
    }
}
