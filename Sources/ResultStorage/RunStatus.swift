// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a run stands: `running` until it ends, then how it ended.
///
/// The raw values are the texts stored in `runs.status`, whose CHECK constraint allows
/// exactly these four.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    /// Started and not yet finished — or its process died without finishing it.
    case running
    /// Every replication ran and its results were recorded.
    case complete
    /// Stopped by SIGINT or SIGTERM; the replications recorded so far are valid.
    case interrupted
    /// Stopped by an error.
    case failed
}
