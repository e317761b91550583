// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Testing
@testable import ConversationServices

/// Reading a business-hours calendar from the scenario's text (SPEC §3.2 `calendar`).
@Suite struct BusinessCalendarTests {
    func calendar(_ hours: [(days: String, ranges: String)], holidays: [String] = [],
                  zone: String = "Europe/Berlin") throws -> BusinessCalendar {
        try BusinessCalendar(timeZone: zone, hours: hours, holidays: holidays)
    }

    func hours(_ c: BusinessCalendar, _ day: Weekday) -> [String] { c.weeklyHours[day.rawValue].map(\.description) }

    @Test func dayRangesAndSingleDays() throws {
        let c = try calendar([("mon-fri", "08:00-20:00"), ("sat", "09:00-14:00")], holidays: ["2026-12-25"])
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { #expect(hours(c, day) == ["08:00-20:00"]) }
        #expect(hours(c, .saturday) == ["09:00-14:00"])
        #expect(hours(c, .sunday) == [])
        #expect(c.holidays == [try LocalDate(year: 2026, month: 12, day: 25)])
        let christmas = try LocalDate(iso: "2026-12-25")
        #expect(c.isHoliday(christmas) && !c.isHoliday(christmas.adding(days: -1)))
    }

    @Test func severalRangesADayListsOfDaysFullNamesAndWrappingRanges() throws {
        let c = try calendar([("Monday, wed-THU", "08:00-12:00, 13:00-18:00"), ("fri-sun", "9:00-13:00")])
        #expect(hours(c, .monday) == ["08:00-12:00", "13:00-18:00"])
        #expect(hours(c, .tuesday) == [])
        #expect(hours(c, .thursday) == ["08:00-12:00", "13:00-18:00"])
        #expect(hours(c, .sunday) == ["09:00-13:00"])
        #expect(Weekday.range(from: .sunday, through: .tuesday) == [.sunday, .monday, .tuesday])
    }

    @Test func overnightRangesAndTheEndOfTheDay() throws {
        let c = try calendar([("fri", "22:00-02:00"), ("sat", "00:00-24:00")])
        let friday = try #require(c.weeklyHours[Weekday.friday.rawValue].first)
        #expect(friday.isOvernight && friday.opensMinute == 1320 && friday.closesMinute == 120)
        let saturday = try #require(c.weeklyHours[Weekday.saturday.rawValue].first)
        #expect(!saturday.isOvernight && saturday.closesMinute == 1440)
    }

    @Test func holidaysAreSortedWithoutRepeats() throws {
        let c = try calendar([], holidays: ["2026-12-26", "2026-12-25", "2026-12-26"])
        #expect(c.holidays.map(\.description) == ["2026-12-25", "2026-12-26"])
    }

    @Test func badDaysAreRefused() {
        for key in ["funday", "mon-", "mon-fri-sat", "", "mon,,tue"] {
            #expect(throws: CalendarError.invalidDays(key)) { try calendar([(key, "08:00-20:00")]) }
        }
        #expect(throws: CalendarError.dayGivenTwice(.monday)) {
            try calendar([("mon-fri", "08:00-20:00"), ("mon", "09:00-10:00")])
        }
        #expect(throws: CalendarError.dayGivenTwice(.tuesday)) { try calendar([("tue, mon-wed", "08:00-20:00")]) }
    }

    @Test func badHoursAreRefused() {
        for value in ["8-20", "08:00-25:00", "24:00-10:00", "08:60-10:00", "08:00", "08:00-12:00,", "8h-20h", "08:00-1２:00"] {
            #expect(throws: CalendarError.invalidHours(value)) { try calendar([("mon", value)]) }
        }
        #expect(throws: CalendarError.emptyRange("08:00-08:00")) { try calendar([("mon", "08:00-08:00")]) }
        #expect(throws: CalendarError.emptyRange("00:00-00:00")) { try calendar([("mon", "00:00-00:00")]) }
    }

    @Test func anUnknownTimeZoneAndBadDatesAreRefused() {
        #expect(throws: CalendarError.unknownTimeZone("Europe/Atlantis")) {
            try calendar([("mon", "08:00-20:00")], zone: "Europe/Atlantis")
        }
        for date in ["2026-02-30", "2026-2-3", "25.12.2026", "2026-13-01"] {
            #expect(throws: CalendarError.invalidDate(date)) { try calendar([], holidays: [date]) }
        }
    }

    @Test func localDateTimesParseAndRefuse() throws {
        let start = try LocalDateTime(iso: "2026-11-23T00:00")
        #expect(start.date.weekday == .monday && start.secondOfDay == 0)
        #expect(try LocalDateTime(iso: "2026-11-23 08:30:15").description == "2026-11-23T08:30:15")
        for text in ["2026-11-23T24:00", "2026-11-23", "2026-11-23T8:00", "2026-11-31T08:00"] {
            #expect(throws: CalendarError.invalidDateTime(text)) { try LocalDateTime(iso: text) }
        }
    }

    @Test func dateArithmeticAgreesWithFoundationsGregorianCalendar() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        for dayNumber in stride(from: -25_567, through: 47_482, by: 3) {     // 1900-01-01 … 2099-12-31
            let date = LocalDate(dayNumber: dayNumber)
            let parts = gregorian.dateComponents([.year, .month, .day, .weekday],
                                                 from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
            #expect(date.year == parts.year && date.month == parts.month && date.day == parts.day)
            #expect((date.weekday.rawValue + 1) % 7 + 1 == parts.weekday)   // Foundation: Sunday = 1
            #expect(try LocalDate(year: date.year, month: date.month, day: date.day) == date)
        }
        #expect(throws: CalendarError.invalidDate("1900-2-29")) { try LocalDate(year: 1900, month: 2, day: 29) }
        #expect(try LocalDate(iso: "2000-02-29").weekday == .tuesday)
    }
}
