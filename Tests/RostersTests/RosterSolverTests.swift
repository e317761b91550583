// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Scenarios
import Testing
@testable import Rosters

/// The roster integer program against exhaustive enumeration and against a week whose optimum is known.
@Suite struct RosterSolverTests {
    /// A small deterministic generator for the test instances.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Hourly intervals; shifts of 3 h or 4 h starting Monday 08:00 or 09:00, one 1-hour break 1–2 h after the start.
    static let smallRules = ShiftRules(lengths: [.hours(3), .hours(4)], firstStart: 8 * 3600, lastStart: 9 * 3600,
                                       startEvery: .hours(1), days: [0],
                                       breaks: [.init(length: .hours(1), earliest: .hours(1), latest: .hours(2))])

    /// Every roster of up to `limit` agents per explicit pattern (start, length, break offset): the cheapest cost covering `requirement`.
    static func bruteForce(_ problem: RosterProblem, limit: Int) -> Int? {
        let week = problem.weekIntervals
        var patterns: [(coverage: [Int], cost: Int)] = []
        for kind in problem.shiftKinds {
            for offset in problem.breakSteps[0].earliest...problem.breakSteps[0].latest {
                var coverage = Array(repeating: 0, count: week)
                for o in 0..<kind.length where !(offset..<(offset + problem.breakSteps[0].length)).contains(o) {
                    coverage[(kind.start + o) % week] += 1
                }
                patterns.append((coverage, problem.onDuty(kind.length)))
            }
        }
        var best: Int?
        var counts = Array(repeating: 0, count: patterns.count)
        func visit(_ i: Int, covered: [Int], cost: Int) {
            if let best, cost >= best { return }
            if zip(covered, problem.requirement).allSatisfy({ $0 >= $1 }) { best = cost; return }
            guard i < patterns.count else { return }
            for n in 0...limit {
                counts[i] = n
                let next = n == 0 ? covered : zip(covered, patterns[i].coverage).map { $0 + n * $1 }
                visit(i + 1, covered: next, cost: cost + n * patterns[i].cost)
            }
        }
        visit(0, covered: Array(repeating: 0, count: week), cost: 0)
        return best
    }

    @Test func smallInstancesMatchBruteForce() throws {
        var numbers = Numbers(state: 20)
        for _ in 0..<12 {
            var requirement = Array(repeating: 0, count: 168)
            for hour in 8..<13 { requirement[hour] = numbers.next(3) }
            let problem = RosterProblem(group: "a", rules: Self.smallRules, interval: .hours(1), requirement: requirement)
            let roster = try RosterSolver.solve(problem, timeLimit: 30)
            let exhaustive = try #require(Self.bruteForce(problem, limit: 3))
            #expect(roster.status == .optimal)
            #expect(roster.gap == 0)
            #expect(Int(roster.agentHours.rounded()) == exhaustive, "requirement \(requirement[8..<13])")
            #expect(zip(roster.coverage, requirement).allSatisfy { $0 >= $1 })
        }
    }

    /// Realistic rules: 8 h and 6 h shifts starting every 30 minutes, one 30-minute break 3–5 h after the start.
    static let weekRules = ShiftRules(lengths: [.hours(8), .hours(6)], firstStart: 0, lastStart: 23.5 * 3600,
                                      startEvery: .minutes(30),
                                      breaks: [.init(length: .minutes(30), earliest: .hours(3), latest: .hours(5))])

    /// A requirement that is exactly the coverage of a random roster has no roster cheaper than Σ requirement.
    @Test func constructedWeekIsSolvedWithoutOverCoverage() throws {
        var numbers = Numbers(state: 7)
        let problem0 = RosterProblem(group: "agents", rules: Self.weekRules, interval: .minutes(30),
                                     requirement: Array(repeating: 0, count: 336))
        let kinds = problem0.shiftKinds
        // Each day: agents on early, day and late shifts (8 h, 8 h, 6 h), their breaks spread over the window.
        var shifts: [Roster.Shift] = []
        for day in 0..<7 {
            for (hour, length) in [(7, 16), (12, 16), (17, 12)] {
                let kind = kinds.first { $0.start == day * 48 + hour * 2 && $0.length == length }!
                for agent in 0..<(3 + numbers.next(6)) {
                    shifts.append(Roster.Shift(start: kind.start, length: kind.length, breakOffsets: [6 + agent % 5], agents: 1))
                }
            }
        }
        let requirement = Roster(problem: problem0, shifts: shifts, status: .optimal, gap: 0, bound: 0).coverage
        let problem = RosterProblem(group: "agents", rules: Self.weekRules, interval: .minutes(30),
                                    requirement: requirement, costPerHour: 28)
        let roster = try RosterSolver.solve(problem, timeLimit: 60)
        #expect(roster.status == .optimal)
        #expect(roster.coverage == requirement)
        #expect(roster.agentHours == Double(requirement.reduce(0, +)) / 2)
        #expect(roster.cost == roster.agentHours * 28)
        for shift in roster.shifts {
            #expect(shift.breakOffsets.count == 1)
            #expect((6...10).contains(shift.breakOffsets[0]))
        }
    }

    /// The cheapest roster covering `problem`'s requirement that contains `kept` (each of its
    /// shift kinds and break start times at least as often), over up to `limit` agents per pattern.
    static func bruteForceKeeping(_ kept: Roster, _ problem: RosterProblem, limit: Int) -> Int? {
        let week = problem.weekIntervals, steps = problem.breakSteps[0]
        var patterns: [(start: Int, length: Int, breakAt: Int, coverage: [Int], cost: Int)] = []
        for kind in problem.shiftKinds {
            for offset in steps.earliest...steps.latest {
                var coverage = Array(repeating: 0, count: week)
                for o in 0..<kind.length where !(offset..<(offset + steps.length)).contains(o) { coverage[(kind.start + o) % week] += 1 }
                patterns.append((kind.start, kind.length, kind.start + offset, coverage, problem.onDuty(kind.length)))
            }
        }
        func keeps(_ counts: [Int]) -> Bool {
            kept.shifts.allSatisfy { shift in
                let kind = zip(patterns, counts).filter { $0.0.start == shift.start && $0.0.length == shift.length }.map(\.1).reduce(0, +)
                let needKind = kept.shifts.filter { $0.start == shift.start && $0.length == shift.length }.map(\.agents).reduce(0, +)
                let at = shift.start + shift.breakOffsets[0]
                let breaksAt = zip(patterns, counts).filter { $0.0.breakAt == at }.map(\.1).reduce(0, +)
                let needBreaks = kept.shifts.filter { $0.start + $0.breakOffsets[0] == at }.map(\.agents).reduce(0, +)
                return kind >= needKind && breaksAt >= needBreaks
            }
        }
        var best: Int?
        var counts = Array(repeating: 0, count: patterns.count)
        func visit(_ i: Int, covered: [Int], cost: Int) {
            if let best, cost >= best { return }
            if zip(covered, problem.requirement).allSatisfy({ $0 >= $1 }) && keeps(counts) { best = cost; return }
            guard i < patterns.count else { return }
            for n in 0...limit {
                counts[i] = n
                let next = n == 0 ? covered : zip(covered, patterns[i].coverage).map { $0 + n * $1 }
                visit(i + 1, covered: next, cost: cost + n * patterns[i].cost)
            }
            counts[i] = 0
        }
        visit(0, covered: Array(repeating: 0, count: week), cost: 0)
        return best
    }

    /// A verification round raises a few intervals: the roster is repaired — every shift and break
    /// of the previous one kept, the cheapest additions found (equal to exhaustive search) — and its
    /// gap is against the bound of the whole raised problem.
    @Test func aRaisedRequirementRepairsThePreviousRoster() throws {
        var numbers = Numbers(state: 41)
        for _ in 0..<6 {
            var requirement = Array(repeating: 0, count: 168)
            for hour in 8..<13 { requirement[hour] = numbers.next(3) }
            let first = try RosterSolver.solve(RosterProblem(group: "a", rules: Self.smallRules, interval: .hours(1),
                                                             requirement: requirement), timeLimit: 10)
            var raised = requirement
            raised[8 + numbers.next(5)] += 1
            let problem = RosterProblem(group: "a", rules: Self.smallRules, interval: .hours(1), requirement: raised)
            let repaired = try RosterSolver.solve(problem, timeLimit: 10, keeping: first)
            #expect(repaired.status == .repaired)
            #expect(zip(repaired.coverage, raised).allSatisfy { $0 >= $1 })
            for shift in first.shifts {
                let kept = repaired.shifts.filter { $0.start == shift.start && $0.length == shift.length }.map(\.agents).reduce(0, +)
                let before = first.shifts.filter { $0.start == shift.start && $0.length == shift.length }.map(\.agents).reduce(0, +)
                #expect(kept >= before)
            }
            let exhaustive = try #require(Self.bruteForceKeeping(first, problem, limit: 3))
            #expect(Int(repaired.agentHours.rounded()) == exhaustive, "requirement \(raised[8..<13])")
            // The bound is the whole problem's: the first roster's optimum or Σ raised requirement, never above a fresh optimum.
            let fresh = try RosterSolver.solve(problem, timeLimit: 10)
            #expect(repaired.bound == max(first.bound, Double(raised.reduce(0, +))))
            #expect(repaired.bound <= fresh.agentHours + 1e-9)
            #expect(repaired.agentHours >= fresh.agentHours)
            #expect(abs(repaired.gap - (repaired.agentHours - repaired.bound) / repaired.agentHours) < 1e-12)
        }
    }

    @Test func anIntervalNoShiftCoversIsAnErrorNamingIt() {
        var requirement = Array(repeating: 0, count: 168)
        requirement[8] = 1
        requirement[14] = 2   // Monday 14:00: the latest shift (09:00 + 4 h) has ended
        let problem = RosterProblem(group: "a", rules: Self.smallRules, interval: .hours(1), requirement: requirement)
        #expect(throws: RosterError.uncoverable(group: "a", interval: "mon 14:00–15:00", agents: 2)) {
            try RosterSolver.solve(problem, timeLimit: 5)
        }
        // The first hour of a shift whose break must start within it cannot be covered by a break-time alone:
        // 09:00 is covered by the 08:00 shifts only when the break starts at 10:00, which the window allows.
        var coverable = Array(repeating: 0, count: 168)
        coverable[9] = 1
        #expect(throws: Never.self) {
            try RosterSolver.solve(RosterProblem(group: "a", rules: Self.smallRules, interval: .hours(1), requirement: coverable),
                                   timeLimit: 5)
        }
    }

    @Test func aTimeLimitReturnsTheBestRosterWithItsGap() throws {
        var numbers = Numbers(state: 99)
        let requirement = (0..<336).map { t in t % 48 < 14 ? numbers.next(3) : 5 + numbers.next(25) }
        let problem = RosterProblem(group: "agents", rules: Self.weekRules, interval: .minutes(30), requirement: requirement)
        let roster = try RosterSolver.solve(problem, timeLimit: 0.001)
        #expect(zip(roster.coverage, requirement).allSatisfy { $0 >= $1 })
        #expect(roster.gap >= 0)
        if roster.status == .timeLimit {
            #expect(roster.bound <= roster.agentHours * 2 + 1e-9)
        } else {
            #expect(roster.gap == 0)
        }
    }
}
