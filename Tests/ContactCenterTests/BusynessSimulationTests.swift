// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import Scenarios
import Statistics
import Testing

/// Forecast uncertainty (SPEC §3.3 `busyness`): the between-replication variance of the arrival
/// count is that of a Poisson mixture.
///
/// A stream of rate λ over T = 2 days has E N = λT = 96. With one gamma multiplier (mean 1,
/// coefficient of variation c) per replication, N is negative binomial with Var N = λT + (λT)²c²;
/// with one per day, N is the sum of two independent such counts over a day each, Var N =
/// λT + 2(λT/2)²c²; without busyness N is Poisson, Var N = λT. Each expected variance must lie
/// inside the 99.9 % chi-square interval of the sample variance over 400 replications. The
/// counts are not normal, so the interval takes Satterthwaite's effective degrees of freedom
/// ν = 2 / (2/(n − 1) + γ₂/n), from Var S² = σ⁴(2/(n − 1) + γ₂/n) with γ₂ the mixture's exact
/// excess kurtosis (ν = n − 1 for normal data).
@Suite struct BusynessSimulationTests {
    static let replications = 400
    static let expectedCount = 96.0

    static func arrivalCounts(_ busyness: String) throws -> [Double] {
        let scenario = try ScenarioLoader.load(yaml: """
            name: busyness
            seed: 5
            replications: \(replications)
            duration: 2d
            drain_limit: 1h
            \(busyness)
            queues:
              - {id: chat, strategy: longest_idle}
            agents:
              - {group: team, count: 3, queues: [chat]}
            customers:
              - {id: web, channel: live_chat, queue: chat, arrivals: {rate_per_hour: 2},
                 handle_time: {dist: constant, value: 1m}}
            """, file: "busyness.yaml")
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: replications, jobs: 2))
        return summary.perReplication.map { $0[0][.arrivals]! }
    }

    /// Variance and fourth cumulant of a sum of independent negative binomial counts, each with
    /// the given mean and gamma mixing of coefficient of variation `cv` (Poisson when `cv` is 0).
    static func moments(parts: Int, mean: Double, cv: Double) -> (variance: Double, fourthCumulant: Double) {
        let m = mean / Double(parts)
        guard cv > 0 else { return (Double(parts) * m, Double(parts) * m) }
        let r = 1 / (cv * cv), p = r / (r + m)
        let variance = m + m * m / r
        let kurtosis = 6 / r + p * p / (r * (1 - p))
        return (Double(parts) * variance, Double(parts) * kurtosis * variance * variance)
    }

    /// The 99.9 % interval of the variance from `counts`, whose excess kurtosis is `kurtosis`.
    static func varianceInterval(_ counts: [Double], kurtosis: Double) -> ClosedRange<Double> {
        let n = Double(counts.count)
        let mean = counts.reduce(0, +) / n
        let s2 = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let nu = 2 / (2 / (n - 1) + kurtosis / n)
        return (nu * s2 / ChiSquare.quantile(probability: 0.9995, degreesOfFreedom: nu))
            ... (nu * s2 / ChiSquare.quantile(probability: 0.0005, degreesOfFreedom: nu))
    }

    @Test(arguments: [("", 1, 0.0), ("busyness: {cv: 0.5}", 1, 0.5), ("busyness: {cv: 0.5, per: day}", 2, 0.5)])
    func theArrivalVarianceIsThatOfAPoissonMixture(busyness: String, parts: Int, cv: Double) throws {
        let counts = try Self.arrivalCounts(busyness)
        let (variance, fourth) = Self.moments(parts: parts, mean: Self.expectedCount, cv: cv)
        let interval = Self.varianceInterval(counts, kurtosis: fourth / (variance * variance))
        #expect(interval.contains(variance), "\(busyness): variance \(variance) outside \(interval)")
        // The three expected variances (96, 1248, 2400) are far apart: each interval holds its own only.
        for other in [Self.moments(parts: 1, mean: 96, cv: 0), Self.moments(parts: 2, mean: 96, cv: 0.5),
                      Self.moments(parts: 1, mean: 96, cv: 0.5)].map(\.variance) where other != variance {
            #expect(!interval.contains(other), "\(busyness): \(interval) also holds \(other)")
        }
        // The multiplier has mean 1: the mean count stays λT (99.9 % t interval).
        let summary = ReplicationSummary(counts, confidence: 0.999)
        #expect(summary.contains(Self.expectedCount), "\(busyness): mean \(summary.mean ?? 0) ± \(summary.halfWidth ?? 0)")
    }

    /// The `planner-days` example draws one multiplier per day (cv 0.2) on a profile of 536 chats a
    /// day over 3 days: its arrival variance is that of three mixed days, 1608 + 3 · 536² · 0.2²,
    /// more than twenty times the Poisson variance of the same forecast. Its retrials come on top:
    /// some customers who abandoned come back, so fewer are lost than abandon.
    @Test func thePlannerExampleSpreadsItsDailyVolumes() throws {
        let scenario = try ScenarioLoader.load(contentsOf: SimulatorModelTests.examplePath("planner-days.yaml"))
        #expect(scenario.busyness == BusynessSpec(cv: 0.2, per: .day))
        let model = try CompiledScenario(scenario)
        let summary = RunSummary(model: model, results: Simulation.run(model, replications: scenario.replications, jobs: 2))
        // First contacts: the example's customers who give up also try again (`retrial`).
        let counts = summary.perReplication.map { $0[0][.arrivals]! - $0[0][.retrials]! }
        #expect(summary.perReplication.allSatisfy { $0[0][.retrials]! > 0 && $0[0][.customersLost]! < $0[0][.abandoned]! })
        let (variance, fourth) = Self.moments(parts: 3, mean: 3 * 536, cv: 0.2)
        let interval = Self.varianceInterval(counts, kurtosis: fourth / (variance * variance))
        #expect(interval.contains(variance), "variance \(variance) outside \(interval)")
        #expect(!interval.contains(3 * 536), "\(interval) holds the Poisson variance")
    }
}
