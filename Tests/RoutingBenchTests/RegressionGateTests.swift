// SPDX-License-Identifier: GPL-3.0-or-later

import Testing
@testable import RoutingBench

/// The gate's decision on synthetic results: no timing, only numbers in and a verdict out.
@Suite struct RegressionGateTests {
    let gate = RegressionGate(tolerance: 0.25)

    @Test func aResultTwiceAsSlowFails() {
        let verdict = gate.evaluate(trialNormalisedP50: [2.0, 2.1, 1.9, 2.0, 2.2], baselineNormalisedP50: 1.0)
        #expect(!verdict.passed)
        #expect(verdict.current == 2.0)
        #expect(verdict.ratio == 2.0)
        #expect(verdict.reason.hasPrefix("routing latency regressed: normalised p50 2.0 (median of 5 trials) vs baseline 1.0: +100.0 %"))
        #expect(verdict.reason.hasSuffix("beyond the tolerance of 25.0 %"))
        #expect(!verdict.reason.contains("\n"))
    }

    @Test func anEqualResultPasses() {
        let verdict = gate.evaluate(trialNormalisedP50: [1.0, 1.0, 1.0], baselineNormalisedP50: 1.0)
        #expect(verdict.passed)
        #expect(verdict.ratio == 1.0)
        #expect(verdict.reason.hasPrefix("routing latency within tolerance"))
    }

    @Test func aFasterResultPasses() {
        #expect(gate.evaluate(trialNormalisedP50: [0.5, 0.6, 0.4], baselineNormalisedP50: 1.0).passed)
        #expect(gate.evaluate(trialNormalisedP50: [0.001], baselineNormalisedP50: 1.0).passed)
    }

    @Test func theToleranceIsInclusive() {
        // 1.25 = 1 × (1 + 0.25) exactly in binary floating point.
        #expect(gate.evaluate(trialNormalisedP50: [1.25], baselineNormalisedP50: 1.0).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [Double(1.25).nextUp], baselineNormalisedP50: 1.0).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [1.2501], baselineNormalisedP50: 1.0).passed)
        #expect(gate.evaluate(trialNormalisedP50: [1.2499], baselineNormalisedP50: 1.0).passed)
    }

    @Test func zeroToleranceFailsAnySlowdown() {
        let strict = RegressionGate(tolerance: 0)
        #expect(strict.evaluate(trialNormalisedP50: [1.0], baselineNormalisedP50: 1.0).passed)
        #expect(!strict.evaluate(trialNormalisedP50: [Double(1).nextUp], baselineNormalisedP50: 1.0).passed)
    }

    @Test func theMedianOfTheTrialsDecidesNotAnOutlier() {
        // Two trials disturbed by other work do not fail an unchanged engine…
        #expect(gate.evaluate(trialNormalisedP50: [1.0, 9.0, 1.1, 8.0, 0.9], baselineNormalisedP50: 1.0).passed)
        // …and two lucky trials do not hide a regression.
        #expect(!gate.evaluate(trialNormalisedP50: [2.0, 0.5, 2.1, 0.6, 1.9], baselineNormalisedP50: 1.0).passed)
    }

    @Test func aMachineSlowerOverallIsNotARegression() {
        // Decisions and calibration both 3× slower: the same normalised value.
        let baseline = BenchTrial(decisions: LatencySamples([200, 200, 200]), calibrationNanoseconds: 100, queuedFraction: 0)
        let slowerHost = BenchTrial(decisions: LatencySamples([600, 600, 600]), calibrationNanoseconds: 300, queuedFraction: 0)
        let slowerEngine = BenchTrial(decisions: LatencySamples([600, 600, 600]), calibrationNanoseconds: 100, queuedFraction: 0)
        #expect(gate.evaluate(trialNormalisedP50: [slowerHost.normalisedP50], baselineNormalisedP50: baseline.normalisedP50).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [slowerEngine.normalisedP50], baselineNormalisedP50: baseline.normalisedP50).passed)
    }

    @Test func invalidInputsFail() {
        #expect(!gate.evaluate(trialNormalisedP50: [], baselineNormalisedP50: 1.0).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [1.0], baselineNormalisedP50: 0).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [1.0], baselineNormalisedP50: .nan).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [.infinity], baselineNormalisedP50: 1.0).passed)
    }

    @Test func medianOfEvenAndOddCounts() {
        #expect(RegressionGate.median([3, 1, 2]) == 2)
        #expect(RegressionGate.median([4, 1, 3, 2]) == 2.5)
        #expect(RegressionGate.median([]).isNaN)
    }
}
