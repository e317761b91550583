// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// The list of validation cases (`scenarios/validation/theory-cases.json`): each scenario file
/// paired with its exact model and the exact values printed for readers, plus the coverage check.
package struct TheoryCaseFile {
    /// One scenario and the exact values its metrics must reproduce.
    package struct Case {
        package var name: String
        /// Scenario file, relative to the case file's directory.
        package var scenario: String
        package var model: TheoryModel
        /// Where the exact values are published, when they are (shared/validation/cases.json).
        package var reference: String?
        /// `--set` overrides that shorten the run for the CI test suite.
        package var ci: [String]
        /// Exact values by metric name, printed to six or more significant digits; the runner
        /// recomputes them and refuses a file that disagrees.
        package var exact: [String: Double]
    }

    /// The coverage check: many independent runs of one case, counting 95 % intervals that hold the exact value.
    package struct Coverage {
        package var `case`: String
        package var runs: Int
        package var replications: Int
        package var firstSeed: UInt64
        /// Accepted number of runs whose 95 % interval holds the exact value (binomial band).
        package var accept: [Int]

        package enum CodingKeys: String, CodingKey {
            case `case`, runs, replications, accept
            case firstSeed = "first_seed"
        }
    }

    package var about: String
    package var coverage: Coverage
    package var cases: [Case]

    /// Reads the case file at `path`; errors are located `FILE:LINE:COLUMN: error: …`.
    package static func load(_ path: String) throws(JSONFile.Error) -> TheoryCaseFile {
        let top = try JSONFile(path: path).top
        let coverage = try top.required("coverage")
        let accept = try coverage.required("accept").items()
        return TheoryCaseFile(
            about: try top.required("about").string(),
            coverage: Coverage(case: try coverage.required("case").string(), runs: try coverage.required("runs").integer(),
                               replications: try coverage.required("replications").integer(),
                               firstSeed: UInt64(try coverage.required("first_seed").integer()),
                               accept: try accept.map { node throws(JSONFile.Error) in try node.integer() }),
            cases: try top.required("cases").items().map { node throws(JSONFile.Error) in try Case(node) })
    }
}

extension TheoryCaseFile.Case {
    /// One case of the file.
    init(_ node: JSONNode) throws(JSONFile.Error) {
        let modelNode = try node.required("model")
        guard let model = TheoryModel(rawValue: try modelNode.string()) else {
            throw modelNode.error("expected one of " + TheoryModel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.init(name: try node.required("name").string(), scenario: try node.required("scenario").string(), model: model,
                  reference: try node.optional("reference")?.string(),
                  ci: try node.required("ci").items().map { item throws(JSONFile.Error) in try item.string() },
                  exact: Dictionary(uniqueKeysWithValues: try node.required("exact").members().map {
                      member throws(JSONFile.Error) in (member.key, try member.node.number())
                  }))
    }
}
