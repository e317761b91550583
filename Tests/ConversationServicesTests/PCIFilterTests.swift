// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import ConversationServices

/// The queue's PCI policy, attachments, counts, and the test-number generator (SPEC §2.7, §4).
@Suite struct PCIFilterTests {
    @Test func aCleanMessageGoesOnUnchanged() {
        #expect(PCIFilter(policy: .redact).screen(message: "Meine Bestellung 4711 ist nicht da.") == .clean)
        #expect(PCIFilter(policy: .drop).screen(message: "") == .clean)
    }

    @Test func theDropPolicyDiscardsTheWholeMessage() {
        #expect(PCIFilter(policy: .drop).screen(message: "Karte 4111 1111 1111 1111 und 5555555555554444")
                == .dropped(cardNumbers: 2))
    }

    @Test func anAttachmentWithACardNumberIsDroppedWhateverThePolicy() {
        for policy in PCIPolicy.allCases {
            let filter = PCIFilter(policy: policy)
            #expect(filter.screen(attachmentText: "Rechnung\nKarte: 3782 822463 10005\n") == .dropped(cardNumbers: 1))
            #expect(filter.screen(attachmentText: "Rechnung Nr. 2026-0042") == .clean)
        }
    }

    @Test func thePolicyIsReadFromTheScenarioKey() {
        #expect(PCIPolicy(rawValue: "redact") == .redact && PCIPolicy(rawValue: "drop") == .drop)
        #expect(PCIPolicy(rawValue: "mask") == nil)
    }

    @Test func theTallyCountsForTheMetrics() {
        var tally = PCITally()
        let redact = PCIFilter(policy: .redact), drop = PCIFilter(policy: .drop)
        tally.countMessage(redact.screen(message: "4111 1111 1111 1111"))
        tally.countMessage(redact.screen(message: "4111 1111 1111 1111 und 5555555555554444"))
        tally.countMessage(redact.screen(message: "nichts"))
        tally.countMessage(drop.screen(message: "6011111111111117"))
        tally.countAttachment(drop.screen(attachmentText: "4012888888881881"))
        tally.countAttachment(drop.screen(attachmentText: "leer"))
        #expect(tally.redactedMessages == 2 && tally.droppedMessages == 1 && tally.droppedAttachments == 1)
        #expect(tally.dropped == 2)
    }

    @Test func theRawNumberNeverAppearsInWhatTheModuleProduces() {
        let redact = PCIFilter(policy: .redact), drop = PCIFilter(policy: .drop)
        for number in TestCardNumbers.digits {
            for format in TestCardNumbers.Format.allCases {
                let written = TestCardNumbers.write(number, as: format)
                let text = "Karte \(written) danke"
                var outputs: [Any] = [redact.screen(message: text), drop.screen(message: text),
                                      redact.screen(attachmentText: text)]
                outputs += CardNumberScanner.matches(in: text).map { $0 as Any }
                for output in outputs {
                    for shown in [String(describing: output), String(reflecting: output)] {
                        #expect(!shown.contains(written) && !shown.contains(number), "\(shown)")
                        #expect(!shown.contains(number.prefix(6)), "\(shown)")     // not even the issuer prefix
                    }
                }
            }
        }
    }

    @Test func generatedNumbersAreDeterministicGivenTheDraws() {
        func draws(_ values: [Double]) -> () -> Double {
            var rest = values[...]
            return { rest.popFirst()! }
        }
        let first = TestCardNumbers.sample(draws([0.3, 0.9]))
        let again = TestCardNumbers.sample(draws([0.3, 0.9]))
        #expect(first == again && first == "5555-5555-5555-4444")
        #expect(TestCardNumbers.sample(draws([0, 0])) == "4111111111111111")
        #expect(TestCardNumbers.sample(draws([1, 1])) == "6011-1111-1111-1117")   // a draw of 1 takes the last
        #expect(TestCardNumbers.sampleMessage(draws([0.7, 0.5, 0.3])) == "Here is my card: 3782 822463 10005")
    }

    @Test func eachSampleConsumesAFixedNumberOfDraws() {
        var calls = 0
        for i in 0..<50 {
            _ = TestCardNumbers.sample { calls += 1; return Double(i) / 50 }
        }
        #expect(calls == 100)
        calls = 0
        for i in 0..<50 {
            _ = TestCardNumbers.sampleMessage { calls += 1; return Double((i * 7) % 50) / 50 }
        }
        #expect(calls == 150)
    }

    @Test func everyNumberFormatAndSentenceIsReachableAndFound() {
        var seen: Set<String> = []
        for n in 0..<5 {
            for f in 0..<3 {
                for s in 0..<TestCardNumbers.sentences.count {
                    var values = [(Double(n) + 0.5) / 5, (Double(f) + 0.5) / 3,
                                  (Double(s) + 0.5) / Double(TestCardNumbers.sentences.count)][...]
                    let message = TestCardNumbers.sampleMessage { values.popFirst()! }
                    seen.insert(message)
                    let matches = CardNumberScanner.matches(in: message)
                    #expect(matches.count == 1 && matches.first?.lastFour == String(TestCardNumbers.digits[n].suffix(4)),
                            "\(message)")
                }
            }
        }
        #expect(seen.count == 5 * 3 * TestCardNumbers.sentences.count)
    }
}
