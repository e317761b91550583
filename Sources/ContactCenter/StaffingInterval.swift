// SPDX-License-Identifier: GPL-3.0-or-later

/// One queue in one interval of a staffing plan: the agents staffed, what they achieved, and
/// the analytic answers beside them.
public struct StaffingInterval: Sendable, Equatable {
    /// Agents of one group on duty in the interval.
    public struct GroupCount: Sendable, Equatable {
        public var group: String
        public var agents: Int
        /// Whether the search chose the count (else it comes from the group's count, shifts or plan).
        public var staffable: Bool
    }

    public var queue: String
    /// The interval's index in the measured window.
    public var index: Int
    /// Start, in seconds after the window's start, and length in seconds (the last may be short).
    public var startSeconds: Double
    public var lengthSeconds: Double
    /// The interval's start in local time, such as `mon 08:30`.
    public var localTime: String
    /// Every group serving the queue, in file order; a non-staffable group counts the agents
    /// its shifts or plan put on duty at the middle of the interval.
    public var groups: [GroupCount]
    /// The queue's figures in the interval, over the replications of the final plan.
    public var outcome: IntervalOutcome
    /// Whether the queue's targets are met under the search's rule.
    public var meetsTargets: Bool
    /// Fewest agents by Erlang C and Erlang A treating agents as serving one chat at a time;
    /// nil when no staffing meets the targets (Erlang C with a load beyond any staffing).
    public var erlangC: Int?
    public var erlangA: Int?
    /// Fewest agents of the first group to add by Erlang A with the chat model folded in (the search's start).
    public var estimate: Int?
}
