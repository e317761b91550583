// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios

/// `parley roster` without the terminal: solve each group's roster, simulate it as groups
/// working its shifts, and while intervals miss their targets raise their requirement and solve again.
public struct RosterRun: Sendable {
    public var scenario: Scenario
    /// The requirement: the staffing plan of each staffable group (file order).
    public var plans: [(group: String, plan: StaffingPlan)]
    /// The staffing search's result, for Erlang C's and Erlang A's requirements (nil: not compared).
    public var staffing: StaffingResult?
    public var rule: StaffingRule
    public var replications: Int
    public var jobs: Int
    /// Seconds GLPK may spend on each roster.
    public var timeLimit: Double
    /// Roster–simulate rounds at most (the first included).
    public var maxRounds: Int

    public init(scenario: Scenario, plans: [(group: String, plan: StaffingPlan)], staffing: StaffingResult?,
                rule: StaffingRule, replications: Int, jobs: Int, timeLimit: Double, maxRounds: Int) {
        self.scenario = scenario
        self.plans = plans
        self.staffing = staffing
        self.rule = rule
        self.replications = replications
        self.jobs = jobs
        self.timeLimit = timeLimit
        self.maxRounds = maxRounds
    }

    /// What the run found.
    public struct Outcome: Sendable {
        /// The final roster of each group, solved against the (possibly raised) requirement.
        public var rosters: [Roster]
        /// Each group's requirement from the staffing plan, before any raise.
        public var requirements: [[Int]]
        /// The scenario with the rosters as groups of their shifts (``RosterPlanning/scenario(_:rosters:)``),
        /// its replications and seed as simulated.
        public var scenario: Scenario
        /// The scenario as given, with the rostered groups whole.
        public var source: Scenario
        /// Its simulation and every queue interval judged.
        public var results: [ReplicationResult]
        public var checked: [RosterPlanning.CheckedInterval]
        /// Rounds run (1: the first roster met every target or the limit was 1).
        public var rounds: Int
        /// Erlang C's and Erlang A's requirements rostered the same way, per group (nil where not comparable).
        public var erlang: [(kind: RosterPlanning.ErlangKind, rosters: [Roster?])]
        /// Seconds GLPK took over all solves (the solver's own time limit bounds each).
        public var solveSeconds: Double

        public var meetsAllTargets: Bool { checked.allSatisfy(\.meetsTargets) }
    }

    /// Runs the rounds; nil when `stop` is raised (nothing is kept then).
    ///
    /// - Parameter clock: seconds since some fixed moment, for the solve times reported (a
    ///   library does not read clocks itself).
    public func run(stop: StopFlag, clock: () -> Double,
                    progress: (String) -> Void = { _ in }) throws(RosterError) -> Outcome? {
        var problems = try RosterPlanning.problems(scenario: scenario, plans: plans)
        let requirements = problems.map(\.requirement)
        var solveSeconds = 0.0
        // Round 1 solves each roster afresh; later rounds repair the previous round's roster
        // (kept whole, the cheapest additions covering the raised intervals), so intervals
        // already verified keep their agents and only the raised ones change.
        func solveAll(_ problems: [RosterProblem], keeping previous: [Roster]? = nil) throws(RosterError) -> [Roster] {
            var rosters: [Roster] = []
            for (g, problem) in problems.enumerated() {
                let started = clock()
                rosters.append(try RosterSolver.solve(problem, timeLimit: timeLimit, stop: stop, keeping: previous?[g]))
                solveSeconds += clock() - started
            }
            return rosters
        }
        var previous: [Roster]?
        // The requirement's own run, on the seed and replications the rosters are simulated on:
        // what each interval's verdict compares the roster with (``RosterVerdict``).
        var required = RosterPlanning.requirementScenario(scenario, plans: plans)
        required.replications = replications
        progress("simulating the requirement: \(replications) replications")
        let reference: [ReplicationResult]
        do {
            reference = Simulation.run(try CompiledScenario(required), replications: replications, jobs: jobs, stop: stop)
        } catch {
            throw .simulation("the requirement cannot be simulated: \(error)")
        }
        if stop.isRaised || reference.count < replications { return nil }
        var round = 0
        while true {
            round += 1
            progress("round \(round): solving the roster")
            let rosters: [Roster]
            do { rosters = try solveAll(problems, keeping: previous) } catch .interrupted { return nil }
            previous = rosters
            var planned = RosterPlanning.scenario(scenario, rosters: rosters)
            planned.replications = replications
            progress("round \(round): simulating \(replications) replications")
            let model: CompiledScenario
            do { model = try CompiledScenario(planned) } catch {
                throw .simulation("the roster cannot be simulated: \(error)")
            }
            let results = Simulation.run(model, replications: replications, jobs: jobs, stop: stop)
            if stop.isRaised || results.count < replications { return nil }
            let checked = RosterPlanning.check(results: results, scenario: planned, rule: rule, reference: reference)
            let missed = checked.filter { !$0.meetsTargets }
            if missed.isEmpty || round >= maxRounds || !RosterPlanning.raise(&problems, missed: missed, scenario: scenario) {
                let erlang: [(kind: RosterPlanning.ErlangKind, rosters: [Roster?])]
                do { erlang = try erlangRosters(problems) { (p) throws(RosterError) in try solveAll(p) } } catch .interrupted { return nil }
                return Outcome(rosters: rosters, requirements: requirements, scenario: planned, source: scenario, results: results,
                               checked: checked, rounds: round, erlang: erlang, solveSeconds: solveSeconds)
            }
        }
    }

    /// Erlang C's and Erlang A's requirements of each group, rostered by `solve` like the plan's
    /// (nil for a group whose requirement is not comparable); none without a staffing result.
    /// A stopped solve throws ``RosterError/interrupted``.
    func erlangRosters(_ problems: [RosterProblem], solve: ([RosterProblem]) throws(RosterError) -> [Roster])
        throws(RosterError) -> [(kind: RosterPlanning.ErlangKind, rosters: [Roster?])] {
        var erlang: [(kind: RosterPlanning.ErlangKind, rosters: [Roster?])] = []
        guard let staffing else { return erlang }
        for kind in [RosterPlanning.ErlangKind.c, .a] {
            var rostered: [Roster?] = []
            for (problem, (name, plan)) in zip(problems, plans) {
                guard let requirement = RosterPlanning.erlangRequirement(kind, group: name, plan: plan, result: staffing,
                                                                        scenario: scenario) else {
                    rostered.append(nil)
                    continue
                }
                var other = problem
                other.requirement = requirement
                rostered.append(try solve([other])[0])
            }
            erlang.append((kind, rostered))
        }
        return erlang
    }
}
