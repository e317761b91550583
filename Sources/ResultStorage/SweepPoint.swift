// SPDX-License-Identifier: GPL-3.0-or-later

/// The grid point a run of `parley sweep` ran: a row of `sweep_points`.
public struct SweepPoint: Sendable, Hashable {
    /// The grid point's run.
    public var runID: Int64
    /// The sweep it belongs to: the run id of its first grid point.
    public var sweepRunID: Int64
    /// The `--vary` overrides of the point, `key=value`, in the order of the `--vary` options.
    public var settings: [String]

    public init(runID: Int64, sweepRunID: Int64, settings: [String]) {
        self.runID = runID
        self.sweepRunID = sweepRunID
        self.settings = settings
    }
}
