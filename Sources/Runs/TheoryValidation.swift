// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Scenarios
import Statistics

/// Runs the validation cases: simulates each scenario and sets its metrics beside the exact values.
///
/// Each case is simulated with its scenario's own seed and replications, and summarised twice,
/// with 99.9 % and 95 % Student-t intervals. Every exact value must lie inside its 99.9 % interval;
/// about 95 % of them inside their 95 % interval. The exact values are recomputed from the
/// scenario by ``TheoryModel`` and must agree with those printed in the case file.
package struct TheoryValidation {
    /// One metric of one case.
    package struct Row {
        package var caseName: String
        package var metric: Metric
        package var exact: Double
        package var mean: Double
        package var halfWidth999: Double
        package var halfWidth95: Double
        package var inside999: Bool { abs(mean - exact) <= halfWidth999 }
        package var inside95: Bool { abs(mean - exact) <= halfWidth95 }

        package init(caseName: String, metric: Metric, exact: Double, mean: Double, halfWidth999: Double,
                     halfWidth95: Double) {
            self.caseName = caseName
            self.metric = metric
            self.exact = exact
            self.mean = mean
            self.halfWidth999 = halfWidth999
            self.halfWidth95 = halfWidth95
        }
    }

    /// A case file or scenario that cannot be validated as written.
    package struct Problem: Error, CustomStringConvertible {
        package var description: String
    }

    package let file: TheoryCaseFile
    /// The case file's directory; scenario paths are relative to it.
    package let directory: String
    package let jobs: Int

    /// The validation described by the case file at `path`.
    package init(path: String, jobs: Int) throws {
        do { file = try TheoryCaseFile.load(path) } catch {
            throw Problem(description: "\(path): error: cannot read the case file: \(error)")
        }
        directory = (path as NSString).deletingLastPathComponent
        self.jobs = jobs
    }

    /// The scenario of `theoryCase`, shortened by its CI overrides when `short`, with the given seed and replications.
    package func scenario(of theoryCase: TheoryCaseFile.Case, short: Bool, seed: UInt64? = nil,
                  replications: Int? = nil) throws -> Scenario {
        let path = directory.isEmpty ? theoryCase.scenario : "\(directory)/\(theoryCase.scenario)"
        var scenario: Scenario
        do { scenario = try ScenarioLoader.load(contentsOf: path, overrides: short ? theoryCase.ci : []) } catch {
            throw Problem(description: error.description)
        }
        if let seed { scenario.seed = seed }
        if let replications { scenario.replications = replications }
        return scenario
    }

    /// The exact values of `theoryCase` from the analytic module, checked against the case file.
    ///
    /// The file prints at least six significant digits, so a relative difference above 5·10⁻⁶, or
    /// a metric missing on either side, means the file is out of date.
    package func exactValues(of theoryCase: TheoryCaseFile.Case, scenario: Scenario) throws -> [(Metric, Double)] {
        let computed: [(Metric, Double)]
        do { computed = try theoryCase.model.exactValues(for: scenario) } catch {
            throw Problem(description: "\(theoryCase.name): \(error)")
        }
        let names = Set(computed.map(\.0.rawValue))
        if names != Set(theoryCase.exact.keys) {
            throw Problem(description: "\(theoryCase.name): the case file lists \(theoryCase.exact.keys.sorted()), "
                              + "the model gives \(names.sorted())")
        }
        for (metric, value) in computed {
            let printed = theoryCase.exact[metric.rawValue]!
            if abs(printed - value) > 5e-6 * abs(value) + 1e-12 {
                throw Problem(description: "\(theoryCase.name): \(metric.rawValue) is \(printed) in the case file "
                                  + "but \(value) by the analytic module")
            }
        }
        return computed
    }

    /// Simulates `theoryCase` and returns one row per exact metric.
    package func run(_ theoryCase: TheoryCaseFile.Case, short: Bool) throws -> [Row] {
        let scenario = try scenario(of: theoryCase, short: short)
        let exact = try exactValues(of: theoryCase, scenario: scenario)
        let (wide, narrow) = try simulate(scenario)
        return try exact.map { metric, value in
            let s999 = wide[metric], s95 = narrow[metric]
            guard let mean = s999.mean, let h999 = s999.halfWidth, let h95 = s95.halfWidth else {
                throw Problem(description: "\(theoryCase.name): \(metric.rawValue) has no interval (too few replications or chats)")
            }
            return Row(caseName: theoryCase.name, metric: metric, exact: value, mean: mean, halfWidth999: h999,
                       halfWidth95: h95)
        }
    }

    /// The overall summaries of `scenario` at 99.9 % and 95 %.
    package func simulate(_ scenario: Scenario) throws -> (ScopeSummary, ScopeSummary) {
        let model: CompiledScenario
        do { model = try CompiledScenario(scenario) } catch {
            throw Problem(description: "\(scenario.sourceFile): \(error)")
        }
        let results = Simulation.run(model, replications: scenario.replications, jobs: jobs)
        return (RunSummary(model: model, results: results, confidence: 0.999).summaries[0],
                RunSummary(model: model, results: results, confidence: 0.95).summaries[0])
    }

    /// The coverage check: per metric, how many of the independent runs' 95 % intervals hold the exact value.
    ///
    /// Run r uses seed `firstSeed + r`, so the runs share no random stream.
    package func coverage(progress: (Int) -> Void = { _ in }) throws -> [(metric: Metric, inside: Int)] {
        let spec = file.coverage
        guard let theoryCase = file.cases.first(where: { $0.name == spec.case }) else {
            throw Problem(description: "coverage: no case named \(spec.case)")
        }
        let base = try scenario(of: theoryCase, short: false)
        let exact = try exactValues(of: theoryCase, scenario: base)
        var inside = Array(repeating: 0, count: exact.count)
        for run in 0..<spec.runs {
            var scenario = base
            scenario.seed = spec.firstSeed + UInt64(run)
            scenario.replications = spec.replications
            let (_, narrow) = try simulate(scenario)
            for (i, (metric, value)) in exact.enumerated() where narrow[metric].contains(value) { inside[i] += 1 }
            progress(run + 1)
        }
        return zip(exact, inside).map { ($0.0, $1) }
    }

    /// Two-sided binomial sign test: 2·min(P(X ≤ k), P(X ≥ k)) for X ~ Binomial(n, ½), capped at 1.
    package static func signTestP(plus: Int, minus: Int) -> Double {
        let n = plus + minus
        var pmf = [Double](repeating: 0, count: n + 1)
        var choose = 1.0
        for k in 0...n {
            pmf[k] = choose * pow(0.5, Double(n))
            choose = choose * Double(n - k) / Double(k + 1)
        }
        let low = pmf[0...plus].reduce(0, +), high = pmf[plus...n].reduce(0, +)
        return min(1, 2 * min(low, high))
    }
}
