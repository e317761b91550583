// SPDX-License-Identifier: GPL-3.0-or-later

/// A run as read back from the database.
public struct StoredRun: Sendable, Hashable {
    /// The run id (`runs.id`).
    public var id: Int64
    /// The name of the run's scenario.
    public var scenarioName: String
    /// Where the run stands.
    public var status: RunStatus
    /// The base seed.
    public var seed: UInt64
    /// Replications requested.
    public var replications: Int
    /// When the run started, ISO 8601.
    public var startedAt: String
    /// When the run ended, ISO 8601; `nil` while it is running.
    public var endedAt: String?

    public init(id: Int64, scenarioName: String, status: RunStatus, seed: UInt64, replications: Int,
                startedAt: String, endedAt: String?) {
        self.id = id
        self.scenarioName = scenarioName
        self.status = status
        self.seed = seed
        self.replications = replications
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
