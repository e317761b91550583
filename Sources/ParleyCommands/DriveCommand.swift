// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import ContactCenter
import Foundation
import LiveService
import LoadDriver
import ParleyTime
import ResultStorage
import Runs
import Scenarios

/// `parley drive SCENARIO --target URL`: the scenario's customers and agents against a running service (SPEC §8).
struct DriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drive",
        abstract: "Load a running `parley serve` with a scenario's customers and agents in wall-clock time.",
        discussion: """
            Customers write at the scenario's arrival times (simulated seconds / --speed after the start), \
            whether or not the service keeps up; every agent is a WebSocket client that accepts with its \
            accept delay, misses offers, works and wraps up. Latencies run from each action's intended time. \
            A breached --threshold prints one line and exits 1.
            """)

    @Argument(help: "The scenario file (YAML) whose customers and agents to play.")
    var scenario: String

    @Option(help: ArgumentHelp("The service's base URL.", valueName: "URL"))
    var target: String

    @Option(help: ArgumentHelp("The agent tokens file `parley serve --tokens` wrote.", valueName: "FILE"))
    var tokens: String

    @Option(help: "Simulated seconds per wall second.")
    var speed = 1.0

    @Option(help: ArgumentHelp("Simulated time to play (default: the scenario's warm-up and duration), e.g. 30m.",
                               valueName: "D"))
    var duration: String?

    @Option(name: .customLong("threshold"),
            help: ArgumentHelp("A condition that must hold, e.g. 'p99(create_to_offer)<20ms', 'rate(errors)<0.001', "
                               + "'invariant_violations==0'.", valueName: "EXPR"))
    var thresholds: [String] = []

    @Option(help: "The replication whose draws are played.")
    var replication = 0

    @Option(help: ArgumentHelp("Store the results (latencies, counts, thresholds) in this results database.",
                               valueName: "FILE"))
    var db: String?

    @Flag(help: "Print the results as JSON.")
    var json = false

    /// The scenario compiled for a drive of `played` simulated time: a drive longer than the scenario's
    /// warm-up and duration plays the scenario lengthened to it, so that agents without shifts stay on
    /// duty for the whole drive (the simulator's duty ends with its horizon) and the prediction covers it.
    static func model(of scenario: Scenario, playing played: SimDuration?) throws -> CompiledScenario {
        var scenario = scenario
        if let played, played > scenario.warmup + scenario.duration { scenario.duration = SimDuration(microseconds: played.microseconds - scenario.warmup.microseconds) }
        return try CompiledScenario(scenario)
    }

    func validate() throws {
        guard speed > 0, speed <= 100_000, speed.isFinite else { throw ValidationError("--speed must be in (0, 100000], got \(speed)") }
        guard replication >= 0 else { throw ValidationError("--replication must be 0 or more") }
        guard target.hasPrefix("http://") else { throw ValidationError("--target must be an http:// URL, got '\(target)'") }
    }

    func run() throws {
        let loaded: Scenario
        do { loaded = try ScenarioLoader.load(contentsOf: scenario) } catch { throw CommandError.usage(error.description) }
        if let unplayed = UnplayedKeys.check(loaded) { throw CommandError.usage(unplayed.description) }
        var parsedThresholds: [Threshold] = []
        for text in thresholds {
            do { parsedThresholds.append(try Threshold(text)) } catch { throw CommandError.usage(error.description) }
        }
        var played: SimDuration?
        if let duration {
            guard let seconds = DurationText.seconds(from: duration, allowsBareNumber: true), seconds > 0 else {
                throw CommandError.usage("--duration: '\(duration)' is not a duration such as 90s, 30m or 2h")
            }
            played = .seconds(seconds)
        }
        let model: CompiledScenario
        do { model = try Self.model(of: loaded, playing: played) } catch { throw CommandError.usage("\(scenario): \(error)") }
        let names = model.engineConfiguration.agents.map(\.name)
        let tokenText: String
        do { tokenText = try String(contentsOfFile: tokens, encoding: .utf8) } catch {
            throw CommandError.usage("\(tokens): cannot read: \(error.localizedDescription)")
        }
        let agentTokens: AgentTokens
        do { agentTokens = try AgentTokens.parse(tokenText, agents: names) } catch { throw CommandError.usage("\(tokens): \(error)") }
        // The prediction runs after the drive, on every core, with the scenario's replications (at least two, for an interval).
        let options = LoadDriver.Options(target: target, speed: speed, duration: played,
                                          tokens: Dictionary(uniqueKeysWithValues: zip(names, agentTokens.tokens)),
                                          replication: replication, predictionReplications: max(2, loaded.replications),
                                          predictionJobs: ProcessInfo.processInfo.activeProcessorCount)
        let driver = LoadDriver(model: model, options: options)
        let outcome = AsyncBridge.wait { try await driver.run() }
        let result: DriveResult
        switch outcome {
        case .success(let value): result = value
        case .failure(let error): throw CommandError.failure("parley drive: \(error)")
        }
        if let db {
            let record = result.record(scenario: loaded, target: target, replication: replication, thresholds: parsedThresholds,
                                       parleyVersion: ParleyVersion.current, gitRevision: ParleyVersion.gitRevision)
            do { _ = try ResultStore(path: db).recordLiveRun(record) } catch {
                throw CommandError.failure("\(db): cannot store the drive: \(error)")
            }
        }
        print(json ? result.json(thresholds: parsedThresholds) : result.text(thresholds: parsedThresholds), terminator: "")
        let breaches = result.breaches(of: parsedThresholds)
        if !breaches.isEmpty {
            if json {
                for (threshold, _) in breaches { Terminal.writeError("threshold breached: \(threshold.text)") }
            }
            throw CommandError.failure("")
        }
    }
}
