// SPDX-License-Identifier: GPL-3.0-or-later

/// A local date and time as a scenario writes it — `2026-11-23T08:00`, `2026-11-23 08:15:30` — with every field checked.
///
/// The year is 1 to 9999, the month 1 to 12, the day valid for its month (29 February only
/// in a leap year of the proleptic Gregorian calendar), the hour 0 to 23, minutes and
/// seconds 0 to 59; each field is ASCII digits only, so no field can overflow a computation.
struct LocalDateTimeText: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// Seconds after midnight.
    var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Reads `text`, or returns nil if it is not a valid local date and time.
    ///
    /// - Parameter timeOptional: Also accept a date alone (`2026-11-23`, midnight).
    init?(_ text: String, timeOptional: Bool = false) {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false).count == 2
            ? text.split(separator: "T", omittingEmptySubsequences: false)
            : text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 || (timeOptional && parts.count == 1) else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let time = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false) : ["00", "00"]
        guard date.count == 3, (2...3).contains(time.count),
              let year = Self.field(date[0], digits: 1...4), let month = Self.field(date[1], digits: 1...2),
              let day = Self.field(date[2], digits: 1...2), let hour = Self.field(time[0], digits: 1...2),
              let minute = Self.field(time[1], digits: 1...2) else { return nil }
        let second = time.count == 3 ? Self.field(time[2], digits: 1...2) : 0
        guard let second, (1...9999).contains(year), (1...12).contains(month),
              (1...Self.days(inMonth: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Days in `month` of `year` (proleptic Gregorian).
    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A field of `digits` ASCII digits, or nil.
    private static func field(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.count), text.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(text)
    }
}
