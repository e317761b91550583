// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import Reports
import Runs

/// `parley validate-theory` (hidden; run by `scripts/validate`): the simulator against queueing theory.
///
/// Simulates every case of the case file, prints the table of exact against simulated values
/// and the sign pattern of the errors per metric; with `--coverage`, also runs the coverage
/// check. Exits 1 when an exact value falls outside its 99.9 % interval or the coverage count
/// leaves its binomial band, 2 when the case file or a scenario is wrong.
struct ValidateTheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-theory",
        abstract: "Check simulated metrics against exact queueing-theory values.",
        shouldDisplay: false)

    @Option(help: "The case file.")
    var cases = "scenarios/validation/theory-cases.json"

    @Flag(help: "Use each case's short CI run (its `ci` overrides) instead of the full run.")
    var short = false

    @Flag(help: "Also run the coverage check of the case file.")
    var coverage = false

    @Flag(name: .customLong("print-exact"), help: "Print each case's exact values from the analytic module and exit.")
    var printExact = false

    @Option(help: "Replications run in parallel (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let validation: TheoryValidation
        do { validation = try TheoryValidation(path: cases, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount) } catch {
            throw CommandError.usage("\(error)")
        }
        if printExact { return try printExactValues(validation) }
        var rows: [TheoryValidation.Row] = []
        for (i, theoryCase) in validation.file.cases.enumerated() {
            Terminal.writeError("[\(i + 1)/\(validation.file.cases.count)] \(theoryCase.name)")
            do { rows += try validation.run(theoryCase, short: short) } catch {
                throw CommandError.usage("\(error)")
            }
        }
        print(ValidationTable.table(rows))
        print()
        print(ValidationTable.totals(rows))
        print()
        print(ValidationTable.signPatterns(rows, cases: validation.file.cases.map(\.name)))
        var failed = rows.contains { !$0.inside999 }
        if coverage { failed = try runCoverage(validation) || failed }
        if failed { throw CommandError.failure("") }
    }

    /// Runs the coverage check and prints the count per metric; returns whether it failed.
    func runCoverage(_ validation: TheoryValidation) throws -> Bool {
        let spec = validation.file.coverage
        let counts: [(metric: Metric, inside: Int)]
        do {
            counts = try validation.coverage { done in
                if done % 10 == 0 { Terminal.writeError("coverage: \(done)/\(spec.runs) runs") }
            }
        } catch {
            throw CommandError.usage("\(error)")
        }
        let band = spec.accept.count == 2 ? spec.accept[0]...spec.accept[1] : 0...spec.runs
        print()
        print("coverage of \(spec.case): \(spec.runs) runs (seeds \(spec.firstSeed)…\(spec.firstSeed + UInt64(spec.runs) - 1)), "
              + "\(spec.replications) replications each; runs whose 95 % interval holds the exact value "
              + "(accepted \(band.lowerBound)–\(band.upperBound)):")
        var lines = [["metric", "inside 95 %", "accepted?"]]
        for (metric, inside) in counts {
            lines.append([metric.rawValue, "\(inside) of \(spec.runs)", band.contains(inside) ? "yes" : "NO"])
        }
        print(ValidationTable.align(lines, rightAligned: [1]))
        return counts.contains { !band.contains($0.inside) }
    }

    /// Prints `"name": {exact values}` for every case, to paste into the case file.
    func printExactValues(_ validation: TheoryValidation) throws {
        for theoryCase in validation.file.cases {
            do {
                let scenario = try validation.scenario(of: theoryCase, short: false)
                let values = try theoryCase.model.exactValues(for: scenario)
                let members = values.map { "\"\($0.0.rawValue)\": \(String(format: "%.7g", $0.1))" }
                print("\(theoryCase.name): {\(members.joined(separator: ", "))}")
            } catch {
                throw CommandError.usage("\(theoryCase.name): \(error)")
            }
        }
    }
}
