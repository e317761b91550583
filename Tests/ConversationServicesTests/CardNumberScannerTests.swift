// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ConversationServices

/// Finding card numbers in chat text, and what is not one (SPEC §2.7, seed 003).
@Suite struct CardNumberScannerTests {
    func digits(_ text: String) -> [UInt8] { Array(text.utf8.filter { $0 >= 48 && $0 <= 57 }) }

    /// What the text looks like with every digit of `number` but the last four masked (an independent reference).
    func masked(_ number: String) -> String {
        var keep = 4
        return String(number.reversed().map { c -> Character in
            guard c.isASCII, c.isNumber else { return c }
            if keep > 0 { keep -= 1; return c }
            return "*"
        }.reversed())
    }

    @Test func theIndustryTestNumbersAreLuhnValid() {
        for number in TestCardNumbers.digits { #expect(CardNumberScanner.passesLuhn(digits(number)), "\(number)") }
    }

    @Test(arguments: TestCardNumbers.digits, TestCardNumbers.Format.allCases)
    func everyTestNumberIsFoundInEveryFormatInsideASentence(number: String, format: TestCardNumbers.Format) throws {
        let written = TestCardNumbers.write(number, as: format)
        let text = "Meine Karte: \(written), gültig bis 12/27."
        let matches = CardNumberScanner.matches(in: text)
        let match = try #require(matches.count == 1 ? matches.first : nil)
        #expect(match.digitCount == number.count && match.lastFour == String(number.suffix(4)))
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: match.utf8Range.lowerBound)
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: match.utf8Range.upperBound)
        #expect(String(text[start..<end]) == written)
    }

    @Test func theFormatsAreTheOnesCustomersWrite() {
        #expect(TestCardNumbers.write("4111111111111111", as: .spaced) == "4111 1111 1111 1111")
        #expect(TestCardNumbers.write("378282246310005", as: .spaced) == "3782 822463 10005")
        #expect(TestCardNumbers.write("6011111111111117", as: .dashed) == "6011-1111-1111-1117")
        #expect(TestCardNumbers.write("5555555555554444", as: .plain) == "5555555555554444")
    }

    @Test func redactionKeepsTheLastFourDigitsAndTheSeparators() {
        let filter = PCIFilter(policy: .redact)
        #expect(filter.screen(message: "Karte 4111 1111 1111 1111 bitte")
                == .redacted("Karte **** **** **** 1111 bitte", cardNumbers: 1))
        #expect(filter.screen(message: "Amex: 3782-822463-10005.") == .redacted("Amex: ****-******-*0005.", cardNumbers: 1))
        #expect(filter.screen(message: "4012888888881881") == .redacted("************1881", cardNumbers: 1))
        for number in TestCardNumbers.digits {
            for format in TestCardNumbers.Format.allCases {
                let written = TestCardNumbers.write(number, as: format)
                #expect(filter.screen(message: "Nr. \(written) ok") == .redacted("Nr. \(masked(written)) ok", cardNumbers: 1))
            }
        }
    }

    @Test func severalNumbersInOneMessage() {
        let text = "Erst 4111 1111 1111 1111, dann 5555-5555-5555-4444 und nochmal 6011111111111117!"
        #expect(CardNumberScanner.matches(in: text).map(\.lastFour) == ["1111", "4444", "1117"])
        #expect(PCIFilter(policy: .redact).screen(message: text) == .redacted(
            "Erst **** **** **** 1111, dann ****-****-****-4444 und nochmal ************1117!", cardNumbers: 3))
    }

    @Test func numbersNextToNonASCIITextAreStillFound() {
        #expect(CardNumberScanner.matches(in: "Karte:\u{00A0}4111111111111111…").count == 1)
        #expect(CardNumberScanner.matches(in: "»4111 1111 1111 1111«").count == 1)
    }

    @Test func phoneNumbersWithAPlusAreNotCards() {
        #expect(CardNumberScanner.passesLuhn(digits("491511234567800")))          // would pass without the plus
        for text in ["Rufen Sie mich an: +49 1511 2345678 00", "+491511234567800", "Tel. +49-1511-2345678-00"] {
            #expect(CardNumberScanner.matches(in: text).isEmpty, "\(text)")
        }
    }

    @Test func digitsInsideURLsAreNotCards() {
        for text in ["Status: https://shop.example.com/orders/4111111111111111/status",
                     "siehe www.example.com/track?id=5555555555554444 bitte",
                     "(HTTP://x.org/4012888888881881)",
                     "http://x.org/a?card=4111 1111 1111 1111"] {
            #expect(CardNumberScanner.matches(in: text).isEmpty, "\(text)")
        }
        // After the URL ends, text is text again.
        #expect(CardNumberScanner.matches(in: "https://x.org/1 and 4111 1111 1111 1111").count == 1)
    }

    @Test func longerDigitRunsAreNotCards() {
        #expect(CardNumberScanner.passesLuhn(digits("4111111111111111")))        // the first 16 of the reference
        for text in ["Referenz 41111111111111112345", "Ref. 4111 1111 1111 1111 2345",
                     "IBAN DE89 3704 0044 0532 0130 00", "Vorgang 12345678901234567890123"] {
            #expect(CardNumberScanner.matches(in: text).isEmpty, "\(text)")
        }
    }

    @Test func luhnInvalidOrderNumbersAreNotCards() {
        #expect(!CardNumberScanner.passesLuhn(digits("4111111111111112")))
        #expect(CardNumberScanner.matches(in: "Bestellnummer 4111111111111112").isEmpty)
        #expect(CardNumberScanner.matches(in: "Order 1234-5678-9012-3456").isEmpty)
    }

    @Test func datesAmountsAndIdentifiersAreNotCards() {
        #expect(CardNumberScanner.passesLuhn(digits("1234567890128")))            // would pass as 13 digits
        for text in ["am 29.03.2026 um 02:30", "2026-03-29", "Betrag: 1.234.567,89 EUR", "1 234 567 890 128,45 €",
                     "Summe 1234567890128.50", "INV4111111111111111", "4111111111111111x", "id_4111111111111111",
                     "Kunde 12, 34 Artikel", "Ticket #4711-0815"] {
            #expect(CardNumberScanner.matches(in: text).isEmpty, "\(text)")
        }
    }

    @Test func separatorsMustBeSingle() {
        #expect(CardNumberScanner.matches(in: "4111  1111  1111  1111").isEmpty)
        #expect(CardNumberScanner.matches(in: "4111 - 1111 - 1111 - 1111").isEmpty)
        #expect(CardNumberScanner.matches(in: "4111 1111-1111 1111").count == 1)
    }
}
