// SPDX-License-Identifier: GPL-3.0-or-later

import ParleyTime
import Testing

/// Durations round to the nearest microsecond, halves away from zero, exactly as `Double.rounded()`.
@Suite struct SimDurationTests {
    @Test(arguments: [0.0, 0.4999999999, 0.5, 1.5, 2.5, -0.5, -2.5, -2.4999, 1e6 + 0.5, 4503599627370495.5,
                      4503599627370497.0, 9.1e18, -9.1e18])
    func roundsHalvesAwayFromZero(_ micros: Double) {
        #expect(SimDuration(roundingMicroseconds: micros).microseconds == Int64(micros.rounded()))
    }

    @Test func agreesWithRoundedOverManyDraws() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = Double(state >> 11) * 0x1.0p-53 * 3600 * (state & 1 == 0 ? 1 : -1)
            let expected = Int64((seconds * 1_000_000).rounded())
            #expect(SimDuration(seconds: seconds).microseconds == expected, "\(seconds) s")
            if SimDuration(seconds: seconds).microseconds != expected { return }
        }
    }

    @Test func saturates() {
        #expect(SimDuration(seconds: .infinity) == .forever)
        #expect(SimDuration(seconds: 1e300).microseconds == .max)
        #expect(SimDuration(seconds: -.infinity).microseconds == .min)
    }
}
