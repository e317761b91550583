// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios
import Testing

@Suite("Rates")
struct RateTextTests {
    /// Texts and their rates per second, each computed as the parser does (count / period in seconds).
    static let rates: [(text: String, perSecond: Double)] = [
        ("120/h", 120.0 / 3_600), ("2/m", 2.0 / 60), ("0.5/s", 0.5), ("100/30m", 100.0 / 1_800),
        ("120", 120.0 / 3_600), ("12.5", 12.5 / 3_600), ("12/d", 12.0 / 86_400), ("12/1h30m", 12.0 / 5_400),
        ("12/1ms", 12.0 / 0.001), ("1/250ms", 1.0 / 0.25), ("5/90", 5.0 / 90), ("3/2h", 3.0 / 7_200), ("0/h", 0.0),
    ]

    @Test("rates per unit, per duration, or a plain number per hour", arguments: rates)
    func parses(text: String, perSecond: Double) {
        let rate = RateText(text)
        #expect(rate?.perSecond == perSecond)
        #expect(RateText.perSecond(from: text) == perSecond)
        #expect(rate?.text == text)
        #expect(rate.map(String.init(describing:)) == text)
    }

    @Test("anything else is not a rate", arguments: [
        "/h", "12/", "12/x", "12/0s", "a/h", "12/ms", "12/0", "1/2/h", "12 /h", "12/ h", "-1/h", "+1/h", "1e3/h",
        "12/H", ".5/h", "5./h", "", "/", "h", "12/30m1h", "12/1m30m", "12/-5s", "12h", "-120",
    ])
    func rejects(text: String) {
        #expect(RateText(text) == nil)
        #expect(RateText.perSecond(from: text) == nil)
    }

    @Test("a rate per hour is its value per second times 3,600")
    func perHour() {
        #expect(RateText("2/m")?.perHour == 120)
        #expect(RateText("120")?.perHour == 120)
    }

    @Test("the accepted forms name every form")
    func acceptedForms() {
        #expect(RateText.acceptedForms == "N/h, N/m, N/s, N/<duration> such as 100/30m, or a plain number per hour")
        #expect(DurationText.commandLineForms
            == "a number of seconds or <number><unit> parts with units ms, s, m, h, d (20s, 4m, 1h30m)")
    }
}
