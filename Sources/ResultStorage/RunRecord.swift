// SPDX-License-Identifier: GPL-3.0-or-later

/// What is known about a run when it starts: the input to ``ResultStore/beginRun(_:)``.
public struct RunRecord: Sendable, Hashable {
    /// The scenario's name.
    public var scenarioName: String
    /// The scenario file's full text, stored once per distinct text.
    public var scenarioYAML: String
    /// The command that made the run (`run`, `compare`, `staff`).
    public var command: String
    /// The version of Parley that ran it.
    public var parleyVersion: String
    /// The git revision Parley was built from, when known.
    public var gitRevision: String?
    /// The base seed; stored as the `Int64` with the same bit pattern.
    public var seed: UInt64
    /// Replications requested.
    public var replications: Int
    /// The assignment strategy the run forced on every queue, if any.
    public var strategy: String?
    /// When the run started, ISO 8601, given by the caller (the store reads no clock).
    public var startedAt: String

    public init(scenarioName: String, scenarioYAML: String, command: String, parleyVersion: String,
                gitRevision: String?, seed: UInt64, replications: Int, strategy: String?,
                startedAt: String) {
        self.scenarioName = scenarioName
        self.scenarioYAML = scenarioYAML
        self.command = command
        self.parleyVersion = parleyVersion
        self.gitRevision = gitRevision
        self.seed = seed
        self.replications = replications
        self.strategy = strategy
        self.startedAt = startedAt
    }
}
