// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import Reports
import Scenarios
import Statistics

/// `parley erlang b|c|a|chat`: exact figures of the classic queueing models and of a chat team,
/// or the fewest agents that meet a target (SPEC §6).
struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Exact Erlang B / C / A and chat-team figures, or the fewest agents meeting a target.",
        discussion: """
            MODEL is b (M/M/n/n: a chat that finds every agent busy is lost), c (M/M/n: customers \
            never give up), a (M/M/n+M: exponential patience, needs --patience) or chat (agents \
            holding --capacity chats at once, each slowed by --slowdown; optional --patience; the \
            exact chain of a least-busy team). Give --agents for the figures of that staffing, or \
            --target-sl (b: --max-blocking) for the fewest agents meeting the target.
            Rates: \(RateText.acceptedForms). Durations: \(DurationText.commandLineForms).
            Service level = chats answered within the threshold over all offered chats.
            Examples: parley erlang c --rate 200/h --aht 3m --agents 14 --threshold 20s
                      parley erlang b --rate 200/h --aht 3m --max-blocking 0.01
                      parley erlang chat --rate 60/h --aht 6m --agents 3 --capacity 3 --slowdown 1,1.2,1.5
            """)

    /// The queueing model to evaluate.
    enum Model: String, ExpressibleByArgument, CaseIterable {
        case b, c, a, chat
    }

    @Argument(help: "b (Erlang B), c (Erlang C), a (Erlang A) or chat (a chat team).")
    var model: Model

    @Option(help: "Arrival rate, e.g. 120/h, 2/m, 100/30m or a number per hour.")
    var rate: RateText

    @Option(help: "Average handle time (chat: work content of a chat handled alone), e.g. 4m, 240s or 240.")
    var aht: DurationText

    @Option(help: "Agents to evaluate.")
    var agents: Int?

    @Option(help: "Service-level threshold.")
    var threshold = DurationText("20s")!

    @Option(help: "Average patience (Erlang A; optional for chat), e.g. 2m.")
    var patience: DurationText?

    @Option(help: "Chat only: chats an agent holds at once.")
    var capacity: Int?

    @Option(help: ArgumentHelp("Chat only: the slowdown with 1, 2, … chats held, one factor per slot (default all 1).",
                               valueName: "f1,f2,..."))
    var slowdown: String?

    @Option(name: .customLong("target-sl"), help: "Find the fewest agents whose service level reaches this (0 < x < 1).")
    var targetServiceLevel: Double?

    @Option(name: .customLong("max-abandon"), help: "Erlang A or chat with --target-sl: also keep abandonment at or below this.")
    var maxAbandonRate: Double?

    @Option(name: .customLong("max-blocking"), help: "Erlang B: find the fewest agents whose blocking is at most this.")
    var maxBlocking: Double?

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
        let patienceSeconds = try checkedPatience()
        let team = try checkedTeam()
        try checkTargets()
        return ErlangInputs(ratePerSecond: rate, ahtSeconds: aht, thresholdSeconds: threshold,
                            patienceSeconds: patienceSeconds, team: team)
    }

    /// `--patience` in seconds where the model takes one.
    func checkedPatience() throws -> Double? {
        switch (model, patience) {
        case (.a, nil):
            throw ValidationError("Erlang A needs --patience, the customers' average patience (e.g. --patience 2m)")
        case (.c, .some), (.b, .some):
            throw ValidationError("--patience applies to Erlang A and chat only; use 'parley erlang a' for impatient customers")
        case (_, .some(let text)):
            guard text.seconds > 0, text.seconds.isFinite else {
                throw ValidationError("--patience '\(text)' is not a positive duration; write \(DurationText.commandLineForms)")
            }
            return text.seconds
        case (_, nil):
            return nil
        }
    }

    /// `--capacity` and `--slowdown` for a chat team; refused for the other models.
    func checkedTeam() throws -> ErlangInputs.ChatTeam? {
        guard model == .chat else {
            if capacity != nil || slowdown != nil { throw ValidationError("--capacity and --slowdown apply to 'parley erlang chat' only") }
            return nil
        }
        guard let capacity else { throw ValidationError("'parley erlang chat' needs --capacity, the chats an agent holds at once") }
        guard (1...ScenarioLimits.capacity).contains(capacity) else {
            throw ValidationError("--capacity must be between 1 and \(ScenarioLimits.capacity)")
        }
        guard let slowdown else { return .init(capacity: capacity, slowdown: nil) }
        let factors = slowdown.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard factors.count == capacity, let values = factors as? [Double], values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ValidationError("--slowdown needs \(capacity) positive factors separated by commas, one per slot (e.g. 1,1.25)")
        }
        return .init(capacity: capacity, slowdown: values)
    }

    /// The largest staffing the model evaluates.
    var agentLimit: Int { model == .chat ? ErlangStaffing.chatTeamAgentLimit : ErlangStaffing.agentLimit }

    /// Exactly one of `--agents` and a target, and targets in range for the model.
    func checkTargets() throws {
        if model == .b, targetServiceLevel != nil { throw ValidationError("Erlang B has no waiting: use --max-blocking") }
        if model != .b, maxBlocking != nil { throw ValidationError("--max-blocking goes with 'parley erlang b'") }
        let target: Double? = model == .b ? maxBlocking : targetServiceLevel
        let targetName = model == .b ? "--max-blocking" : "--target-sl"
        switch (agents, target) {
        case (nil, nil): throw ValidationError("give --agents N for its figures, or \(targetName) X for the fewest agents")
        case (.some, .some): throw ValidationError("give either --agents or \(targetName), not both")
        case (.some(let n), nil) where !(1...agentLimit).contains(n):
            throw ValidationError("--agents must be between 1 and \(agentLimit)"
                                  + (model == .chat ? ": the exact chain of a chat team grows as C(N + m, m)" : ""))
        case (nil, .some(let x)) where !(x > 0 && x < 1):
            throw ValidationError("\(targetName) must lie strictly between 0 and 1, e.g. \(model == .b ? "0.01" : "0.8")")
        default: break
        }
        if let cap = maxAbandonRate {
            guard model == .a || (model == .chat && patience != nil), targetServiceLevel != nil else {
                throw ValidationError("--max-abandon goes with --target-sl and a patience ('parley erlang a', or chat with --patience)")
            }
            guard cap > 0 && cap < 1 else { throw ValidationError("--max-abandon must lie strictly between 0 and 1") }
        }
    }

    func run() throws {
        let inputs = try inputs()
        if model == .b { return try runErlangB(inputs) }
        let staffing = try agentsToEvaluate(inputs)
        let figures: ErlangFigures
        do {
            figures = try ErlangFigures(inputs: inputs, agents: staffing)
        } catch {
            throw CommandError.usage("parley erlang: error: \(Self.explain(error, model: model, agents: staffing))")
        }
        let target = targetServiceLevel.map { (serviceLevel: $0, maxAbandon: maxAbandonRate) }
        print(json ? figures.json(target: target).rendered : figures.table(target: target))
    }

    /// Erlang B: the figures for `--agents`, or for the fewest agents meeting `--max-blocking`.
    func runErlangB(_ inputs: ErlangInputs) throws(CommandError) {
        let staffing: Int
        if let agents {
            staffing = agents
        } else {
            let found: Int?
            do {
                found = try ErlangStaffing.fewestAgentsErlangB(offeredLoad: inputs.ratePerSecond * inputs.ahtSeconds,
                                                               maxBlocking: maxBlocking!)
            } catch {
                throw .usage("parley erlang: error: \(error)")
            }
            guard let found else {
                throw .failure("parley erlang: error: no staffing up to \(ErlangStaffing.agentLimit) agents meets the target")
            }
            staffing = found
        }
        let figures = ErlangBFigures(ratePerSecond: inputs.ratePerSecond, ahtSeconds: inputs.ahtSeconds, agents: staffing)
        print(json ? figures.json(maxBlocking: maxBlocking).rendered : figures.table(maxBlocking: maxBlocking))
    }

    /// `--agents`, or the fewest agents meeting the target.
    func agentsToEvaluate(_ inputs: ErlangInputs) throws(CommandError) -> Int {
        if let agents { return agents }
        let target = targetServiceLevel!
        let found: Int?
        let limit = inputs.team == nil ? ErlangStaffing.agentLimit : ErlangStaffing.chatTeamAgentLimit
        do {
            if let team = inputs.team {
                found = try ErlangStaffing.fewestAgentsChatTeam(
                    arrivalRatePerSecond: inputs.ratePerSecond, meanWorkSeconds: inputs.ahtSeconds,
                    capacity: team.capacity, slowdown: team.slowdown, meanPatienceSeconds: inputs.patienceSeconds,
                    thresholdSeconds: inputs.thresholdSeconds, targetServiceLevel: target,
                    maxAbandonProbability: maxAbandonRate)
            } else if let patience = inputs.patienceSeconds {
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
            throw .failure("parley erlang: error: no staffing up to \(limit) agents meets the target")
        }
        return found
    }

    /// A model error in a planner's words.
    static func explain(_ error: Error, model: Model, agents: Int) -> String {
        guard case QueueingModelError.unstable(let load, let capacity) = error else { return "\(error)" }
        if model == .chat {
            return "the chat team is unstable with \(agents) agents: the offered load is \(ErlangFigures.short(load)) "
                + "Erlangs of work and \(agents) full agents do at most \(ErlangFigures.short(capacity)), so more agents "
                + "are needed (or model abandonment with --patience)"
        }
        return "Erlang C is unstable with \(agents) agents: the offered load is "
            + "\(ErlangFigures.short(load)) Erlangs, so more than \(ErlangFigures.short(load.rounded(.down))) "
            + "agents are needed (or model abandonment with 'parley erlang a --patience …')"
    }
}
