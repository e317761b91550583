// SPDX-License-Identifier: GPL-3.0-or-later

/// A quick feasible roster for when the solver finds none in its time: intervals are covered
/// in time order, each short one by the shift that starts latest while still on duty in it
/// (the longest such, so it reaches furthest into the intervals still to come), its breaks
/// put where the coverage has the most to spare.
enum RosterGreedy {
    static func roster(_ problem: RosterProblem) -> [Roster.Shift] {
        let week = problem.weekIntervals
        let kinds = problem.shiftKinds
        let breaks = problem.breakSteps
        var coverage = Array(repeating: 0, count: week)
        var shifts: [Roster.Shift] = []
        for t in 0..<week {
            while coverage[t] < problem.requirement[t] {
                // Candidates: shifts on duty at t with breaks that can avoid t, latest start first.
                let offsetOf = { (kind: RosterProblem.ShiftKind) in ((t - kind.start) % week + week) % week }
                let candidates = kinds.filter { kind in
                    let offset = offsetOf(kind)
                    return offset < kind.length
                        && !breaks.contains { $0.latest <= offset && offset < $0.earliest + $0.length }
                }
                guard let kind = candidates.min(by: { (offsetOf($0), -$0.length) < (offsetOf($1), -$1.length) }) else {
                    return shifts   // unreachable: the solver checked every required interval can be covered
                }
                let offset = offsetOf(kind)
                var placed: [Int] = []
                for rule in breaks {
                    let positions = (rule.earliest...rule.latest).filter { !($0...($0 + rule.length - 1)).contains(offset) }
                    // The spare coverage a break at p leaves: the least of coverage − requirement over its intervals.
                    let spare = { (p: Int) -> Int in
                        (p..<(p + rule.length)).map { o in
                            let u = (kind.start + o) % week
                            return coverage[u] + 1 - problem.requirement[u]
                        }.min() ?? 0
                    }
                    placed.append(positions.max { spare($0) < spare($1) } ?? rule.earliest)
                }
                for o in 0..<kind.length { coverage[(kind.start + o) % week] += 1 }
                for (k, p) in placed.enumerated() {
                    for o in p..<(p + breaks[k].length) { coverage[(kind.start + o) % week] -= 1 }
                }
                if let i = shifts.firstIndex(where: { $0.start == kind.start && $0.length == kind.length && $0.breakOffsets == placed }) {
                    shifts[i].agents += 1
                } else {
                    shifts.append(Roster.Shift(start: kind.start, length: kind.length, breakOffsets: placed, agents: 1))
                }
            }
        }
        return shifts
    }
}
