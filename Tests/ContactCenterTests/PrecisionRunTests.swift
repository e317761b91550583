// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics
import Testing

/// The sequential rule behind `--replications auto`, and paired strategy differences.
@Suite struct PrecisionRunTests {
    @Test func theTargetReadsTheStudentTHalfWidth() {
        // Mean 0.5, sd √(0.0008 / 4) = 0.014142; t(0.975, 4) = 2.776445; half-width 0.017557.
        let values: [Double?] = [0.5, 0.52, 0.48, 0.5, 0.5]
        #expect(PrecisionTarget(halfWidth: 0.0176).isMet(by: values))
        #expect(!PrecisionTarget(halfWidth: 0.0175).isMet(by: values))
        #expect(PrecisionTarget(halfWidth: 0.01).isMet(by: [nil, nil, nil]), "nothing to estimate")
        #expect(!PrecisionTarget(halfWidth: 0.01).isMet(by: [nil, 0.3, nil]), "one value has no interval")
    }

    @Test func theCountIsTheFirstThatMeetsTheTargetForAnyJobs() throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: SimulationTests.twoQueues, file: "t.yaml"))
        let target = PrecisionTarget(halfWidth: 0.04, maximum: 60)
        let one = Simulation.run([model], until: target, jobs: 1)
        let three = Simulation.run([model], until: target, jobs: 3)
        #expect(one.results == three.results && one.count == three.count)
        #expect(one.reached)
        #expect(one.results[0].map(\.index) == Array(0..<one.count))
        func values(_ results: ArraySlice<ReplicationResult>, _ metric: Metric) -> [Double?] {
            let summary = RunSummary(model: model, results: Array(results))
            return summary.perReplication.map { $0[0][metric] }
        }
        let all = one.results[0][...]
        #expect(target.isMet(by: values(all, .serviceLevel)) && target.isMet(by: values(all, .abandonRate)))
        // This scenario needs far more than the minimum (about 30 replications), so the count before it must fall short.
        try #require(one.count > target.minimum)
        let fewer = all.dropLast()
        #expect(!(target.isMet(by: values(fewer, .serviceLevel)) && target.isMet(by: values(fewer, .abandonRate))))
    }

    @Test func aStrategyAgainstItselfDiffersByZeroAndPairsFollowIndexes() throws {
        let model = try CompiledScenario(ScenarioLoader.load(yaml: SimulationTests.twoQueues, file: "t.yaml"))
        let results = Simulation.run(model, replications: 4, jobs: 2)
        let summary = RunSummary(model: model, results: results)
        let same = StrategyComparison.differences(baseline: (results, summary), other: (results, summary))
        #expect(same.map(\.metric) == StrategyComparison.metrics)
        #expect(same.allSatisfy { $0.meanDiff == 0 && $0.ci95 == 0 && !$0.isSignificant && $0.n == 4 })
        // A run missing replication 1 (interrupted) is paired on 0, 2 and 3 only.
        let partial = [results[0], results[2], results[3]]
        let shifted = StrategyComparison.differences(baseline: (results, summary),
                                                     other: (partial, RunSummary(model: model, results: partial)))
        #expect(shifted.allSatisfy { $0.meanDiff == 0 && $0.n == 3 })
    }
}
