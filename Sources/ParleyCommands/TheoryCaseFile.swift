// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The list of validation cases (`scenarios/validation/theory-cases.json`): each scenario file
/// paired with its exact model and the exact values printed for readers, plus the coverage check.
struct TheoryCaseFile: Codable {
    /// One scenario and the exact values its metrics must reproduce.
    struct Case: Codable {
        var name: String
        /// Scenario file, relative to the case file's directory.
        var scenario: String
        var model: TheoryModel
        /// Where the exact values are published, when they are (shared/validation/cases.json).
        var reference: String?
        /// `--set` overrides that shorten the run for the CI test suite.
        var ci: [String]
        /// Exact values by metric name, printed to six or more significant digits; the runner
        /// recomputes them and refuses a file that disagrees.
        var exact: [String: Double]
    }

    /// The coverage check: many independent runs of one case, counting 95 % intervals that hold the exact value.
    struct Coverage: Codable {
        var `case`: String
        var runs: Int
        var replications: Int
        var firstSeed: UInt64
        /// Accepted number of runs whose 95 % interval holds the exact value (binomial band).
        var accept: [Int]

        enum CodingKeys: String, CodingKey {
            case `case`, runs, replications, accept
            case firstSeed = "first_seed"
        }
    }

    var about: String
    var coverage: Coverage
    var cases: [Case]

    /// Reads the case file at `path`.
    static func load(_ path: String) throws -> TheoryCaseFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(TheoryCaseFile.self, from: data)
    }
}
