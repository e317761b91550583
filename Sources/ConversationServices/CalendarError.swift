// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// Why a business-hours calendar cannot be built or compiled.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not an IANA time-zone name this system knows (`Europe/Berlin`).
    case unknownTimeZone(String)
    /// A key of `hours` that is not a day (`mon`), a day range (`mon-fri`) or a list of them.
    case invalidDays(String)
    /// A day named by two keys of `hours`.
    case dayGivenTwice(Weekday)
    /// A value of `hours` that is not `HH:MM-HH:MM` ranges separated by commas.
    case invalidHours(String)
    /// A range that opens and closes at the same time.
    case emptyRange(String)
    /// Not an ISO date (`2026-12-25`) or not a day of the calendar.
    case invalidDate(String)
    /// Not an ISO local date-time (`2026-11-23T08:00`).
    case invalidDateTime(String)
    /// A compile horizon that is not after the start of simulated time or is longer than ``BusinessCalendar/maximumHorizon``.
    case invalidHorizon(SimTime)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name): "unknown time zone '\(name)' (use an IANA name such as Europe/Berlin)"
        case .invalidDays(let key): "'\(key)' is not a day, a day range (mon-fri) or a list of them"
        case .dayGivenTwice(let day): "\(day) is given twice"
        case .invalidHours(let text): "'\(text)' is not a list of HH:MM-HH:MM ranges"
        case .emptyRange(let text): "'\(text)' opens and closes at the same time (write 00:00-24:00 for the whole day)"
        case .invalidDate(let text): "'\(text)' is not a date (YYYY-MM-DD)"
        case .invalidDateTime(let text): "'\(text)' is not a local date-time (YYYY-MM-DDTHH:MM)"
        case .invalidHorizon(let end): "the horizon \(end) must be after the start and at most ten years long"
        }
    }
}
