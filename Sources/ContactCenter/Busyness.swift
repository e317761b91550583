// SPDX-License-Identifier: GPL-3.0-or-later

import Scenarios
import Statistics

/// One replication's arrival-rate multipliers (SPEC §3.3 `busyness`): forecast uncertainty.
///
/// Each multiplier is gamma with mean 1 and the scenario's coefficient of variation, drawn from
/// the replication's own `busyness` sub-stream, so every other draw of the run is the one it
/// would be without the key. Per replication there is one multiplier; per day, one for each
/// 24 hours from the local midnight at or before the run's first instant (days counted as
/// profiles count them) up to the drain end, drawn in day order.
struct Busyness {
    /// The multiplier of each span, from the span starting at `origin`.
    let factors: [Double]
    /// The length of a span in microseconds (nil: one span for the whole run).
    let span: Int64?
    /// Where the first span starts, in simulated microseconds.
    let origin: Int64

    static let day: Int64 = 86_400_000_000

    /// Draws the multipliers of replication `index` of `model`, or returns nil when the scenario has no `busyness`.
    init?(model: CompiledScenario, replication index: Int) {
        guard let spec = model.scenario.busyness else { return nil }
        let stream = RandomStream(seed: model.scenario.seed, replication: index, name: "busyness")
        let gamma = Distribution.gamma(mean: 1, sd: spec.cv)
        switch spec.per {
        case .replication:
            factors = [gamma.sample(stream)]
            span = nil
            origin = 0
        case .day:
            // The local midnight at or before 0: weekOrigin is a local Monday 00:00.
            var first = model.weekOrigin % Self.day
            if first > 0 { first -= Self.day }
            let days = Int((model.drainEnd.microseconds - first) / Self.day) + 1
            factors = (0..<days).map { _ in gamma.sample(stream) }
            span = Self.day
            origin = first
        }
    }

    /// The multiplier at `time` and the end of the span it holds for (`Int64.max`: the run's end).
    ///
    /// - Complexity: O(1).
    func factor(at time: Int64) -> (factor: Double, until: Int64) {
        guard let span else { return (factors[0], .max) }
        let i = min(max(Int((time - origin) / span), 0), factors.count - 1)
        return (factors[i], i == factors.count - 1 ? .max : origin + Int64(i + 1) * span)
    }
}
