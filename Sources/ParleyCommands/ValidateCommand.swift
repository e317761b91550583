// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Scenarios

/// `parley validate SCENARIO`: every check of a scenario file without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file without running it (exit 0 when valid, 2 otherwise).")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key, e.g. agents.team.count=12.",
                                                         valueName: "key.path=value"))
    var overrides: [String] = []

    func run() throws {
        let loaded: Scenario
        do { loaded = try ScenarioLoader.load(contentsOf: scenario, overrides: overrides) } catch {
            throw CommandError.usage(error.description)
        }
        do { _ = try CompiledScenario(loaded) } catch {
            throw CommandError.usage("\(scenario):0:0: error: \(error)")
        }
        let agents = loaded.agentGroups.reduce(0) { $0 + $1.count }
        print("\(scenario): ok — \(loaded.name): \(loaded.queues.count) queues, \(loaded.agentGroups.count) agent groups "
              + "(\(agents) agents), \(loaded.customerStreams.count) customer streams")
    }
}
