// SPDX-License-Identifier: GPL-3.0-or-later

import LoadDriver
import Testing

/// Threshold expressions: what they read, how they judge, and what they refuse.
@Suite struct ThresholdTests {
    @Test func expressionsAreRead() throws {
        let p99 = try Threshold("p99(create_to_offer)<20ms")
        #expect(p99.statistic == .percentile(99, "create_to_offer"))
        #expect(p99.comparison == .less)
        #expect(p99.bound == 20_000)
        #expect(try Threshold("p99.9(offer_to_accept) <= 1.5s").statistic == .percentile(99.9, "offer_to_accept"))
        #expect(try Threshold("p99.9(offer_to_accept) <= 1.5s").bound == 1_500_000)
        #expect(try Threshold("rate(errors)<0.001").statistic == .errorRate)
        #expect(try Threshold("invariant_violations==0").comparison == .equal)
        #expect(try Threshold("late_starts>=3").comparison == .greaterOrEqual)
        #expect(try Threshold("mean(request POST /v1/chats)<250us").statistic == .mean("requestPOST/v1/chats"))
        #expect(try Threshold("count(create_to_offer)>10").bound == 10)
    }

    @Test func badExpressionsAreRefusedWithTheReason() {
        #expect(throws: ThresholdError.self) { try Threshold("p99(create_to_offer)") }
        let errors: [(String, String)] = [
            ("p99(create_to_offer)", "--threshold 'p99(create_to_offer)': expected a comparison: <, <=, >, >=, == or !="),
            ("q99(x)<1", "--threshold 'q99(x)<1': unknown function 'q99': pNN, mean, max, min, count or rate"),
            ("p99(x)<fast", "--threshold 'p99(x)<fast': 'fast' is not a number"),
            ("speed<3", "--threshold 'speed<3': unknown statistic 'speed'"),
            ("p99()<3", "--threshold 'p99()<3': no metric named"),
        ]
        for (text, message) in errors {
            do {
                _ = try Threshold(text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description == message)
            }
        }
    }
}
