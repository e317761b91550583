// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios

/// One chat agent of a group seen as one Erlang-A server: the folding behind the analytic start.
///
/// Erlang A (Garnett, Mandelbaum & Reiman 2002) knows servers that serve one customer at a
/// time at an exponential rate μ. A chat agent differs in four ways, each folded into one
/// effective rate per agent (or into the wait it is judged by):
///
/// 1. **Concurrency and slowdown.** Holding k chats, each progresses at v / slowdown[k−1]
///    (SPEC §3), so a busy agent finishes k·v / (slowdown[k−1]·E[W]) chats per second. The
///    agent's best k* maximises k / slowdown[k−1] (normally its capacity) — the most it can do,
///    the same figure the loader's stability check uses.
/// 2. **Slot time outside the conversation.** Wrap-up E[U] and the accept delay E[D] (the
///    slot is reserved while the offer rings) hold a slot too, so each chat holds one for
///    τ = E[W]·slowdown[k*−1]/v + E[U] + E[D].
/// 3. **RONA.** An offer is missed with probability p and then rings for the offer timeout T,
///    after which the agent needs E[R] to recover; a chat meets p/(1−p) misses on average, and
///    each costs T + E[R] of agent time: τ grows by p/(1−p)·(T + E[R]).
/// 4. **Breaks.** A share b of on-duty time is spent away (for/every for scheduled breaks;
///    r·E[for]/(1 + r·E[for]) for r random breaks per hour on duty).
///
/// The agent is then one server of rate μ = (1 − b)·k*/τ; the accept delay is part of every
/// customer's wait (SPEC §4), so it is taken off the service-level threshold and the ASA cap.
/// This is where the search starts, not its answer: a real agent with a free slot answers at
/// once, which one fast server cannot, and routing strategies differ — the simulation decides.
struct EffectiveAgent: Sendable, Equatable {
    /// 1/μ: the mean service time of the equivalent single server, in seconds.
    let meanServiceSeconds: Double
    /// E[D]: the mean accept delay, part of every wait.
    let acceptDelaySeconds: Double

    /// The equivalent server of one agent of `group` working chats of mean work `meanWorkSeconds`
    /// in a queue whose offers time out after `offerTimeoutSeconds`.
    init(group: AgentGroupSpec, meanWorkSeconds: Double, offerTimeoutSeconds: Double) {
        let best = group.slowdown.indices.max { a, b in
            Double(a + 1) / group.slowdown[a] < Double(b + 1) / group.slowdown[b]
        } ?? 0
        let concurrent = Double(best + 1)
        let delay = group.acceptDelay.mean
        var slotSeconds = meanWorkSeconds * group.slowdown[best] / group.speed + (group.wrapUp?.mean ?? 0) + delay
        if group.missProbability > 0 {
            let misses = group.missProbability < 1 ? group.missProbability / (1 - group.missProbability) : 1e9
            slotSeconds += misses * (offerTimeoutSeconds + group.ronaRecovery.mean)
        }
        let away: Double
        switch group.away {
        case .scheduled(let every, let length)?: away = length.seconds / every.seconds
        case .atRandom(let ratePerHour, let length)?:
            let share = ratePerHour / 3600 * length.mean
            away = share / (1 + share)
        case nil: away = 0
        }
        meanServiceSeconds = slotSeconds / concurrent / max(1 - away, 1e-9)
        acceptDelaySeconds = delay
    }
}
