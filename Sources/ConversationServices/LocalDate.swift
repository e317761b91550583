// SPDX-License-Identifier: GPL-3.0-or-later

/// A calendar date (proleptic Gregorian) with no time zone: a holiday, or "the day" in a queue's zone.
///
/// Stored as a day number (days since 1970-01-01), so dates compare and step as integers; the
/// civil-date conversions are Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    @inlinable public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date `year-month-day`; refused when the day does not exist in that month.
    public init(year: Int, month: Int, day: Int) throws(CalendarError) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            throw .invalidDate("\(year)-\(month)-\(day)")
        }
        dayNumber = Self.dayNumber(year: year, month: month, day: day)
    }

    /// Parses an ISO 8601 date, `2026-12-25`.
    public init(iso text: String) throws(CalendarError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw .invalidDate(text)
        }
        do { try self.init(year: year, month: month, day: day) } catch { throw .invalidDate(text) }
    }

    public var year: Int { Self.civil(dayNumber).year }
    public var month: Int { Self.civil(dayNumber).month }
    public var day: Int { Self.civil(dayNumber).day }

    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let index = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: index)!
    }

    /// The date `days` later (earlier when negative).
    @inlinable public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    @inlinable public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public var description: String {
        let (y, m, d) = Self.civil(dayNumber)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    // MARK: Civil-date arithmetic

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
