// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation

/// SIGINT and SIGTERM raise one stop flag that every simulating command hands to its session.
enum Interruption {
    /// Raised on SIGINT or SIGTERM; the run in progress then ends early and is stored as interrupted.
    static let flag = StopFlag()

    /// Raises ``flag`` on SIGINT and SIGTERM.
    ///
    /// The signals are also unblocked: a blocked signal mask is inherited through `exec`, and
    /// a parent that blocks them in the thread that spawns Parley (test runners and some
    /// process supervisors do) would otherwise leave them pending until the run ends. Called
    /// before any worker thread exists, so every thread inherits the unblocked mask.
    static func install() {
        signal(SIGINT) { _ in Interruption.flag.raise() }
        signal(SIGTERM) { _ in Interruption.flag.raise() }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
