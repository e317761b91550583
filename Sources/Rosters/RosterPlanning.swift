// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ParleyTime
import Scenarios

/// From a staffing requirement to verified rosters: the problems per group, the scenario a
/// roster becomes, and the simulation that judges it interval by interval (SPEC §10).
public enum RosterPlanning {
    /// The week's requirement of a staffable group from its staffing plan.
    ///
    /// Only the intervals the simulation uses — the warm-up and the window, in local time — are
    /// required; others (a window shorter than a week) need no agents. The plan repeats daily or
    /// weekly from Monday 00:00, so interval t of the week takes value t mod its length.
    public static func requirement(plan: StaffingPlan, scenario: Scenario) -> [Int] {
        let length = scenario.interval.microseconds
        let week = Int(7 * 86_400_000_000 / length)
        var requirement = Array(repeating: 0, count: week)
        for t in usedIntervals(scenario) where !plan.counts.isEmpty {
            requirement[t] = plan.counts[t % plan.counts.count]
        }
        return requirement
    }

    /// Staffing plans of a stored staffing run's counts: `agents` per (window interval start in
    /// seconds, group); each staffable group's weekly plan takes its count of every window
    /// interval, and the warm-up the first interval's count (as the search gives it).
    ///
    /// - Throws: ``RosterError/noStaffing(group:)`` when a staffable group has no count.
    public static func plans(stored: [(intervalStartSeconds: Double, group: String, agents: Int)],
                             scenario: Scenario) throws(RosterError) -> [(group: String, plan: StaffingPlan)] {
        let length = scenario.interval.seconds
        let week = Int(7 * 86_400 / length)
        var plans: [(group: String, plan: StaffingPlan)] = []
        for group in scenario.agentGroups where group.staffable != nil {
            let rows = stored.filter { $0.group == group.name }
            guard let first = rows.min(by: { $0.intervalStartSeconds < $1.intervalStartSeconds }) else {
                throw .noStaffing(group: group.name)
            }
            var counts = Array(repeating: first.agents, count: week)
            for row in rows {
                counts[weekInterval(ofWindowInterval: Int((row.intervalStartSeconds / length).rounded()), scenario: scenario)] = row.agents
            }
            plans.append((group.name, StaffingPlan(interval: scenario.interval, counts: counts)))
        }
        return plans
    }

    /// The intervals of the week (from Monday 00:00 local) the warm-up and window overlap.
    public static func usedIntervals(_ scenario: Scenario) -> [Int] {
        let length = scenario.interval.microseconds
        let week = Int(7 * 86_400_000_000 / length)
        let first = scenario.start.weekOffset.microseconds - scenario.warmup.microseconds
        let end = scenario.start.weekOffset.microseconds + scenario.duration.microseconds
        let firstIndex = Int((first >= 0 ? first : first - length + 1) / length)
        let endIndex = Int((end + length - 1) / length)
        guard endIndex - firstIndex < week else { return Array(0..<week) }
        return Array(Set((firstIndex..<endIndex).map { (($0 % week) + week) % week })).sorted()
    }

    /// The week interval of window interval `i`.
    public static func weekInterval(ofWindowInterval i: Int, scenario: Scenario) -> Int {
        let length = scenario.interval.microseconds
        let week = Int(7 * 86_400_000_000 / length)
        return (Int(scenario.start.weekOffset.microseconds / length) + i) % week
    }

    /// One problem per staffable group, from its plan (`plans` in file order).
    ///
    /// - Throws: ``RosterError/noRules(group:)`` for a staffable group without `shift_rules`.
    public static func problems(scenario: Scenario, plans: [(group: String, plan: StaffingPlan)],
                                requirement: ((String, StaffingPlan) -> [Int])? = nil) throws(RosterError) -> [RosterProblem] {
        var problems: [RosterProblem] = []
        for (name, plan) in plans {
            guard let group = scenario.agentGroups.first(where: { $0.name == name }) else { continue }
            guard let rules = group.shiftRules else { throw .noRules(group: name) }
            problems.append(RosterProblem(group: name, rules: rules, interval: scenario.interval,
                                          requirement: requirement?(name, plan) ?? Self.requirement(plan: plan, scenario: scenario),
                                          costPerHour: group.costPerHour ?? 1))
        }
        return problems
    }

    /// Erlang C's or Erlang A's requirement of a group, from the staffing search's analytic
    /// answers: the agents they want for the queue (one chat at a time), less the agents of
    /// non-staffable groups on duty, within the group's staffable bounds.
    ///
    /// Needs the group to be the only staffable group of exactly one queue with targets (else
    /// nil); intervals outside the window keep the plan's value.
    public static func erlangRequirement(_ kind: ErlangKind, group name: String, plan: StaffingPlan,
                                         result: StaffingResult, scenario: Scenario) -> [Int]? {
        guard let group = scenario.agentGroups.first(where: { $0.name == name }), let bounds = group.staffable else { return nil }
        let judged = scenario.queues.filter { $0.targets != nil && group.queues.contains($0.id) }
        guard judged.count == 1 else { return nil }
        let queue = judged[0].id
        let staffableOnQueue = scenario.agentGroups.filter { $0.staffable != nil && $0.queues.contains(queue) }
        guard staffableOnQueue.count == 1 else { return nil }
        var requirement = self.requirement(plan: plan, scenario: scenario)
        for interval in result.intervals where interval.queue == queue {
            let fixed = interval.groups.filter { !$0.staffable }.reduce(0) { $0 + $1.agents }
            let wanted = (kind == .c ? interval.erlangC : interval.erlangA).map { $0 - fixed } ?? bounds.max
            requirement[weekInterval(ofWindowInterval: interval.index, scenario: scenario)] = min(max(wanted, bounds.min), bounds.max)
        }
        return requirement
    }

    public enum ErlangKind: String, Sendable { case c = "erlang_c", a = "erlang_a" }

    /// `scenario` with each rostered group replaced by its roster's shifts: one group per shift
    /// start, length and break placement (``shiftGroups(_:)``), in its place, whose agents work
    /// the shift's on-duty parts. `parley run` of ``shiftGroupTexts(_:)`` written into the file
    /// builds the same groups. A roster without shifts keeps the group with a plan of zeros.
    public static func scenario(_ scenario: Scenario, rosters: [Roster]) -> Scenario {
        var planned = scenario
        for roster in rosters {
            guard let g = planned.agentGroups.firstIndex(where: { $0.name == roster.problem.group }) else { continue }
            let original = planned.agentGroups[g]
            let groups = shiftGroups(roster)
            guard !groups.isEmpty else {
                planned.agentGroups[g].plan = StaffingPlan(interval: roster.problem.interval,
                                                           counts: Array(repeating: 0, count: roster.problem.intervalsPerDay))
                planned.agentGroups[g].count = 1
                planned.agentGroups[g].shifts = []
                planned.agentGroups[g].staffable = nil
                planned.agentGroups[g].shiftRules = nil
                planned.agentGroups[g].names = []
                planned.agentGroups[g].extensions = []
                continue
            }
            planned.agentGroups.replaceSubrange(g...g, with: groups.map { shiftGroup in
                var copy = original
                copy.name = shiftGroup.name
                copy.count = shiftGroup.agents
                copy.plan = nil
                copy.shifts = shiftGroup.ranges
                copy.staffable = nil
                copy.shiftRules = nil
                copy.names = []
                copy.extensions = []
                return copy
            })
        }
        return planned
    }

    /// One shift of a roster as an agent group of its own.
    public struct ShiftGroup: Sendable, Equatable {
        /// The group's name and the shift, such as `team tue 05:00 3h break 06:00`.
        public var name: String
        public var agents: Int
        /// The on-duty parts as the scenario reader reads ``texts``: seconds after Monday 00:00, in time order.
        public var ranges: [WeeklyRange]
        /// The same as `shifts:` entries, such as `tue 05:00-06:00`.
        public var texts: [String]
    }

    /// Each shift of `roster` (start, length, break placement) with its agents: they are on duty
    /// from the shift's start to its end except in its breaks.
    public static func shiftGroups(_ roster: Roster) -> [ShiftGroup] {
        let problem = roster.problem
        let perDay = problem.intervalsPerDay, week = problem.weekIntervals
        let step = problem.interval.seconds
        let lengths = problem.breakSteps.map(\.length)
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        func clock(_ t: Int) -> String {
            let minutes = (t % perDay) * (1440 / perDay)
            return String(format: "%02d:%02d", minutes / 60, minutes % 60)
        }
        func length(_ steps: Int) -> String {
            let minutes = steps * (1440 / perDay)
            return minutes % 60 == 0 ? "\(minutes / 60)h" : minutes < 60 ? "\(minutes)m" : "\(minutes / 60)h\(minutes % 60)m"
        }
        return roster.shifts.map { shift in
            var parts: [(from: Int, to: Int)] = []
            var t = 0
            for (offset, breakLength) in zip(shift.breakOffsets, lengths).sorted(by: { $0.0 < $1.0 }) {
                if offset > t { parts.append((t, offset)) }
                t = max(t, offset + breakLength)
            }
            if t < shift.length { parts.append((t, shift.length)) }
            // A `shifts:` entry spans less than a day (`08:00-08:00` is no range): a whole day is two.
            parts = parts.flatMap { part -> [(from: Int, to: Int)] in
                guard part.to - part.from >= perDay else { return [part] }
                let middle = part.from + perDay / 2
                return [(from: part.from, to: middle), (from: middle, to: part.to)]
            }
            let start = shift.start % week
            var name = "\(problem.group) \(days[start / perDay]) \(clock(start)) \(length(shift.length))"
            if !shift.breakOffsets.isEmpty {
                name += " break " + shift.breakOffsets.map { clock(start + $0) }.joined(separator: " ")
            }
            let ranges = parts.map { part in
                let from = (start + part.from) % week
                return (from: from, steps: part.to - part.from)
            }
            let texts = ranges.map { range in
                let end = (range.from + range.steps) % perDay
                return "\(days[range.from / perDay]) \(clock(range.from))-" + (end == 0 ? "24:00" : clock(end))
            }
            return ShiftGroup(name: name, agents: shift.agents,
                              ranges: ranges.map { WeeklyRange(start: Double($0.from) * step, end: Double($0.from + $0.steps) * step) }
                                  .sorted { $0.start < $1.start },
                              texts: texts)
        }
    }

    /// The groups of `rosters` as the scenario writer takes them (see ``scenario(_:rosters:)``).
    public static func shiftGroupTexts(_ rosters: [Roster]) -> [(group: String, groups: [ShiftGroupText])] {
        rosters.map { roster in
            let groups = shiftGroups(roster)
            return (roster.problem.group, groups.isEmpty ? [ShiftGroupText(name: roster.problem.group, count: nil, shifts: [])]
                                                         : groups.map { ShiftGroupText(name: $0.name, count: $0.agents, shifts: $0.texts) })
        }
    }

    /// One queue in one interval of the window under a roster.
    public struct CheckedInterval: Sendable, Equatable {
        public var queue: String
        public var index: Int
        /// The interval of the week (0 = Monday 00:00) and its local time, such as `mon 08:30`.
        public var weekInterval: Int
        public var localTime: String
        public var outcome: IntervalOutcome
        /// Met, within noise of the requirement's own run, or missed (``RosterVerdict``).
        public var verdict: RosterVerdict
        /// Whether the interval counts as meeting its targets (met or within noise).
        public var meetsTargets: Bool { verdict.meetsTargets }

        public init(queue: String, index: Int, weekInterval: Int, localTime: String, outcome: IntervalOutcome,
                    verdict: RosterVerdict) {
            self.queue = queue
            self.index = index
            self.weekInterval = weekInterval
            self.localTime = localTime
            self.outcome = outcome
            self.verdict = verdict
        }
    }

    /// Every queue with targets in every window interval of `results`, judged by `rule` beside
    /// the `reference` replications — the requirement's own run on the same seed and
    /// replications (``RosterVerdict``; nil or empty: the rule alone decides).
    public static func check(results: [ReplicationResult], scenario: Scenario, rule: StaffingRule,
                             reference: [ReplicationResult]? = nil) -> [CheckedInterval] {
        let length = scenario.interval.microseconds
        let windowCount = Int((scenario.duration.microseconds + length - 1) / length)
        let perDay = Int(86_400_000_000 / length)
        let paired = reference.flatMap { $0.count == results.count && !$0.isEmpty ? $0 : nil }
        var checked: [CheckedInterval] = []
        for i in 0..<windowCount {
            let t = weekInterval(ofWindowInterval: i, scenario: scenario)
            for (q, queue) in scenario.queues.enumerated() {
                guard let targets = queue.targets else { continue }
                let values = IntervalValues(results: results, queue: q, interval: i)
                let verdict = RosterVerdict.judge(roster: values,
                                                  reference: paired.map { IntervalValues(results: $0, queue: q, interval: i) },
                                                  targets: targets, rule: rule)
                checked.append(CheckedInterval(queue: queue.id, index: i, weekInterval: t,
                                               localTime: String(rosterIntervalText(t, perDay: perDay).prefix(9)),
                                               outcome: IntervalOutcome(values), verdict: verdict))
            }
        }
        return checked
    }

    /// The requirement as the staffing plans of the rostered groups (`plans`), the way `parley
    /// staff` simulates a plan: what the verification compares a roster with.
    public static func requirementScenario(_ scenario: Scenario, plans: [(group: String, plan: StaffingPlan)]) -> Scenario {
        var planned = scenario
        for (name, plan) in plans {
            guard let g = planned.agentGroups.firstIndex(where: { $0.name == name }) else { continue }
            planned.agentGroups[g].plan = plan
            planned.agentGroups[g].count = max(plan.counts.max() ?? 0, 1)
            planned.agentGroups[g].shifts = []
        }
        return planned
    }

    /// Raises by one the requirement of every group serving a queue in each interval it missed.
    /// Returns whether anything changed (a group at its staffable max is not raised).
    public static func raise(_ problems: inout [RosterProblem], missed: [CheckedInterval], scenario: Scenario) -> Bool {
        var changed = false
        for index in problems.indices {
            guard let group = scenario.agentGroups.first(where: { $0.name == problems[index].group }) else { continue }
            let limit = group.staffable?.max ?? Int.max
            for t in Set(missed.filter { group.queues.contains($0.queue) }.map(\.weekInterval))
                where problems[index].requirement[t] < limit {
                problems[index].requirement[t] += 1
                changed = true
            }
        }
        return changed
    }
}
