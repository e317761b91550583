// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The process writing a run — its id and host — recorded so that a run left `running` by a
/// killed process can be told from a live one.
///
/// Only a run of the same host can be judged: process ids mean nothing across hosts (and
/// across PID namespaces of containers sharing a host name, a known limit). A process id
/// reused by an unrelated process makes a dead writer look alive; its run then stays
/// `running`, never wrongly `interrupted`.
public struct RunWriter: Sendable, Equatable {
    public var processID: Int32
    public var host: String

    public init(processID: Int32, host: String) {
        self.processID = processID
        self.host = host
    }

    /// This process on this host.
    public static var current: RunWriter { RunWriter(processID: getpid(), host: hostName()) }

    /// Whether a process with this id exists on this host: `kill(pid, 0)` fails with `ESRCH`
    /// only when none does (`EPERM` means it exists but belongs to another user).
    public static func processExists(_ processID: Int32) -> Bool {
        guard processID > 0 else { return false }
        return kill(processID, 0) == 0 || errno != ESRCH
    }

    /// The host name from `gethostname`, which, unlike `ProcessInfo.hostName`, never waits for DNS.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
