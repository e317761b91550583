// SPDX-License-Identifier: GPL-3.0-or-later

/// Why `parley staff` cannot search a scenario's staffing; the text says what to change.
public struct StaffingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
