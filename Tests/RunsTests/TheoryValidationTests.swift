// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Foundation
import Testing
@testable import Runs

/// The simulator against queueing theory: every case of `scenarios/validation/theory-cases.json`
/// in its short CI form (fixed seeds, 99.9 % intervals), and the case file against the analytic
/// module and the published reference values.
///
/// With a correct simulator each exact value falls outside its 99.9 % interval once in a
/// thousand metrics; the seeds are fixed, so a failure here is a change, not bad luck.
/// `scripts/validate` runs the full-length cases and the coverage check.
@Suite struct TheoryValidationTests {
    static let caseFile = PackageRoot.path("scenarios/validation/theory-cases.json")

    static var validation: TheoryValidation {
        get throws { try TheoryValidation(path: caseFile, jobs: 1) }
    }

    static let caseNames: [String] = (try? TheoryCaseFile.load(caseFile).cases.map(\.name)) ?? []

    @Test func caseFileHasTheRequiredCases() throws {
        let file = try TheoryCaseFile.load(Self.caseFile)
        #expect(file.cases.count >= 14)
        #expect(file.cases.filter { $0.model == .chatTeam }.count >= 2)
        #expect(Set(file.cases.map(\.name)).count == file.cases.count)
        #expect(file.cases.contains { $0.name == file.coverage.case })
    }

    /// Every scenario file of `scenarios/validation/` is validated by some case.
    @Test func everyValidationScenarioIsACase() throws {
        let directory = PackageRoot.url.appendingPathComponent("scenarios/validation").path
        let yaml = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        let used = Set(try TheoryCaseFile.load(Self.caseFile).cases.map(\.scenario))
        #expect(!yaml.isEmpty)
        for file in yaml { #expect(used.contains(file), "\(file) is not in theory-cases.json") }
    }

    /// The printed exact values are what the analytic module computes from each scenario.
    @Test func exactValuesMatchTheAnalyticModule() throws {
        let validation = try Self.validation
        for theoryCase in validation.file.cases {
            let scenario = try validation.scenario(of: theoryCase, short: false)
            let values = try validation.exactValues(of: theoryCase, scenario: scenario)
            #expect(values.count == theoryCase.exact.count)
        }
    }

    /// Cases taken from the published reference agree with it to its printed digits.
    @Test func exactValuesMatchThePublishedReference() throws {
        let url = PackageRoot.url.appendingPathComponent("scenarios/validation/reference-values.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let published = try #require(object["cases"] as? [[String: Any]])
        // Reference metric → (our metric, factor from the reference's unit to ours: minutes → seconds).
        let mapping: [String: (String, Double)] = [
            "P_wait_gt0": ("p_wait", 1), "P_abandon": ("abandon_rate", 1), "SL_P_W_le_t": ("service_level", 1),
            "SL_served_within_t_over_all_arrivals": ("service_level", 1), "mean_wait_Wq": ("mean_wait_s", 60),
            "mean_wait_all_EW": ("mean_wait_s", 60), "mean_wait_served": ("asa_s", 60), "utilisation": ("occupancy", 1),
        ]
        var compared = 0
        for theoryCase in try TheoryCaseFile.load(Self.caseFile).cases {
            guard let reference = theoryCase.reference else { continue }
            let name = try #require(reference.split(separator: " ").last.map(String.init))
            let entry = try #require(published.first { $0["name"] as? String == name }, "no published case \(name)")
            let metrics = try #require(entry["metrics"] as? [String: Double])
            for (key, value) in metrics.sorted(by: { $0.key < $1.key }) {
                guard let (ours, factor) = mapping[key] else { continue }
                let mine = try #require(theoryCase.exact[ours], "\(theoryCase.name) lacks \(ours)")
                let tolerance = Self.printedTolerance(value) * factor
                #expect(abs(mine - value * factor) <= tolerance, "\(theoryCase.name).\(ours): \(mine) vs \(key) \(value)")
                compared += 1
            }
        }
        #expect(compared >= 20)
    }

    /// Half a unit of the last printed decimal of `value`, but no looser than six significant digits.
    static func printedTolerance(_ value: Double) -> Double {
        let text = "\(value)"
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        return min(0.5 * pow(10, -Double(decimals)), 5e-6 * abs(value)) + 1e-12
    }

    /// Each case, shortened: every exact value inside its simulated 99.9 % interval.
    @Test(arguments: caseNames)
    func shortRunReproducesExactValues(caseName: String) throws {
        let validation = try Self.validation
        let theoryCase = try #require(validation.file.cases.first { $0.name == caseName })
        let rows = try validation.run(theoryCase, short: true)
        #expect(rows.count == theoryCase.exact.count)
        for row in rows {
            #expect(row.inside999, "\(caseName) \(row.metric.rawValue): exact \(row.exact), simulated \(row.mean) ± \(row.halfWidth999)")
            #expect(row.halfWidth95 < row.halfWidth999 && row.halfWidth95 > 0)
        }
    }

    @Test func signTestOfBalancedAndOneSidedPatterns() {
        #expect(TheoryValidation.signTestP(plus: 7, minus: 7) == 1)
        #expect(abs(TheoryValidation.signTestP(plus: 10, minus: 0) - 2.0 / 1024) < 1e-15)
        #expect(abs(TheoryValidation.signTestP(plus: 1, minus: 4) - 0.375) < 1e-15)
    }
}
