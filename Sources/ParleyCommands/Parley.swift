// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Runs

/// The `parley` command line: parses, calls the library, prints (SPEC §6).
public struct Parley: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Simulate and load-test contact-center chat operations.",
        version: ParleyVersion.current,
        subcommands: [RunCommand.self, CompareCommand.self, StaffCommand.self, RosterCommand.self, ReportCommand.self, ShowCommand.self,
                      MergeCommand.self, SweepCommand.self, ValidateCommand.self, BenchCommand.self, ErlangCommand.self,
                      ValidateTheoryCommand.self, ServeCommand.self, DriveCommand.self])

    public init() {}

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    ///
    /// Exit status (SPEC §6): 0 success, 1 failed run or check, 2 bad usage or bad scenario,
    /// 130 interrupted. A ``CommandError``'s message is printed here, once.
    public static func main(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as CommandError {
            if !error.message.isEmpty { Terminal.writeError(error.message) }
            return error.exitCode
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { Terminal.writeError(message) }
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

/// Standard error and terminal checks.
enum Terminal {
    /// Writes a line to standard error.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress is shown only then).
    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
