// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios

/// What `parley staff` found: a plan per staffable group, and per queue and interval what it achieves.
public struct StaffingResult: Sendable {
    /// The scenario with each staffable group's plan set (its `count` a plan, its shifts removed):
    /// `parley run` of it with the same seed and replications reproduces ``intervals``.
    public var scenario: Scenario
    public var rule: StaffingRule
    public var replications: Int
    /// The staffable groups in file order, with their plans.
    public var plans: [(group: String, plan: StaffingPlan)]
    /// Per interval of the window, in time order, each queue with targets in file order.
    public var intervals: [StaffingInterval]
    /// Agent-hours of the staffable groups inside the window, in total and per group (file order).
    public var agentHours: Double
    public var agentHoursByGroup: [(group: String, hours: Double)]
    /// Σ agent-hours × `cost_per_hour` when the groups have costs.
    public var cost: Double?
    /// Simulations run (each of every replication), full-plan checks among them, and the chats they simulated.
    public var evaluations: Int
    public var verificationRuns: Int
    public var simulatedChats: Int
    /// Of the evaluations, those that went on from the plan's replications paused at the
    /// interval's start instead of simulating from the start (the same figures either way;
    /// ``simulatedChats`` counts a resumed run's chats from the start).
    public var resumedEvaluations = 0

    /// Whether every queue meets its targets in every interval.
    public var meetsAllTargets: Bool { intervals.allSatisfy(\.meetsTargets) }
}
