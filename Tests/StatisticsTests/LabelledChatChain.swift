// SPDX-License-Identifier: GPL-3.0-or-later

/// A brute-force chat-team chain for cross-checks: every agent's own occupancy is part of the
/// state (no lumping), the queue is truncated at 200, and the balance equations are solved by
/// dense Gaussian elimination. A new chat is split evenly among the least busy agents.
struct LabelledChatChain {
    let agents, capacity: Int
    let lambda, theta: Double
    let probabilityOfWaiting, occupancy, meanQueue: Double

    init(agents: Int, capacity: Int, slowdown: [Double], speed: Double, lambda: Double, mu: Double, theta: Double) {
        self.agents = agents
        self.capacity = capacity
        self.lambda = lambda
        self.theta = theta
        let queueLimit = 200
        // States: occupancy tuples (base capacity + 1) that are not all full, then (all full, q) for q = 0...queueLimit.
        var tuples: [[Int]] = []
        var tuple = Array(repeating: 0, count: agents)
        func enumerate(_ i: Int) {
            if i == agents {
                if tuple.contains(where: { $0 < capacity }) { tuples.append(tuple) }
                return
            }
            for k in 0...capacity { tuple[i] = k; enumerate(i + 1) }
        }
        enumerate(0)
        let fullBase = tuples.count
        let count = fullBase + queueLimit + 1
        func index(of t: [Int]) -> Int {
            t.allSatisfy { $0 == capacity } ? fullBase : tuples.firstIndex(of: t)!
        }
        var q = Array(repeating: Array(repeating: 0.0, count: count), count: count)   // generator
        func add(_ from: Int, _ to: Int, _ rate: Double) {
            q[from][to] += rate
            q[from][from] -= rate
        }
        func rate(_ k: Int) -> Double { Double(k) * mu * speed / slowdown[k - 1] }
        for (s, t) in tuples.enumerated() {
            let least = t.min()!
            let chosen = t.indices.filter { t[$0] == least }
            for i in chosen {
                var u = t; u[i] += 1
                add(s, index(of: u), lambda / Double(chosen.count))
            }
            for i in t.indices where t[i] > 0 {
                var u = t; u[i] -= 1
                add(s, index(of: u), rate(t[i]))
            }
        }
        for queue in 0...queueLimit {
            let s = fullBase + queue
            if queue < queueLimit { add(s, s + 1, lambda) }
            if queue > 0 {
                add(s, s - 1, Double(agents) * rate(capacity) + Double(queue) * theta)
            } else {
                for i in 0..<agents {
                    var u = Array(repeating: capacity, count: agents); u[i] -= 1
                    add(s, index(of: u), rate(capacity))
                }
            }
        }
        // Solve π Q = 0 with Σ π = 1: transpose, replace the last equation by the normalisation.
        var a = (0..<count).map { j in (0..<count).map { i in q[i][j] } }
        var b = Array(repeating: 0.0, count: count)
        a[count - 1] = Array(repeating: 1, count: count)
        b[count - 1] = 1
        for col in 0..<count {
            let pivot = (col..<count).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            a.swapAt(col, pivot); b.swapAt(col, pivot)
            for row in (col + 1)..<count where a[row][col] != 0 {
                let f = a[row][col] / a[col][col]
                for k in col..<count { a[row][k] -= f * a[col][k] }
                b[row] -= f * b[col]
            }
        }
        var pi = Array(repeating: 0.0, count: count)
        for row in stride(from: count - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<count { sum -= a[row][k] * pi[k] }
            pi[row] = sum / a[row][row]
        }
        probabilityOfWaiting = pi[fullBase...].reduce(0, +)
        let slots = Double(agents * capacity)
        let heldFree = tuples.indices.reduce(0.0) { $0 + pi[$1] * Double(tuples[$1].reduce(0, +)) }
        occupancy = (heldFree + probabilityOfWaiting * slots) / slots
        meanQueue = (0...queueLimit).reduce(0.0) { $0 + pi[fullBase + $1] * Double($1) }
    }

    var abandonProbability: Double { theta * meanQueue / lambda }
    var meanWaitSeconds: Double { meanQueue / lambda }
}
