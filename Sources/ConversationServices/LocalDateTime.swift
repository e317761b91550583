// SPDX-License-Identifier: GPL-3.0-or-later

/// A wall-clock reading with no time zone, to the second: a scenario's `start`, an opening time.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    /// Seconds since local midnight, 0 ..< 86 400.
    public let secondOfDay: Int

    /// The reading `hour:minute:second` on `date`.
    public init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) throws(CalendarError) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
            throw .invalidDateTime("\(date) \(hour):\(minute):\(second)")
        }
        self.date = date
        secondOfDay = hour * 3600 + minute * 60 + second
    }

    /// The reading at `localSeconds` seconds since 1970-01-01 00:00 on the local wall clock.
    init(localSeconds: Int64) {
        let day = floorDivide(localSeconds, 86_400)
        date = LocalDate(dayNumber: Int(day))
        secondOfDay = Int(localSeconds - day * 86_400)
    }

    /// Parses an ISO 8601 local date-time: `2026-11-23T08:00` or `2026-11-23T08:00:30` (a space may replace `T`).
    public init(iso text: String) throws(CalendarError) {
        let halves = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard halves.count == 2 else { throw .invalidDateTime(text) }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let hour = Int(clock[0]), let minute = Int(clock[1]),
              let second = clock.count == 3 ? Int(clock[2]) : 0 else {
            throw .invalidDateTime(text)
        }
        do {
            try self.init(date: LocalDate(iso: String(halves[0])), hour: hour, minute: minute, second: second)
        } catch {
            throw .invalidDateTime(text)
        }
    }

    /// Seconds since 1970-01-01 00:00 on the local wall clock (not an instant: the zone decides that).
    public var localSeconds: Int64 { Int64(date.dayNumber) * 86_400 + Int64(secondOfDay) }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay / 60 % 60 }
    public var second: Int { secondOfDay % 60 }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.localSeconds < b.localSeconds }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
    }
}

/// `a / b` rounded toward negative infinity (`b` > 0), for times before an origin.
func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
