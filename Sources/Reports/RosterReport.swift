// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ResultStorage
import Rosters
import Runs
import Statistics

/// Renders what `parley roster` found as its `--json` object or as text: per group and day the
/// shifts (start → agents, breaks), the totals against the requirement and against Erlang C's
/// and Erlang A's requirements rostered the same way, and every interval verified by simulation.
package struct RosterReport {
    package let outcome: RosterRun.Outcome
    package let seed: UInt64
    package let runID: Int64?
    package let rule: StaffingRule

    package init(outcome: RosterRun.Outcome, seed: UInt64, runID: Int64?, rule: StaffingRule) {
        self.outcome = outcome
        self.seed = seed
        self.runID = runID
        self.rule = rule
    }

    package static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `HH:MM` of interval `t` of a day of `perDay` intervals (wrapping past midnight).
    package static func clock(_ t: Int, perDay: Int) -> String {
        let minutes = ((t % perDay) + perDay) % perDay * (1440 / perDay)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// A length in intervals as `8h`, `7h30m`.
    package static func length(_ steps: Int, perDay: Int) -> String {
        let minutes = steps * (1440 / perDay)
        return minutes % 60 == 0 ? "\(minutes / 60)h" : minutes < 60 ? "\(minutes)m" : "\(minutes / 60)h\(minutes % 60)m"
    }

    /// The shifts of `roster` grouped by start and length: agents and their break times with counts.
    package static func rows(_ roster: Roster) -> [(start: Int, length: Int, agents: Int, breaks: [(time: Int, agents: Int)])] {
        var rows: [(start: Int, length: Int, agents: Int, breaks: [(time: Int, agents: Int)])] = []
        for shift in roster.shifts {
            let times = shift.breakOffsets.map { shift.start + $0 }
            if let i = rows.firstIndex(where: { $0.start == shift.start && $0.length == shift.length }) {
                rows[i].agents += shift.agents
                for time in times {
                    if let b = rows[i].breaks.firstIndex(where: { $0.time == time }) { rows[i].breaks[b].agents += shift.agents } else {
                        rows[i].breaks.append((time, shift.agents))
                    }
                }
            } else {
                rows.append((shift.start, shift.length, shift.agents, times.map { ($0, shift.agents) }))
            }
        }
        return rows.map { row in (row.start, row.length, row.agents, row.breaks.sorted { $0.time < $1.time }) }
    }

    package func json() -> JSONValue {
        func summary(_ s: ReplicationSummary) -> JSONValue { .object([("mean", .number(s.mean)), ("ci95", .number(s.halfWidth))]) }
        func rosterJSON(_ roster: Roster) -> JSONValue {
            let perDay = roster.problem.intervalsPerDay
            return .object([
                ("status", .string(roster.status.rawValue)), ("gap", .number(roster.gap)),
                ("agent_hours", .number(roster.agentHours)), ("cost", .number(roster.cost)),
                ("shifts", .integer(Int64(roster.shiftCount))), ("head_count", .integer(Int64(roster.headCount))),
            ].map { $0 } + [("roster", .array(Self.rows(roster).map { row in
                .object([("day", .string(Self.days[row.start / perDay % 7])), ("start", .string(Self.clock(row.start, perDay: perDay))),
                         ("length", .string(Self.length(row.length, perDay: perDay))), ("agents", .integer(Int64(row.agents))),
                         ("breaks", .array(row.breaks.map { .object([("day", .string(Self.days[$0.time / perDay % 7])),
                                                                      ("start", .string(Self.clock($0.time, perDay: perDay))),
                                                                      ("agents", .integer(Int64($0.agents)))]) }))])
            }))])
        }
        let groups: [JSONValue] = outcome.rosters.enumerated().map { g, roster in
            let coverage = roster.coverage
            var entries: [(String, JSONValue)] = [
                ("group", .string(roster.problem.group)),
                ("required_agent_hours", .number(Double(outcome.requirements[g].reduce(0, +)) * roster.problem.intervalHours)),
                ("required_cost", .number(Double(outcome.requirements[g].reduce(0, +)) * roster.problem.intervalHours
                                            * roster.problem.costPerHour)),
                ("over_coverage_agent_hours", .number(roster.agentHours - Double(outcome.requirements[g].reduce(0, +))
                                                        * roster.problem.intervalHours)),
                ("roster", rosterJSON(roster)),
                ("requirement", .array(outcome.requirements[g].map { .integer(Int64($0)) })),
                ("rostered", .array(coverage.map { .integer(Int64($0)) })),
            ]
            for kind in [RosterPlanning.ErlangKind.c, .a] {
                let other = outcome.erlang.first { $0.kind == kind }?.rosters[g]
                entries.append((kind.rawValue, other.map(rosterJSON) ?? .null))
            }
            return .object(entries)
        }
        let intervals: [JSONValue] = outcome.checked.map { interval in
            .object([("local_time", .string(interval.localTime)), ("queue", .string(interval.queue)),
                     ("service_level", summary(interval.outcome.serviceLevel)),
                     ("abandon_rate", summary(interval.outcome.abandonRate)),
                     ("asa_s", summary(interval.outcome.asaSeconds)),
                     ("meets_targets", .bool(interval.meetsTargets)), ("verdict", .string(interval.verdict.rawValue))])
        }
        return .object([
            ("scenario", .string(outcome.scenario.name)), ("rule", .string(rule.rawValue)),
            ("seed", seed <= UInt64(Int64.max) ? .integer(Int64(seed)) : .string(String(seed))),
            ("replications", .integer(Int64(outcome.scenario.replications))),
            ("rounds", .integer(Int64(outcome.rounds))), ("solve_seconds", .number(outcome.solveSeconds)),
            ("groups", .array(groups)), ("intervals", .array(intervals)),
            ("all_targets_met", .bool(outcome.meetsAllTargets)),
            ("run_id", runID.map { .integer($0) } ?? .null),
        ])
    }

    /// Per group: the shifts per day, the totals; then every interval verified.
    package func table(database: String) -> String {
        var lines = ["\(outcome.scenario.name): roster verified with rule \(rule.rawValue), \(outcome.scenario.replications) "
                        + "replications, seed \(seed), \(outcome.rounds) round\(outcome.rounds == 1 ? "" : "s")"
                        + (runID.map { ", run \($0) in \(database)" } ?? "")]
        for (g, roster) in outcome.rosters.enumerated() {
            let perDay = roster.problem.intervalsPerDay
            lines.append("")
            lines.append("group \(roster.problem.group): \(Self.statusText(roster.status))"
                         + ", gap \(RunReport.format(roster.gap * 100, digits: 2)) %")
            var rows = [["day", "start", "length", "agents", "breaks"]]
            for row in Self.rows(roster) {
                rows.append([Self.days[row.start / perDay % 7], Self.clock(row.start, perDay: perDay),
                             Self.length(row.length, perDay: perDay), String(row.agents),
                             row.breaks.map { "\(Self.clock($0.time, perDay: perDay)) ×\($0.agents)" }.joined(separator: ", ")])
            }
            lines.append(RunReport.align(rows, leftColumns: 3))
            let hours = roster.problem.intervalHours
            let required = Double(outcome.requirements[g].reduce(0, +)) * hours
            var totals = [["", "agent-hours", "cost", "shifts", "agents"],
                          ["requirement (staff)", RunReport.format(required, digits: 1),
                           RunReport.format(required * roster.problem.costPerHour, digits: 2), "", ""],
                          Self.totals("roster", roster)]
            for (kind, rosters) in outcome.erlang {
                guard let other = rosters[g] else { continue }
                totals.append(Self.totals((kind == .c ? "Erlang C" : "Erlang A") + " requirement rostered", other))
            }
            lines.append(RunReport.align(totals, leftColumns: 1))
            let over = roster.agentHours - required
            lines.append("over-coverage from shift granularity and breaks: \(RunReport.format(over, digits: 1)) agent-hours "
                         + "(\(RunReport.format(required > 0 ? over / required * 100 : 0, digits: 1)) % of the requirement)")
        }
        lines.append("")
        var rows = [["interval", "queue"] + outcome.rosters.flatMap { ["\($0.problem.group) req", "rostered", "over"] }
                    + ["service level", "abandon rate", "met"]]
        let coverages = outcome.rosters.map(\.coverage)
        for interval in outcome.checked {
            var row = [interval.localTime, interval.queue]
            for (g, _) in outcome.rosters.enumerated() {
                let required = outcome.requirements[g][interval.weekInterval], rostered = coverages[g][interval.weekInterval]
                row += [String(required), String(rostered), String(rostered - required)]
            }
            row += [StaffingReport.cell(interval.outcome.serviceLevel, digits: 4),
                    StaffingReport.cell(interval.outcome.abandonRate, digits: 4), Self.verdictText(interval.verdict)]
            rows.append(row)
        }
        lines.append(RunReport.align(rows, leftColumns: 2))
        let met = outcome.checked.filter(\.meetsTargets).count
        let noise = outcome.checked.filter { $0.verdict == .withinNoise }.count
        lines.append("targets met in \(met) of \(outcome.checked.count) queue intervals after \(outcome.rounds) "
                     + "round\(outcome.rounds == 1 ? "" : "s") of roster and simulation"
                     + (noise == 0 ? "" : " (\(noise) within noise: the CI bound misses, but replication by replication "
                                          + "the roster is not worse than the requirement's own run)"))
        return lines.joined(separator: "\n")
    }

    /// How the solver ended, for the text table.
    static func statusText(_ status: Roster.Status) -> String {
        switch status {
        case .optimal: "optimal"
        case .timeLimit: "time limit reached"
        case .repaired: "previous round's roster repaired"
        }
    }

    /// The table's `met` cell: `yes`, `noise` (counts as met, ``RosterVerdict/withinNoise``) or `NO`.
    static func verdictText(_ verdict: RosterVerdict) -> String {
        switch verdict {
        case .met: "yes"
        case .withinNoise: "noise"
        case .missed: "NO"
        }
    }

    /// One line per shift start of `roster`: `mon 07:00 8h ×3, breaks 10:00 ×2 10:30 ×1`.
    package static func shiftLines(_ roster: Roster) -> [String] {
        let perDay = roster.problem.intervalsPerDay
        return rows(roster).map { row in
            let breaks = row.breaks.map { clock($0.time, perDay: perDay) + " ×\($0.agents)" }.joined(separator: " ")
            let shift: String = days[row.start / perDay % 7] + " " + clock(row.start, perDay: perDay) + " "
                + length(row.length, perDay: perDay) + " ×\(row.agents)"
            return breaks.isEmpty ? shift : shift + ", breaks " + breaks
        }
    }

    /// The rows `parley roster` stores: per group its roster, shifts and intervals (migration 10).
    package func records() -> [RosterRecord] {
        outcome.rosters.enumerated().map { g, roster in
            let step = roster.problem.interval.seconds
            let coverage = roster.coverage
            return RosterRecord(
                agentGroup: roster.problem.group, status: roster.status.rawValue, gap: roster.gap,
                agentHours: roster.agentHours,
                requiredHours: Double(outcome.requirements[g].reduce(0, +)) * roster.problem.intervalHours,
                cost: roster.cost, headCount: roster.headCount, rounds: outcome.rounds,
                shifts: roster.shifts.map { shift in
                    RosterRecord.Shift(startSeconds: Double(shift.start) * step, lengthSeconds: Double(shift.length) * step,
                                       breakStartsSeconds: shift.breakOffsets.map { Double(shift.start + $0) * step },
                                       agents: shift.agents)
                },
                intervals: coverage.indices.map { (Double($0) * step, outcome.requirements[g][$0], coverage[$0]) },
                windowStartSeconds: Double(outcome.scenario.start.weekOffset.microseconds % 604_800_000_000) / 1e6)
        }
    }

    /// The verification as `staffing_results` rows: per queue interval of the window that was
    /// judged, each rostered group serving the queue with the agents the roster puts on duty.
    package func staffingRecords() -> [StaffingRecord] {
        let step = outcome.scenario.interval.seconds
        let coverages = outcome.rosters.map(\.coverage)
        return outcome.checked.flatMap { interval in
            outcome.rosters.indices.compactMap { g -> StaffingRecord? in
                let name = outcome.rosters[g].problem.group
                guard outcome.source.agentGroups.contains(where: { $0.name == name && $0.queues.contains(interval.queue) }) else {
                    return nil
                }
                return StaffingRecord(queue: interval.queue, intervalStartSeconds: Double(interval.index) * step, agentGroup: name,
                                      agents: max(coverages[g][interval.weekInterval], 0),
                                      serviceLevel: interval.outcome.serviceLevel.mean,
                                      serviceLevelCI95: interval.outcome.serviceLevel.halfWidth,
                                      abandonRate: interval.outcome.abandonRate.mean,
                                      abandonRateCI95: interval.outcome.abandonRate.halfWidth,
                                      meetsTargets: interval.meetsTargets)
            }
        }
    }

    static func totals(_ label: String, _ roster: Roster) -> [String] {
        [label, RunReport.format(roster.agentHours, digits: 1), RunReport.format(roster.cost, digits: 2),
         String(roster.shiftCount), String(roster.headCount)]
    }
}
