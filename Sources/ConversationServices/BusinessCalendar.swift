// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

/// A queue's business hours as configured: weekly hours, a time zone and holidays (SPEC §2.5, §3.2).
///
/// ```yaml
/// calendar:
///   timezone: Europe/Berlin
///   hours: {mon-fri: "08:00-20:00", sat: "09:00-14:00"}
///   holidays: [2026-12-25]
/// ```
/// A day without hours is closed; a holiday is closed all day. A day may have several ranges
/// (`"08:00-12:00, 13:00-18:00"`); overlapping ranges are merged. An overnight range
/// (`"22:00-02:00"`) belongs to the day it opens on: a holiday closes the ranges that open on
/// it, and a range opening the evening before a holiday runs into the holiday's morning.
///
/// The calendar is a description; ``compile(start:at:until:)`` turns it into an
/// ``OpeningSchedule`` over simulated time, once per scenario, so the event loop never touches
/// a time-zone database.
public struct BusinessCalendar: Sendable, Equatable {
    /// The longest horizon a calendar compiles for.
    public static let maximumHorizon = SimDuration.hours(24 * 3653)

    /// The IANA time-zone name, such as `Europe/Berlin`.
    public let timeZone: String
    /// Opening ranges per weekday, indexed by ``Weekday/rawValue``, in configured order.
    public let weeklyHours: [[OpeningRange]]
    /// Closed days, sorted, without repeats.
    public let holidays: [LocalDate]

    /// A calendar from typed values; refused when the time zone is unknown.
    public init(timeZone: String, weeklyHours: [Weekday: [OpeningRange]],
                holidays: [LocalDate] = []) throws(CalendarError) {
        guard ZoneOffsetTable.isKnownZone(timeZone) else { throw .unknownTimeZone(timeZone) }
        self.timeZone = timeZone
        self.weeklyHours = Weekday.allCases.map { weeklyHours[$0] ?? [] }
        self.holidays = holidays.sorted().reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    }

    /// A calendar from the scenario's text: `hours` as (days, ranges) pairs in file order.
    ///
    /// Days are `mon` … `sun` (or full names), ranges of them (`mon-fri`, wrapping: `sun-tue`) or
    /// comma lists (`mon, wed-fri`); ranges are `HH:MM-HH:MM` separated by commas. A day named by
    /// two keys is refused rather than guessed at.
    public init(timeZone: String, hours: [(days: String, ranges: String)],
                holidays: [String] = []) throws(CalendarError) {
        var weekly: [Weekday: [OpeningRange]] = [:]
        for (key, value) in hours {
            let ranges = try Self.ranges(value)
            for day in try Self.days(key) {
                guard weekly[day] == nil else { throw .dayGivenTwice(day) }
                weekly[day] = ranges
            }
        }
        var dates: [LocalDate] = []
        for text in holidays { dates.append(try LocalDate(iso: String(text.trimmingWhitespace))) }
        try self.init(timeZone: timeZone, weeklyHours: weekly, holidays: dates)
    }

    /// Whether `date` is a holiday.
    ///
    /// - Complexity: O(log h) in the number of holidays.
    public func isHoliday(_ date: LocalDate) -> Bool {
        var low = 0, high = holidays.count
        while low < high {
            let mid = (low + high) / 2
            if holidays[mid] < date { low = mid + 1 } else { high = mid }
        }
        return low < holidays.count && holidays[low] == date
    }

    /// The days a key of `hours` names, in the order written.
    static func days(_ key: String) throws(CalendarError) -> [Weekday] {
        var result: [Weekday] = []
        for item in key.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            let names = ends.map { $0.trimmingWhitespace }
            switch names.count {
            case 1:
                guard let day = Weekday(name: names[0]) else { throw .invalidDays(key) }
                result.append(day)
            case 2:
                guard let first = Weekday(name: names[0]), let last = Weekday(name: names[1]) else {
                    throw .invalidDays(key)
                }
                result += Weekday.range(from: first, through: last)
            default:
                throw .invalidDays(key)
            }
        }
        for (i, day) in result.enumerated() where result[..<i].contains(day) { throw .dayGivenTwice(day) }
        return result
    }

    /// The ranges of a value of `hours`.
    static func ranges(_ value: String) throws(CalendarError) -> [OpeningRange] {
        var result: [OpeningRange] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            do { result.append(try OpeningRange(parsing: part.trimmingWhitespace)) } catch {
                if case .emptyRange = error { throw error }
                throw .invalidHours(value)
            }
        }
        return result
    }
}
