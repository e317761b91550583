// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios

/// Every check `parley validate` makes, on bytes that may be anything: the fuzz target's body.
///
/// A scenario either loads and compiles or is refused with an error; anything else — a trap,
/// an allocation the size of the machine, a loop that never ends — is a bug. The fuzzer
/// (`scripts/fuzz`, `Sources/ScenarioFuzz`) feeds arbitrary bytes through ``check(_:)``; the
/// crashes it finds are kept as regression inputs under `Tests/RunsTests/FuzzRegressions/`.
package enum ScenarioCheck {
    /// What became of one input.
    package enum Verdict: Equatable {
        /// Loaded and compiled: a runnable scenario.
        case valid
        /// Refused with a located error (or by the model), as a user would see it.
        case refused(String)
    }

    /// The file name errors carry: inputs live in memory, relative `file:` samples resolve here.
    package static let fileName = "fuzz/input.yaml"

    /// Splits an input into a scenario and `--set` overrides, then loads and compiles it.
    ///
    /// The input is UTF-8 text (invalid bytes are replaced, as a reader of a damaged file would
    /// get); lines after a line holding only `#--set` are overrides, one per line, so the fuzzer
    /// exercises `--set` with the same inputs.
    package static func check(_ bytes: some Collection<UInt8>) -> Verdict {
        let text = String(decoding: bytes, as: UTF8.self)
        var yaml = text
        var overrides: [String] = []
        if let marker = text.range(of: "\n#--set\n") {
            yaml = String(text[..<marker.lowerBound])
            overrides = text[marker.upperBound...].split(separator: "\n").map(String.init)
        }
        let scenario: Scenario
        do { scenario = try ScenarioLoader.load(yaml: yaml, file: fileName, overrides: overrides) } catch {
            return .refused(error.description)
        }
        do { _ = try CompiledScenario(scenario) } catch {
            return .refused("\(error)")
        }
        return .valid
    }
}
