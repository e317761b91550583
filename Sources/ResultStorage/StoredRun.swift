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
    /// Replications requested (for `--replications auto`, the number the precision rule settled on).
    public var replications: Int
    /// When the run started, ISO 8601.
    public var startedAt: String
    /// When the run ended, ISO 8601; `nil` while it is running.
    public var endedAt: String?
    /// The command that made the run (`run`, `compare`, `staff`).
    public var command: String
    /// The version of Parley that ran it.
    public var parleyVersion: String
    /// The git revision Parley was built from, when known.
    public var gitRevision: String?
    /// The strategy forced on every queue, if any (set by `compare`).
    public var strategy: String?

    public init(id: Int64, scenarioName: String, status: RunStatus, seed: UInt64, replications: Int,
                startedAt: String, endedAt: String?, command: String = "run", parleyVersion: String = "0.1.0",
                gitRevision: String? = nil, strategy: String? = nil) {
        self.id = id
        self.scenarioName = scenarioName
        self.status = status
        self.seed = seed
        self.replications = replications
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.command = command
        self.parleyVersion = parleyVersion
        self.gitRevision = gitRevision
        self.strategy = strategy
    }
}
