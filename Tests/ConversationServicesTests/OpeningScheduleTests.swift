// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import ParleyTime
import Testing
@testable import ConversationServices

/// Business hours compiled onto simulated time, daylight saving included (SPEC §2.5, §3 "Calendar and time").
@Suite struct OpeningScheduleTests {
    func h(_ hours: Double) -> SimTime { .zero + .hours(hours) }

    func schedule(_ hours: [(days: String, ranges: String)], holidays: [String] = [], zone: String = "Europe/Berlin",
                  start: String, at startTime: SimTime = .zero, days: Double = 7) throws -> OpeningSchedule {
        try BusinessCalendar(timeZone: zone, hours: hours, holidays: holidays)
            .compile(start: LocalDateTime(iso: start), at: startTime, until: .zero + .hours(24 * days))
    }

    /// The open intervals in hours of simulated time.
    func intervals(_ s: OpeningSchedule) -> [ClosedRange<Double>] {
        s.openIntervals.map { $0.lowerBound.seconds / 3600 ... $0.upperBound.seconds / 3600 }
    }

    @Test func theScenarioExampleWeek() throws {
        // 2026-11-23 is a Monday; November in Berlin is CET all week.
        let s = try schedule([("mon-fri", "08:00-20:00"), ("sat", "09:00-14:00")], start: "2026-11-23T00:00")
        #expect(intervals(s) == [8...20, 32...44, 56...68, 80...92, 104...116, 129...134])
        #expect(!s.isOpen(at: h(8) + SimDuration(microseconds: -1)))
        #expect(s.isOpen(at: h(8)))                                    // open at the opening instant
        #expect(s.isOpen(at: h(20) + SimDuration(microseconds: -1)))
        #expect(!s.isOpen(at: h(20)))                                  // closed at the closing instant
        #expect(s.nextChange(after: .zero) == h(8))
        #expect(s.nextChange(after: h(8)) == h(20))
        #expect(s.nextChange(after: h(130)) == h(134))
        #expect(s.nextChange(after: h(134)) == .never)                 // Monday 08:00 is past the horizon
    }

    @Test func aHolidayIsClosedAllDay() throws {
        // 2026-12-21 is a Monday; the 25th a Friday.
        let s = try schedule([("mon-fri", "08:00-20:00")], holidays: ["2026-12-25"], start: "2026-12-21T00:00")
        #expect(intervals(s) == [8...20, 32...44, 56...68, 80...92])
        #expect(!s.isOpen(at: h(4 * 24 + 12)))
    }

    @Test func simulatedTimeMayStartWithAWarmUpBeforeTheScenarioStart() throws {
        let s = try schedule([("mon-fri", "08:00-20:00")], start: "2026-11-23T00:00", at: h(24))
        #expect(s.localDate(at: .zero).description == "2026-11-22")
        #expect(s.localDateTime(at: h(32)).description == "2026-11-23T08:00:00")
        #expect(intervals(s).first == 32...44)
    }

    @Test func aWholeDayLasts23HoursWhenTheClocksSpringForward() throws {
        // Berlin, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST. Holidays around it isolate its interval.
        let s = try schedule([("mon-sun", "00:00-24:00")], holidays: ["2026-03-28", "2026-03-30"],
                             start: "2026-03-27T00:00", days: 5)
        #expect(intervals(s) == [0...24, 48...71, 95...120])
        let day = try LocalDate(iso: "2026-03-29")
        #expect(s.startOfDay(day.adding(days: 1)) - s.startOfDay(day) == .hours(23))
    }

    @Test func aWholeDayLasts25HoursWhenTheClocksFallBack() throws {
        // Berlin, Sunday 2026-10-25: 03:00 CEST falls back to 02:00 CET.
        let s = try schedule([("mon-sun", "00:00-24:00")], holidays: ["2026-10-24", "2026-10-26"],
                             start: "2026-10-23T00:00", days: 5)
        #expect(intervals(s) == [0...24, 48...73, 97...120])
        let day = try LocalDate(iso: "2026-10-25")
        #expect(s.startOfDay(day.adding(days: 1)) - s.startOfDay(day) == .hours(25))
    }

    @Test func openingHoursStayAtLocalTimeAcrossTheSpringChange() throws {
        let s = try schedule([("mon-fri", "08:00-20:00")], start: "2026-03-23T00:00", days: 9)
        let opens = s.openIntervals.map(\.lowerBound)
        #expect(opens.map { s.localDateTime(at: $0).description } == [
            "2026-03-23T08:00:00", "2026-03-24T08:00:00", "2026-03-25T08:00:00", "2026-03-26T08:00:00",
            "2026-03-27T08:00:00", "2026-03-30T08:00:00", "2026-03-31T08:00:00"])
        #expect(opens[5] - opens[4] == .hours(71))                      // Friday to Monday, one hour short
        #expect(intervals(s)[5] == 175...187)
    }

    @Test func openingHoursStayAtLocalTimeAcrossTheFallChange() throws {
        let s = try schedule([("mon-fri", "08:00-20:00")], start: "2026-10-19T00:00", days: 8)
        let opens = s.openIntervals.map(\.lowerBound)
        #expect(s.localDateTime(at: opens[5]).description == "2026-10-26T08:00:00")
        #expect(opens[5] - opens[4] == .hours(73))                      // one hour long
        #expect(intervals(s)[5] == 177...189)
    }

    @Test func anOpeningTimeTheClocksSkipOpensWhenTheGapEnds() throws {
        // 02:30 does not exist on 2026-03-29; the shop opens when the clock shows 03:00.
        let s = try schedule([("sun", "02:30-04:00")], start: "2026-03-29T00:00", days: 1)
        #expect(intervals(s) == [2...3])
        #expect(s.localDateTime(at: h(2)).description == "2026-03-29T03:00:00")
        let skipped = try schedule([("sun", "02:00-03:00")], start: "2026-03-29T00:00", days: 1)
        #expect(skipped.openIntervals.isEmpty)
    }

    @Test func aRepeatedHourOpensAtItsFirstAndClosesAtItsLastOccurrence() throws {
        // 02:00-03:00 happens twice on 2026-10-25. Start 00:00 CEST is 22:00 UTC the day before.
        let closing = try schedule([("sun", "01:00-02:30")], start: "2026-10-25T00:00", days: 1)
        #expect(intervals(closing) == [1...3.5])
        let opening = try schedule([("sun", "02:30-04:00")], start: "2026-10-25T00:00", days: 1)
        #expect(intervals(opening) == [2.5...5])
    }

    @Test func anOvernightRangeBelongsToTheDayItOpensOn() throws {
        // 2026-11-27 is a Friday.
        let base = [(days: "fri", ranges: "22:00-02:00")]
        #expect(intervals(try schedule(base, start: "2026-11-27T00:00", days: 2)) == [22...26])
        #expect(intervals(try schedule(base, holidays: ["2026-11-28"], start: "2026-11-27T00:00", days: 2)) == [22...26])
        #expect(intervals(try schedule(base, holidays: ["2026-11-27"], start: "2026-11-27T00:00", days: 2)) == [])
    }

    @Test func overlappingAndTouchingRangesMerge() throws {
        let s = try schedule([("mon", "08:00-12:00, 11:00-14:00, 14:00-15:00, 20:00-24:00"), ("tue", "00:00-08:00")],
                             start: "2026-11-23T00:00", days: 2)
        #expect(intervals(s) == [8...15, 20...32])
        #expect(s.nextChange(after: h(21)) == h(32))
    }

    @Test func anOpenIntervalRunningPastTheHorizonEndsThere() throws {
        let s = try schedule([("mon-sun", "00:00-24:00")], start: "2026-11-23T00:00", days: 2)
        #expect(intervals(s) == [0...48])
        #expect(s.isOpen(at: h(48)) && s.nextChange(after: .zero) == .never)
    }

    @Test func theLocalDayFollowsTheQueuesZoneNotUTC() throws {
        // New York in November is UTC-5: UTC midnight is 19:00 local, within the same local day.
        let s = try schedule([("mon-fri", "08:00-20:00")], zone: "America/New_York", start: "2026-11-23T00:00", days: 2)
        #expect(s.localDate(at: h(18.5)).description == "2026-11-23")
        #expect(s.localDate(at: h(19.5)).description == "2026-11-23")
        #expect(s.localDate(at: h(24)).description == "2026-11-24")
        #expect(s.instant(of: try LocalDateTime(iso: "2026-11-24T08:00")) == h(32))
    }

    @Test func localTimesAgreeWithFoundationEveryHalfHourOfAYear() throws {
        // Lord Howe Island shifts by 30 minutes; Berlin by an hour.
        for zone in ["Europe/Berlin", "Australia/Lord_Howe"] {
            let s = try schedule([("mon", "08:00-20:00")], zone: zone, start: "2026-01-01T00:00", days: 366)
            let tz = TimeZone(identifier: zone)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = tz
            let origin = Double(s.originUnixMicroseconds) / 1_000_000
            for step in stride(from: 0.0, through: 366 * 48, by: 1) {
                let time = h(step / 2)
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute],
                                                    from: Date(timeIntervalSince1970: origin + time.seconds))
                let local = s.localDateTime(at: time)
                #expect(local.date.year == parts.year && local.date.month == parts.month && local.date.day == parts.day
                        && local.hour == parts.hour && local.minute == parts.minute, "\(zone) at \(time)")
            }
        }
    }

    @Test func badHorizonsAreRefused() throws {
        let c = try BusinessCalendar(timeZone: "Europe/Berlin", hours: [("mon", "08:00-20:00")])
        let start = try LocalDateTime(iso: "2026-11-23T00:00")
        #expect(throws: CalendarError.invalidHorizon(.zero)) { try c.compile(start: start, until: .zero) }
        let tooLong = SimTime.zero + .hours(24 * 3654)
        #expect(throws: CalendarError.invalidHorizon(tooLong)) { try c.compile(start: start, until: tooLong) }
    }
}
