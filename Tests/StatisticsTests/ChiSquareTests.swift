// SPDX-License-Identifier: GPL-3.0-or-later

import Statistics
import Testing

/// Chi-square quantiles against table values (Abramowitz & Stegun, table 26.8).
@Suite struct ChiSquareTests {
    @Test func quantilesMatchTheTable() {
        #expect(abs(ChiSquare.quantile(probability: 0.95, degreesOfFreedom: 10) - 18.307) < 5e-4)
        #expect(abs(ChiSquare.quantile(probability: 0.05, degreesOfFreedom: 10) - 3.9403) < 5e-4)
        #expect(abs(ChiSquare.quantile(probability: 0.999, degreesOfFreedom: 1) - 10.828) < 5e-4)
    }
}
