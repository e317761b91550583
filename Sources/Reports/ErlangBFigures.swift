// SPDX-License-Identifier: GPL-3.0-or-later

import Runs
import Statistics

/// The figures `parley erlang b` prints: Erlang's loss system M/M/n/n, where a chat that finds
/// every agent busy is lost (B(n, a), ``ErlangB``).
package struct ErlangBFigures {
    package let ratePerSecond: Double
    package let ahtSeconds: Double
    package let agents: Int
    package let offeredLoad: Double
    /// B(n, a): the share of chats that find every agent busy.
    package let blockingProbability: Double

    package init(ratePerSecond: Double, ahtSeconds: Double, agents: Int) {
        self.ratePerSecond = ratePerSecond
        self.ahtSeconds = ahtSeconds
        self.agents = agents
        offeredLoad = ratePerSecond * ahtSeconds
        blockingProbability = ErlangB.blockingProbability(agents: agents, offeredLoad: offeredLoad)
    }

    /// The load the agents carry, a(1 − B) Erlangs.
    package var carriedLoad: Double { offeredLoad * (1 - blockingProbability) }

    /// The carried load per agent.
    package var occupancy: Double { carriedLoad / Double(agents) }

    /// `{"model": "erlang_b", "arrival_rate_per_hour", "aht_s", "offered_load", ["max_blocking",]
    /// "agents", "blocking_probability", "carried_load", "occupancy"}`.
    package func json(maxBlocking: Double?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("model", .string("erlang_b")),
            ("arrival_rate_per_hour", .number(ratePerSecond * 3600)),
            ("aht_s", .number(ahtSeconds)),
            ("offered_load", .number(offeredLoad)),
        ]
        if let maxBlocking { members.append(("max_blocking", .number(maxBlocking))) }
        members += [
            ("agents", .integer(Int64(agents))),
            ("blocking_probability", .number(blockingProbability)),
            ("carried_load", .number(carriedLoad)),
            ("occupancy", .number(occupancy)),
        ]
        return .object(members)
    }

    /// A heading line and one aligned `label  value` row per figure.
    package func table(maxBlocking: Double?) -> String {
        let heading = "Erlang B (M/M/\(agents)/\(agents), lost when all busy): "
            + "\(ErlangFigures.short(ratePerSecond * 3600)) chats/h, AHT \(ErlangFigures.short(ahtSeconds)) s"
        var rows: [(String, String)] = [("offered load", "\(ErlangFigures.short(offeredLoad)) Erlangs")]
        if let maxBlocking {
            rows.append(("fewest agents (blocking ≤ \(ErlangFigures.short(maxBlocking)))", "\(agents)"))
        } else {
            rows.append(("agents", "\(agents)"))
        }
        rows += [
            ("blocking probability", ErlangFigures.fixed(blockingProbability, 6)),
            ("carried load", ErlangFigures.fixed(carriedLoad, 4) + " Erlangs"),
            ("occupancy", ErlangFigures.fixed(occupancy, 6)),
        ]
        let width = rows.map { $0.0.count }.max() ?? 0
        return ([heading] + rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 })
            .joined(separator: "\n")
    }
}
