// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import RoutingCore
import Testing
@testable import ConversationServices

/// The out-of-hours message: SMS and WhatsApp outside business hours, once per contact per local day (SPEC §2.5, §7).
@Suite struct AutoReplyServiceTests {
    let eva = ContactID(1), tom = ContactID(2)

    func h(_ hours: Double) -> SimTime { .zero + .hours(hours) }

    /// Support, Berlin, weekdays 08:00-20:00, from Monday 2026-11-23 00:00.
    func service(zone: String = "Europe/Berlin", enabled: Bool = true, calendar: Bool = true) throws -> AutoReplyService {
        let replies = try AutoReplySet(team: "Support", replies: [
            .outOfHours: AutoReplyConfiguration(text: "Hallo {customer}, wir sind ab 8 Uhr wieder da.", enabled: enabled)])
        let schedule = try BusinessCalendar(timeZone: zone, hours: [("mon-fri", "08:00-20:00")])
            .compile(start: LocalDateTime(iso: "2026-11-23T00:00"), until: h(7 * 24))
        return AutoReplyService(replies: replies, schedule: calendar ? schedule : nil)
    }

    @Test func anSMSAfterHoursGetsTheMessageOncePerDay() throws {
        var s = try service()
        let reply = s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(21))
        #expect(reply == AutoMessage(trigger: .outOfHours, text: "Hallo Eva, wir sind ab 8 Uhr wieder da."))
        #expect(s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(22)) == nil)
        #expect(s.outOfHoursReply(to: eva, on: .whatsapp, customer: "Eva", at: h(23.9)) == nil)
        #expect(s.outOfHoursReply(to: tom, on: .whatsapp, customer: "Tom", at: h(23))?.text
                == "Hallo Tom, wir sind ab 8 Uhr wieder da.")
    }

    @Test func aNewLocalDayAllowsTheMessageAgain() throws {
        var s = try service()
        #expect(s.outOfHoursReply(to: eva, on: .whatsapp, customer: "Eva", at: h(21)) != nil)
        #expect(s.outOfHoursReply(to: eva, on: .whatsapp, customer: "Eva", at: h(24.5)) != nil)   // Tuesday 00:30
        #expect(s.outOfHoursReply(to: eva, on: .whatsapp, customer: "Eva", at: h(31)) == nil)     // Tuesday 07:00
        #expect(s.outOfHoursReply(to: eva, on: .whatsapp, customer: "Eva", at: h(45)) == nil)     // Tuesday 21:00: same day
    }

    @Test func theDayIsTheQueuesLocalDayNotUTCs() throws {
        // New York is UTC-5: 04:00 and 06:00 local lie on two UTC days but one local day.
        var s = try service(zone: "America/New_York")
        #expect(s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(4)) != nil)
        #expect(s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(6)) == nil)
    }

    @Test func nothingWithinBusinessHours() throws {
        var s = try service()
        #expect(s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(9)) == nil)
        #expect(s.ledger.rememberedCount == 0)
    }

    @Test func onlySMSAndWhatsAppAndWithoutUsingUpTheDay() throws {
        var s = try service()
        for channel in [Channel.liveChat, .facebook, .internal] {
            #expect(s.outOfHoursReply(to: eva, on: channel, customer: "Eva", at: h(21)) == nil)
        }
        #expect(s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(22)) != nil)
    }

    @Test func nothingWhenSwitchedOffOrWithoutACalendar() throws {
        var off = try service(enabled: false)
        #expect(off.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(21)) == nil)
        #expect(off.ledger.rememberedCount == 0)
        var alwaysOpen = try service(calendar: false)
        #expect(alwaysOpen.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(21)) == nil)
        #expect(alwaysOpen.isOpen(at: h(21)) && !off.isOpen(at: h(21)))
    }

    @Test func everyTicketCreatedOutOfHoursGetsTheMessage() throws {
        let s = try service()
        #expect(s.outOfHoursReply(toTicketBy: "Eva", createdAt: h(21))?.trigger == .outOfHours)
        #expect(s.outOfHoursReply(toTicketBy: "Eva", createdAt: h(21.5)) != nil)
        #expect(s.outOfHoursReply(toTicketBy: "Eva", createdAt: h(10)) == nil)
    }

    @Test func theMemoryHoldsOnlyTheLatestDayAndCanForget() throws {
        var s = try service()
        _ = s.outOfHoursReply(to: eva, on: .sms, customer: "Eva", at: h(21))
        _ = s.outOfHoursReply(to: tom, on: .sms, customer: "Tom", at: h(21))
        #expect(s.ledger.rememberedCount == 2)
        _ = s.outOfHoursReply(to: tom, on: .sms, customer: "Tom", at: h(25))       // Tuesday: Monday is dropped
        #expect(s.ledger.rememberedCount == 1 && s.ledger.day?.description == "2026-11-24")
        s.forget(tom)
        #expect(s.outOfHoursReply(to: tom, on: .sms, customer: "Tom", at: h(26)) != nil)
    }

    @Test func aDayBeforeTheLatestIsNotSuppressed() {
        var ledger = OutOfHoursLedger()
        let monday = LocalDate(dayNumber: 20_415), tuesday = monday.adding(days: 1)
        let first = ledger.claim(eva, on: tuesday)
        let earlier = ledger.claim(eva, on: monday)           // time went backwards: sent, not remembered
        let again = ledger.claim(eva, on: tuesday)
        #expect(first && earlier && !again)
    }
}
