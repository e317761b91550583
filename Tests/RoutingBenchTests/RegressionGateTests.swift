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
        func trial(decisions: UInt64, calibration: Double) -> BenchTrial {
            BenchTrial(blocks: [LatencySamples([decisions, decisions, decisions])],
                       burstMedians: [calibration, calibration], queuedFraction: 0)
        }
        let baseline = trial(decisions: 200, calibration: 100)
        let slowerHost = trial(decisions: 600, calibration: 300)
        let slowerEngine = trial(decisions: 600, calibration: 100)
        #expect(gate.evaluate(trialNormalisedP50: [slowerHost.normalisedP50], baselineNormalisedP50: baseline.normalisedP50).passed)
        #expect(!gate.evaluate(trialNormalisedP50: [slowerEngine.normalisedP50], baselineNormalisedP50: baseline.normalisedP50).passed)
    }

    @Test func onlyTrialsNearTheFastestCalibrationCount() {
        #expect(RegressionGate.undisturbed([100, 114, 116, 200, 101]) == [0, 1, 4])
        #expect(RegressionGate.undisturbed([220, 210, 230]) == [0, 1, 2])
        #expect(RegressionGate.undisturbed([0, 100]) == [1])
        #expect(RegressionGate.undisturbed([]) == [])
    }

    @Test func disturbedTrialsDoNotBiasTheResult() {
        // Trials 2 and 4 ran while a neighbour slowed the calibration 2× and the decisions 1.4×:
        // their ratios (7.0) would read as a 22 % speed-up; they are left out.
        let trials = [(1000, 110.0), (1400, 200.0), (1010, 112.0), (1400, 200.0), (990, 110.0)].map { p50, calibration in
            BenchTrial(blocks: [LatencySamples([UInt64(p50)])], burstMedians: [calibration, calibration], queuedFraction: 0.5)
        }
        let result = BenchResult(configuration: BenchConfiguration(agents: 10, queues: 2), trials: trials,
                                 clockOverheadNanoseconds: 20)
        #expect(result.trialNormalisedP50.count == 3)
        #expect(result.normalisedP50 == 1010 / 112.0)  // the median of 1000/110, 1010/112, 990/110
        #expect(result.referenceCalibrationNanoseconds == 110)
        #expect(result.calibrationNanoseconds == 110)
        #expect(result.decisions == 5)
        #expect(result.p50Nanoseconds == 1010)
        #expect(result.maxNanoseconds == 1400)
        #expect(result.queuedFraction == 0.5)
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
