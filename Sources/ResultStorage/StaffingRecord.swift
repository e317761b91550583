// SPDX-License-Identifier: GPL-3.0-or-later

/// The agents of one group staffed for one queue in one interval, with what they achieved:
/// a row of `staffing_results`.
public struct StaffingRecord: Sendable, Hashable {
    /// The queue whose targets the staffing is for.
    public var queue: String
    /// Start of the interval, in seconds after the start of the measured window.
    public var intervalStartSeconds: Double
    public var agentGroup: String
    /// Agents of the group staffed in the interval.
    public var agents: Int
    public var serviceLevel: Double?
    public var serviceLevelCI95: Double?
    public var abandonRate: Double?
    public var abandonRateCI95: Double?
    /// Whether the queue's targets are met in the interval.
    public var meetsTargets: Bool

    public init(queue: String, intervalStartSeconds: Double, agentGroup: String, agents: Int,
                serviceLevel: Double?, serviceLevelCI95: Double?, abandonRate: Double?, abandonRateCI95: Double?,
                meetsTargets: Bool) {
        self.queue = queue
        self.intervalStartSeconds = intervalStartSeconds
        self.agentGroup = agentGroup
        self.agents = agents
        self.serviceLevel = serviceLevel
        self.serviceLevelCI95 = serviceLevelCI95
        self.abandonRate = abandonRate
        self.abandonRateCI95 = abandonRateCI95
        self.meetsTargets = meetsTargets
    }
}
