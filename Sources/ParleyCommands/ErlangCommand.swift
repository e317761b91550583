// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Reports
import Scenarios
import Statistics

/// `parley erlang c|a`: exact Erlang C and Erlang A figures for a staffing, or the fewest agents
/// that meet a service-level target (SPEC §6).
struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Exact Erlang C / Erlang A figures, or the fewest agents meeting a target.",
        discussion: """
            MODEL is c (M/M/n: customers never give up) or a (M/M/n+M: exponential patience, \
            needs --patience). Give --agents for the figures of that staffing, or --target-sl for the \
            fewest agents meeting the target (and the figures at that staffing).
            Rates: \(RateText.acceptedForms). Durations: \(DurationText.commandLineForms).
            Service level = chats answered within the threshold over all offered chats.
            Example: parley erlang c --rate 200/h --aht 3m --agents 14 --threshold 20s
            """)

    /// The queueing model to evaluate.
    enum Model: String, ExpressibleByArgument, CaseIterable {
        case c, a
    }

    @Argument(help: "c (Erlang C) or a (Erlang A).")
    var model: Model

    @Option(help: "Arrival rate, e.g. 120/h, 2/m, 100/30m or a number per hour.")
    var rate: RateText

    @Option(help: "Average handle time, e.g. 4m, 240s or 240.")
    var aht: DurationText

    @Option(help: "Agents to evaluate.")
    var agents: Int?

    @Option(help: "Service-level threshold.")
    var threshold = DurationText("20s")!

    @Option(help: "Average patience (Erlang A only), e.g. 2m.")
    var patience: DurationText?

    @Option(name: .customLong("target-sl"), help: "Find the fewest agents whose service level reaches this (0 < x < 1).")
    var targetServiceLevel: Double?

    @Option(name: .customLong("max-abandon"), help: "Erlang A with --target-sl: also keep abandonment at or below this.")
    var maxAbandonRate: Double?

    @Flag(help: "Print one JSON object on standard output.")
    var json = false

    func validate() throws { _ = try inputs() }

    /// Parses and checks every option; a problem is a usage error (exit 2).
    func inputs() throws -> ErlangInputs {
        let rate = rate.perSecond, aht = aht.seconds, threshold = threshold.seconds
        guard rate > 0, rate.isFinite else {
            throw ValidationError("--rate '\(self.rate)' is not a positive rate; write \(RateText.acceptedForms)")
        }
        guard aht > 0, aht.isFinite else {
            throw ValidationError("--aht '\(self.aht)' is not a positive duration; write \(DurationText.commandLineForms)")
        }
        guard threshold.isFinite else {
            throw ValidationError("--threshold '\(self.threshold)' is not a duration; write \(DurationText.commandLineForms)")
        }
        var patienceSeconds: Double?
        switch (model, patience) {
        case (.a, nil):
            throw ValidationError("Erlang A needs --patience, the customers' average patience (e.g. --patience 2m)")
        case (.c, .some):
            throw ValidationError("--patience applies to Erlang A only; use 'parley erlang a' for impatient customers")
        case (.a, .some(let text)):
            guard text.seconds > 0, text.seconds.isFinite else {
                throw ValidationError("--patience '\(text)' is not a positive duration; write \(DurationText.commandLineForms)")
            }
            patienceSeconds = text.seconds
        case (.c, nil):
            break
        }
        switch (agents, targetServiceLevel) {
        case (nil, nil): throw ValidationError("give --agents N for its figures, or --target-sl X for the fewest agents")
        case (.some, .some): throw ValidationError("give either --agents or --target-sl, not both")
        case (.some(let n), nil) where n < 1: throw ValidationError("--agents must be at least 1")
        case (nil, .some(let target)) where !(target > 0 && target < 1):
            throw ValidationError("--target-sl must lie strictly between 0 and 1, e.g. 0.8")
        default: break
        }
        if let cap = maxAbandonRate {
            guard model == .a, targetServiceLevel != nil else {
                throw ValidationError("--max-abandon goes with 'parley erlang a' and --target-sl")
            }
            guard cap > 0 && cap < 1 else { throw ValidationError("--max-abandon must lie strictly between 0 and 1") }
        }
        return ErlangInputs(ratePerSecond: rate, ahtSeconds: aht, thresholdSeconds: threshold, patienceSeconds: patienceSeconds)
    }

    func run() throws {
        let inputs = try inputs()
        let staffing = try agentsToEvaluate(inputs)
        let figures: ErlangFigures
        do {
            figures = try ErlangFigures(inputs: inputs, agents: staffing)
        } catch {
            throw CommandError.usage("parley erlang: error: \(Self.explain(error, agents: staffing))")
        }
        let target = targetServiceLevel.map { (serviceLevel: $0, maxAbandon: maxAbandonRate) }
        print(json ? figures.json(target: target).rendered : figures.table(target: target))
    }

    /// `--agents`, or the fewest agents meeting the target.
    func agentsToEvaluate(_ inputs: ErlangInputs) throws(CommandError) -> Int {
        if let agents { return agents }
        let target = targetServiceLevel!
        let found: Int?
        do {
            if let patience = inputs.patienceSeconds {
                found = try ErlangStaffing.fewestAgentsErlangA(
                    arrivalRatePerSecond: inputs.ratePerSecond, meanServiceSeconds: inputs.ahtSeconds,
                    meanPatienceSeconds: patience, thresholdSeconds: inputs.thresholdSeconds,
                    targetServiceLevel: target, maxAbandonProbability: maxAbandonRate)
            } else {
                found = try ErlangStaffing.fewestAgentsErlangC(
                    arrivalRatePerSecond: inputs.ratePerSecond, meanServiceSeconds: inputs.ahtSeconds,
                    thresholdSeconds: inputs.thresholdSeconds, targetServiceLevel: target)
            }
        } catch {
            throw .usage("parley erlang: error: \(error)")
        }
        guard let found else {
            throw .failure("parley erlang: error: no staffing up to \(ErlangStaffing.agentLimit) agents meets the target")
        }
        return found
    }

    /// A model error in a planner's words.
    static func explain(_ error: Error, agents: Int) -> String {
        if case QueueingModelError.unstable(let load, _) = error {
            return "Erlang C is unstable with \(agents) agents: the offered load is "
                + "\(ErlangFigures.short(load)) Erlangs, so more than \(ErlangFigures.short(load.rounded(.down))) "
                + "agents are needed (or model abandonment with 'parley erlang a --patience …')"
        }
        return "\(error)"
    }
}
