// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime

extension BusinessCalendar {
    /// Compiles the calendar onto simulated time for `SimTime.zero … end`.
    ///
    /// - Parameters:
    ///   - start: the wall-clock reading, in the calendar's zone, at simulated time `startTime`
    ///     (the scenario's `start`; a reading skipped by a spring-forward change means the end of
    ///     the gap, a repeated one its first occurrence).
    ///   - startTime: the simulated time of `start`; the simulator passes its warm-up, since
    ///     simulated time begins with the pre-roll.
    ///   - end: the horizon: the last simulated time the schedule must answer for (warm-up +
    ///     duration + drain limit).
    ///
    /// Opening times resolve to the first instant the wall clock reads them, closing times to
    /// the last (see ``ZoneOffsetTable``): `08:00-20:00` opens at local 08:00 on both sides of a
    /// daylight-saving change, and a whole-day range lasts 23 or 25 hours on the change days.
    /// - Complexity: O(d · r + h / 1 h) for d days, r ranges a day and a horizon of h.
    public func compile(start: LocalDateTime, at startTime: SimTime = .zero,
                        until end: SimTime) throws(CalendarError) -> OpeningSchedule {
        let limit = Self.maximumHorizon.microseconds
        guard end > .zero, end.microseconds <= limit,
              startTime >= .zero, startTime.microseconds <= limit else { throw .invalidHorizon(end) }
        // The zone's table spans the horizon with days to spare on each side: the origin is only
        // known to within the zone's offset until the table exists.
        let margin: Int64 = 4 * 86_400
        let roughOrigin = start.localSeconds - startTime.microseconds / 1_000_000
        let zone = try ZoneOffsetTable.load(identifier: timeZone, from: roughOrigin - margin,
                                            to: roughOrigin + end.microseconds / 1_000_000 + margin)
        let origin = zone.earliestInstant(localSeconds: start.localSeconds) * 1_000_000 - startTime.microseconds

        let firstUnix = floorDivide(origin, 1_000_000)
        let lastUnix = floorDivide(origin + end.microseconds, 1_000_000)
        let firstDay = LocalDateTime(localSeconds: zone.localSeconds(atUnix: firstUnix)).date.adding(days: -2)
        let lastDay = LocalDateTime(localSeconds: zone.localSeconds(atUnix: lastUnix)).date.adding(days: 1)
        let intervals = openIntervals(from: firstDay, through: lastDay, in: zone)

        var boundaries: [Int64] = []
        for (opens, closes) in intervals {
            let open = opens * 1_000_000 - origin, close = closes * 1_000_000 - origin
            guard close > 0 else { continue }
            guard open <= end.microseconds else { break }
            boundaries.append(max(open, 0))
            guard close <= end.microseconds else { break }
            boundaries.append(close)
        }
        return OpeningSchedule(coverage: .zero...end, boundaries: boundaries, originUnixMicroseconds: origin, zone: zone)
    }

    /// The merged open intervals, in Unix seconds, of the ranges opening on the days `first … last`.
    private func openIntervals(from first: LocalDate, through last: LocalDate,
                               in zone: ZoneOffsetTable) -> [(Int64, Int64)] {
        var intervals: [(Int64, Int64)] = []
        for dayNumber in first.dayNumber...last.dayNumber {
            let date = LocalDate(dayNumber: dayNumber)
            guard !isHoliday(date) else { continue }
            let midnight = Int64(dayNumber) * 86_400
            for range in weeklyHours[date.weekday.rawValue] {
                let opens = zone.earliestInstant(localSeconds: midnight + Int64(range.opensMinute) * 60)
                let closingDay = range.isOvernight ? midnight + 86_400 : midnight
                let closes = zone.latestInstant(localSeconds: closingDay + Int64(range.closesMinute) * 60)
                if closes > opens { intervals.append((opens, closes)) }   // a range inside a gap is empty
            }
        }
        intervals.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var merged: [(Int64, Int64)] = []
        for interval in intervals {
            if let last = merged.last, interval.0 <= last.1 {
                merged[merged.count - 1].1 = max(last.1, interval.1)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }
}
