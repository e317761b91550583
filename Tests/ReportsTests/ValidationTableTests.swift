// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Testing
@testable import Reports
import Runs

/// The table `scripts/validate` prints: exact values against simulated means and their intervals.
@Suite struct ValidationTableTests {
    @Test func tableMarksValuesOutsideTheirIntervals() {
        let rows = [TheoryValidation.Row(caseName: "a", metric: .pWait, exact: 0.5, mean: 0.51, halfWidth999: 0.02, halfWidth95: 0.005),
                    TheoryValidation.Row(caseName: "b", metric: .pWait, exact: 0.5, mean: 0.45, halfWidth999: 0.02, halfWidth95: 0.01)]
        let table = ValidationTable.table(rows)
        #expect(table.contains("0.510 ± 0.020  yes"))
        #expect(table.contains("0.450 ± 0.020  NO"))
        #expect(ValidationTable.totals(rows).contains("inside 99.9 %: 1 of 2  <-- FAILED"))
        #expect(ValidationTable.signPatterns(rows, cases: ["a", "b"]).contains("+−"))
    }
}
