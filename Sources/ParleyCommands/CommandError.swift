// SPDX-License-Identifier: GPL-3.0-or-later

import Runs

/// Why a command failed: the message printed once on standard error by ``Parley/main(arguments:)``
/// and the exit status (SPEC §6: 1 failed run or check, 2 bad usage or bad scenario, 130 interrupted).
struct CommandError: Error {
    /// The lines to print on standard error; empty when the command already said everything.
    var message: String
    var exitCode: Int32

    /// A bad scenario, file or option (exit 2).
    static func usage(_ message: String) -> CommandError { CommandError(message: message, exitCode: 2) }

    /// A run, check or write that failed (exit 1).
    static func failure(_ message: String) -> CommandError { CommandError(message: message, exitCode: 1) }

    /// A run stopped by SIGINT or SIGTERM (exit 130).
    static func interrupted(_ message: String = "") -> CommandError { CommandError(message: message, exitCode: 130) }

    /// A session's failure: a refused scenario or database is a usage error, a storage failure a failed run.
    static func session(_ error: RunError) -> CommandError {
        switch error {
        case .scenario, .unusableDatabase: .usage(error.description)
        case .storage: .failure(error.description)
        }
    }
}
