// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation

/// Erlang's loss formula B(n, a): the share of arrivals that find all n servers busy in M/M/n/n.
///
/// B is computed by the standard recursion B(k) = a·B(k−1) / (k + a·B(k−1)), B(0) = 1 (e.g.
/// Gans, Koole & Mandelbaum 2003, *Telephone call centers: tutorial, review and research
/// prospects*, §4.1), carried in log space as I(k) = 1/B(k) = 1 + (k/a)·I(k−1): no factorial or
/// power of a is ever formed, so thousands of servers neither overflow nor lose precision.
/// The Erlang C and Erlang A formulas need B through the ratio of idle-state to busy-state
/// probability, ``logIdleToBusyRatio(agents:offeredLoad:)``.
public enum ErlangB {
    /// B(n, a) for `agents` servers and `offeredLoad` = λ/μ Erlangs (a > 0).
    ///
    /// - Complexity: O(n).
    public static func blockingProbability(agents: Int, offeredLoad: Double) -> Double {
        exp(-logInverse(agents: agents, offeredLoad: offeredLoad))
    }

    /// ln(1/B(n, a)).
    ///
    /// - Complexity: O(n).
    static func logInverse(agents n: Int, offeredLoad a: Double) -> Double {
        precondition(n >= 0 && a > 0, "Erlang B needs n ≥ 0 and a > 0")
        let logLoad = log(a)
        var logI = 0.0                          // I(0) = 1
        for k in stride(from: 1, through: n, by: 1) {
            logI = LogSpace.add(0, log(Double(k)) - logLoad + logI)
        }
        return logI
    }

    /// ln(1/B(n, a) − 1) = ln(Σ_{j<n} p_j / p_n): in the M/M/n birth–death chain, the probability
    /// of the states with a free server relative to that of the state with all n busy (n ≥ 1).
    ///
    /// - Complexity: O(n).
    static func logIdleToBusyRatio(agents n: Int, offeredLoad a: Double) -> Double {
        precondition(n >= 1)
        return log(Double(n) / a) + logInverse(agents: n - 1, offeredLoad: a)
    }
}
