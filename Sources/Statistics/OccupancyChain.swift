// SPDX-License-Identifier: GPL-3.0-or-later

/// The Markov chain of how full each agent of a chat team is, while nobody waits, under
/// `least_busy` routing: the exact model behind ``ChatTeamModel``.
///
/// Agents are identical, so a state is the multiset of their occupancies: the counts
/// (n₀, …, n_m) of agents holding k = 0 … m chats, Σ n_k = N; there are C(N + m, m) of them.
/// An arrival (rate λ) goes to an agent with the fewest chats (least busy; chats never move
/// between agents); an agent holding k chats finishes one at rate k·μ·v/slowdown[k−1]. The
/// chain is *censored* to the states where nobody waits: when every slot is full an arrival
/// joins the queue, and the queue's excursion returns to the same full state, so in the
/// censored chain it is a self-loop and is dropped (the queue itself is a ``SaturatedQueue``).
/// Censoring keeps the ratios of the stationary probabilities of the states it keeps
/// (e.g. Stewart 1994, *Introduction to the Numerical Solution of Markov Chains*, §6.3).
///
/// The stationary distribution is found by Gauss–Seidel on the balance equations
/// π_j q_j = Σ_i π_i q_ij (Stewart 1994, §3.2), sweeping states in order of chats held,
/// which follows the direction of arrivals and converges in few sweeps.
struct OccupancyChain {
    let agents: Int
    let capacity: Int
    /// Occupancy counts, `capacity + 1` per state, states sorted by chats held, then by counts.
    let counts: [Int]
    /// Chats held in each state.
    let chatsHeld: [Int]
    /// Incoming transitions per state: (source state, rate), sources ascending.
    let incoming: [[(source: Int, rate: Double)]]
    /// Total outgoing rate per state.
    let outRate: [Double]
    /// Completion rate (chats finished per second) in each state.
    let completionRate: [Double]

    /// Number of states.
    var stateCount: Int { chatsHeld.count }
    /// The state with every slot full.
    var fullState: Int { stateCount - 1 }

    /// The chain for `agents` agents with `capacity` slots, arrivals at `arrivalRate` and a chat's
    /// progress rate `serviceRate[k−1]` (per second) while its agent holds k chats.
    ///
    /// - Complexity: O(S·m) time and memory for S = C(N + m, m) states.
    init(agents: Int, capacity: Int, arrivalRate: Double, serviceRate: [Double]) {
        precondition(agents >= 1 && capacity >= 1 && serviceRate.count == capacity)
        self.agents = agents
        self.capacity = capacity
        let width = capacity + 1
        var states: [[Int]] = []
        var current = Array(repeating: 0, count: width)
        func compose(_ level: Int, _ left: Int) {
            if level == capacity {
                current[level] = left
                states.append(current)
                return
            }
            for n in stride(from: left, through: 0, by: -1) {
                current[level] = n
                compose(level + 1, left - n)
            }
        }
        compose(0, agents)
        func held(_ s: [Int]) -> Int { s.enumerated().reduce(0) { $0 + $1.offset * $1.element } }
        states.sort { a, b in
            let (ha, hb) = (held(a), held(b))
            return ha != hb ? ha < hb : a.lexicographicallyPrecedes(b)
        }
        var index: [[Int]: Int] = [:]
        for (i, s) in states.enumerated() { index[s] = i }
        var incoming = Array(repeating: [(source: Int, rate: Double)](), count: states.count)
        var outRate = Array(repeating: 0.0, count: states.count)
        var completionRate = Array(repeating: 0.0, count: states.count)
        for (i, s) in states.enumerated() {
            if s[capacity] < agents, let k = s.firstIndex(where: { $0 > 0 }) {
                var target = s
                target[k] -= 1
                target[k + 1] += 1
                incoming[index[target]!].append((i, arrivalRate))
                outRate[i] += arrivalRate
            }
            for k in stride(from: 1, through: capacity, by: 1) where s[k] > 0 {
                let rate = Double(s[k] * k) * serviceRate[k - 1]
                var target = s
                target[k] -= 1
                target[k - 1] += 1
                incoming[index[target]!].append((i, rate))
                outRate[i] += rate
                completionRate[i] += rate
            }
        }
        counts = states.flatMap { $0 }
        chatsHeld = states.map(held)
        self.incoming = incoming.map { $0.sorted { $0.source < $1.source } }
        self.outRate = outRate
        self.completionRate = completionRate
    }

    /// The stationary distribution of the censored chain and its relative residual ‖πQ‖₁ / max q.
    ///
    /// - Complexity: O(sweeps · transitions); transitions ≤ S·(m + 1).
    func stationaryDistribution(tolerance: Double = 1e-14, maxSweeps: Int = 1_000_000)
        -> (distribution: [Double], residual: Double, sweeps: Int) {
        let n = stateCount
        if n == 1 { return ([1], 0, 0) }
        var pi = Array(repeating: 1 / Double(n), count: n)
        var sweeps = 0
        while sweeps < maxSweeps {
            sweeps += 1
            var change = 0.0
            var total = 0.0
            for j in 0..<n {
                var inflow = 0.0
                for (i, rate) in incoming[j] { inflow += pi[i] * rate }
                let updated = inflow / outRate[j]
                change += abs(updated - pi[j])
                pi[j] = updated
                total += updated
            }
            for j in 0..<n { pi[j] /= total }
            if change / total < tolerance { break }
        }
        return (pi, residual(of: pi), sweeps)
    }

    /// ‖πQ‖₁ / max_j q_j: how far `pi` is from balancing every state.
    func residual(of pi: [Double]) -> Double {
        var largest = 0.0
        var sum = 0.0
        for j in 0..<stateCount {
            var inflow = 0.0
            for (i, rate) in incoming[j] { inflow += pi[i] * rate }
            sum += abs(inflow - pi[j] * outRate[j])
            largest = max(largest, outRate[j])
        }
        return sum / largest
    }
}
