// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import ContactCenter
import Statistics

/// Renders what `parley staff` found as its `--json` object or as an aligned table.
package struct StaffingReport {
    package let result: StaffingResult
    package let seed: UInt64
    package let runID: Int64?

    package init(result: StaffingResult, seed: UInt64, runID: Int64?) {
        self.result = result
        self.seed = seed
        self.runID = runID
    }

    /// The groups of every interval, in order of first appearance, and whether the search chose their counts.
    package var groups: [(name: String, staffable: Bool)] {
        var seen: [(String, Bool)] = []
        for interval in result.intervals {
            for group in interval.groups where !seen.contains(where: { $0.0 == group.group }) {
                seen.append((group.group, group.staffable))
            }
        }
        return seen
    }

    /// `{"scenario", "rule", "seed", "replications", "intervals": [{"start", "local_time", "queue",
    /// "groups": {name: agents}, "service_level": {"mean", "ci95"}, "abandon_rate": …, "asa_s": …,
    /// "offered": …, "meets_targets", "erlang_c", "erlang_a", "estimate"}, …], "agent_hours",
    /// "agent_hours_by_group", "cost", "all_targets_met", "simulations", "full_plan_simulations",
    /// "simulated_chats", "run_id"}`.
    package func json() -> JSONValue {
        func summary(_ s: ReplicationSummary) -> JSONValue {
            .object([("mean", .number(s.mean)), ("ci95", .number(s.halfWidth))])
        }
        func count(_ n: Int?) -> JSONValue { n.map { .integer(Int64($0)) } ?? .null }
        let intervals: [JSONValue] = result.intervals.map { interval in
            .object([
                ("start", .number(interval.startSeconds)),
                ("local_time", .string(interval.localTime)),
                ("queue", .string(interval.queue)),
                ("groups", .object(interval.groups.map { ($0.group, .integer(Int64($0.agents))) })),
                ("service_level", summary(interval.outcome.serviceLevel)),
                ("abandon_rate", summary(interval.outcome.abandonRate)),
                ("asa_s", summary(interval.outcome.asaSeconds)),
                ("offered", summary(interval.outcome.offered)),
                ("meets_targets", .bool(interval.meetsTargets)),
                ("erlang_c", count(interval.erlangC)),
                ("erlang_a", count(interval.erlangA)),
                ("estimate", count(interval.estimate)),
            ])
        }
        return .object([
            ("scenario", .string(result.scenario.name)),
            ("rule", .string(result.rule.rawValue)),
            ("seed", seed <= UInt64(Int64.max) ? .integer(Int64(seed)) : .string(String(seed))),
            ("replications", .integer(Int64(result.replications))),
            ("intervals", .array(intervals)),
            ("agent_hours", .number(result.agentHours)),
            ("agent_hours_by_group", .object(result.agentHoursByGroup.map { ($0.group, .number($0.hours)) })),
            ("cost", .number(result.cost)),
            ("all_targets_met", .bool(result.meetsAllTargets)),
            ("simulations", .integer(Int64(result.evaluations))),
            ("full_plan_simulations", .integer(Int64(result.verificationRuns))),
            ("simulated_chats", .integer(Int64(result.simulatedChats))),
            ("run_id", runID.map { .integer($0) } ?? .null),
        ])
    }

    /// A heading, one row per interval and queue, and the totals.
    package func table(database: String) -> String {
        let groups = self.groups
        var rows = [["interval", "queue"] + groups.map { $0.name + ($0.staffable ? "*" : "") }
                    + ["service level", "abandon rate", "ASA s", "Erlang C", "Erlang A", "estimate", "met"]]
        for interval in result.intervals {
            let counts = groups.map { group in interval.groups.first { $0.group == group.name }.map { String($0.agents) } ?? "" }
            rows.append([interval.localTime, interval.queue] + counts + [
                Self.cell(interval.outcome.serviceLevel, digits: 4), Self.cell(interval.outcome.abandonRate, digits: 4),
                Self.cell(interval.outcome.asaSeconds, digits: 1),
                interval.erlangC.map(String.init) ?? "—", interval.erlangA.map(String.init) ?? "—",
                interval.estimate.map(String.init) ?? "—", interval.meetsTargets ? "yes" : "NO",
            ])
        }
        let met = result.intervals.filter(\.meetsTargets).count
        let hours = result.agentHoursByGroup.map { "\($0.group) \(RunReport.format($0.hours, digits: 1))" }
        let heading = "\(result.scenario.name): rule \(result.rule.rawValue), \(result.replications) replications, "
            + "seed \(seed)" + (runID.map { ", run \($0) in \(database)" } ?? "")
        let legend = "* staffable: the count found; other groups as scheduled. Erlang C / Erlang A: agents of all "
            + "groups together if each served one chat at a time; estimate: Erlang A with concurrency, RONA and "
            + "breaks folded in, in agents of the staffable group before the others on duty are taken off "
            + "(the search's start)."
        var total = "agent-hours of the staffable groups: " + RunReport.format(result.agentHours, digits: 1)
        total += " (" + hours.joined(separator: ", ") + ")"
        if let cost = result.cost { total += "; cost " + RunReport.format(cost, digits: 2) }
        let summary = "targets met in \(met) of \(result.intervals.count) queue intervals"
        let lines: [String] = [heading, RunReport.align(rows, leftColumns: 2), legend, total, summary]
        return lines.joined(separator: "\n")
    }

    /// `mean ± half-width`, `mean` without an interval, `—` without a mean.
    package static func cell(_ s: ReplicationSummary, digits: Int) -> String {
        guard let mean = s.mean else { return "—" }
        let m = RunReport.format(mean, digits: digits)
        return s.halfWidth.map { "\(m) ± \(RunReport.format($0, digits: digits))" } ?? m
    }
}
