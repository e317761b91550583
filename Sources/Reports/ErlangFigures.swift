// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Foundation
import Statistics

/// The inputs of `parley erlang`, all in seconds.
package struct ErlangInputs {
    package var ratePerSecond: Double
    package var ahtSeconds: Double
    package var thresholdSeconds: Double
    package var patienceSeconds: Double?
    /// The team's concurrency for `parley erlang chat`; nil for Erlang C and A (one chat per agent).
    package var team: ChatTeam?

    /// Slots per agent and the slowdown with each slot held (`parley erlang chat`).
    package struct ChatTeam {
        package var capacity: Int
        /// One factor per slot; nil means 1 for every slot.
        package var slowdown: [Double]?

        package init(capacity: Int, slowdown: [Double]?) {
            self.capacity = capacity
            self.slowdown = slowdown
        }
    }

    package init(ratePerSecond: Double, ahtSeconds: Double, thresholdSeconds: Double, patienceSeconds: Double?,
                 team: ChatTeam? = nil) {
        self.ratePerSecond = ratePerSecond
        self.ahtSeconds = ahtSeconds
        self.thresholdSeconds = thresholdSeconds
        self.patienceSeconds = patienceSeconds
        self.team = team
    }
}

/// The figures `parley erlang` prints for one staffing, as an aligned table or a JSON object.
package struct ErlangFigures {
    package let inputs: ErlangInputs
    package let agents: Int
    package let offeredLoad: Double
    package let probabilityOfWaiting: Double
    package let serviceLevel: Double
    package let averageSpeedOfAnswerSeconds: Double
    package let meanWaitSeconds: Double
    /// nil under Erlang C.
    package let abandonProbability: Double?
    package let occupancy: Double

    /// Evaluates the exact chat-team chain when the inputs have a team, else Erlang A when they
    /// have a patience, Erlang C otherwise.
    package init(inputs: ErlangInputs, agents: Int) throws {
        self.inputs = inputs
        self.agents = agents
        if let team = inputs.team {
            let chain = try ChatTeamModel(agents: agents, capacity: team.capacity, slowdown: team.slowdown,
                                          arrivalRatePerSecond: inputs.ratePerSecond, meanWorkSeconds: inputs.ahtSeconds,
                                          meanPatienceSeconds: inputs.patienceSeconds)
            offeredLoad = inputs.ratePerSecond * inputs.ahtSeconds
            probabilityOfWaiting = chain.probabilityOfWaiting
            serviceLevel = chain.serviceLevel(thresholdSeconds: inputs.thresholdSeconds)
            averageSpeedOfAnswerSeconds = chain.averageSpeedOfAnswerSeconds
            meanWaitSeconds = chain.meanWaitSeconds
            abandonProbability = inputs.patienceSeconds == nil ? nil : chain.abandonProbability
            occupancy = chain.occupancy
        } else if let patience = inputs.patienceSeconds {
            let a = try ErlangA(arrivalRatePerSecond: inputs.ratePerSecond, meanServiceSeconds: inputs.ahtSeconds,
                                meanPatienceSeconds: patience, agents: agents)
            offeredLoad = a.offeredLoad
            probabilityOfWaiting = a.probabilityOfWaiting
            serviceLevel = a.serviceLevel(thresholdSeconds: inputs.thresholdSeconds)
            averageSpeedOfAnswerSeconds = a.averageSpeedOfAnswerSeconds
            meanWaitSeconds = a.meanWaitSeconds
            abandonProbability = a.abandonProbability
            occupancy = a.occupancy
        } else {
            let c = try ErlangC(arrivalRatePerSecond: inputs.ratePerSecond, meanServiceSeconds: inputs.ahtSeconds,
                                agents: agents)
            offeredLoad = c.offeredLoad
            probabilityOfWaiting = c.probabilityOfWaiting
            serviceLevel = c.serviceLevel(thresholdSeconds: inputs.thresholdSeconds)
            averageSpeedOfAnswerSeconds = c.averageSpeedOfAnswerSeconds
            meanWaitSeconds = c.averageSpeedOfAnswerSeconds
            abandonProbability = nil
            occupancy = c.occupancy
        }
    }

    package var isErlangA: Bool { inputs.patienceSeconds != nil && inputs.team == nil }

    /// `erlang_c`, `erlang_a` or `erlang_chat`, as in the JSON output.
    package var modelName: String { inputs.team != nil ? "erlang_chat" : isErlangA ? "erlang_a" : "erlang_c" }

    /// `{"model", "arrival_rate_per_hour", "aht_s", ["patience_s",] "threshold_s", "offered_load",
    /// ["target_service_level", ["max_abandon_rate",]] "agents", "p_wait", ["abandon_rate",]
    /// "service_level", "asa_s", "mean_wait_s", "occupancy"}`; metric keys as in SPEC §4.
    package func json(target: (serviceLevel: Double, maxAbandon: Double?)?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("model", .string(modelName)),
            ("arrival_rate_per_hour", .number(inputs.ratePerSecond * 3600)),
            ("aht_s", .number(inputs.ahtSeconds)),
        ]
        if let team = inputs.team {
            members.append(("capacity", .integer(Int64(team.capacity))))
            members.append(("slowdown", .array((team.slowdown ?? Array(repeating: 1, count: team.capacity)).map { .number($0) })))
        }
        if let patience = inputs.patienceSeconds { members.append(("patience_s", .number(patience))) }
        members.append(("threshold_s", .number(inputs.thresholdSeconds)))
        members.append(("offered_load", .number(offeredLoad)))
        if let target {
            members.append(("target_service_level", .number(target.serviceLevel)))
            if let cap = target.maxAbandon { members.append(("max_abandon_rate", .number(cap))) }
        }
        members.append(("agents", .integer(Int64(agents))))
        members.append(("p_wait", .number(probabilityOfWaiting)))
        if let abandonProbability { members.append(("abandon_rate", .number(abandonProbability))) }
        members += [
            ("service_level", .number(serviceLevel)),
            ("asa_s", .number(averageSpeedOfAnswerSeconds)),
            ("mean_wait_s", .number(meanWaitSeconds)),
            ("occupancy", .number(occupancy)),
        ]
        return .object(members)
    }

    /// A heading line and one aligned `label  value` row per figure.
    package func table(target: (serviceLevel: Double, maxAbandon: Double?)?) -> String {
        let threshold = Self.short(inputs.thresholdSeconds)
        var heading = isErlangA ? "Erlang A (M/M/\(agents)+M)" : "Erlang C (M/M/\(agents))"
        if let team = inputs.team {
            let slowdown = (team.slowdown ?? Array(repeating: 1, count: team.capacity)).map(Self.short).joined(separator: ", ")
            heading = "Chat team (\(agents) agents × \(team.capacity) slots, slowdown \(slowdown)"
                + (inputs.patienceSeconds == nil ? ")" : ", exponential patience)")
        }
        heading += ": \(Self.short(inputs.ratePerSecond * 3600)) chats/h, AHT \(Self.short(inputs.ahtSeconds)) s"
        if let patience = inputs.patienceSeconds { heading += ", patience \(Self.short(patience)) s" }
        heading += ", threshold \(threshold) s"
        var rows: [(String, String)] = [("offered load", "\(Self.short(offeredLoad)) Erlangs")]
        if let target {
            var goal = "service level ≥ \(Self.short(target.serviceLevel))"
            if let cap = target.maxAbandon { goal += ", abandonment ≤ \(Self.short(cap))" }
            rows.append(("fewest agents (\(goal))", "\(agents)"))
        } else {
            rows.append(("agents", "\(agents)"))
        }
        rows.append(("probability of waiting", Self.fixed(probabilityOfWaiting, 6)))
        if let abandonProbability { rows.append(("abandonment", Self.fixed(abandonProbability, 6))) }
        rows += [
            ("service level (≤ \(threshold) s)", Self.fixed(serviceLevel, 6)),
            ("ASA, answered chats", Self.fixed(averageSpeedOfAnswerSeconds, 4) + " s"),
            ("mean wait, all offered", Self.fixed(meanWaitSeconds, 4) + " s"),
            ("occupancy", Self.fixed(occupancy, 6)),
        ]
        let width = rows.map { $0.0.count }.max() ?? 0
        return ([heading] + rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 })
            .joined(separator: "\n")
    }

    /// `value` with `digits` decimals.
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "∞"
    }

    /// `value` with at most six significant digits and no trailing zeros.
    package static func short(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
