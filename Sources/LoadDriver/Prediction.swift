// SPDX-License-Identifier: GPL-3.0-or-later

import ContactCenter
import ParleyTime
import RoutingCore
import Scenarios
import Statistics

/// The simulator's prediction for the window a drive played, beside what the drive observed (SPEC §8).
///
/// The simulator runs the scenario over the same simulated span as the drive (its warm-up, then
/// the rest of the drive as the measured window), with the scenario's replications. For each of
/// service level, ASA and abandon rate it gives the mean with its 95 % confidence interval, and
/// the 99.9 % *prediction* interval for one more replication, mean ± t(0.9995, n−1) · s · √(1 + 1/n):
/// a drive plays one realisation of the scenario, so it is that interval, not the (much narrower)
/// interval of the mean, that its observed value falls in when the service behaves as the engine.
/// The interval is clipped to the metric's range (waits from 0, rates within 0…1).
public struct Prediction: Sendable, Equatable {
    /// One metric: observed and predicted.
    public struct Figure: Sendable, Equatable {
        /// `service_level`, `asa_s` or `abandon_rate` (SPEC §4's names).
        public var metric: String
        /// The drive's value over its measured chats; nil when it had none.
        public var observed: Double?
        /// The mean over replications and its 95 % half-width (nil with fewer than two values).
        public var mean: Double?
        public var halfWidth95: Double?
        /// The 99.9 % prediction interval for one run.
        public var low: Double?
        public var high: Double?

        /// Whether the observed value lies in the 99.9 % interval (nil: either is undefined).
        public var inside: Bool? {
            guard let observed, let low, let high else { return nil }
            return observed >= low && observed <= high
        }
    }

    /// Replications the simulator ran.
    public var replications: Int
    /// Where the measured window starts and ends, in simulated seconds from the drive's start.
    public var windowStart: Double
    public var windowEnd: Double
    public var figures: [Figure]

    public init(replications: Int, windowStart: Double, windowEnd: Double, figures: [Figure]) {
        self.replications = replications
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.figures = figures
    }

    /// The metrics compared, in report order.
    static let metrics: [Metric] = [.serviceLevel, .asaSeconds, .abandonRate]

    /// The measured window of a drive that plays `played` of `scenario`: after the warm-up, when
    /// the drive is longer than it; else the whole drive.
    static func window(of scenario: Scenario, played: SimDuration) -> (warmup: SimDuration, duration: SimDuration) {
        scenario.warmup < played ? (scenario.warmup, SimDuration(microseconds: played.microseconds - scenario.warmup.microseconds)) : (.zero, played)
    }

    /// Runs the simulator over the drive's span and puts its figures beside `observed` (by metric name).
    public static func simulate(_ model: CompiledScenario, played: SimDuration, replications: Int, jobs: Int,
                         observed: [String: Double?]) throws(EngineError) -> Prediction {
        var scenario = model.scenario
        (scenario.warmup, scenario.duration) = window(of: scenario, played: played)
        scenario.replications = replications
        let span = try CompiledScenario(scenario)
        let results = Simulation.run(span, replications: replications, jobs: jobs)
        let summary = RunSummary(model: span, results: results)
        let overall = summary.perReplication.map { $0.first { $0.scope == .overall }! }
        let figures = metrics.map { metric -> Figure in
            let values = overall.map { $0[metric] }
            let mean = ReplicationSummary(values, confidence: 0.95)
            let wide = ReplicationSummary(values, confidence: 0.999)
            // The half-width of the mean times √n, times √(1 + 1/n): the interval for one more value.
            let half = wide.halfWidth.map { $0 * Double(wide.count + 1).squareRoot() }
            // Clipped to the metric's range: a wait is never negative, a rate never above 1.
            let ceiling = metric == .asaSeconds ? Double.infinity : 1
            return Figure(metric: metric.rawValue, observed: observed[metric.rawValue] ?? nil, mean: mean.mean,
                          halfWidth95: mean.halfWidth, low: both(mean.mean, half).map { max(0, $0 - $1) },
                          high: both(mean.mean, half).map { min(ceiling, $0 + $1) })
        }
        return Prediction(replications: replications, windowStart: scenario.warmup.seconds,
                          windowEnd: (scenario.warmup + scenario.duration).seconds, figures: figures)
    }
}

private func both(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
